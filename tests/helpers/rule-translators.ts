import { readFileSync } from "node:fs";
import { createTranslator } from "next-intl";
import type { RuleTranslators, Translate } from "@/lib/rule-text";

export function messagesOf(locale: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`messages/${locale}/${file}.json`, "utf8")) as Record<string, unknown>;
}

/** lib/rule-text's translators over the real message files, as the app builds them. */
export function ruleTranslators(locale: string): RuleTranslators {
  const all = { rules: messagesOf(locale, "rules"), figures: messagesOf(locale, "figures"), activities: messagesOf(locale, "app").activities };
  const of = (namespace: "rules" | "figures" | "activities"): Translate => {
    const t = createTranslator({ locale, messages: all, namespace });
    const translate = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
    return Object.assign(translate, { has: (key: string) => t.has(key as never) });
  };
  return { rules: of("rules"), figures: of("figures"), activities: of("activities"), locale };
}
