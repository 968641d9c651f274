import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";

export async function membershipIdOf(db: Db, userId: string, organisationId: string): Promise<string> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  if (!row) throw new Error("no membership");
  return row.id;
}

export async function grantSpecialCategory(db: Db, userId: string, organisationId: string, value = true) {
  await db
    .update(memberships)
    .set({ specialCategoryAccess: value })
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
}

