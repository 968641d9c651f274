import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
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
  /** Set when a school's API key acts (server/services/api-keys.ts `apiKeyActor`): the audit trail names the key. */
  apiKeyId?: string;
}

interface MembershipRow {
  organisationId: string;
  role: MembershipRole;
  naCode: string;
  specialCategory: boolean;
  email: string;
}

/** Runs before every organisation-scoped procedure, so it is prepared (planned once per connection). */
const membershipStatement = preparedStatement<"userId" | "organisationId", MembershipRow>(["userId", "organisationId"], (p) => sql`
  select ${memberships.organisationId} as "organisationId", ${memberships.role} as "role", ${organisations.naCode} as "naCode",
         ${memberships.specialCategoryAccess} as "specialCategory", ${users.email} as "email"
  from ${memberships}
  join ${organisations} on ${organisations.id} = ${memberships.organisationId}
  join ${users} on ${users.id} = ${memberships.userId}
  where ${memberships.userId} = ${p.userId} and ${memberships.organisationId} = ${p.organisationId}`);

/** The caller's membership, role and special-category permission, in one query, on every request. */
async function resolveMembership(db: Db, userId: string, organisationId: string): Promise<MembershipRow> {
  const [row] = await membershipStatement.execute(db, { userId, organisationId });
  // Not a member and no such school look the same: nothing reveals that another school exists.
  if (!row) throw notFound("organisationNotFound");
  return row;
}

/** The acting member, resolved on every request: by `orgProcedure` for tRPC, and by the file and PDF route handlers. */
export async function resolveActor(db: Db, userId: string, orgId: string): Promise<Actor> {
  const membership = await resolveMembership(db, userId, orgId);
  return {
    userId,
    email: membership.email,
    orgId: membership.organisationId,
    role: membership.role,
    naCode: membership.naCode,
    specialCategory: membership.specialCategory,
  };
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
