import { AlertTriangle, ArrowLeft, CircleAlert, CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SpendChart } from "@/components/charts/spend-chart";
import { BudgetTable } from "@/components/budget-table";
import { getFormatters } from "@/components/format-server";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orNotFound, serverCaller } from "@/server/api/rsc";
import { cn } from "@/lib/utils";
import { warningValues } from "@/components/dashboard/warning-values";

type Params = Promise<{ orgId: string; projectId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgId, projectId } = await params;
  const t = await getTranslations("dashboard.project");
  try {
    const project = await (await serverCaller()).projects.get({ orgId, projectId });
    return { title: `${t("title")} · ${project.projectNumber}` };
  } catch {
    return { title: t("title") };
  }
}

const STATUSES = ["draft", "planned", "completed", "cancelled"] as const;

export default async function ProjectDashboardPage({ params }: { params: Params }) {
  const { orgId, projectId } = await params;
  const d = await orNotFound((await serverCaller()).dashboards.project({ orgId, projectId }));
  const t = await getTranslations("dashboard.project");
  const tWarn = await getTranslations("dashboard.warnings");
  const tStatus = await getTranslations("dashboard.status");
  const tProjectStatus = await getTranslations("projectStatus");
  const tCat = await getTranslations("budgetCategories");
  const fmt = await getFormatters();
  const category = (line: string) => tCat(line as Parameters<typeof tCat>[0]);
  const { budget, participants, time, targets } = d;
  const lines = budget.lines.filter((l) => l.awardedCents > 0 || l.committedCents > 0 || l.realisedCents > 0 || l.committedUnknown > 0);
  const pct = (value: number | null) => (value === null ? "—" : t("percentValue", { percent: value }));
  const usedPercent = budget.usedPercent ?? 0;

  // With a missing rate, committed and realised are lower bounds ("at least"), the remainder an upper one.
  const summary = [
    { key: "awarded", label: t("awarded"), cents: budget.total.awardedCents, hint: null, bound: null },
    { key: "committed", label: t("committed"), cents: budget.total.committedCents, hint: t("committedHint"), bound: budget.total.committedIncomplete > 0 ? "atLeast" : null },
    { key: "realised", label: t("realised"), cents: budget.total.realisedCents, hint: t("realisedHint"), bound: budget.total.realisedIncomplete > 0 ? "atLeast" : null },
    { key: "remaining", label: t("remaining"), cents: budget.total.remainingCents, hint: t("remainingHint"), bound: budget.total.committedIncomplete > 0 ? "atMost" : null },
  ] as const;

  const targetRows = [
    { key: "participants", label: t("targetParticipants"), target: targets.target.participants, committed: targets.committed.participants, realised: targets.realised.participants, show: (v: number | null) => (v === null ? "—" : String(v)) },
    {
      key: "fewerOpportunity", label: t("targetFewerOpportunity"), target: targets.target.fewerOpportunityParticipants,
      committed: targets.committed.fewerOpportunityParticipants, realised: targets.realised.fewerOpportunityParticipants,
      show: (v: number | null) => (v === null ? "—" : String(v)), special: true,
    },
    { key: "greenTravel", label: t("targetGreenTravel"), target: targets.target.greenTravelPercent, committed: targets.committed.greenTravelPercent, realised: targets.realised.greenTravelPercent, show: pct },
    {
      key: "averageDuration", label: t("targetAverageDuration"), target: targets.target.averageDurationDays,
      committed: targets.committed.averageDurationDays, realised: targets.realised.averageDurationDays,
      show: (v: number | null) => (v === null ? "—" : t("days", { days: v })),
    },
    { key: "accompanying", label: t("targetAccompanying"), target: targets.target.accompanyingPersons, committed: targets.committed.accompanyingPersons, realised: targets.realised.accompanyingPersons, show: (v: number | null) => (v === null ? "—" : String(v)) },
  ];

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6" data-testid="project-dashboard">
      <div className="grid gap-2">
        <div data-print="hide">
          <Button asChild variant="ghost" size="sm" className="-ml-2">
            <Link href={`/s/${orgId}/projects/${projectId}`}>
              <ArrowLeft className="size-4" aria-hidden />
              {t("back")}
            </Link>
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="outline">{d.project.action}-SCH</Badge>
          <Badge variant="secondary">{tProjectStatus(d.project.status)}</Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="font-medium">{d.project.title}</p>
        <p className="font-mono text-sm text-muted-foreground">{d.project.projectNumber}</p>
        <p className="text-sm text-muted-foreground">
          {t("period", { start: fmt.date(d.project.startDate), end: fmt.date(d.project.endDate), year: d.project.callYear })}
        </p>
      </div>

      <section aria-labelledby="warnings-title" className="grid gap-2" data-testid="dashboard-warnings">
        <h2 id="warnings-title" className="text-lg font-semibold">{t("warningsTitle")}</h2>
        {d.warnings.length === 0 ? (
          <Alert role="status">
            <CircleCheck className="text-success" aria-hidden />
            <AlertDescription>{t("noWarnings")}</AlertDescription>
          </Alert>
        ) : (
          d.warnings.map((w, i) => (
            <Alert key={`${w.code}-${i}`} role="note" variant={w.severity === "error" ? "destructive" : "warning"} data-code={w.code}>
              {w.severity === "error" ? <CircleAlert aria-hidden /> : <AlertTriangle aria-hidden />}
              <AlertDescription>{tWarn(w.code, warningValues(w, fmt, category))}</AlertDescription>
            </Alert>
          ))
        )}
      </section>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {summary.map((s) => (
          <Card key={s.key} className="gap-3">
            <CardHeader>
              <CardDescription>{s.label}</CardDescription>
              <CardTitle
                className={cn("text-2xl tabular-nums", s.key === "remaining" && s.cents < 0 && "text-destructive")}
                data-testid={`total-${s.key}`}
              >
                {s.bound ? t(s.bound, { amount: fmt.money(s.cents) }) : fmt.money(s.cents)}
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-xs text-muted-foreground">
              {s.key === "committed" && budget.usedPercent !== null && (
                <>
                  <Progress value={usedPercent} aria-label={s.label} variant={usedPercent > 100 ? "destructive" : usedPercent >= 90 ? "warning" : "default"} />
                  <span>{t("ofAwarded", { percent: budget.usedPercent })}</span>
                </>
              )}
              {s.hint && s.key !== "committed" && <span>{s.hint}</span>}
              {s.key === "committed" && <span>{s.hint}</span>}
            </CardContent>
          </Card>
        ))}
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card className="gap-3">
          <CardHeader>
            <CardDescription>{t("participants")}</CardDescription>
            <CardTitle className="text-2xl tabular-nums" data-testid="dashboard-participants">
              {participants.cap === null ? participants.used : t("usedOfCap", { used: participants.used, cap: participants.cap })}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-xs text-muted-foreground">
            {participants.cap === null ? (
              <span>{t("noCap")}</span>
            ) : (
              <>
                <Progress
                  value={participants.used}
                  max={participants.cap}
                  aria-label={t("participants")}
                  variant={participants.used >= participants.cap ? "destructive" : participants.used * 10 >= participants.cap * 9 ? "warning" : "default"}
                />
                <span>{t("capNote")}</span>
              </>
            )}
          </CardContent>
        </Card>
        <Card className="gap-3">
          <CardHeader>
            <CardDescription>{t("time")}</CardDescription>
            <CardTitle className="text-2xl tabular-nums">{t("percentValue", { percent: time.durationElapsedPercent })}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-xs text-muted-foreground">
            <Progress value={time.durationElapsedPercent} aria-label={t("elapsed", { percent: time.durationElapsedPercent })} />
            <span>{t("endsOn", { date: fmt.date(d.project.endDate) })}</span>
            <span>{t("finalReportDue", { date: fmt.date(time.finalReportDue) })}</span>
            <span>{t("finalReportSource")}</span>
          </CardContent>
        </Card>
        <Card className="gap-3">
          <CardHeader>
            <CardDescription>{t("mobilitiesTitle")}</CardDescription>
            <CardTitle className="text-2xl tabular-nums">{STATUSES.reduce((sum, s) => sum + d.counts[s], 0)}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm">
              {STATUSES.map((s) => (
                <div key={s} className="flex justify-between gap-2">
                  <dt className="text-muted-foreground">{tStatus(s)}</dt>
                  <dd className="tabular-nums" data-testid={`count-${s}`}>{d.counts[s]}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("budgetTitle")}</CardTitle>
          <CardDescription>{t("budgetDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <BudgetTable rows={lines} total={budget.total} />
          {budget.lumpSumCents > 0 && <p className="text-sm text-muted-foreground">{t("lumpSum", { amount: fmt.money(budget.lumpSumCents) })}</p>}
          <p className="text-xs text-muted-foreground">
            {d.transfers.limitPercent === null
              ? t("transferLimitUnknown", { year: d.project.callYear })
              : t(d.transfers.limitConfidence === "U" ? "transferLimitUnconfirmed" : "transferLimit", { percent: d.transfers.limitPercent, year: d.project.callYear })}
          </p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("chartTitle")}</CardTitle>
          <CardDescription>{t("chartDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {budget.total.committedCents === 0 ? (
            <p className="text-sm text-muted-foreground">{t("chartEmpty")}</p>
          ) : (
            <SpendChart months={d.months} labels={{ realised: t("chartRealised"), planned: t("chartPlanned"), cumulative: t("chartCumulative") }} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("targetsTitle")}</CardTitle>
          <CardDescription>{t("targetsDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Table data-testid="targets-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("indicator")}</TableHead>
                <TableHead className="text-right">{t("target")}</TableHead>
                <TableHead className="text-right">{t("committed")}</TableHead>
                <TableHead className="text-right">{t("realised")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {targetRows.map((row) => {
                const hidden = row.special && !targets.specialCategoryVisible;
                return (
                  <TableRow key={row.key} data-target={row.key}>
                    <TableCell className="font-medium">{row.label}</TableCell>
                    <TableCell className="text-right tabular-nums">{row.show(row.target)}</TableCell>
                    <TableCell className="text-right tabular-nums">{hidden ? t("specialCategoryHidden") : row.show(row.committed)}</TableCell>
                    <TableCell className="text-right tabular-nums">{hidden ? t("specialCategoryHidden") : row.show(row.realised)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {!targets.specialCategoryVisible && <p className="text-xs text-muted-foreground">{t("specialCategoryNote")}</p>}
        </CardContent>
      </Card>
    </div>
  );
}
