import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/db/schema";
import { setPreferredLocale } from "@/server/services/sessions";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";
import { readMails, waitForMail } from "../helpers/mail";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * E-mails are written in the language their recipient chose (users.locale), not in the language of
 * whoever caused them: an English-speaking officer's finding reaches a Slovenian coordinator in
 * Slovenian. Someone who never chose gets the sender's language.
 */

const getDb = setupTestDatabase();

async function localeOf(userId: string) {
  const [row] = await getDb().select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? null;
}

async function localeAuditCount(userId: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, "user.locale"), eq(auditLog.entityId, userId)));
  return row?.n ?? 0;
}

let school: string;
let projectId: string;

beforeAll(async () => {
  const db = getDb();
  school = (await createSchool(db)).id;
  const coordinator = await createMember(db, school, "coordinator");
  const project = await callerFor(db, coordinator).projects.create({
    orgId: school, action: "KA122", projectNumber: projectNumber(), title: "Mail language", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  projectId = project.id;
});

describe("the user's language", () => {
  it("is remembered with an audit entry, only when it changes, and only as a known language", async () => {
    const db = getDb();
    const user = await createMember(db, school, "teacher");
    expect(await localeOf(user.id)).toBeNull();
    await setPreferredLocale(db, user.id, "sl");
    expect(await localeOf(user.id)).toBe("sl");
    expect(await localeAuditCount(user.id)).toBe(1);
    await setPreferredLocale(db, user.id, "sl");
    expect(await localeAuditCount(user.id)).toBe(1);
    await setPreferredLocale(db, user.id, "en");
    expect(await localeOf(user.id)).toBe("en");
    expect(await localeAuditCount(user.id)).toBe(2);
    // The database refuses a language the app has no texts for.
    await expect(db.update(users).set({ locale: "de" }).where(eq(users.id, user.id))).rejects.toThrow();
    expect(await localeOf(user.id)).toBe("en");
  });

  it("is taken from the page when a new member accepts an invitation", async () => {
    const db = getDb();
    const admin = await createMember(db, school, "school_admin");
    const email = `sl-invitee-${Date.now()}@example.test`;
    await callerFor(db, admin).members.invite({ orgId: school, email, role: "teacher", specialCategoryAccess: false, locale: "sl" });
    const { mail, token } = await waitForMail(email, "invite");
    expect(mail.subject).toContain("Povabilo");
    await callerFor(db, null).account.acceptInvitationAsNewUser({ token, name: "Sara Slovenka", password: "sara-password-2026", locale: "sl" });
    const [row] = await db.select({ locale: users.locale }).from(users).where(eq(sql`lower(${users.email})`, email));
    expect(row?.locale).toBe("sl");
  });
});

describe("e-mails in the recipient's language", () => {
  it("a finding written by an officer in English reaches each member of the school in their own language", async () => {
    const db = getDb();
    const slovene = await createMember(db, school, "coordinator");
    const english = await createMember(db, school, "headteacher");
    const undecided = await createMember(db, school, "headteacher");
    await setPreferredLocale(db, slovene.id, "sl");
    await setPreferredLocale(db, english.id, "en");
    const officer = await createOfficer(db, "SI01");
    const title = `Finding ${Date.now()}`;
    await callerFor(db, officer).na.createFinding({ projectId, title, body: "Please explain.", locale: "en" });
    const subjectTo = (to: string) => readMails().find((m) => m.to === to && m.subject.includes(title))?.subject;
    expect(subjectTo(slovene.email)).toBe(`Nacionalna agencija: ${title}`);
    expect(subjectTo(english.email)).toBe(`National agency: ${title}`);
    // Never chose: the sender's language.
    expect(subjectTo(undecided.email)).toBe(`National agency: ${title}`);
  });

  it("the school's answer reaches the officer in the officer's language", async () => {
    const db = getDb();
    const coordinator = await createMember(db, school, "coordinator");
    const officer = await createOfficer(db, "SI01");
    await setPreferredLocale(db, officer.id, "sl");
    const title = `Question ${Date.now()}`;
    const finding = await callerFor(db, officer).na.createFinding({ projectId, title, body: "Please explain.", locale: "sl" });
    await callerFor(db, coordinator).findings.reply({ orgId: school, findingId: finding.id, version: finding.version, body: "Here it is.", locale: "en" });
    const toOfficer = readMails().filter((m) => m.to === officer.email && m.text.includes(title));
    expect(toOfficer).toHaveLength(1);
    expect(toOfficer[0]?.text).toContain("Pozdravljeni");
  });

  it("a password reset comes in the language of the page it was asked from (the person asking reads it now)", async () => {
    const db = getDb();
    const user = await createMember(db, school, "teacher");
    await setPreferredLocale(db, user.id, "en");
    await callerFor(db, null).account.requestPasswordReset({ email: user.email, locale: "sl" });
    const { mail } = await waitForMail(user.email, "reset-password");
    expect(mail.subject).toBe("Ponastavitev gesla za Mobilo");
  });
});
