import { z } from "zod";
import { ZIsoDate, ZOptionalText, ZRequiredText } from "./common";

export const PARTICIPANT_KINDS = ["staff", "pupil"] as const;

export const ZCreateParticipant = z
  .object({
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
  })
  .superRefine((value, ctx) => {
    if (value.kind === "pupil" && value.staffRole) {
      ctx.addIssue({ code: "custom", path: ["staffRole"], message: "staffRoleOnlyForStaff" });
    }
  });
export type TCreateParticipant = z.infer<typeof ZCreateParticipant>;
export type TCreateParticipantInput = z.input<typeof ZCreateParticipant>;
