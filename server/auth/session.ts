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

/** A session as Auth.js's `auth()` returns it, plus when it was issued (the JWT's `iat`, seconds). */
export type IssuedSession = Session & { issuedAt: number };

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
  if (!token?.sub || typeof token.iat !== "number") return null;
  return {
    user: { id: token.sub, name: token.name ?? null, email: token.email ?? null },
    expires: new Date(expiresAtMs(token)).toISOString(),
    issuedAt: token.iat,
  };
}
