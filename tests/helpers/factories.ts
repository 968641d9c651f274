import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { memberships, naOfficers, organisations, participants, users, type MembershipRole } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/api/trpc";

/*
 * Test data built through the database directly (the seed's job in the app), and callers that act
 * as a given user through the real router, exactly as an HTTP request would after sign-in.
 */

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

export async function createSchool(db: Db, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  const [org] = await db
    .insert(organisations)
    .values({ oid: `E${digits}`, name: `School ${unique()}`, country: "SI", town: "Ljubljana", naCode: "SI01", ...overrides })
    .returning();
  if (!org) throw new Error("no organisation");
  return org;
}

export async function createUser(db: Db, name = "Test User"): Promise<SessionUser> {
  const email = `user-${unique()}@example.test`;
  // Router tests never sign in, so the hash is never verified: any non-empty string will do.
  const [user] = await db.insert(users).values({ email, name, passwordHash: "test-hash" }).returning();
  if (!user) throw new Error("no user");
  return { id: user.id, email: user.email, name: user.name };
}

/** A member of a school; `specialCategory` grants the special-category permission (fewer opportunities …). */
export async function createMember(db: Db, organisationId: string, role: MembershipRole, options: { specialCategory?: boolean } = {}) {
  const user = await createUser(db, `${role} ${unique()}`);
  await db.insert(memberships).values({ userId: user.id, organisationId, role, specialCategoryAccess: options.specialCategory ?? false });
  return user;
}

export async function createOfficer(db: Db, naCode: string) {
  const user = await createUser(db, `officer ${naCode}`);
  await db.insert(naOfficers).values({ userId: user.id, naCode });
  return user;
}

export async function createStaff(db: Db, organisationId: string, lastName = "Novak") {
  const [row] = await db
    .insert(participants)
    .values({ organisationId, kind: "staff", firstName: "Ana", lastName })
    .returning();
  if (!row) throw new Error("no participant");
  return row;
}

export function callerFor(db: Db, user: SessionUser | null) {
  return createCaller({ db, session: user ? { user } : null });
}

export const zeroAwarded = {
  travel: 0,
  individualSupport: 0,
  organisationalSupport: 0,
  courseFees: 0,
  inclusionSupport: 0,
  linguisticSupport: 0,
  exceptionalCosts: 0,
  preparatoryVisits: 0,
  lumpSum: 0,
};

let sequence = 100_000;
export function projectNumber(callYear = 2025, action = "KA122", na = "SI01") {
  sequence += 1;
  return `${callYear}-1-${na}-${action}-SCH-${String(sequence).padStart(9, "0")}`;
}
