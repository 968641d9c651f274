import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { users } from "@/db/schema";
import type { TMailLocale } from "@/server/schemas/members";
import { recordAudit } from "./audit";

/*
 * Ending sessions. Sessions are JWTs (Auth.js, 8 h): nothing is stored per session, so a session is
 * ended by its user's `sessions_valid_from` — a session signed in before it is refused on its next request
 * (server/auth/config.ts asks `isSessionCurrent` on every request; one prepared primary-key lookup).
 * A user who no longer exists has no current session either.
 */

const currentSession = preparedStatement<"userId" | "issuedAtMs", { current: boolean }>(["userId", "issuedAtMs"], (p) => sql`
  select (${users.sessionsValidFrom} is null or ${users.sessionsValidFrom} <= to_timestamp(${p.issuedAtMs}::float8 / 1000)) as "current"
  from ${users} where ${users.id} = ${p.userId}`);

/** Is a session of this user, signed in at `issuedAtMs` (ms since the epoch: server/auth/session.ts `issuedAtMs`), still accepted? */
export async function isSessionCurrent(db: Db, userId: string, issuedAtMs: number): Promise<boolean> {
  const [row] = await currentSession.execute(db, { userId, issuedAtMs });
  return row?.current === true;
}

/**
 * Ends every session of the user signed in before now (this server's clock, the one that stamps
 * `signedInAt` at sign-in).
 */
export async function endSessions(tx: DbOrTx, userId: string): Promise<void> {
  await tx.update(users).set({ sessionsValidFrom: new Date() }).where(eq(users.id, userId));
}

/** "Sign out on every device": ends every session of the user, the current one included, with an audit entry. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await endSessions(tx, userId);
    await recordAudit(tx, { userId, orgId: null }, { action: "sessions.ended", entityType: "user", entityId: userId });
  });
}

/**
 * The user's language, remembered for what is sent to them (e-mails) when they are not looking at a
 * page. Set by the language switch and by accepting an invitation; unchanged → nothing written.
 */
export async function setPreferredLocale(db: Db, userId: string, locale: TMailLocale): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).for("update");
    if (!before || before.locale === locale) return;
    await tx.update(users).set({ locale }).where(eq(users.id, userId));
    await recordAudit(tx, { userId, orgId: null }, { action: "user.locale", entityType: "user", entityId: userId, before, after: { locale } });
  });
}
