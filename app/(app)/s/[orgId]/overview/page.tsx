import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { serverCaller } from "@/server/api/rsc";
import { PrintButtons } from "./_components/print-button";
import { warningValues } from "@/components/dashboard/warning-values";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.overview");
  return { title: t("title") };
}

export default async function SchoolOverviewPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const overview = await (await serverCaller()).dashboards.schoolOverview({ orgId });
  const t = await getTranslations("dashboard.overview");
  const tRisk = await getTranslations("dashboard.overview.risk");
  const tProjectStatus = await getTranslations("projectStatus");
  const tCat = await getTranslations("budgetCategories");
  const fmt = await getFormatters();
  const category = (line: string) => tCat(line as Parameters<typeof tCat>[0]);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6" data-testid="school-overview">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("description")}</p>
          <p className="text-sm text-muted-foreground">{t("printedOn", { date: fmt.date(overview.today) })}</p>
        </div>
        <PrintButtons printLabel={t("print")} pdfLabel={t("downloadPdf")} pdfHint={t("pdfHint")} pdfHref={`/api/s/${orgId}/overview.pdf`} />
      </div>

      {overview.projects.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <Table data-testid="overview-table" className="print:text-xs">
          <TableHeader>
            <TableRow>
              <TableHead className="min-w-52">{t("project")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="min-w-44">{t("budgetUsed")}</TableHead>
              <TableHead className="min-w-32">{t("durationElapsed")}</TableHead>
              <TableHead className="text-right">{t("participants")}</TableHead>
              <TableHead className="min-w-44">{t("risks")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.projects.map((p) => {
              const used = p.budgetUsedPercent;
              return (
                <TableRow key={p.id} data-project={p.projectNumber} className="align-top">
                  <TableCell className="max-w-72 whitespace-normal">
                    <Link href={`/s/${orgId}/projects/${p.id}/dashboard`} className="font-medium underline-offset-4 hover:underline">
                      {p.title}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{p.projectNumber}</div>
                    <div className="text-xs text-muted-foreground">
                      {p.action}-SCH · {fmt.date(p.startDate)} – {fmt.date(p.endDate)}
                    </div>
                  </TableCell>
                  <TableCell>
                    <Badge variant="secondary">{tProjectStatus(p.status)}</Badge>
                  </TableCell>
                  <TableCell>
                    {used === null ? (
                      <span className="text-xs text-muted-foreground">{t("noAward")}</span>
                    ) : (
                      <div className="grid gap-1">
                        <span className="font-medium tabular-nums" data-testid="budget-used">{t("percent", { value: used })}</span>
                        <Progress value={used} aria-label={t("budgetUsed")} variant={used > 100 ? "destructive" : used >= 90 ? "warning" : "default"} />
                        <span className="text-xs text-muted-foreground tabular-nums">
                          {t("budgetUsedValue", {
          committed: p.committedIncomplete > 0 ? t("atLeast", { amount: fmt.money(p.committedCents) }) : fmt.money(p.committedCents),
          awarded: fmt.money(p.awardedCents),
        })}
                        </span>
                      </div>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="grid gap-1">
                      <span className="tabular-nums">{t("percent", { value: p.durationElapsedPercent })}</span>
                      <Progress value={p.durationElapsedPercent} aria-label={t("durationElapsed")} />
                    </div>
                  </TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="participants">
                    {p.participants.cap === null ? p.participants.used : `${p.participants.used} / ${p.participants.cap}`}
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    {p.warnings.length === 0 ? (
                      <span className="text-xs text-muted-foreground">{t("noRisks")}</span>
                    ) : (
                      <div className="flex flex-wrap gap-1">
                        {p.warnings.map((w, i) => (
                          <Badge key={`${w.code}-${i}`} variant={w.severity === "error" ? "destructive" : "warning"} data-code={w.code}>
                            {tRisk(w.code, warningValues(w, fmt, category))}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
