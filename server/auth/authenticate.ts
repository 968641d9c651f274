import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { ZLogin } from "@/server/schemas/auth";
import { dummyPasswordHash, verifyPassword } from "./password";

/** Checks e-mail and password; the same work is done whether or not the account exists. */
export async function authenticate(db: Db, credentials: unknown) {
  const parsed = ZLogin.safeParse(credentials);
  if (!parsed.success) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, parsed.data.email));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}
