import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, naOfficers, organisations, type MembershipRole } from "@/db/schema";
import { notFound } from "@/server/errors";

/** The acting member of a school: every school-scoped service takes one and filters by `orgId`. */
export interface Actor {
  userId: string;
  orgId: string;
  role: MembershipRole;
  naCode: string;
}

export async function resolveMembership(db: Db, userId: string, organisationId: string) {
  const [row] = await db
    .select({ organisationId: memberships.organisationId, role: memberships.role, naCode: organisations.naCode })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
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
