"use client";

import { useFormatter } from "next-intl";

/**
 * Formatting at the edge only: cents become a localised euro string (sl: `1.234,56 €`; grouping is
 * forced because Slovenian CLDR would otherwise group only from five digits, `1234,56 €`, which
 * Slovenian finance documents do not do). Dividing by 100 here is a change of unit for display.
 */
export function useFormatMoney() {
  const format = useFormatter();
  return (cents: number) => format.number(cents / 100, { style: "currency", currency: "EUR", useGrouping: "always" });
}

/** For the engine's EUR figures (daily rates, details), already in euros. */
export function useFormatEuro() {
  const format = useFormatter();
  return (eur: number) => format.number(eur, { style: "currency", currency: "EUR", useGrouping: "always" });
}

export function useFormatDate() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(`${iso}T00:00:00`), { dateStyle: "medium" });
}
