"use server";

import { cookies, headers } from "next/headers";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { AuthError, CredentialsSignin } from "next-auth";
import { LOCALES, LOCALE_COOKIE, type Locale } from "@/lib/locales";
import { getDb } from "@/db";
import { auth, signIn, signOut } from "@/server/auth/config";
import { clientIp, loginLockedUntil } from "@/server/auth/throttle";
import { ZLogin } from "@/server/schemas/auth";
import { endAllSessions, setPreferredLocale } from "@/server/services/sessions";

export async function setLocaleAction(locale: Locale): Promise<void> {
  if (!(LOCALES as readonly string[]).includes(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  // Signed in: remembered on the account too, so e-mails to this user come in the language they chose.
  const session = await auth();
  if (session?.user?.id) await setPreferredLocale(await getDb(), session.user.id, locale);
}

export interface LoginState {
  error?: "invalidCredentials" | "invalidInput" | "locked";
  email?: string;
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const raw = { email: formData.get("email"), password: formData.get("password") };
  const parsed = ZLogin.safeParse(raw);
  const email = typeof raw.email === "string" ? raw.email : "";
  if (!parsed.success) return { error: "invalidInput", email };
  const next = formData.get("next");
  const redirectTo = safeRedirectPath(next);
  // A locked account or IP is told so before any password is checked (the same for unknown accounts).
  if (await loginLockedUntil(await getDb(), parsed.data.email, clientIp(await headers()))) return { error: "locked", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    // Success throws NEXT_REDIRECT, which must propagate; only Auth.js errors are a failed login.
    if (error instanceof AuthError) {
      // This failure may have been the one that locked the account: say so at once.
      const locked =
        (error instanceof CredentialsSignin && error.code === "locked") ||
        (await loginLockedUntil(await getDb(), parsed.data.email, clientIp(await headers()))) !== null;
      return { error: locked ? "locked" : "invalidCredentials", email };
    }
    throw error;
  }
  return {};
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Signs out here and on every other device: sessions issued until now are refused from the next request on. */
export async function logoutEverywhereAction(): Promise<void> {
  const session = await auth();
  if (session?.user?.id) await endAllSessions(await getDb(), session.user.id);
  await signOut({ redirectTo: "/login" });
}
