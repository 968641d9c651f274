import { z } from "zod";
import { ZId } from "./common";

export const MEMBERSHIP_ROLES = ["coordinator", "teacher", "headteacher", "school_admin"] as const;
export const MAIL_LOCALES = ["en", "sl"] as const;

export const ZEmail = z.string({ error: "required" }).trim().toLowerCase().max(200, { error: "tooLong" }).pipe(z.email({ error: "invalidEmail" }));

export const ZInviteMember = z.object({
  email: ZEmail,
  role: z.enum(MEMBERSHIP_ROLES, { error: "required" }),
  specialCategoryAccess: z.boolean().default(false),
  /** The language of the invitation e-mail (the inviter's interface language by default). */
  locale: z.enum(MAIL_LOCALES).default("en"),
});
export type TInviteMember = z.infer<typeof ZInviteMember>;
export type TInviteMemberInput = z.input<typeof ZInviteMember>;

export const ZInvitationRef = z.object({ invitationId: ZId });
export const ZMembershipRef = z.object({ membershipId: ZId });

export const ZChangeRole = z.object({ membershipId: ZId, role: z.enum(MEMBERSHIP_ROLES, { error: "required" }) });
export type TChangeRole = z.infer<typeof ZChangeRole>;
export type TMembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const ZSetSpecialCategory = z.object({ membershipId: ZId, specialCategoryAccess: z.boolean() });
export type TSetSpecialCategory = z.infer<typeof ZSetSpecialCategory>;
export type TMailLocale = (typeof MAIL_LOCALES)[number];
export function isMailLocale(value: unknown): value is TMailLocale {
  return (MAIL_LOCALES as readonly unknown[]).includes(value);
}
