import { z } from "zod";
import { ZCountryCode, ZId, ZIsoDate, ZRequiredText, refineDateRange } from "./common";

export const ACTIVITY_TYPES = [
  "SM-JOB-SHDW",
  "SM-TTA",
  "SM-COUR-TRAIN",
  "LM-GRP-PUPIL",
  "LM-SHORT-PUPIL",
  "LM-LONG-PUPILS",
  "OA-INV-EXP",
  "OA-HOS-TTT",
  "PREP-VISIT",
] as const;
export type TActivityType = (typeof ACTIVITY_TYPES)[number];
export const MOBILITY_STATUSES = ["draft", "planned", "completed", "cancelled"] as const;

export const ZLogMobility = z
  .object({
    projectId: ZId,
    participantId: ZId,
    activityType: z.enum(ACTIVITY_TYPES, { error: "required" }),
    status: z.enum(MOBILITY_STATUSES).default("planned"),
    startDate: ZIsoDate,
    endDate: ZIsoDate,
    travelDays: z.number({ error: "required" }).int().min(0, { error: "travelDaysRange" }).max(6, { error: "travelDaysRange" }),
    greenTravel: z.boolean().default(false),
    receivingOrganisation: ZRequiredText(200),
    destinationCountry: ZCountryCode,
    destinationTown: ZRequiredText(120),
    distanceKm: z.number().int().min(0, { error: "distanceInvalid" }).max(40_000, { error: "distanceInvalid" }).optional(),
  })
  .superRefine(refineDateRange);
export type TLogMobility = z.infer<typeof ZLogMobility>;
export type TLogMobilityInput = z.input<typeof ZLogMobility>;
