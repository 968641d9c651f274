import { z } from "zod";
import { hasNoControlCharacters, ZRequiredText } from "./common";
import { MAIL_LOCALES, ZEmail } from "./members";

/** A token from an e-mail link (43 base64url characters; anything else is simply not found). */
export const ZToken = z
  .string({ error: "required" })
  .trim()
  .min(16, { error: "invalidToken" })
  .max(200, { error: "invalidToken" })
  .refine((value) => hasNoControlCharacters(value), { error: "invalidToken" });

export const ZNewPassword = z
  .string({ error: "required" })
  .min(10, { error: "passwordTooShort" })
  .max(200, { error: "tooLong" });

/** The form adds the repetition; the procedures take only the password. */
export const ZPasswordPair = z
  .object({ password: ZNewPassword, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "passwordsDiffer" });

export const ZTokenRef = z.object({ token: ZToken });

/** `locale`: the language the new member is reading in, remembered for the e-mails sent to them. */
export const ZAcceptInvitationNew = z.object({ token: ZToken, name: ZRequiredText(120), password: ZNewPassword, locale: z.enum(MAIL_LOCALES).optional() });
export type TAcceptInvitationNew = z.infer<typeof ZAcceptInvitationNew>;

export const ZRequestPasswordReset = z.object({ email: ZEmail, locale: z.enum(MAIL_LOCALES).default("en") });
export type TRequestPasswordReset = z.infer<typeof ZRequestPasswordReset>;

export const ZResetPassword = z.object({ token: ZToken, password: ZNewPassword });
export type TResetPassword = z.infer<typeof ZResetPassword>;
