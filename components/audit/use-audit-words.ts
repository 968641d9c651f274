"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useFormatDate, useFormatMoney } from "@/components/format";

/*
 * The audit trail in words: a field's label, a value formatted as the app shows it (amounts in euros,
 * states and activities by their names, dates in the user's locale), never an internal key or JSON.
 * The server has already removed what the member may not see and the machine fields (audit-trail.ts).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LINE_FIELD = /^(awarded|grant)([A-Z]\w*)Cents$/;

/** Which of the app's name lists a field's values come from (the first list that knows the value wins). */
const VALUE_NAMES: Record<string, string[]> = {
  status: ["mobilityStatus", "projectStatus", "na.findings.status"],
  activityType: ["activities"],
  action: ["activities"],
  role: ["roles"],
  kind: ["participants.kinds", "evidence.kinds"],
  meansOfTransport: ["mobilityForm.transport"],
  grantUnknownLines: ["budgetCategories"],
  field: ["audit.sectors"],
};

const lower = (word: string) => word.charAt(0).toLowerCase() + word.slice(1);

export function useAuditWords() {
  const t = useTranslations("audit");
  const root = useTranslations();
  const format = useFormatter();
  const money = useFormatMoney();
  const date = useFormatDate();

  function label(field: string): string {
    if (t.has(`fields.${field}`)) return t(`fields.${field}`);
    const line = LINE_FIELD.exec(field);
    if (line?.[1] && line[2] && root.has(`budgetCategories.${lower(line[2])}`)) {
      return t(line[1] === "awarded" ? "fields.awardedLine" : "fields.grantLine", { line: root(`budgetCategories.${lower(line[2])}`) });
    }
    // A field the trail has no label for yet: its name in words, never a camelCase key.
    return lower(field.replace(/Cents$/, "").replace(/([a-z])([A-Z])/g, "$1 $2")).replace(/^./, (c) => c.toUpperCase());
  }

  function named(field: string, value: string): string | null {
    for (const list of VALUE_NAMES[field] ?? []) if (root.has(`${list}.${value}`)) return root(`${list}.${value}`);
    return null;
  }

  function value(field: string, raw: unknown): string {
    if (raw === null || raw === undefined || raw === "") return t("empty_value");
    if (typeof raw === "boolean") return raw ? t("yes") : t("no");
    if (typeof raw === "number") {
      if (/Cents$/.test(field)) return money(raw);
      // A year is a name, not a quantity: 2025, never 2,025.
      return /Year$/.test(field) ? String(raw) : format.number(raw);
    }
    if (typeof raw === "string") {
      const name = named(field, raw);
      if (name) return name;
      if (ISO_DATE.test(raw)) return date(raw);
      if (ISO_MOMENT.test(raw) && !Number.isNaN(Date.parse(raw))) return format.dateTime(new Date(raw), { dateStyle: "medium", timeStyle: "short" });
      return raw;
    }
    if (Array.isArray(raw)) {
      if (raw.every((item) => typeof item === "string" || typeof item === "number" || typeof item === "boolean")) {
        return raw.length === 0 ? t("empty_value") : raw.map((item) => value(field, item)).join(", ");
      }
      return t("items", { count: raw.length });
    }
    if (typeof raw === "object") {
      const parts = Object.entries(raw as Record<string, unknown>).map(([key, inner]) => `${label(key)}: ${value(key, inner)}`);
      return parts.length === 0 ? t("empty_value") : parts.join("; ");
    }
    return String(raw);
  }

  return { label, value };
}
