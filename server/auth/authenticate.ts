import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { ZLogin } from "@/server/schemas/auth";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearAccountFailures, loginLockedUntil, recordLoginFailure } from "./throttle";

export type TAuthResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks e-mail and password under the login throttle. The same work is done whether or not the
 * account exists, and a lock is counted and reported the same way for both: nothing tells them apart.
 */
export async function authenticate(db: Db, credentials: unknown, ip: string | null = null): Promise<TAuthResult> {
  const parsed = ZLogin.safeParse(credentials);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (await loginLockedUntil(db, email, ip)) return { ok: false, reason: "locked" };
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await recordLoginFailure(db, email, ip);
    return { ok: false, reason: (await loginLockedUntil(db, email, ip)) ? "locked" : "invalid" };
  }
  await clearAccountFailures(db, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
