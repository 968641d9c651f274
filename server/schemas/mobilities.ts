import { z } from "zod";
import { MOBILITY_STATUSES } from "@/server/rules/statuses";
import { ACTIVITY_TYPES } from "@/server/rules/types";
import { ZCents, ZCountryCode, ZId, ZIsoDate, ZOptionalText, ZRequiredText, ZVersion } from "./common";

/** The engine's activity codes (Beneficiary Module codes plus preparatory visits): one list. */
export { ACTIVITY_TYPES };
export type TActivityType = (typeof ACTIVITY_TYPES)[number];
export { MOBILITY_STATUSES };
export type TMobilityStatus = (typeof MOBILITY_STATUSES)[number];

/** Incoming activities: the school hosts, the guest travels to the school's town. */
export const INCOMING_ACTIVITIES: readonly TActivityType[] = ["OA-INV-EXP", "OA-HOS-TTT"];
export const PUPIL_ACTIVITIES: readonly TActivityType[] = ["LM-GRP-PUPIL", "LM-SHORT-PUPIL", "LM-LONG-PUPILS"];
export const MEANS_OF_TRANSPORT = ["plane", "train", "bus", "car", "car_sharing", "boat", "other"] as const;

const ZOptionalCents = ZCents.optional();

/** A named pupil or a further accompanying person of a group mobility, with what differs for them. */
export const ZMobilityMember = z.object({
  participantId: ZId.optional(),
  role: z.enum(["pupil", "accompanying"]),
  fewerOpportunities: z.boolean().default(false),
  startDate: ZIsoDate.optional(),
  endDate: ZIsoDate.optional(),
  inclusionRealCostCents: ZOptionalCents,
});
export type TMobilityMember = z.infer<typeof ZMobilityMember>;

/** BM's "Mobility activity ID": editable, unique in the project (empty: the next `…-MOB-nnnnn`). */
export const ZMobilityActivityId = z
  .string()
  .trim()
  .max(40, { error: "tooLong" })
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, { error: "activityIdFormat" }).optional());

/** The Erasmus+ Mobility ID BM gives from call 2024: `[year]-[5 letters]-[4 digits]-[last 20 chars of the project code]`. */
export const ZErasmusMobilityId = z
  .string()
  .trim()
  .toUpperCase()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().regex(/^20\d{2}-[A-Z]{5}-\d{4}-[A-Z0-9-]{20}$/, { error: "erasmusMobilityIdFormat" }).optional());

/** The fields of a mobility as the Beneficiary Module captures them (domain doc §2–6). */
export const mobilityFields = {
  activityId: ZMobilityActivityId,
  erasmusMobilityId: ZErasmusMobilityId,
  activityType: z.enum(ACTIVITY_TYPES, { error: "required" }),
  status: z.enum(MOBILITY_STATUSES).default("planned"),
  /** The participant; for a group mobility the lead accompanying person; for a visit its lead. */
  participantId: ZId,
  accompanying: z.boolean().default(false),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  travelDays: z.number({ error: "required" }).int({ error: "travelDaysRange" }).min(0, { error: "travelDaysRange" }).max(6, { error: "travelDaysRange" }),
  greenTravel: z.boolean().default(false),
  meansOfTransport: z.enum(MEANS_OF_TRANSPORT).optional(),
  receivingOrganisation: ZRequiredText(200),
  destinationCountry: ZCountryCode,
  destinationTown: ZRequiredText(120),
  /** Town the participant travels from; the school's town when not given. */
  originTown: ZOptionalText(120),
  /** The official EC distance calculator's one-way km; when given it wins over the towns. */
  distanceKm: z.number({ error: "distanceInvalid" }).int({ error: "distanceInvalid" }).min(0, { error: "distanceInvalid" }).max(20_100, { error: "distanceInvalid" }).optional(),
  fewerOpportunities: z.boolean().default(false),
  courseDays: z.number().int({ error: "courseDaysInvalid" }).min(0, { error: "courseDaysInvalid" }).max(365, { error: "courseDaysInvalid" }).optional(),
  inclusionRealCostCents: ZOptionalCents,
  expensiveTravelRealCostCents: ZOptionalCents,
  linguisticSupport: z.boolean().default(false),
  pupilCount: z.number().int({ error: "pupilCountInvalid" }).min(0, { error: "pupilCountInvalid" }).max(500, { error: "pupilCountInvalid" }).default(0),
  persons: z.number().int({ error: "personsInvalid" }).min(1, { error: "personsInvalid" }).max(3, { error: "personsInvalid" }).default(1),
  forceMajeure: z.boolean().default(false),
  notes: ZOptionalText(2000, { multiline: true }),
  members: z.array(ZMobilityMember).max(200, { error: "tooManyMembers" }).default([]),
};

export const ZMobilityFields = z.object(mobilityFields);
export type TMobilityFields = z.infer<typeof ZMobilityFields>;

/** Cross-field rules that are about the form's shape; the Erasmus+ rules are the engine's. */
export function refineMobility(value: TMobilityFields, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "endBeforeStart" });
  const isGroup = value.activityType === "LM-GRP-PUPIL";
  if (!isGroup && value.members.length > 0) ctx.addIssue({ code: "custom", path: ["members"], message: "membersOnlyForGroups" });
  if (!isGroup && value.pupilCount > 0) ctx.addIssue({ code: "custom", path: ["pupilCount"], message: "pupilCountOnlyForGroups" });
  if (value.accompanying && value.fewerOpportunities) {
    ctx.addIssue({ code: "custom", path: ["fewerOpportunities"], message: "accompanyingNotFewerOpportunities" });
  }
  value.members.forEach((member, index) => {
    if (member.role === "accompanying" && !member.participantId) {
      ctx.addIssue({ code: "custom", path: ["members", index, "participantId"], message: "required" });
    }
    if (member.startDate && member.endDate && member.endDate < member.startDate) {
      ctx.addIssue({ code: "custom", path: ["members", index, "endDate"], message: "endBeforeStart" });
    }
  });
}

export const ZLogMobility = z.object({ projectId: ZId, ...mobilityFields }).superRefine(refineMobility);
export type TLogMobility = z.infer<typeof ZLogMobility>;
export type TLogMobilityInput = z.input<typeof ZLogMobility>;

export const ZUpdateMobility = z
  .object({ projectId: ZId, mobilityId: ZId, version: ZVersion, ...mobilityFields })
  .superRefine(refineMobility);
export type TUpdateMobility = z.infer<typeof ZUpdateMobility>;

/** The live estimate of the form: the same fields, the mobility it would replace when editing. */
export const ZEstimateMobility = z
  .object({ projectId: ZId, mobilityId: ZId.optional(), ...mobilityFields })
  .superRefine(refineMobility);
export type TEstimateMobility = z.infer<typeof ZEstimateMobility>;

export const ZMobilityRef = z.object({ mobilityId: ZId });

export const ZSetMobilityStatus = z.object({
  projectId: ZId,
  mobilityIds: z.array(ZId).min(1, { error: "required" }).max(1000),
  status: z.enum(MOBILITY_STATUSES),
});
export type TSetMobilityStatus = z.infer<typeof ZSetMobilityStatus>;
