/**
 * Input of the public grant estimate (tRPC `rules.estimate` and the /calculator form). Checks the
 * shape and formats only; the Erasmus+ rules themselves (durations, caps, bands …) are the rules
 * engine's, which answers with translatable codes.
 */
import { z } from "zod";
import type { EstimateInput } from "@/server/rules";
import { TOWN_SEARCH_MAX_RESULTS } from "@/server/rules/europe";
import { ACTIVITY_TYPES } from "@/server/rules/types";
import { hasNoControlCharacters, isDateInRange, MAX_DATE, MIN_DATE } from "./common";

/** The engine's own list (server/rules/types is pure data and types: safe in the browser). */
export const ESTIMATE_ACTIVITY_TYPES = ACTIVITY_TYPES;

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: "Use a two-letter ISO country code, e.g. SI." });

const isoDate = z.iso
  .date({ message: "Use a date in the form YYYY-MM-DD." })
  .refine((value) => isDateInRange(value), { message: `Use a date between ${MIN_DATE} and ${MAX_DATE}.` });

const euros = z
  .number({ message: "Enter an amount in EUR." })
  .nonnegative({ message: "The amount cannot be negative." })
  .max(1_000_000, { message: "The amount is too large." })
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
    message: "Use at most two decimals.",
  });

const town = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "Enter a town." })
    .max(120, { message: "The town name is too long." })
    .refine((value) => hasNoControlCharacters(value), { message: "The town name holds control characters." }),
  country: countryCode.optional(),
});

/** Input of the town picker's search (`rules.towns`): a few letters of any of a town's names. */
export const ZTownSearch = z.object({
  query: z
    .string()
    .trim()
    .min(1, { message: "Enter a town." })
    .max(120, { message: "The town name is too long." })
    .refine((value) => hasNoControlCharacters(value), { message: "The town name holds control characters." }),
  country: countryCode.optional(),
  limit: z.number().int().min(1).max(TOWN_SEARCH_MAX_RESULTS).optional(),
});

export const ZEstimateInput = z
  .object({
    callYear: z
      .number({ message: "Choose a call year." })
      .int({ message: "Choose a call year." })
      .min(2021, { message: "Call years start in 2021." })
      .max(2026, { message: "Call years up to 2026 are supported." }),
    naCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}\d{2}$/, { message: "Use a National Agency code such as SI01." })
      .optional(),
    activityType: z.enum(ESTIMATE_ACTIVITY_TYPES, { message: "Choose an activity type." }),
    accompanying: z.boolean().optional(),
    startDate: isoDate,
    endDate: isoDate,
    travelDays: z
      .number({ message: "Enter the number of travel days." })
      .int({ message: "Travel days are whole days." })
      .min(0, { message: "Travel days cannot be negative." })
      .max(14, { message: "At most 14 travel days can be entered." }),
    destinationCountry: countryCode,
    distanceKm: z
      .number({ message: "Enter the one-way distance in km." })
      .nonnegative({ message: "The distance cannot be negative." })
      .max(20_100, { message: "No two places on Earth are that far apart." })
      .optional(),
    origin: town.optional(),
    destination: town.optional(),
    greenTravel: z.boolean().optional(),
    fewerOpportunities: z.boolean().optional(),
    inclusionRealCostEur: euros.optional(),
    expensiveTravelRealCostEur: euros
      .refine((value) => value > 0, { message: "Enter the real travel cost." })
      .optional(),
    courseDays: z
      .number({ message: "Enter the number of course days." })
      .int({ message: "Course days are whole days." })
      .min(1, { message: "Enter at least one course day." })
      .max(365, { message: "Too many course days." })
      .optional(),
    linguisticSupport: z.boolean().optional(),
    persons: z
      .number({ message: "Enter the number of persons." })
      .int({ message: "Enter a whole number of persons." })
      .min(1, { message: "At least one person." })
      .max(30, { message: "Too many persons." })
      .optional(),
  })
  .superRefine((input, context) => {
    const needsDistance = input.activityType !== "PREP-VISIT";
    const hasTowns = input.origin !== undefined && input.destination !== undefined;
    if (needsDistance && input.distanceKm === undefined && !hasTowns) {
      context.addIssue({
        code: "custom",
        path: ["distanceKm"],
        message: "Enter the one-way distance in km, or the towns of origin and destination.",
      });
    }
  }) satisfies z.ZodType<EstimateInput, unknown>;

export type TEstimateInput = z.infer<typeof ZEstimateInput>;
