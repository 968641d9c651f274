import { like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authThrottle, users } from "@/db/schema";
import { authenticate } from "@/server/auth/authenticate";
import { hashPassword } from "@/server/auth/password";
import { clientIp, loginLockedUntil } from "@/server/auth/throttle";
import { setupTestDatabase } from "../helpers/db";

const getDb = setupTestDatabase();
/** The documented rules (server/auth/throttle.ts, README): 5 failures of one account, or 20 from one address, in 15 minutes lock it. */
const ACCOUNT_FAILURES = 5;
const IP_FAILURES = 20;
/** The counter row of an account or an address (whatever its key's prefix). */
const counterRow = (emailOrIp: string) => like(authThrottle.key, `%:${emailOrIp}`);

async function userWithPassword(email: string, password: string) {
  await getDb().insert(users).values({ email, name: "Throttled", passwordHash: await hashPassword(password) });
}

describe("login throttling", () => {
  it("locks an account after 5 failures, refuses even the right password, and tells unknown accounts the same", async () => {
    const db = getDb();
    await userWithPassword("locked@example.test", "the-right-password");
    const results: string[] = [];
    for (let i = 0; i < ACCOUNT_FAILURES; i++) {
      const r = await authenticate(db, { email: "locked@example.test", password: "wrong" }, `10.0.0.${i}`);
      results.push(r.ok ? "ok" : r.reason);
    }
    expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    const right = await authenticate(db, { email: "LOCKED@example.test", password: "the-right-password" }, "10.0.1.1");
    expect(right).toEqual({ ok: false, reason: "locked" });
    const until = await loginLockedUntil(db, "locked@example.test", null);
    expect(until?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const unknown: string[] = [];
    for (let i = 0; i < ACCOUNT_FAILURES; i++) {
      const r = await authenticate(db, { email: "nobody@example.test", password: "wrong" }, `10.0.2.${i}`);
      unknown.push(r.ok ? "ok" : r.reason);
    }
    expect(unknown).toEqual(results);
  });

  it("unlocks when the lock has run out, and a success clears the account's count", async () => {
    const db = getDb();
    await userWithPassword("expires@example.test", "the-right-password");
    for (let i = 0; i < ACCOUNT_FAILURES; i++) await authenticate(db, { email: "expires@example.test", password: "x" }, null);
    expect((await authenticate(db, { email: "expires@example.test", password: "the-right-password" }, null)).ok).toBe(false);
    await db
      .update(authThrottle)
      .set({ lockedUntil: sql`now() - interval '1 second'`, windowStart: sql`now() - interval '16 minutes'` })
      .where(counterRow("expires@example.test"));
    expect((await authenticate(db, { email: "expires@example.test", password: "the-right-password" }, null)).ok).toBe(true);
    expect(await db.select().from(authThrottle).where(counterRow("expires@example.test"))).toEqual([]);
  });

  it("locks an IP after 20 failures across accounts", async () => {
    const db = getDb();
    await userWithPassword("bystander@example.test", "the-right-password");
    for (let i = 0; i < IP_FAILURES; i++) {
      await authenticate(db, { email: `spray-${i}@example.test`, password: "x" }, "192.0.2.7");
    }
    expect(await authenticate(db, { email: "bystander@example.test", password: "the-right-password" }, "192.0.2.7")).toEqual({ ok: false, reason: "locked" });
    expect((await authenticate(db, { email: "bystander@example.test", password: "the-right-password" }, "192.0.2.8")).ok).toBe(true);
  });

  it("locks under concurrent failures, each counted at most once", async () => {
    const db = getDb();
    await Promise.all(
      Array.from({ length: 12 }, () => authenticate(db, { email: "burst@example.test", password: "x" }, "198.51.100.1")),
    );
    const [row] = await db.select().from(authThrottle).where(counterRow("198.51.100.1"));
    // Some attempts may be refused as locked before they count; none is lost or counted twice.
    expect(row?.failures).toBeGreaterThanOrEqual(ACCOUNT_FAILURES);
    expect(row?.failures).toBeLessThanOrEqual(12);
    expect(await loginLockedUntil(db, "burst@example.test", null)).not.toBeNull();
  });

  it("trusts no forwarded address unless proxies are configured (tests/unit/client-ip.test.ts)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9" }), 0)).toBeNull();
    expect(clientIp(new Headers())).toBeNull();
  });
});
