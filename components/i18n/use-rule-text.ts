"use client";

import { useLocale, useTranslations } from "next-intl";
import { ruleIssueText, type IssueLike, type RuleTranslators } from "@/lib/rule-text";

/** The translators lib/rule-text needs, from the page's messages. */
export function useRuleTranslators(): RuleTranslators {
  const rules = useTranslations("rules");
  const figures = useTranslations("figures");
  const activities = useTranslations("activities");
  const locale = useLocale();
  return { rules, figures, activities, locale };
}

/** An engine issue (code + params) in human words: `(issue) => sentence`. */
export function useRuleText(): (issue: IssueLike) => string {
  const translators = useRuleTranslators();
  return (issue) => ruleIssueText(issue, translators);
}
