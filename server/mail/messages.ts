import enAccount from "@/messages/en/account.json";
import slAccount from "@/messages/sl/account.json";
import type { TMailLocale } from "@/server/schemas/members";

/** The e-mail texts, from the same message files as the pages (messages/<locale>/account.json → mail). */
const MAIL = { en: enAccount.mail, sl: slAccount.mail } as const;

export function mailText(locale: TMailLocale) {
  return MAIL[locale];
}
