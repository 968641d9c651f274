import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authThrottle } from "@/db/schema";
import { PEER_ADDRESS_HEADER, peerAddressInstalled } from "./peer-address";

/*
 * Login throttling (docs/decisions.md, "Login throttling"): failed sign-ins are counted per account
 * and per client IP in a 15-minute window. 5 failures for one account, or 20 from one IP, lock that
 * key for 15 minutes; while locked every attempt is refused, the right password too, so guessing on
 * gains nothing. The counters live in PostgreSQL (auth_throttle), so every server process shares them.
 * The account key is counted whether or not the account exists: the answer never reveals which.
 */

const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  ipFailures: 20,
} as const;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * How many reverse proxies in front of the app append to `X-Forwarded-For` (TRUST_PROXY_HOPS, README):
 * 0 (the default) trusts no header at all.
 */
function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.TRUST_PROXY_HOPS ?? 0);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? value : 0;
}

/**
 * The client's address for the per-IP limit. The socket's address (peer-address.ts) unless
 * TRUST_PROXY_HOPS = n > 0: then the address the outermost of our n proxies saw, i.e. the n-th entry
 * from the right of `X-Forwarded-For` + socket address (entries further left are the client's to
 * invent). Null when unknown: no per-IP counting then, rather than one shared counter that would let
 * anyone lock everybody out — and never a header a client could choose.
 */
export function clientIp(headers: Headers, hops = trustedProxyHops()): string | null {
  const peer = peerAddressInstalled() ? headers.get(PEER_ADDRESS_HEADER)?.trim() : undefined;
  if (!peer) return null;
  if (hops === 0) return peer.slice(0, 100);
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const ip = chain[Math.max(0, chain.length - 1 - hops)];
  return ip ? ip.slice(0, 100) : null;
}

function keysFor(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
}

/** When the account or the IP is locked, until when; null when sign-in may be tried. */
export async function loginLockedUntil(db: Db, email: string, ip: string | null): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keysFor(email, ip)));
  const now = Date.now();
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d.getTime() > now);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

/** Counts one failure for the account and the IP (one statement per key, safe under concurrency). */
export async function recordLoginFailure(db: Db, email: string, ip: string | null): Promise<void> {
  const limits: [string, number][] = [[accountKey(email), THROTTLE.accountFailures]];
  if (ip) limits.push([ipKey(ip), THROTTLE.ipFailures]);
  const window = sql.raw(`interval '${THROTTLE.windowMinutes} minutes'`);
  const lock = sql.raw(`interval '${THROTTLE.lockMinutes} minutes'`);
  for (const [key, limit] of limits) {
    // A window that has run out starts again at 1; reaching the limit sets the lock.
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_start, locked_until)
      values (${key}, 1, now(), ${limit <= 1 ? sql`now() + ${lock}` : sql`null`})
      on conflict (key) do update set
        failures = case when auth_throttle.window_start < now() - ${window} then 1 else auth_throttle.failures + 1 end,
        window_start = case when auth_throttle.window_start < now() - ${window} then now() else auth_throttle.window_start end,
        locked_until = case
          when (case when auth_throttle.window_start < now() - ${window} then 1 else auth_throttle.failures + 1 end) >= ${limit}
            then now() + ${lock}
          else auth_throttle.locked_until
        end`);
  }
}

/** A successful sign-in (or a password reset) clears the account's counter; the IP's stays. */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(authThrottle).where(inArray(authThrottle.key, [accountKey(email)]));
}
