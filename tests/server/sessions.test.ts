import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordResets, users } from "@/db/schema";
import { newToken } from "@/server/auth/tokens";
import { endSessions, isSessionCurrent } from "@/server/services/sessions";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createUser } from "../helpers/factories";

/* Ending sessions (server/services/sessions.ts): a password reset signs out whoever held the old password. */

const getDb = setupTestDatabase();
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function validFrom(userId: string): Promise<number | null> {
  const [row] = await getDb().select({ at: users.sessionsValidFrom }).from(users).where(eq(users.id, userId));
  return row?.at ? row.at.getTime() / 1000 : null;
}

describe("sessions", () => {
  it("every unexpired session of a user counts until they are ended; a user who does not exist has none", async () => {
    const db = getDb();
    const user = await createUser(db, "Session Sam");
    expect(await isSessionCurrent(db, user.id, nowSeconds() - 7 * 3600)).toBe(true);
    expect(await isSessionCurrent(db, "00000000-0000-4000-8000-00000000dead", nowSeconds())).toBe(false);
  });

  it("ending sessions refuses those issued in an earlier second and keeps those issued from that second on", async () => {
    const db = getDb();
    const user = await createUser(db, "Ended Eva");
    await endSessions(db, user.id);
    const from = await validFrom(user.id);
    if (from === null) throw new Error("not set");
    expect(Number.isInteger(from)).toBe(true); // whole seconds, as a JWT's iat
    expect(await isSessionCurrent(db, user.id, from - 1)).toBe(false);
    expect(await isSessionCurrent(db, user.id, from - 3600)).toBe(false);
    expect(await isSessionCurrent(db, user.id, from)).toBe(true);
    expect(await isSessionCurrent(db, user.id, from + 60)).toBe(true);
  });

  it("a password reset ends the sessions signed in before it, in the reset's transaction", async () => {
    const db = getDb();
    const user = await createUser(db, "Reset Rita");
    const signedInEarlier = nowSeconds() - 600;
    expect(await isSessionCurrent(db, user.id, signedInEarlier)).toBe(true);

    const { token, tokenHash } = newToken();
    await db.insert(passwordResets).values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + 3_600_000) });
    await callerFor(db, null).account.resetPassword({ token, password: "a-good-long-password" });
    expect(await isSessionCurrent(db, user.id, signedInEarlier)).toBe(false);
    expect(await isSessionCurrent(db, user.id, nowSeconds())).toBe(true);

    // A refused reset (a used link) changes nothing.
    await db.update(users).set({ sessionsValidFrom: sql`now() - interval '1 day'` }).where(eq(users.id, user.id));
    const before = await validFrom(user.id);
    await expect(callerFor(db, null).account.resetPassword({ token, password: "another-good-password" })).rejects.toThrow();
    expect(await validFrom(user.id)).toBe(before);
  });
});
