import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, invitations, memberships, participants, passwordResets, users } from "@/db/schema";
import { authenticate } from "@/server/auth/authenticate";
import { grantSpecialCategory, membershipIdOf } from "../helpers/access";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createUser } from "../helpers/factories";
import { readMails, waitForMail } from "../helpers/mail";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

const getDb = setupTestDatabase();

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

let schoolA: string;
let schoolB: string;
let adminA: Awaited<ReturnType<typeof createMember>>;
let coordinatorA: Awaited<ReturnType<typeof createMember>>;
let headteacherA: Awaited<ReturnType<typeof createMember>>;
let teacherA: Awaited<ReturnType<typeof createMember>>;
let adminB: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  const db = getDb();
  schoolA = (await createSchool(db)).id;
  schoolB = (await createSchool(db)).id;
  adminA = await createMember(db, schoolA, "school_admin");
  coordinatorA = await createMember(db, schoolA, "coordinator");
  headteacherA = await createMember(db, schoolA, "headteacher");
  teacherA = await createMember(db, schoolA, "teacher");
  adminB = await createMember(db, schoolB, "school_admin");
});

describe("invitations", () => {
  it("sends a single-use link; a new person sets a password, joins with the invited role, and can sign in", async () => {
    const db = getDb();
    const email = `new-teacher-${Date.now()}@example.test`;
    const invited = await callerFor(db, adminA).members.invite({ orgId: schoolA, email: email.toUpperCase(), role: "teacher", specialCategoryAccess: true, locale: "sl" });
    expect(invited.email).toBe(email);
    const { mail, token } = await waitForMail(email, "invite");
    expect(mail.subject).toContain("Povabilo");
    // Only the hash is stored: the token itself is nowhere in the database.
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invited.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);

    const anonymous = callerFor(db, null);
    const seen = await anonymous.account.inspectInvitation({ token });
    expect(seen).toMatchObject({ email, role: "teacher", accountExists: false });

    const joined = await anonymous.account.acceptInvitationAsNewUser({ token, name: "Nina Nova", password: "a-good-long-password" });
    expect(joined.organisationId).toBe(schoolA);
    const result = await authenticate(db, { email, password: "a-good-long-password" });
    expect(result.ok).toBe(true);
    const [membership] = await db.select().from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, email));
    expect(membership?.memberships).toMatchObject({ organisationId: schoolA, role: "teacher", specialCategoryAccess: true });

    // Single use: the same link is refused afterwards, whichever way it is used.
    expect(await codeOf(anonymous.account.inspectInvitation({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(anonymous.account.acceptInvitationAsNewUser({ token, name: "Again", password: "a-good-long-password" }))).toBe("NOT_FOUND");
  });

  it("refuses an expired or revoked invitation, and a replaced link stops working", async () => {
    const db = getDb();
    const email = `expiring-${Date.now()}@example.test`;
    const admin = callerFor(db, adminA);
    const first = await admin.members.invite({ orgId: schoolA, email, role: "teacher" });
    const { token: firstToken } = await waitForMail(email, "invite");
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, first.id));
    expect(await codeOf(callerFor(db, null).account.inspectInvitation({ token: firstToken }))).toBe("NOT_FOUND");

    const mailsBefore = readMails().length;
    const second = await admin.members.invite({ orgId: schoolA, email, role: "headteacher" });
    await expect.poll(() => readMails().length).toBe(mailsBefore + 1);
    const { token: secondToken } = await waitForMail(email, "invite");
    expect(secondToken).not.toBe(firstToken);
    const third = await admin.members.invite({ orgId: schoolA, email, role: "teacher" });
    // The second link was replaced by the third.
    expect(await codeOf(callerFor(db, null).account.inspectInvitation({ token: secondToken }))).toBe("NOT_FOUND");
    expect(second.id).not.toBe(third.id);

    await admin.members.revokeInvitation({ orgId: schoolA, invitationId: third.id });
    const { token: thirdToken } = await waitForMail(email, "invite");
    expect(await codeOf(callerFor(db, null).account.acceptInvitationAsNewUser({ token: thirdToken, name: "X", password: "a-good-long-password" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.members.revokeInvitation({ orgId: schoolA, invitationId: third.id }))).toBe("NOT_FOUND");
  });

  it("lets an existing user accept only while signed in as the invited address", async () => {
    const db = getDb();
    const existing = await createUser(db, "Existing Person");
    const stranger = await createUser(db, "Stranger");
    await callerFor(db, adminA).members.invite({ orgId: schoolA, email: existing.email, role: "headteacher" });
    const { token } = await waitForMail(existing.email, "invite");
    expect((await callerFor(db, null).account.inspectInvitation({ token })).accountExists).toBe(true);
    expect(await codeOf(callerFor(db, null).account.acceptInvitationAsNewUser({ token, name: "Hijack", password: "a-good-long-password" }))).toBe("CONFLICT");
    expect(await codeOf(callerFor(db, null).account.acceptInvitation({ token }))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(db, stranger).account.acceptInvitation({ token }))).toBe("FORBIDDEN");
    expect(await callerFor(db, existing).account.acceptInvitation({ token })).toMatchObject({ organisationId: schoolA });
    expect((await callerFor(db, existing).projects.list({ orgId: schoolA }))).toEqual([]);
  });

  it("lets a coordinator invite teachers only, without special-category access; teachers and headteachers invite nobody", async () => {
    const db = getDb();
    const coordinator = callerFor(db, coordinatorA);
    expect(await codeOf(coordinator.members.invite({ orgId: schoolA, email: "t1@example.test", role: "teacher" }))).toBe("OK");
    expect(await codeOf(coordinator.members.invite({ orgId: schoolA, email: "t2@example.test", role: "coordinator" }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.members.invite({ orgId: schoolA, email: "t3@example.test", role: "teacher", specialCategoryAccess: true }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(db, teacherA).members.invite({ orgId: schoolA, email: "t4@example.test", role: "teacher" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(db, headteacherA).members.invite({ orgId: schoolA, email: "t5@example.test", role: "teacher" }))).toBe("FORBIDDEN");
    // Someone already in the school is not invited again.
    const result = await codeOf(coordinator.members.invite({ orgId: schoolA, email: teacherA.email, role: "teacher" }));
    expect(result).toBe("CONFLICT");
  });
});

describe("managing members", () => {
  it("answers NOT_FOUND for another school's member or invitation, and changes nothing", async () => {
    const db = getDb();
    const memberB = await createMember(db, schoolB, "teacher");
    const membershipB = await membershipIdOf(db, memberB.id, schoolB);
    const invitationB = await callerFor(db, adminB).members.invite({ orgId: schoolB, email: "b-only@example.test", role: "teacher" });
    const admin = callerFor(db, adminA);
    const auditBefore = (await db.select().from(auditLog)).length;
    expect(await codeOf(admin.members.remove({ orgId: schoolA, membershipId: membershipB }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.members.changeRole({ orgId: schoolA, membershipId: membershipB, role: "coordinator" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.members.setSpecialCategory({ orgId: schoolA, membershipId: membershipB, specialCategoryAccess: true }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.members.revokeInvitation({ orgId: schoolA, invitationId: invitationB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.members.list({ orgId: schoolB }))).toBe("NOT_FOUND");
    expect((await db.select().from(auditLog)).length).toBe(auditBefore);
    const list = await admin.members.list({ orgId: schoolA });
    expect(list.members.map((m) => m.userId)).not.toContain(memberB.id);
    expect(list.invitations.map((i) => i.email)).not.toContain("b-only@example.test");
  });

  it("refuses a removed member at their very next request", async () => {
    const db = getDb();
    const leaving = await createMember(db, schoolA, "coordinator");
    const caller = callerFor(db, leaving);
    expect(await codeOf(caller.projects.list({ orgId: schoolA }))).toBe("OK");
    await callerFor(db, adminA).members.remove({ orgId: schoolA, membershipId: await membershipIdOf(db, leaving.id, schoolA) });
    // Same caller, same "session": the membership is resolved per request.
    expect(await codeOf(caller.projects.list({ orgId: schoolA }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.participants.create({ orgId: schoolA, kind: "staff", firstName: "A", lastName: "B" }))).toBe("NOT_FOUND");
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "member.remove")).orderBy(sql`id desc`).limit(1);
    expect(entry).toMatchObject({ organisationId: schoolA, actorUserId: adminA.id });
  });

  it("applies a role change at the member's next request", async () => {
    const db = getDb();
    const member = await createMember(db, schoolA, "coordinator");
    const caller = callerFor(db, member);
    const participant = { orgId: schoolA, kind: "staff" as const, firstName: "Role", lastName: "Change" };
    expect(await codeOf(caller.participants.create(participant))).toBe("OK");
    await callerFor(db, adminA).members.changeRole({ orgId: schoolA, membershipId: await membershipIdOf(db, member.id, schoolA), role: "teacher" });
    expect(await codeOf(caller.participants.create(participant))).toBe("FORBIDDEN");
    expect(await codeOf(caller.projects.list({ orgId: schoolA }))).toBe("OK");
  });

  it("only the school admin changes roles, special-category access and membership", async () => {
    const db = getDb();
    const target = await createMember(db, schoolA, "teacher");
    const membershipId = await membershipIdOf(db, target.id, schoolA);
    for (const user of [coordinatorA, headteacherA, teacherA]) {
      const caller = callerFor(db, user);
      expect(await codeOf(caller.members.changeRole({ orgId: schoolA, membershipId, role: "coordinator" }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.members.setSpecialCategory({ orgId: schoolA, membershipId, specialCategoryAccess: true }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.members.remove({ orgId: schoolA, membershipId }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(callerFor(db, teacherA).members.list({ orgId: schoolA }))).toBe("FORBIDDEN");
  });

  it("keeps the last school admin and the last coordinator", async () => {
    const db = getDb();
    const school = (await createSchool(db)).id;
    const admin = await createMember(db, school, "school_admin");
    const coordinator = await createMember(db, school, "coordinator");
    const caller = callerFor(db, admin);
    const adminMembership = await membershipIdOf(db, admin.id, school);
    expect(await codeOf(caller.members.remove({ orgId: school, membershipId: adminMembership }))).toBe("CONFLICT");
    expect(await codeOf(caller.members.changeRole({ orgId: school, membershipId: adminMembership, role: "teacher" }))).toBe("CONFLICT");
    expect(await codeOf(caller.members.remove({ orgId: school, membershipId: await membershipIdOf(db, coordinator.id, school) }))).toBe("CONFLICT");
    const second = await createMember(db, school, "school_admin");
    expect(await codeOf(caller.members.remove({ orgId: school, membershipId: adminMembership }))).toBe("OK");
    expect(await codeOf(caller.members.list({ orgId: school }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, second).members.list({ orgId: school }))).toBe("OK");
  });
});

describe("special-category data", () => {
  it("is absent from participant responses for members without the permission, and present with it", async () => {
    const db = getDb();
    await db.insert(participants).values({
      organisationId: schoolA, kind: "pupil", firstName: "Eva", lastName: "Special", fewerOpportunities: true, fewerOpportunitiesNote: "economic obstacles",
    });
    const withoutPermission = await callerFor(db, teacherA).participants.list({ orgId: schoolA });
    const row = withoutPermission.find((p) => p.lastName === "Special");
    expect(row).toBeDefined();
    expect(row && "fewerOpportunities" in row).toBe(false);
    expect(row && "fewerOpportunitiesNote" in row).toBe(false);
    expect(JSON.stringify(withoutPermission)).not.toContain("economic obstacles");

    await grantSpecialCategory(db, teacherA.id, schoolA);
    const withPermission = await callerFor(db, teacherA).participants.list({ orgId: schoolA });
    expect(withPermission.find((p) => p.lastName === "Special")).toMatchObject({ fewerOpportunities: true, fewerOpportunitiesNote: "economic obstacles" });

    // Revoked by the admin through the app: gone again at the next request.
    await callerFor(db, adminA).members.setSpecialCategory({ orgId: schoolA, membershipId: await membershipIdOf(db, teacherA.id, schoolA), specialCategoryAccess: false });
    const again = await callerFor(db, teacherA).participants.list({ orgId: schoolA });
    expect(JSON.stringify(again)).not.toContain("economic obstacles");
  });
});

describe("password reset", () => {
  it("answers the same for an unknown address, sends a one-hour single-use link for a known one", async () => {
    const db = getDb();
    const anonymous = callerFor(db, null);
    const user = await createUser(db, "Forgetful Fran");
    const mailsBefore = readMails().length;
    expect(await anonymous.account.requestPasswordReset({ email: "nobody-here@example.test" })).toEqual({ ok: true });
    expect(await anonymous.account.requestPasswordReset({ email: user.email.toUpperCase(), locale: "en" })).toEqual({ ok: true });
    const { mail, token } = await waitForMail(user.email, "reset-password");
    expect(mail.subject).toBe("Reset your Mobilo password");
    expect(readMails().filter((m) => m.to === "nobody-here@example.test")).toEqual([]);
    expect(readMails().length).toBe(mailsBefore + 1);
    const [reset] = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(reset?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(reset?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);

    expect(await codeOf(anonymous.account.resetPassword({ token, password: "short" }))).toBe("BAD_REQUEST");
    expect(await anonymous.account.resetPassword({ token, password: "my-brand-new-password" })).toEqual({ email: user.email });
    expect((await authenticate(db, { email: user.email, password: "my-brand-new-password" })).ok).toBe(true);
    expect(await codeOf(anonymous.account.resetPassword({ token, password: "yet-another-password" }))).toBe("NOT_FOUND");
    expect((await authenticate(db, { email: user.email, password: "yet-another-password" })).ok).toBe(false);
  });

  it("refuses an expired link and retires older links when a new one is asked for", async () => {
    const db = getDb();
    const anonymous = callerFor(db, null);
    const user = await createUser(db, "Twice Asked");
    await anonymous.account.requestPasswordReset({ email: user.email });
    const { token: first } = await waitForMail(user.email, "reset-password");
    await anonymous.account.requestPasswordReset({ email: user.email });
    await expect.poll(async () => (await waitForMail(user.email, "reset-password")).token).not.toBe(first);
    const { token: second } = await waitForMail(user.email, "reset-password");
    expect(await codeOf(anonymous.account.resetPassword({ token: first, password: "a-good-long-password" }))).toBe("NOT_FOUND");
    await db.update(passwordResets).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResets.userId, user.id));
    expect(await codeOf(anonymous.account.resetPassword({ token: second, password: "a-good-long-password" }))).toBe("NOT_FOUND");
  });
});
