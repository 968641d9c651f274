import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, naOfficers, organisations, users, type MembershipRole } from "@/db/schema";
import { notFound } from "@/server/errors";

/** The acting member of a school: every school-scoped service takes one and filters by `orgId`. */
export interface Actor {
  userId: string;
  /** The user's e-mail as stored (not as the session cookie remembers it): links a teacher to their participant row. */
  email: string;
  orgId: string;
  role: MembershipRole;
  naCode: string;
  /** memberships.special_category_access: may see fewer-opportunities flags and notes. */
  specialCategory: boolean;
}

/** The caller's membership, role and special-category permission, in one query, on every request. */
export async function resolveMembership(db: Db, userId: string, organisationId: string) {
  const [row] = await db
    .select({
      organisationId: memberships.organisationId,
      role: memberships.role,
      naCode: organisations.naCode,
      specialCategory: memberships.specialCategoryAccess,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  // Not a member and no such school look the same: nothing reveals that another school exists.
  if (!row) throw notFound("organisationNotFound");
  return row;
}

export async function listMyOrganisations(db: Db, userId: string) {
  return db
    .select({
      id: organisations.id,
      oid: organisations.oid,
      name: organisations.name,
      country: organisations.country,
      town: organisations.town,
      naCode: organisations.naCode,
      role: memberships.role,
      specialCategory: memberships.specialCategoryAccess,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

export async function listMyNaCodes(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ naCode: naOfficers.naCode }).from(naOfficers).where(eq(naOfficers.userId, userId));
  return rows.map((r) => r.naCode);
}

export async function isPlatformAdmin(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, userId));
  return row?.platformRole === "platform_admin";
}
