import type { Session } from "next-auth";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/*
 * Reading the session on every request, without Auth.js's session round trip.
 *
 * `NextAuth().auth()` answers a server component or route handler by running Auth.js's whole
 * `/api/auth/session` action in process: it decrypts the JWT, then builds, encrypts and serialises a
 * refreshed cookie that a route handler or server component cannot even set — about 2 ms of a
 * dashboard request's 5 (docs/benchmarks.md). This reads the same cookie with Auth.js's own
 * `getToken` (chunked cookies, the `__Secure-` name behind HTTPS, the same key derivation and
 * clock tolerance) and keeps what it decrypted: one token is decrypted once per process, then served
 * from a bounded cache until it expires. A tampered, expired or foreign token is `null`, as before.
 *
 * Only the cookie is read: a `Authorization: Bearer` header (which getToken would also accept) is not
 * a way into this app. Whether the user has since ended their sessions (a password reset) is the
 * database's to say: `auth()` in server/auth/config.ts asks server/services/sessions.ts.
 */

const COOKIE = "authjs.session-token";
const SECURE_COOKIE = `__Secure-${COOKIE}`;
/** Decrypted tokens kept per process; the oldest goes first when full. */
export const SESSION_CACHE_SIZE = 10_000;

const decrypted = new Map<string, JWT>();

function expiresAtMs(token: JWT): number {
  return typeof token.exp === "number" ? token.exp * 1000 : 0;
}

/** Auth.js's decode, remembered per (secret, cookie name, token) until the token expires. */
async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const key = [String(params.secret), params.salt, params.token ?? ""].join("\u0000");
  const hit = decrypted.get(key);
  if (hit) {
    if (expiresAtMs(hit) > Date.now()) return hit;
    decrypted.delete(key);
    return null;
  }
  const token = await decode(params);
  if (!token || expiresAtMs(token) <= Date.now()) return null;
  if (decrypted.size >= SESSION_CACHE_SIZE) {
    const oldest = decrypted.keys().next().value;
    if (oldest !== undefined) decrypted.delete(oldest);
  }
  decrypted.set(key, token);
  return token;
}

/** A session as Auth.js's `auth()` returns it, plus when its user signed in (ms since the epoch). */
export type IssuedSession = Session & { issuedAtMs: number };

/**
 * When the session's user signed in, in milliseconds: our `signedInAt` claim (set by the `jwt` callback at
 * sign-in, kept when Auth.js renews the cookie), else — a token from before that claim — its `iat` (whole
 * seconds, so the earliest moment it can stand for). Null for a token with neither.
 */
export function issuedAtMs(token: JWT): number | null {
  if (typeof token.signedInAt === "number") return token.signedInAt;
  if (typeof token.iat === "number") return token.iat * 1000;
  return null;
}

/** The session a request's Cookie header carries, shaped as Auth.js's `auth()` returns it (our `session` callback: `user.id` = `sub`). */
export async function sessionFromCookieHeader(cookie: string | null, secret: string): Promise<IssuedSession | null> {
  if (!cookie) return null;
  const secureCookie = cookie.includes(SECURE_COOKIE);
  const token = await getToken({
    req: { headers: { cookie } },
    secret,
    secureCookie,
    cookieName: secureCookie ? SECURE_COOKIE : COOKIE,
    salt: secureCookie ? SECURE_COOKIE : COOKIE,
    decode: cachedDecode,
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
  const issued = token ? issuedAtMs(token) : null;
  if (!token?.sub || issued === null) return null;
  return {
    user: { id: token.sub, name: token.name ?? null, email: token.email ?? null },
    expires: new Date(expiresAtMs(token)).toISOString(),
    issuedAtMs: issued,
  };
}
