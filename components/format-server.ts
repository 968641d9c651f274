import "server-only";
import { getFormatter } from "next-intl/server";

/** Server-component twins of components/format.ts. */
export async function getFormatters() {
  const format = await getFormatter();
  return {
    money: (cents: number) => format.number(cents / 100, { style: "currency", currency: "EUR", useGrouping: "always" }),
    date: (iso: string) => format.dateTime(new Date(`${iso}T00:00:00`), { dateStyle: "medium" }),
  };
}
