import { z } from "zod";
import { ZCountryCode, ZId, ZRequiredText, ZVersion } from "./common";

/** A partner organisation: receiving (outgoing mobilities) or sending (incoming guests). */
const partnerFields = {
  oid: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().regex(/^E\d{8}$/, { error: "oidFormat" }).optional()),
  name: ZRequiredText(200),
  country: ZCountryCode,
  town: ZRequiredText(120),
};

export const ZCreatePartner = z.object(partnerFields);
export type TCreatePartner = z.infer<typeof ZCreatePartner>;
export type TCreatePartnerInput = z.input<typeof ZCreatePartner>;

export const ZUpdatePartner = z.object({ partnerId: ZId, version: ZVersion, ...partnerFields });
export type TUpdatePartner = z.infer<typeof ZUpdatePartner>;
