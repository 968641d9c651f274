import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { users } from "@/db/schema";

/*
 * Ending sessions. Sessions are JWTs (Auth.js, 8 h): nothing is stored per session, so a session is
 * ended by its user's `sessions_valid_from` — a session issued before it is refused on its next request
 * (server/auth/config.ts asks `isSessionCurrent` on every request; one prepared primary-key lookup).
 * A user who no longer exists has no current session either.
 */

const currentSession = preparedStatement<"userId" | "issuedAt", { current: boolean }>(["userId", "issuedAt"], (p) => sql`
  select (${users.sessionsValidFrom} is null or ${users.sessionsValidFrom} <= to_timestamp(${p.issuedAt}::bigint)) as "current"
  from ${users} where ${users.id} = ${p.userId}`);

/** Is a session of this user, issued at `issuedAt` (seconds since the epoch, the JWT's `iat`), still accepted? */
export async function isSessionCurrent(db: Db, userId: string, issuedAt: number): Promise<boolean> {
  const [row] = await currentSession.execute(db, { userId, issuedAt: Math.floor(issuedAt) });
  return row?.current === true;
}

/**
 * Ends every session of the user issued before now. Truncated to the second, as `iat` is: a session
 * signed in after this call (even within the same second) stays valid.
 */
export async function endSessions(tx: DbOrTx, userId: string): Promise<void> {
  await tx.update(users).set({ sessionsValidFrom: sql`date_trunc('second', now())` }).where(eq(users.id, userId));
}
