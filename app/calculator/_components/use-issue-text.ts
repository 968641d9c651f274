"use client";

import { useTranslations } from "next-intl";
import type { IssueParams, RuleIssue } from "@/server/rules/types";

const YEAR_PARAMS = ["callYear", "fromYear", "toYear"] as const;

/**
 * Translates an engine issue (code + params) through the `rules` namespace. Params that are codes
 * themselves are made readable first: an activity code becomes its name, a rate key (e.g.
 * `organisationalSupport.step`) the name of its category, with the key kept for an NA officer.
 */
export function useIssueText() {
  const tRules = useTranslations("rules");
  const t = useTranslations("calculator.issues");

  function rateName(key: string): string {
    const [category = key, ...rest] = key.split(".");
    const nameKey = `rateNames.${category}`;
    if (!t.has(nameKey)) return key;
    const name = t(nameKey);
    return rest.length === 0 ? t("rateQuoted", { name }) : t("rateWithKey", { name, key });
  }

  function readableParams(params: IssueParams | undefined): Record<string, string | number> {
    const readable: Record<string, string | number> = { ...params };
    const activity = readable.activityType;
    if (typeof activity === "string" && tRules.has(`activity_${activity}`)) readable.activityType = tRules(`activity_${activity}`);
    if (typeof readable.rate === "string") readable.rate = rateName(readable.rate);
    // Years are labels, not quantities: as numbers, ICU would print "2,024".
    for (const year of YEAR_PARAMS) if (readable[year] !== undefined) readable[year] = String(readable[year]);
    return readable;
  }

  return (issue: RuleIssue): string => (tRules.has(issue.code) ? tRules(issue.code, readableParams(issue.params)) : issue.message);
}
