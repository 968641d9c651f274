/**
 * The engine's own English sentences (`RuleIssue.message`, part of its public output) in the same
 * words as every screen: lib/rule-text names figures, activities and countries from the English
 * message files, so no key such as `individualSupport.SI01.staff.group2` or `SM-COUR-TRAIN` reaches
 * the text. Clients still translate from `code` + `params` (messages/{en,sl}/rules.json).
 */
import activitiesEn from "@/messages/en/app.json";
import figuresEn from "@/messages/en/figures.json";
import { readableParams, type RuleTranslators, type Translate } from "@/lib/rule-text";
import type { IssueParams } from "./types";

/** Fills `{name}` placeholders; a placeholder without a param stays visible rather than vanishing. */
export function formatMessage(template: string, params: IssueParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

function translator(messages: Readonly<Record<string, unknown>>): Translate {
  const text = (key: string) => {
    const value = messages[key];
    return typeof value === "string" ? value : undefined;
  };
  const translate = (key: string, values?: Record<string, string | number>) => formatMessage(text(key) ?? key, values);
  return Object.assign(translate, { has: (key: string) => text(key) !== undefined });
}

const ENGLISH: RuleTranslators = {
  // Only figure and activity names are needed: the sentence templates are RULE_MESSAGES_EN.
  rules: translator({}),
  figures: translator(figuresEn),
  activities: translator(activitiesEn.activities),
  locale: "en",
};

/** An issue's English sentence: its template filled with the params named in words. */
export function englishMessage(template: string, params?: IssueParams): string {
  return formatMessage(template, params ? readableParams(params, ENGLISH) : {});
}
