"use client";

import { AlertTriangle, CircleAlert, Info, Link2, Printer } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useFormatEuro, useFormatMoney } from "@/components/format";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { FigureSourceList, LineOrigins } from "@/components/mobilities/figure-sources";
import { cn } from "@/lib/utils";
import { GRANT_LINES, type MobilityEstimate } from "@/server/rules/types";
import type { TCalculatorInput } from "./calculator-state";
import { useIssueText } from "./use-issue-text";

interface Props {
  computed: TCalculatorInput;
  result: MobilityEstimate | undefined;
  /** A newer estimate is on its way (the one shown is for the previous input). */
  pending: boolean;
  failed: boolean;
  naCode: string;
  callYear: string;
}

export function ResultPanel({ computed, result, pending, failed, naCode, callYear }: Props) {
  const t = useTranslations("calculator");
  const tRules = useTranslations("rules");
  const tGrant = useTranslations("grant");
  const formatMoney = useFormatMoney();
  const issueText = useIssueText();
  const ready = computed.input !== null;
  const total = (estimate: MobilityEstimate) =>
    estimate.complete ? formatMoney(estimate.totalCents) : tGrant("atLeast", { amount: formatMoney(estimate.totalCents) });

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      toast.success(t("linkCopied"));
    } catch {
      window.prompt(t("copyLink"), window.location.href);
    }
  };

  const summary = !ready
    ? t("missing.title")
    : result === undefined
      ? t("result.calculating")
      : result.eligible
        ? total(result)
        : t("result.errorsTitle");

  return (
    <aside id="calculator-result" className="grid min-w-0 gap-3 lg:sticky lg:top-4 print:order-first" aria-labelledby="calculator-result-title">
      <Card className="gap-4">
        <CardHeader>
          <CardTitle id="calculator-result-title" className="text-lg">
            {t("result.title")}
          </CardTitle>
          <CardDescription>
            {[callYear, naCode].filter(Boolean).join(" · ")}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4" aria-live="polite" aria-busy={pending}>
          {!ready ? (
            <MissingHint computed={computed} />
          ) : failed ? (
            <Alert variant="destructive">
              <CircleAlert aria-hidden="true" />
              <AlertDescription>{t("result.failed")}</AlertDescription>
            </Alert>
          ) : result === undefined ? (
            <div className="grid gap-2" aria-label={t("result.calculating")}>
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-5 w-1/2" />
              <Skeleton className="h-8 w-full" />
            </div>
          ) : (
            <div className={cn("grid gap-4 transition-opacity", pending && "opacity-60")} data-testid="calculator-result">
              {result.errors.length > 0 ? (
                <Alert variant="destructive" data-testid="calculator-errors">
                  <CircleAlert aria-hidden="true" />
                  <AlertTitle>{t("result.errorsTitle")}</AlertTitle>
                  <AlertDescription>
                    <ul className="grid gap-1">
                      {result.errors.map((issue) => (
                        <li key={`${issue.code}-${issue.field ?? ""}`}>{issueText(issue)}</li>
                      ))}
                    </ul>
                  </AlertDescription>
                </Alert>
              ) : (
                <GrantLines result={result} />
              )}
              <Details result={result} distanceSource={computed.distanceSource} />
              <Warnings result={result} />
            </div>
          )}
        </CardContent>
      </Card>
      <div className="flex flex-wrap items-center gap-2 print:hidden">
        <Button type="button" variant="outline" size="sm" onClick={() => void copyLink()}>
          <Link2 aria-hidden="true" />
          {t("copyLink")}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => window.print()}>
          <Printer aria-hidden="true" />
          {t("print")}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{t("result.disclaimer")}</p>

      {/* On a phone the result is below the form: the total stays in view at the bottom. */}
      <div className="fixed inset-x-0 bottom-0 z-40 border-t bg-background/95 px-4 py-3 shadow-[0_-2px_8px_rgba(0,0,0,0.06)] backdrop-blur lg:hidden print:hidden">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3">
          <div className="grid min-w-0">
            <span className="text-xs text-muted-foreground">{tRules("line_total")}</span>
            <span className={cn("truncate font-semibold", result?.eligible && ready ? "text-lg tabular-nums" : "text-sm")} data-testid="sticky-total">
              {summary}
            </span>
          </div>
          <Button asChild variant="outline" size="sm">
            <a href="#calculator-result">{t("result.seeDetails")}</a>
          </Button>
        </div>
      </div>
    </aside>
  );
}

function MissingHint({ computed }: { computed: TCalculatorInput }) {
  const t = useTranslations("calculator");
  return (
    <div className="grid gap-2 rounded-lg bg-muted/60 p-4 text-sm" data-testid="calculator-hint">
      <p className="flex items-center gap-2 font-medium">
        <Info className="size-4 text-muted-foreground" aria-hidden="true" />
        {t("missing.title")}
      </p>
      {computed.missing.length > 0 ? (
        <>
          <p className="text-muted-foreground">{t("missing.intro")}</p>
          <ul className="list-disc pl-5 text-muted-foreground">
            {computed.missing.map((item) => (
              <li key={item}>{t(`missing.${item}`)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {computed.invalid.length > 0 ? <p className="text-muted-foreground">{t("fixFields")}</p> : null}
    </div>
  );
}

function GrantLines({ result }: { result: MobilityEstimate }) {
  const tRules = useTranslations("rules");
  const tGrant = useTranslations("grant");
  const formatMoney = useFormatMoney();
  const issueText = useIssueText();
  // Known lines with their amount; a line a missing rate leaves unknown is named, never shown as 0 €.
  const lines = GRANT_LINES.filter((line) => result.linesCents[line] !== 0 || result.unknownLines.includes(line));
  return (
    <>
      <dl className="grid gap-2 text-sm" data-testid="grant-lines">
        {lines.map((line) => (
          <div key={line} className="flex items-baseline justify-between gap-4">
            <dt className="grid gap-0.5 text-muted-foreground">
              {tRules(`line_${line}`)}
              {!result.unknownLines.includes(line) && <LineOrigins sources={result.sources} line={line} testId={`line-origin-${line}`} />}
            </dt>
            {result.unknownLines.includes(line) ? (
              <dd className="font-medium text-amber-700 dark:text-amber-400" data-testid={`line-${line}`}>
                {tGrant("rateMissing")}
              </dd>
            ) : (
              <dd className="font-medium tabular-nums" data-testid={`line-${line}`}>
                {formatMoney(result.linesCents[line])}
              </dd>
            )}
          </div>
        ))}
        <div className="mt-1 flex items-baseline justify-between gap-4 border-t pt-3">
          <dt className="font-semibold">{tRules("line_total")}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="calculator-total">
            {result.complete ? formatMoney(result.totalCents) : tGrant("atLeast", { amount: formatMoney(result.totalCents) })}
          </dd>
        </div>
        {!result.complete && (
          <div className="grid gap-1 rounded-md bg-amber-50 p-3 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="calculator-incomplete">
            <p>{tGrant("incompleteNote", { lines: result.unknownLines.map((line) => tRules(`line_${line}`)).join(", ") })}</p>
            {result.missing.map((issue) => (
              <p key={`${issue.code}-${issue.field ?? ""}`}>{issueText(issue)}</p>
            ))}
          </div>
        )}
      </dl>
      <FigureSourceList sources={result.sources} lines={lines.filter((line) => result.linesCents[line] !== 0)} />
    </>
  );
}

function Details({ result, distanceSource }: { result: MobilityEstimate; distanceSource: TCalculatorInput["distanceSource"] }) {
  const t = useTranslations("calculator.result");
  const tRules = useTranslations("rules");
  const format = useFormatter();
  const { details } = result;
  const euros = useFormatEuro();
  const rows: { key: string; value: string }[] = [];
  if (details.distanceKm !== null) {
    const source = distanceSource === "towns" ? t("distanceFromTowns") : t("distanceEntered");
    rows.push({ key: "distanceKm", value: `${format.number(details.distanceKm, { maximumFractionDigits: 2 })} km · ${source}` });
  }
  if (details.distanceBand !== null) rows.push({ key: "distanceBand", value: details.distanceBand.replace("-", "–") });
  if (details.countryGroup !== null) rows.push({ key: "countryGroup", value: t("groupValue", { group: details.countryGroup }) });
  if (details.fundedDays !== null && details.activityDays !== null && details.fundedTravelDays !== null) {
    rows.push({
      key: "fundedDays",
      value: t("fundedDaysValue", {
        funded: details.fundedDays,
        activityDays: details.activityDays,
        travelDays: details.fundedTravelDays,
      }),
    });
  }
  if (details.dailyRate !== null) rows.push({ key: "dailyRate", value: euros(details.dailyRate) });
  if (details.reducedDailyRate !== null) rows.push({ key: "reducedDailyRate", value: euros(details.reducedDailyRate) });
  if (details.fundedCourseDays > 0) rows.push({ key: "fundedCourseDays", value: format.number(details.fundedCourseDays) });
  if (rows.length === 0) return null;
  return (
    <section className="grid gap-2" aria-labelledby="calculator-details-title">
      <h3 id="calculator-details-title" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        {t("details")}
      </h3>
      <dl className="grid gap-1.5 text-sm">
        {rows.map((row) => (
          <div key={row.key} className="flex items-baseline justify-between gap-4">
            <dt className="text-muted-foreground">{tRules(`detail_${row.key}`)}</dt>
            <dd className="text-right tabular-nums" data-testid={`detail-${row.key}`}>
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Warnings({ result }: { result: MobilityEstimate }) {
  const t = useTranslations("calculator.result");
  const tRules = useTranslations("rules");
  const issueText = useIssueText();
  const warnings = result.warnings.filter((issue) => issue.code !== "FIGURE_UNCONFIRMED");
  const unconfirmed = result.warnings.filter((issue) => issue.code === "FIGURE_UNCONFIRMED");
  return (
    <>
      {warnings.length > 0 ? (
        <Alert variant="warning" role="status" data-testid="calculator-warnings">
          <AlertTriangle aria-hidden="true" />
          <AlertTitle>{t("warningsTitle")}</AlertTitle>
          <AlertDescription>
            <ul className="grid gap-1">
              {warnings.map((issue) => (
                <li key={`${issue.code}-${issue.field ?? ""}`}>{issueText(issue)}</li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}
      {unconfirmed.length > 0 ? (
        <details className="group text-xs text-muted-foreground" data-testid="calculator-unconfirmed">
          <summary className="flex cursor-pointer list-none items-center gap-2 [&::-webkit-details-marker]:hidden">
            <Badge variant="outline" className="font-mono" title={tRules("confidence_U")}>
              U
            </Badge>
            <span className="underline-offset-4 group-hover:underline">
              {t("unconfirmedTitle")} ({unconfirmed.length})
            </span>
          </summary>
          <div className="mt-2 grid gap-1.5 pl-1">
            <p>{t("confidence", { letter: "U", meaning: tRules("confidence_U") })}</p>
            <ul className="list-disc grid gap-1 pl-5">
              {unconfirmed.map((issue) => (
                <li key={String(issue.params?.rate)}>{issueText(issue)}</li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </>
  );
}
