import type { TFigureUnit, TFigureValue } from "@/server/services/na-rates";

/** What a page needs to write a rate-table figure: money, numbers and the `na.rates.units.*` words. */
export interface FigureValueFormat {
  money: (cents: number) => string;
  number: (value: number) => string;
  /** `na.rates` translations. */
  t: (key: string, values: Record<string, number>) => string;
}

/** A figure of the rate tables in words and numbers, by its unit (the NA's rate page, the project's differences). */
export function figureValueText(value: TFigureValue, unit: TFigureUnit, f: FigureValueFormat): string {
  if (typeof value === "number") {
    switch (unit) {
      case "cents":
        return f.money(value);
      case "percent":
        return f.t("units.percent", { value });
      case "days":
        return f.t("units.days", { value });
      case "group":
        return f.t("units.group", { value });
      default:
        return f.number(value);
    }
  }
  if (Array.isArray(value)) return value.map((cents: number) => f.money(cents)).join(", ");
  const range = value as Readonly<Record<string, number>>;
  if (unit === "dayRange") return f.t("units.dayRange", { min: range.minDays ?? 0, max: range.maxDays ?? 0 });
  if (unit === "monthRange") return f.t("units.monthRange", { min: range.minMonths ?? 0, max: range.maxMonths ?? 0 });
  return Object.entries(range).map(([k, v]) => `${k}: ${v}`).join(", ");
}
