"use client";

import { AlertTriangle, Info, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRuleText } from "@/components/i18n/use-rule-text";
import { useFormatEuro, useFormatMoney } from "@/components/format";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Separator } from "@/components/ui/separator";
import { GRANT_LINES, type GrantLine } from "@/server/rules/grant-lines";
import type { FigureSource, GrantIssue } from "@/server/rules/types";
import { FigureSourceList, LineOrigins } from "./figure-sources";

export type { GrantIssue };

export interface GrantView {
  eligible: boolean;
  linesCents: Record<GrantLine, number>;
  /** Lines a missing figure left unknown: named as missing, and the total is "at least". */
  unknownLines?: readonly GrantLine[];
  totalCents: number;
  issues: GrantIssue[];
  /** The figures behind each line and where they came from (agreement, NA, default); absent: not known. */
  sources?: readonly FigureSource[];
  details?: {
    activityDays: number | null;
    fundedDays: number | null;
    distanceKm: number | null;
    distanceBand: string | null;
    countryGroup: number | null;
    dailyRate: number | null;
    reducedDailyRate: number | null;
    distanceSource?: "official" | "calculated";
  };
  participantCount?: number;
  participantCap?: number | null;
}

/** Translates an engine issue (code + params) in human words (lib/rule-text). */
export function useRuleMessage(): (issue: Pick<GrantIssue, "code" | "params">) => string {
  return useRuleText();
}

/** The engine's grant for one mobility: every line, the total, and what the engine says about it. */
export function GrantPanel({ grant, pending, title }: { grant: GrantView | null; pending?: boolean; title?: string }) {
  const t = useTranslations("rules");
  const tGrant = useTranslations("grant");
  const money = useFormatMoney();
  const euro = useFormatEuro();
  const message = useRuleMessage();
  const errors = grant?.issues.filter((i) => i.severity === "error") ?? [];
  const warnings = grant?.issues.filter((i) => i.severity === "warning") ?? [];
  const missing = grant?.issues.filter((i) => i.severity === "missing") ?? [];
  const unknown = new Set(grant?.unknownLines ?? []);
  const d = grant?.details;
  const sources = grant?.sources ?? [];
  const shownLines = grant
    ? GRANT_LINES.filter((line) => grant.linesCents[line] !== 0 || unknown.has(line) || line === "travel" || line === "individualSupport")
    : [];

  return (
    <Card data-testid="grant-panel" aria-live="polite">
      <CardHeader>
        <CardTitle className="flex items-center justify-between gap-2">
          {title ?? tGrant("title")}
          {pending && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={tGrant("updating")} />}
        </CardTitle>
        <CardDescription>{tGrant("source")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {!grant ? (
          <p className="text-muted-foreground">{tGrant("incomplete")}</p>
        ) : (
          <>
            <dl className="grid gap-1.5">
              {shownLines.map((line) => (
                <div key={line} className="flex justify-between gap-3">
                  <dt className="grid gap-0.5 text-muted-foreground">
                    {t(`line_${line}`)}
                    {sources.length > 0 && !unknown.has(line) && <LineOrigins sources={sources} line={line} testId={`grant-origin-${line}`} />}
                  </dt>
                  {unknown.has(line) ? (
                    <dd className="font-medium text-amber-700 dark:text-amber-400" data-testid={`grant-${line}`}>{tGrant("rateMissing")}</dd>
                  ) : (
                    <dd className="tabular-nums" data-testid={`grant-${line}`}>{money(grant.linesCents[line])}</dd>
                  )}
                </div>
              ))}
              <Separator className="my-1" />
              <div className="flex justify-between gap-3 text-base font-semibold">
                <dt>{t("line_total")}</dt>
                <dd className="tabular-nums" data-testid="grant-total">
                  {unknown.size > 0 && grant.eligible ? tGrant("atLeast", { amount: money(grant.totalCents) }) : money(grant.totalCents)}
                </dd>
              </div>
            </dl>
            {grant.eligible && <FigureSourceList sources={sources} lines={shownLines.filter((line) => grant.linesCents[line] !== 0)} />}
            {!grant.eligible && <Badge variant="destructive">{tGrant("notEligible")}</Badge>}
            {grant.eligible && unknown.size > 0 && (
              <Alert role="status" data-testid="grant-incomplete">
                <Info className="size-4" aria-hidden />
                <AlertDescription>
                  {tGrant("incompleteNote", { lines: [...unknown].map((line) => t(`line_${line}`)).join(", ") })}
                  {missing.map((issue, index) => (
                    <span key={`m${index}`} className="block text-xs text-muted-foreground">{message(issue)}</span>
                  ))}
                </AlertDescription>
              </Alert>
            )}
            {d && (
              <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs text-muted-foreground">
                {d.distanceKm !== null && (
                  <>
                    <dt>{t("detail_distanceKm")}</dt>
                    <dd className="text-right tabular-nums" data-testid="grant-km">
                      {d.distanceKm} km{d.distanceSource ? ` · ${tGrant(`distance.${d.distanceSource}`)}` : ""}
                    </dd>
                  </>
                )}
                {d.distanceBand && (<><dt>{t("detail_distanceBand")}</dt><dd className="text-right">{d.distanceBand} km</dd></>)}
                {d.countryGroup !== null && (<><dt>{t("detail_countryGroup")}</dt><dd className="text-right">{d.countryGroup}</dd></>)}
                {d.activityDays !== null && (<><dt>{t("detail_activityDays")}</dt><dd className="text-right tabular-nums">{d.activityDays}</dd></>)}
                {d.fundedDays !== null && (<><dt>{t("detail_fundedDays")}</dt><dd className="text-right tabular-nums">{d.fundedDays}</dd></>)}
                {d.dailyRate !== null && (<><dt>{t("detail_dailyRate")}</dt><dd className="text-right tabular-nums">{euro(d.dailyRate)}</dd></>)}
              </dl>
            )}
            {grant.participantCap !== null && grant.participantCap !== undefined && grant.participantCount !== undefined && (
              <p className="text-xs text-muted-foreground">
                {tGrant("places", { count: grant.participantCount, cap: grant.participantCap })}
              </p>
            )}
            {errors.map((issue, index) => (
              <Alert key={`e${index}`} variant="destructive" role="status">
                <AlertTriangle className="size-4" aria-hidden />
                <AlertDescription>{message(issue)}</AlertDescription>
              </Alert>
            ))}
            {warnings.map((issue, index) => (
              <p key={`w${index}`} className="flex gap-2 text-xs text-muted-foreground">
                <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                <span>{message(issue)}</span>
              </p>
            ))}
          </>
        )}
      </CardContent>
    </Card>
  );
}
