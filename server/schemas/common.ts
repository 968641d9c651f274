import { z } from "zod";

/*
 * Schemas shared by procedures and forms. Error messages are i18n keys under `validation.*` in
 * messages/{en,sl}/common.json, so the browser shows them in the user's language.
 */

export const ZId = z.uuid({ error: "invalidId" });

/*
 * Text and dates: every schema builds its strings and dates from these primitives, so what the database
 * would refuse (a NUL byte, the year 0000) or what has no business in a school's records (control
 * characters, the year 9999) is a 400 with a field error at the edge, never a 500.
 */

/** C0 and C1 control characters and DEL; single-line text refuses all of them. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** Multi-line text (notes, messages) may hold tabs and line breaks, nothing else of the kind. */
const CONTROL_CHARACTERS_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when a string holds no control character (`multiline`: tab, CR and LF allowed). */
export function hasNoControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return !(options.multiline ? CONTROL_CHARACTERS_MULTILINE : CONTROL_CHARACTERS).test(value);
}

/** A trimmed string of at most `max` characters without control characters (`multiline`: tab, CR, LF allowed). */
export const ZSafeString = (max: number, options: { multiline?: boolean; min?: number } = {}) =>
  z
    .string({ error: "required" })
    .trim()
    .min(options.min ?? 0, { error: "required" })
    .max(max, { error: "tooLong" })
    .refine((value) => hasNoControlCharacters(value, options), { error: "controlCharacters" });

/**
 * Dates a school's records can hold: 1900-01-01 … 2099-12-31. The earliest is a staff member's birth
 * date (no one working at a school was born before 1900); the latest is far beyond any programme's
 * (Erasmus+ 2021–2027 projects end by the early 2030s) while catching typos like 9999 or 20255.
 */
export const MIN_DATE = "1900-01-01";
export const MAX_DATE = "2099-12-31";

/** In range, or not a YYYY-MM-DD date at all (then the format's own error is the one to show). */
export function isDateInRange(value: string): boolean {
  return !/^\d{4}-\d{2}-\d{2}$/.test(value) || (value >= MIN_DATE && value <= MAX_DATE);
}

export const ZIsoDate = z
  .string({ error: "required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalidDate" })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, { error: "invalidDate" })
  .refine((value) => isDateInRange(value), { error: "dateOutOfRange" });

export const ZRequiredText = (max = 200, options: { multiline?: boolean } = {}) => ZSafeString(max, { ...options, min: 1 });

export const ZOptionalText = (max = 200, options: { multiline?: boolean } = {}) =>
  ZSafeString(max, options)
    .optional()
    .transform((value) => (value === "" || value === undefined ? undefined : value));

export const ZCountryCode = z
  .string({ error: "required" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: "countryCode" });

export const ZCents = z
  .number({ error: "amountInvalid" })
  .int({ error: "amountInvalid" })
  .min(0, { error: "amountNegative" })
  .max(2_000_000_000, { error: "amountTooLarge" });

/** Optimistic concurrency: every edit names the version it was based on. */
export const ZVersion = z.number().int().min(1).max(2_147_483_647);

/** Adds an `endDate before startDate` issue on endDate, for any object with both dates. */
export function refineDateRange<T extends { startDate: string; endDate: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "endBeforeStart" });
  }
}

/**
 * A set of translators (functions and strings) that a route handler builds with next-intl and hands to
 * a route-only procedure (server/api/route-handler.ts): never JSON, so never from a browser.
 */
export const ZTranslations = <T extends object>() =>
  z.custom<T>(
    (value) =>
      typeof value === "object" && value !== null && Object.values(value).every((v) => typeof v === "function" || typeof v === "string"),
    { error: "invalidInput" },
  );
