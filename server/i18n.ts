import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/server/env";
import { DEFAULT_LOCALE, LOCALES, LOCALE_COOKIE, type Locale } from "@/lib/locales";

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

/**
 * `app.json` holds the app's top-level namespaces; every other file is the namespace of its name
 * (rules.json → `rules.*`). A feature adds its file here.
 */
const NAMESPACE_FILES = ["rules", "figures", "calculator", "mobilityForm", "grant", "mobility", "evidence", "mobilityList", "account", "members", "audit", "dashboard", "na", "partners", "retention", "bm", "integrations", "apiReference"] as const;

export async function loadMessages(locale: Locale) {
  const app = (await import(`../messages/${locale}/app.json`)) as { default: Record<string, unknown> };
  const namespaces = await Promise.all(
    NAMESPACE_FILES.map(async (name) => {
      const file = (await import(`../messages/${locale}/${name}.json`)) as { default: Record<string, unknown> };
      return [name, file.default] as const;
    }),
  );
  return { ...app.default, ...Object.fromEntries(namespaces) };
}

export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: env.MOBILO_TIME_ZONE };
});
