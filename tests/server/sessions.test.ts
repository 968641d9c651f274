import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, passwordResets, users } from "@/db/schema";
import { newToken } from "@/server/auth/tokens";
import { endAllSessions, endSessions, isSessionCurrent } from "@/server/services/sessions";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createUser } from "../helpers/factories";

/*
 * Ending sessions (server/services/sessions.ts): a password reset signs out whoever held the old
 * password, and "sign out on every device" signs out every browser of the user.
 */

const getDb = setupTestDatabase();

async function validFrom(userId: string): Promise<number | null> {
  const [row] = await getDb().select({ at: users.sessionsValidFrom }).from(users).where(eq(users.id, userId));
  return row?.at ? row.at.getTime() : null;
}

describe("sessions", () => {
  it("every unexpired session of a user counts until they are ended; a user who does not exist has none", async () => {
    const db = getDb();
    const user = await createUser(db, "Session Sam");
    expect(await isSessionCurrent(db, user.id, Date.now() - 7 * 3_600_000)).toBe(true);
    expect(await isSessionCurrent(db, "00000000-0000-4000-8000-00000000dead", Date.now())).toBe(false);
  });

  it("ending sessions refuses those signed in before, to the millisecond, and keeps those signed in from then on", async () => {
    const db = getDb();
    const user = await createUser(db, "Ended Eva");
    await endSessions(db, user.id);
    const from = await validFrom(user.id);
    if (from === null) throw new Error("not set");
    expect(Math.abs(from - Date.now())).toBeLessThan(60_000);
    expect(await isSessionCurrent(db, user.id, from - 1)).toBe(false);
    expect(await isSessionCurrent(db, user.id, from - 3_600_000)).toBe(false);
    expect(await isSessionCurrent(db, user.id, from)).toBe(true);
    expect(await isSessionCurrent(db, user.id, from + 1)).toBe(true);
  });

  it("a password reset ends the sessions signed in before it, in the reset's transaction", async () => {
    const db = getDb();
    const user = await createUser(db, "Reset Rita");
    const signedInEarlier = Date.now() - 600_000;
    expect(await isSessionCurrent(db, user.id, signedInEarlier)).toBe(true);

    const { token, tokenHash } = newToken();
    await db.insert(passwordResets).values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + 3_600_000) });
    await callerFor(db, null).account.resetPassword({ token, password: "a-good-long-password" });
    expect(await isSessionCurrent(db, user.id, signedInEarlier)).toBe(false);
    expect(await isSessionCurrent(db, user.id, Date.now() + 1)).toBe(true);

    // A refused reset (a used link) changes nothing.
    await db.update(users).set({ sessionsValidFrom: sql`now() - interval '1 day'` }).where(eq(users.id, user.id));
    const before = await validFrom(user.id);
    await expect(callerFor(db, null).account.resetPassword({ token, password: "another-good-password" })).rejects.toThrow();
    expect(await validFrom(user.id)).toBe(before);
  });

  it("signing out on every device ends them all and leaves an audit entry", async () => {
    const db = getDb();
    const user = await createUser(db, "Everywhere Ed");
    const signedIn = Date.now() - 1;
    await endAllSessions(db, user.id);
    expect(await isSessionCurrent(db, user.id, signedIn)).toBe(false);
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(entries.map((e) => ({ action: e.action, actor: e.actorUserId, org: e.organisationId }))).toEqual([
      { action: "sessions.ended", actor: user.id, org: null },
    ]);
  });
});
