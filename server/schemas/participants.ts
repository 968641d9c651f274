import { z } from "zod";
import { ZId, ZIsoDate, ZOptionalText, ZRequiredText, ZVersion } from "./common";

export const PARTICIPANT_KINDS = ["staff", "pupil"] as const;

const participantFields = {
    kind: z.enum(PARTICIPANT_KINDS),
    firstName: ZRequiredText(100),
    lastName: ZRequiredText(100),
    email: z
      .string()
      .trim()
      .max(200, { error: "tooLong" })
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.email({ error: "invalidEmail" }).optional()),
    staffRole: ZOptionalText(120),
    dateOfBirth: z.union([ZIsoDate, z.literal("").transform(() => undefined)]).optional(),
    /** Special category: set and seen only by members with the permission (ignored for others). */
    fewerOpportunities: z.boolean().default(false),
    fewerOpportunitiesNote: ZOptionalText(2000, { multiline: true }),
};

function refineParticipant(value: { kind: string; staffRole?: string; fewerOpportunities: boolean; fewerOpportunitiesNote?: string }, ctx: z.RefinementCtx) {
  if (value.kind === "pupil" && value.staffRole) {
    ctx.addIssue({ code: "custom", path: ["staffRole"], message: "staffRoleOnlyForStaff" });
  }
  if (value.fewerOpportunitiesNote && !value.fewerOpportunities) {
    ctx.addIssue({ code: "custom", path: ["fewerOpportunitiesNote"], message: "noteOnlyWithFewerOpportunities" });
  }
}

export const ZCreateParticipant = z.object(participantFields).superRefine(refineParticipant);
export type TCreateParticipant = z.infer<typeof ZCreateParticipant>;

export const ZUpdateParticipant = z
  .object({ participantId: ZId, version: ZVersion, ...participantFields })
  .superRefine(refineParticipant);
export type TUpdateParticipant = z.infer<typeof ZUpdateParticipant>;
export type TCreateParticipantInput = z.input<typeof ZCreateParticipant>;
