import { z } from "zod";

/*
 * Schemas shared by procedures and forms. Error messages are i18n keys under `validation.*` in
 * messages/{en,sl}/common.json, so the browser shows them in the user's language.
 */

export const ZId = z.uuid({ error: "invalidId" });

export const ZIsoDate = z
  .string({ error: "required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalidDate" })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, { error: "invalidDate" });

export const ZRequiredText = (max = 200) =>
  z.string({ error: "required" }).trim().min(1, { error: "required" }).max(max, { error: "tooLong" });

export const ZOptionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: "tooLong" })
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
export const ZVersion = z.number().int().min(1);

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
