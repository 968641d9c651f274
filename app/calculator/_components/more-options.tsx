"use client";

import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { IntegerInput, MoneyInput } from "@/components/forms/inputs";
import { Field, FlagField, type CalculatorForm } from "./calculator-field";
import { EMPTY_STATE, type TCalculatorState } from "./calculator-state";

/** The fields behind "more options"; the section opens by itself when one of them is set or has an issue. */
export const MORE_FIELDS: readonly (keyof TCalculatorState)[] = [
  "fewerOpportunities",
  "inclusionRealCost",
  "expensiveTravelRealCost",
  "courseDays",
  "linguisticSupport",
  "persons",
];

export function hasMoreOptions(state: TCalculatorState): boolean {
  return MORE_FIELDS.some((field) => state[field] !== EMPTY_STATE[field]);
}

/** Less common inputs: fewer opportunities, real costs, course days, linguistic support, persons. */
export function MoreOptions({ form, open, onToggle }: { form: CalculatorForm; open: boolean; onToggle: (open: boolean) => void }) {
  const t = useTranslations("calculator");
  const { value, issues } = form;
  const hasIssues = MORE_FIELDS.some((field) => {
    const found = issues(field);
    return found.errors.length + found.warnings.length > 0;
  });
  return (
    <details open={open || hasIssues} onToggle={(event) => onToggle(event.currentTarget.open)} className="group rounded-xl border bg-card shadow-sm">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-6 py-4 [&::-webkit-details-marker]:hidden">
        <span className="grid gap-0.5">
          <span className="font-semibold">{t("sections.more")}</span>
          <span className="text-sm text-muted-foreground">{t("sections.moreHint")}</span>
        </span>
        <ChevronDown className="size-4 shrink-0 transition-transform group-open:rotate-180" aria-hidden="true" />
      </summary>
      <div className="grid gap-4 px-6 pb-6 sm:grid-cols-2">
        <FlagField form={form} id="fewerOpportunities" label={t("fields.fewerOpportunities")} />
        <FlagField form={form} id="linguisticSupport" label={t("fields.linguisticSupport")} hint={t("fields.linguisticSupportHint")} />
        <Field id="inclusionRealCost" label={t("fields.inclusionRealCost")} hint={t("fields.inclusionRealCostHint")} issues={issues("inclusionRealCost")}>
          <MoneyInput {...value("inclusionRealCost")} autoComplete="off" maxLength={14} />
        </Field>
        <Field
          id="expensiveTravelRealCost"
          label={t("fields.expensiveTravelRealCost")}
          hint={t("fields.expensiveTravelRealCostHint")}
          issues={issues("expensiveTravelRealCost")}
        >
          <MoneyInput {...value("expensiveTravelRealCost")} autoComplete="off" maxLength={14} />
        </Field>
        <Field id="courseDays" label={t("fields.courseDays")} hint={t("fields.courseDaysHint")} issues={issues("courseDays")}>
          <IntegerInput {...value("courseDays")} min={1} max={365} step={1} />
        </Field>
        <Field id="persons" label={t("fields.persons")} hint={t("fields.personsHint")} issues={issues("persons")}>
          <IntegerInput {...value("persons")} min={1} max={30} step={1} />
        </Field>
      </div>
    </details>
  );
}
