import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { resolveAuthSecret } from "@/server/env";
import { log, setActor } from "@/server/log";
import { isSessionCurrent } from "@/server/services/sessions";
import { authenticate } from "./authenticate";
import { issuedAtMs, sessionFromCookieHeader, type IssuedSession } from "./session";
import { clientIp } from "./throttle";

/** Sign-in refused because the account or the IP is locked (server/auth/throttle.ts); `code` reaches the login page. */
export class LoginLocked extends CredentialsSignin {
  override code = "locked";
}

const nextAuth = NextAuth(() => ({
  secret: resolveAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials, request) => {
        const result = await authenticate(await getDb(), credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "locked") throw new LoginLocked();
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        // To the millisecond (iat is whole seconds): a session signed in just after "sign out on every
        // device" or a password reset is current, one signed in just before is not.
        token.signedInAt = Date.now();
        return token;
      }
      // Auth.js's own session endpoint re-issues the cookie with a fresh `iat`: an ended session must
      // not be renewed into a current one there.
      const issued = issuedAtMs(token);
      if (!token.sub || issued === null || !(await isSessionCurrent(await getDb(), token.sub, issued))) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    // A wrong password is not an error worth a stack trace in the server log.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error({ err: error }, "auth error");
    },
  },
}));

export const { handlers, signIn, signOut } = nextAuth;

let secret: string | undefined;
/**
 * The signed-in user of the current request (server components, route handlers, tRPC), or null:
 * the session cookie decrypted with Auth.js's own token reader (server/auth/session.ts), and not
 * ended since it was issued (server/services/sessions.ts). Once per request, however many server
 * components ask.
 */
export const auth = cache(async (): Promise<IssuedSession | null> => {
  const session = await sessionFromCookieHeader((await headers()).get("cookie"), (secret ??= resolveAuthSecret()));
  if (!session?.user?.id) return null;
  if (!(await isSessionCurrent(await getDb(), session.user.id, session.issuedAtMs))) return null;
  setActor({ userId: session.user.id });
  return session;
});
