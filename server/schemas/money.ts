import { z } from "zod";

/*
 * Parsing what a person types as an amount in euros into integer cents — string work, not arithmetic,
 * so no floating point touches money. Accepts "12540", "12540.5", "12 540,50", "12.540,50", "12,540.50".
 */
export function parseEuroToCents(input: string): number | null {
  const compact = input.replace(/[\s\u00a0€]/g, "");
  if (compact === "") return null;
  const match = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const [, whole = "", groupSeparator, decimalSeparator, fraction = ""] = match;
  if (groupSeparator && decimalSeparator === groupSeparator) return null;
  const digits = groupSeparator ? whole.split(groupSeparator).join("") : whole;
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** A form field holding euros as text, validated and turned into integer cents. */
export const ZEuroInput = z
  .string()
  .transform((value, ctx) => {
    if (value.trim() === "") return 0;
    const cents = parseEuroToCents(value);
    if (cents === null || cents > 2_000_000_000) {
      ctx.addIssue({ code: "custom", message: "amountInvalid" });
      return z.NEVER;
    }
    return cents;
  });
