"use client";

import { useRuleText } from "@/components/i18n/use-rule-text";
import type { RuleIssue } from "@/server/rules/types";

/** Translates an engine issue in human words (lib/rule-text: the same text as every other screen). */
export function useIssueText(): (issue: RuleIssue) => string {
  return useRuleText();
}
