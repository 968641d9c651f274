import { ArrowLeft, Download, X } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { BudgetTable } from "@/components/budget-table";
import { getFormatters } from "@/components/format-server";
import { FindingStatusBadge } from "@/components/findings/finding-thread";
import { RiskBadge } from "@/components/na/flag-list";
import { NewFindingForm } from "@/components/na/new-finding-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orNotFound, serverCaller } from "@/server/api/rsc";
import { GRANT_LINES } from "@/server/rules";
import { COMPLIANCE_FLAGS, type TComplianceFlag } from "@/server/schemas/na";
import { rateTableFigureText } from "@/lib/rule-text";
import { figureValueText } from "../../_components/figure-value";

type Params = Promise<{ projectId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { projectId } = await params;
  try {
    return { title: (await (await serverCaller()).na.project({ projectId })).project.projectNumber };
  } catch {
    return {};
  }
}

const isFlag = (value: unknown): value is TComplianceFlag => typeof value === "string" && (COMPLIANCE_FLAGS as readonly string[]).includes(value);

export default async function OfficerProjectPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { projectId } = await params;
  const flagParam = (await searchParams).flag;
  const flag = isFlag(flagParam) ? flagParam : undefined;
  const caller = await serverCaller();
  const view = await orNotFound(caller.na.project({ projectId }));
  const drill = flag ? await caller.na.flagMobilities({ projectId, flag }) : null;
  const t = await getTranslations("na.project");
  const tFlags = await getTranslations("na.flags");
  const tDetails = await getTranslations("na.flagDetails");
  const tCat = await getTranslations("budgetCategories");
  const tStatus = await getTranslations("projectStatus");
  const tMStatus = await getTranslations("mobilityStatus");
  const tAct = await getTranslations("activities");
  const tPortfolio = await getTranslations("na.portfolio");
  const fmt = await getFormatters();
  const format = await getFormatter();
  const tRates = await getTranslations("na.rates");
  const [rules, figures, activities, locale] = await Promise.all([getTranslations("rules"), getTranslations("figures"), getTranslations("activities"), getLocale()]);
  const translators = { rules, figures, activities, locale };
  const figureFormat = { money: fmt.money, number: (n: number) => format.number(n), t: (key: string, values: Record<string, number>) => tRates(key, values) };
  const { project, school, portfolio, budget } = view;
  const d = portfolio.details;
  const raised = COMPLIANCE_FLAGS.filter((f) => portfolio.flags[f]);
  const detail = (f: TComplianceFlag) => {
    switch (f) {
      case "durationOutOfLimits":
        return tDetails(f, { count: d.durationOutOfLimits });
      case "ka122CapExceeded":
        return tDetails(f, { used: d.participantsUsed ?? 0, cap: d.participantCap ?? 0 });
      case "overAward":
        return tDetails(f, { categories: d.overCategories.map((c) => tCat(c)).join(", ") });
      case "missingEvidence":
        return tDetails(f, { count: d.missingEvidence });
      case "overlappingMobilities":
        return tDetails(f, { count: d.overlappingMobilities });
      case "finalReportOverdue":
        return tDetails(f, { date: fmt.date(d.finalReportDue) });
      case "fewerOpportunityTargetOff":
        return tDetails(f, { actual: d.fewerOpportunityParticipants, target: d.targetFewerOpportunityParticipants ?? 0, elapsed: d.elapsedPercent });
      case "greenTravelTargetOff":
        return tDetails(f, { percent: d.greenTravelPercent ?? 0, target: d.targetGreenTravelPercent ?? 0 });
    }
  };
  const lines = GRANT_LINES.filter((line) => budget.awarded[line] > 0 || budget.committed[line] > 0);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Link href="/na" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">{project.action}-SCH</Badge>
            <Badge variant="secondary">{tStatus(project.status)}</Badge>
            <RiskBadge risk={portfolio.risk} />
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.title}</h1>
          <p className="font-mono text-sm text-muted-foreground">{project.projectNumber}</p>
          <p className="text-sm">
            {t("school")}: <Link href={`/na?school=${school.id}`} className="font-medium hover:underline">{school.name}</Link>, {school.town}
          </p>
          <p className="text-sm text-muted-foreground">
            {t("period", { start: fmt.date(project.startDate), end: fmt.date(project.endDate), year: project.callYear })}
          </p>
          <p className="text-xs text-muted-foreground" data-testid="rate-set">
            {view.rateSet ? t("rateSet", { na: school.naCode, version: view.rateSet.version }) : t("rateSetShipped")}
          </p>
        </div>
        <Button variant="outline" asChild>
          <a href={`/api/na/audit-report?school=${school.id}`}>
            <Download className="size-4" aria-hidden />
            {tPortfolio("downloadSchool")}
          </a>
        </Button>
      </div>
      <Alert>
        <AlertDescription>{t("readOnly")}</AlertDescription>
      </Alert>

      {view.agreement && (
        <Card data-testid="agreement-differences">
          <CardHeader>
            <CardTitle>{t("agreementTitle")}</CardTitle>
            <CardDescription>
              {view.agreement.differences.length === 0
                ? t("agreementSame", { version: view.agreement.version })
                : t("agreementDescription", { version: view.agreement.version, source: view.agreement.source ?? "—" })}
            </CardDescription>
          </CardHeader>
          {view.agreement.differences.length > 0 && (
            <CardContent className="p-0">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{tRates("figure")}</TableHead>
                    <TableHead className="text-right">{t("agreementValue")}</TableHead>
                    <TableHead className="text-right">{t("naValue")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {view.agreement.differences.map((d) => (
                    <TableRow key={`${d.section}.${d.path.join(".")}`} data-figure={`${d.section}.${d.path.join(".")}`}>
                      <TableCell className="text-sm">{rateTableFigureText(d.section, d.path, translators)}</TableCell>
                      <TableCell className="whitespace-nowrap text-right font-medium tabular-nums">{figureValueText(d.agreement, d.unit, figureFormat)}</TableCell>
                      <TableCell className="whitespace-nowrap text-right tabular-nums">
                        {d.na === null ? t("naNone") : figureValueText(d.na, d.unit, figureFormat)}
                        {d.naOrigin && <span className="block text-xs text-muted-foreground">{t(`naOrigin.${d.naOrigin}`)}</span>}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          )}
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>{t("flagsTitle")}</CardTitle>
          {raised.length === 0 && <CardDescription>{t("noFlags")}</CardDescription>}
        </CardHeader>
        {raised.length > 0 && (
          <CardContent>
            <ul className="grid gap-2" data-testid="project-flags">
              {raised.map((f) => (
                <li key={f} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3" data-flag={f}>
                  <div className="grid gap-0.5">
                    <span className="font-medium">{tFlags(f)}</span>
                    <span className="text-sm text-muted-foreground">{detail(f)}</span>
                  </div>
                  <Button variant={flag === f ? "secondary" : "outline"} size="sm" asChild>
                    <Link href={`/na/projects/${project.id}?flag=${f}#drill-down`} scroll={false}>{t("showMobilities")}</Link>
                  </Button>
                </li>
              ))}
            </ul>
          </CardContent>
        )}
      </Card>

      {flag && drill && (
        <Card id="drill-down" data-testid="drill-down">
          <CardHeader className="flex flex-row items-start justify-between gap-2">
            <CardTitle>{t("drillTitle", { flag: tFlags(flag) })}</CardTitle>
            <Button variant="ghost" size="icon" asChild>
              <Link href={`/na/projects/${project.id}`} aria-label={t("closeDrill")} scroll={false}>
                <X className="size-4" />
              </Link>
            </Button>
          </CardHeader>
          <CardContent className="p-0">
            {drill.length === 0 ? (
              <p className="px-6 pb-6 text-sm text-muted-foreground">{t("drillEmpty")}</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("participant")}</TableHead>
                    <TableHead>{t("dates")}</TableHead>
                    <TableHead className="hidden md:table-cell">{t("status")}</TableHead>
                    <TableHead className="text-right">{t("grant")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {drill.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        <Link href={`/na/projects/${project.id}/mobilities/${m.id}`} className="grid hover:underline">
                          <span className="font-medium">{m.participantName ?? t("anonymous")}</span>
                          <span className="text-xs text-muted-foreground">{tAct(m.activityType)}</span>
                        </Link>
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-sm">
                        {fmt.date(m.startDate)} – {fmt.date(m.endDate)}
                        <span className="block text-xs text-muted-foreground">
                          {t("days", { count: m.days })}
                          {flag === "durationOutOfLimits" && m.minDays !== null && m.maxDays !== null ? ` · ${t("limits", { min: m.minDays, max: m.maxDays })}` : ""}
                        </span>
                      </TableCell>
                      <TableCell className="hidden md:table-cell">
                        <Badge variant="secondary">{tMStatus(m.status)}</Badge>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{fmt.money(m.grantTotalCents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>{t("budgetTitle")}</CardTitle>
          <CardDescription>{t("budgetDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="p-0">
          <BudgetTable
            rows={lines.map((line) => ({ line, awardedCents: budget.awarded[line], committedCents: budget.committed[line], realisedCents: budget.realised[line] }))}
            total={{ awardedCents: project.awardedTotalCents, committedCents: portfolio.committedTotalCents, realisedCents: portfolio.realisedTotalCents, committedIncomplete: portfolio.committedIncomplete }}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("mobilitiesTitle")}</CardTitle>
          {view.mobilities.length === 0 && <CardDescription>{t("noMobilities")}</CardDescription>}
        </CardHeader>
        {view.mobilities.length > 0 && (
          <CardContent className="p-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("participant")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("dates")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("destination")}</TableHead>
                  <TableHead className="text-right">{t("grant")}</TableHead>
                  <TableHead>{t("evidence")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.mobilities.map((m) => (
                  <TableRow key={m.id} data-testid="officer-mobility-row">
                    <TableCell>
                      <Link href={`/na/projects/${project.id}/mobilities/${m.id}`} className="grid hover:underline">
                        <span className="font-medium">{m.participantName ?? t("anonymous")}</span>
                        <span className="text-xs text-muted-foreground">{tAct(m.activityType)} · {tMStatus(m.status)}</span>
                      </Link>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-sm md:table-cell">{fmt.date(m.startDate)} – {fmt.date(m.endDate)}</TableCell>
                    <TableCell className="hidden text-sm lg:table-cell">{m.destinationTown}, {m.destinationCountry}</TableCell>
                    <TableCell className="text-right">
                      <span className="tabular-nums" data-testid="mobility-grant">{fmt.money(m.grantTotalCents)}</span>
                      {!m.grantEligible && <Badge variant="destructive" className="ml-2">{t("notEligible")}</Badge>}
                      {m.grantIssues.length > 0 && <span className="block text-xs text-muted-foreground">{t("issues", { count: m.grantIssues.length })}</span>}
                    </TableCell>
                    <TableCell>
                      {m.missingRequired === 0 ? (
                        <Badge variant="success">{t("evidenceComplete")}</Badge>
                      ) : (
                        <Badge variant={m.missingEvidence > 0 ? "destructive" : "outline"}>{t("evidenceMissing", { count: m.missingRequired })}</Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        )}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("findingsTitle")}</CardTitle>
          {view.findings.length === 0 && <CardDescription>{t("noFindings")}</CardDescription>}
        </CardHeader>
        {view.findings.length > 0 && (
          <CardContent>
            <ul className="grid gap-2">
              {view.findings.map((finding) => (
                <li key={finding.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3">
                  <Link href={`/na/findings/${finding.id}`} className="font-medium hover:underline">{finding.title}</Link>
                  <FindingStatusBadge status={finding.status} />
                </li>
              ))}
            </ul>
          </CardContent>
        )}
      </Card>

      <NewFindingForm
        projectId={project.id}
        mobilities={view.mobilities.map((m) => ({ id: m.id, activityType: m.activityType, startDate: m.startDate, endDate: m.endDate, participantName: m.participantName }))}
        {...(drill && drill.length === 1 && drill[0] ? { defaultMobilityId: drill[0].id } : {})}
      />
    </div>
  );
}
