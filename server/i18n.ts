import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALES, LOCALE_COOKIE, type Locale } from "@/components/i18n/locales";

/*
 * next-intl without locale prefixes in URLs: the language is a cookie (set by the switcher), else
 * the browser's Accept-Language. Messages live in messages/<locale>/<namespace>.json.
 */

function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (cookieValue && (LOCALES as readonly string[]).includes(cookieValue)) return cookieValue as Locale;
  const preferred = (acceptLanguage ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim().slice(0, 2).toLowerCase())
    .find((code) => code && (LOCALES as readonly string[]).includes(code));
  return (preferred as Locale | undefined) ?? DEFAULT_LOCALE;
}

export async function loadMessages(locale: Locale) {
  const [app, rules] = await Promise.all([
    import(`../messages/${locale}/app.json`).then((m: { default: Record<string, unknown> }) => m.default),
    import(`../messages/${locale}/rules.json`).then((m: { default: Record<string, string> }) => m.default),
  ]);
  return { ...app, rules };
}

export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: "Europe/Ljubljana" };
});
