import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { invitations, naRateSets, passwordResets, projects } from "@/db/schema";
import { appRouter, createCaller } from "@/server/api/root";
import { newToken } from "@/server/auth/tokens";
import { uploadEvidenceFile } from "@/server/services/evidence";
import { resolveActor } from "@/server/services/memberships";
import { membershipIdOf } from "../helpers/access";
import { minimalPdf } from "../helpers/files";
import { listProcedures } from "../helpers/procedures";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, createUser, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * The authorisation matrix. It ENUMERATES every procedure of appRouter and calls each one as every
 * kind of caller against school A's data, comparing the outcome (success or the error code) with the
 * table below. A procedure that is not in the table fails the test: whoever adds a procedure must
 * decide here who may call it. Every success of a caller from outside school A is also searched for
 * A's data (names, ids, e-mails): nothing of A may come back.
 *
 * Columns (who calls, and with which school id):
 *   anonymous          no session, orgId = A
 *   coordinator …      members of A with that role, orgId = A
 *   officerSameNa      NA officer of A's agency (SI01), not a member, orgId = A
 *   officerOtherNa     NA officer of another agency (HR01), orgId = A
 *   otherSchool        coordinator of school B (same NA), naming A's orgId
 *   otherCoordOwnOrg   the same coordinator of B, with B's own orgId but A's row ids
 *   otherAdminOwnOrg   school admin of B, with B's own orgId but A's row ids
 */

const getDb = setupTestDatabase();

const COLUMNS = [
  "anonymous",
  "coordinator",
  "teacher",
  "headteacher",
  "schoolAdmin",
  "officerSameNa",
  "officerOtherNa",
  "otherSchool",
  "otherCoordOwnOrg",
  "otherAdminOwnOrg",
] as const;
type TColumn = (typeof COLUMNS)[number];
type TOutcome = "OK" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
type TRow = Record<TColumn, TOutcome>;

const OK = "OK";
const U = "UNAUTHORIZED";
const F = "FORBIDDEN";
const N = "NOT_FOUND";

/** Callers outside school A whose successes are searched for A's data. */
const OUTSIDERS: TColumn[] = ["anonymous", "officerSameNa", "officerOtherNa", "otherSchool", "otherCoordOwnOrg", "otherAdminOwnOrg"];

/** Anyone who names school A without being its member. */
const strangersToA = { anonymous: U, officerSameNa: N, officerOtherNa: N, otherSchool: N } as const;
const everyone = (outcome: TOutcome): TRow => Object.fromEntries(COLUMNS.map((c) => [c, outcome])) as TRow;
const signedIn = (outcome: TOutcome): TRow => ({ ...everyone(outcome), anonymous: U });

/** A school-scoped read of A's rows (any member of A; B's callers do not find A's rows under B). */
const readOfA: TRow = { ...strangersToA, coordinator: OK, teacher: OK, headteacher: OK, schoolAdmin: OK, otherCoordOwnOrg: N, otherAdminOwnOrg: N };
/** A school-scoped list: with their own orgId, B's members see their own (empty of A) list. */
const listOfOwnSchool: TRow = { ...readOfA, otherCoordOwnOrg: OK, otherAdminOwnOrg: OK };
/** A coordinator's edit of A's rows. */
const coordinatorEditOfA: TRow = { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: F, otherCoordOwnOrg: N, otherAdminOwnOrg: F };
/** A coordinator's creation in the school named by orgId (B's coordinator creates in B). */
const coordinatorCreate: TRow = { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: F, otherCoordOwnOrg: OK, otherAdminOwnOrg: F };
/** An edit of one mobility: the coordinator, or a teacher on their own (these mobilities are a colleague's). */
const mobilityEdit: TRow = { ...coordinatorEditOfA };
/** Reading the team and the audit trail (not teachers). */
const overseerReadOfA: TRow = { ...readOfA, teacher: F };
const overseerListOfOwnSchool: TRow = { ...listOfOwnSchool, teacher: F };
/** The NA console: officers only (members FORBIDDEN); A's rows exist only for the officer of A's agency. */
const naReadOfA: TRow = { ...everyone(F), anonymous: U, officerSameNa: OK, officerOtherNa: N };
/** An NA-wide list: each officer sees their own agency's (the HR01 officer's holds nothing of A). */
const naList: TRow = { ...naReadOfA, officerOtherNa: OK };
/** Member management of A's members: the school admin only. */
const adminEditOfA: TRow = { ...strangersToA, coordinator: F, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: F, otherAdminOwnOrg: N };

interface TExpectation {
  expected: TRow;
  /** The token in the input is the credential (an e-mail link): the school's name may come back to its holder. */
  tokenBearer?: boolean;
  /** An NA officer's console: the officer of A's agency legitimately reads A's data (not a leak). */
  officerReads?: boolean;
}

/** THE TABLE. Every procedure of appRouter must have a row. */
const EXPECTED: Record<string, TExpectation> = {
  "me.context": { expected: signedIn(OK) },
  "rules.estimate": { expected: everyone(OK) },
  "rules.towns": { expected: everyone(OK) },

  "projects.list": { expected: listOfOwnSchool },
  "projects.get": { expected: readOfA },
  "projects.create": { expected: coordinatorCreate },
  "projects.update": { expected: coordinatorEditOfA },
  "projects.agreementRates": { expected: readOfA },
  "projects.setAgreementRates": { expected: coordinatorEditOfA },

  "participants.list": { expected: listOfOwnSchool },
  "participants.create": { expected: coordinatorCreate },
  "participants.update": { expected: coordinatorEditOfA },
  "partners.list": { expected: listOfOwnSchool },
  "partners.create": { expected: coordinatorCreate },
  "partners.update": { expected: coordinatorEditOfA },

  "mobilities.list": { expected: readOfA },
  "mobilities.get": { expected: readOfA },
  "mobilities.exportCsv": { expected: readOfA },
  "mobilities.estimate": { expected: readOfA },
  "mobilities.log": { expected: coordinatorEditOfA },
  "mobilities.update": { expected: coordinatorEditOfA },
  "mobilities.setStatus": { expected: coordinatorEditOfA },
  "mobilities.duplicate": { expected: coordinatorEditOfA },
  "mobilities.delete": { expected: coordinatorEditOfA },

  "evidence.list": { expected: readOfA },
  "evidence.setDone": { expected: mobilityEdit },
  "evidence.removeFile": { expected: mobilityEdit },
  "evidence.upload": { expected: mobilityEdit },
  // Members of the file's school and the officers of its NA.
  "evidence.download": { expected: { ...readOfA, officerSameNa: OK }, officerReads: true },

  "members.list": { expected: overseerListOfOwnSchool },
  "members.invite": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: OK, otherAdminOwnOrg: OK },
  },
  "members.revokeInvitation": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: N, otherAdminOwnOrg: N },
  },
  "members.changeRole": { expected: adminEditOfA },
  "members.setSpecialCategory": { expected: adminEditOfA },
  "members.remove": { expected: adminEditOfA },

  "account.inspectInvitation": { expected: everyone(OK), tokenBearer: true },
  "account.acceptInvitationAsNewUser": { expected: everyone(OK), tokenBearer: true },
  // The link alone is not enough for a signed-in account: it must be the invited address.
  "account.acceptInvitation": { expected: signedIn(F) },
  "account.requestPasswordReset": { expected: everyone(OK) },
  "account.resetPassword": { expected: everyone(OK), tokenBearer: true },

  "audit.list": { expected: overseerReadOfA },
  "audit.filterOptions": { expected: overseerListOfOwnSchool },
  "audit.export": { expected: overseerListOfOwnSchool },
  "audit.exportCsv": { expected: overseerListOfOwnSchool },

  "dashboards.project": { expected: readOfA },
  "dashboards.schoolOverview": { expected: listOfOwnSchool },

  "retention.list": { expected: overseerListOfOwnSchool },
  // Anonymises what is due in the school named (nothing of A's fixture is due); B's runners run B's.
  "retention.anonymiseDue": { expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: OK, otherAdminOwnOrg: OK } },

  "na.overview": { expected: naList, officerReads: true },
  "na.schools": { expected: naList, officerReads: true },
  "na.portfolio": { expected: naList, officerReads: true },
  "na.flagMobilities": { expected: naReadOfA, officerReads: true },
  "na.project": { expected: naReadOfA, officerReads: true },
  "na.auditReport": { expected: naReadOfA, officerReads: true },
  "na.mobility": { expected: naReadOfA, officerReads: true },
  "na.findings": { expected: naList, officerReads: true },
  "na.finding": { expected: naReadOfA, officerReads: true },
  "na.createFinding": { expected: naReadOfA, officerReads: true },
  "na.postMessage": { expected: naReadOfA, officerReads: true },
  "na.closeFinding": { expected: naReadOfA, officerReads: true },
  // A's agency is SI01: the HR01 officer has no business with SI01's tables.
  "na.rates": { expected: naReadOfA, officerReads: true },
  "na.setIndividualSupportRates": { expected: naReadOfA, officerReads: true },
  "na.reapplyRates": { expected: naReadOfA, officerReads: true },

  "findings.listForSchool": { expected: { ...listOfOwnSchool, teacher: F, schoolAdmin: F, otherAdminOwnOrg: F } },
  "findings.getForSchool": { expected: { ...readOfA, teacher: F, schoolAdmin: F, otherAdminOwnOrg: F } },
  "findings.reply": { expected: coordinatorEditOfA },

  // The Beneficiary Module round trip: every member exports; only the coordinator imports.
  "bm.exportFile": { expected: readOfA },
  "bm.preflight": { expected: readOfA },
  "bm.upload": { expected: coordinatorEditOfA },
  "bm.get": { expected: coordinatorEditOfA },
  "bm.list": { expected: coordinatorEditOfA },
  "bm.feedbackFile": { expected: coordinatorEditOfA },
  "bm.commit": { expected: coordinatorEditOfA },

  // The public API's keys: the school admin and the coordinator of the school; an NA's by its officers.
  "apiKeys.list": { expected: { ...listOfOwnSchool, teacher: F, headteacher: F } },
  "apiKeys.create": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: OK, otherAdminOwnOrg: OK },
  },
  "apiKeys.revoke": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: N, otherAdminOwnOrg: N },
  },
  "apiKeys.naList": { expected: naReadOfA, officerReads: true },
  "apiKeys.naCreate": { expected: naReadOfA, officerReads: true },
  "apiKeys.naRevoke": { expected: naReadOfA, officerReads: true },
  "webhooks.list": { expected: { ...listOfOwnSchool, teacher: F, headteacher: F } },
  "webhooks.deliveries": { expected: { ...listOfOwnSchool, teacher: F, headteacher: F } },
  "webhooks.create": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: OK, otherAdminOwnOrg: OK },
  },
  "webhooks.remove": {
    expected: { ...strangersToA, coordinator: OK, teacher: F, headteacher: F, schoolAdmin: OK, otherCoordOwnOrg: N, otherAdminOwnOrg: N },
  },
  "webhooks.naList": { expected: naReadOfA, officerReads: true },
  "webhooks.naDeliveries": { expected: naReadOfA, officerReads: true },
  "webhooks.naCreate": { expected: naReadOfA, officerReads: true },
  "webhooks.naRemove": { expected: naReadOfA, officerReads: true },
};

/* ---------- fixture ---------- */

type TUser = Awaited<ReturnType<typeof createUser>>;

interface TFixture {
  schoolA: string;
  schoolB: string;
  users: Record<Exclude<TColumn, "anonymous">, TUser>;
  projectA: string;
  participantA: string;
  mobilityA: string;
  /** Strings that identify A's data: none may appear in what an outsider receives. */
  secretsOfA: string[];
}

let f: TFixture;
const unique = () => randomBytes(4).toString("hex");

const mobilityFields = () => ({
  participantId: f.participantA,
  activityType: "SM-JOB-SHDW" as const,
  startDate: "2025-10-06",
  endDate: "2025-10-10",
  travelDays: 2,
  receivingOrganisation: "Schule Wien",
  destinationCountry: "AT",
  destinationTown: "Vienna",
  distanceKm: 380,
});

const coordinatorOfA = () => callerFor(getDb(), f.users.coordinator);

/** KA121 (accredited) projects: a school may hold any number of them, unlike KA122 (3 in 5 call years). */
const accreditedProject = () => ({
  action: "KA121" as const, projectNumber: projectNumber(2024, "KA121"), title: `Project ${unique()}`, callYear: 2024,
  startDate: "2024-06-01", endDate: "2025-08-31", awarded: zeroAwarded,
});

async function newProjectOfA() {
  return coordinatorOfA().projects.create({ orgId: f.schoolA, ...accreditedProject() });
}

async function newMobilityOfA() {
  return coordinatorOfA().mobilities.log({ orgId: f.schoolA, projectId: f.projectA, ...mobilityFields() });
}

async function newMembershipOfA() {
  const member = await createMember(getDb(), f.schoolA, "teacher");
  return membershipIdOf(getDb(), member.id, f.schoolA);
}

async function newInvitationOfA(email = `invitee-${unique()}@example.test`) {
  const { token, tokenHash } = newToken();
  const [row] = await getDb()
    .insert(invitations)
    .values({ organisationId: f.schoolA, email, role: "teacher", tokenHash, expiresAt: new Date(Date.now() + 86_400_000), invitedBy: f.users.schoolAdmin.id })
    .returning();
  if (!row) throw new Error("no invitation");
  return { id: row.id, token };
}

async function newResetToken() {
  const user = await createUser(getDb(), "Reset Person");
  const { token, tokenHash } = newToken();
  await getDb().insert(passwordResets).values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + 3_600_000) });
  return token;
}

/** A finding of A's agency about A's project (the officer of SI01 opens it). */
async function newFindingOfA() {
  return callerFor(getDb(), f.users.officerSameNa).na.createFinding({ projectId: f.projectA, title: `Finding ${unique()}`, body: "Please explain." });
}

const PDF = minimalPdf();
const word = (key: string) => key;
const CSV_LABELS = { column: word, activity: word, status: word, yes: "yes", no: "no", separator: "," as const, decimalSeparator: "." as const };
const AUDIT_HEADINGS = { time: "t", person: "p", email: "e", action: "a", entityType: "et", entityId: "id", field: "f", before: "b", after: "a" };
const REPORT_LABELS = { report: word, flag: word, category: word, projectStatus: word, mobilityStatus: word, findingStatus: word, activity: word, issue: (i: { code: string }) => i.code };

/** A one-row BM file for A's project, as a coordinator of A would upload it. */
async function bmFileOfA() {
  const [project] = await getDb().select({ projectNumber: projects.projectNumber }).from(projects).where(eq(projects.id, f.projectA));
  const number = project?.projectNumber ?? "";
  const csv = [
    "Data type,Grant Agreement No.,Mobility activity ID,Activity type,Participant first name,Participant last name,Receiving Organisation Name,Receiving country,Receiving city,Start date,End date,Travel days,Distance (km)",
    `Mobility activity,${number},${number.slice(-6)}-MOB-${String(Math.floor(Math.random() * 90_000) + 10_000)},SM-JOB-SHDW,Ana,Matrix,Schule Wien,AT,Vienna,06.10.2025,10.10.2025,2,380`,
  ].join("\n");
  return new TextEncoder().encode(csv);
}

async function newBmImportOfA() {
  const upload = await coordinatorOfA().bm.upload({ orgId: f.schoolA, projectId: f.projectA, fileName: "a.csv", bytes: await bmFileOfA() });
  if (!upload.ok) throw new Error("upload refused");
  return upload.importId;
}

/** Valid input per procedure, built fresh for every call (mutations consume what they change). */
const INPUTS: Record<string, (orgId: string) => Promise<unknown>> = {
  "me.context": async () => undefined,
  "rules.estimate": async () => ({
    callYear: 2025, naCode: "SI01", activityType: "SM-JOB-SHDW", startDate: "2025-10-06", endDate: "2025-10-10",
    travelDays: 2, destinationCountry: "AT", distanceKm: 380,
  }),
  "rules.towns": async () => ({ query: "Wien" }),
  "projects.list": async (orgId) => ({ orgId }),
  "projects.get": async (orgId) => ({ orgId, projectId: f.projectA }),
  "projects.create": async (orgId) => ({ orgId, ...accreditedProject() }),
  "projects.update": async (orgId) => {
    const p = await newProjectOfA();
    return { orgId, ...accreditedProject(), projectId: p.id, version: p.version, projectNumber: p.projectNumber, title: "Renamed", status: "running" };
  },
  "projects.agreementRates": async (orgId) => ({ orgId, projectId: f.projectA }),
  "projects.setAgreementRates": async (orgId) => {
    const p = await newProjectOfA();
    return { orgId, projectId: p.id, baseVersion: null, source: "Grant agreement, annex II", staff: ["100", "90", "80"], pupil: ["50", "45", "40"] };
  },
  "participants.list": async (orgId) => ({ orgId }),
  "participants.create": async (orgId) => ({ orgId, kind: "staff", firstName: "New", lastName: `Person${unique()}` }),
  "partners.list": async (orgId) => ({ orgId }),
  "partners.create": async (orgId) => ({ orgId, name: `Partner ${unique()}`, country: "AT", town: "Vienna" }),
  "partners.update": async (orgId) => {
    const created = await coordinatorOfA().partners.create({ orgId: f.schoolA, name: `Partner ${unique()}`, country: "AT", town: "Graz" });
    return { orgId, partnerId: created.id, version: created.version, name: created.name, country: "AT", town: "Linz" };
  },
  "participants.update": async (orgId) => {
    const created = await coordinatorOfA().participants.create({ orgId: f.schoolA, kind: "staff", firstName: "Edit", lastName: `Me${unique()}` });
    return { orgId, participantId: created.id, version: created.version, kind: "staff", firstName: "Edited", lastName: created.lastName };
  },
  "mobilities.list": async (orgId) => ({ orgId, projectId: f.projectA }),
  "mobilities.get": async (orgId) => ({ orgId, mobilityId: f.mobilityA }),
  "mobilities.exportCsv": async (orgId) => ({ orgId, projectId: f.projectA, labels: CSV_LABELS }),
  "mobilities.estimate": async (orgId) => ({ orgId, projectId: f.projectA, ...mobilityFields() }),
  "mobilities.log": async (orgId) => ({ orgId, projectId: f.projectA, ...mobilityFields() }),
  "mobilities.update": async (orgId) => {
    const m = await newMobilityOfA();
    return { orgId, projectId: f.projectA, mobilityId: m.id, version: m.version, ...mobilityFields(), destinationTown: "Graz" };
  },
  "mobilities.setStatus": async (orgId) => {
    const m = await newMobilityOfA();
    return { orgId, projectId: f.projectA, mobilityIds: [m.id], status: "completed" };
  },
  "mobilities.duplicate": async (orgId) => ({ orgId, mobilityId: (await newMobilityOfA()).id }),
  "mobilities.delete": async (orgId) => {
    const m = await newMobilityOfA();
    return { orgId, mobilityId: m.id, version: m.version };
  },
  "evidence.list": async (orgId) => ({ orgId, mobilityId: f.mobilityA }),
  "evidence.setDone": async (orgId) => ({ orgId, mobilityId: (await newMobilityOfA()).id, kind: "attendance_certificate", done: true }),
  "evidence.removeFile": async (orgId) => {
    const m = await newMobilityOfA();
    const actor = await resolveActor(getDb(), f.users.coordinator.id, f.schoolA);
    const uploaded = await uploadEvidenceFile(getDb(), actor, { mobilityId: m.id, kind: "attendance_certificate", filename: "a.pdf", bytes: PDF }, { kind: "postgres" });
    return { orgId, mobilityId: m.id, kind: "attendance_certificate", version: uploaded.item.version };
  },
  "evidence.upload": async (orgId) => ({ orgId, mobilityId: (await newMobilityOfA()).id, kind: "attendance_certificate", filename: "a.pdf", bytes: PDF }),
  "evidence.download": async () => {
    const m = await newMobilityOfA();
    const actor = await resolveActor(getDb(), f.users.coordinator.id, f.schoolA);
    const uploaded = await uploadEvidenceFile(getDb(), actor, { mobilityId: m.id, kind: "attendance_certificate", filename: "a.pdf", bytes: PDF }, { kind: "postgres" });
    return { fileId: uploaded.file.id };
  },
  "members.list": async (orgId) => ({ orgId }),
  "members.invite": async (orgId) => ({ orgId, email: `new-${unique()}@example.test`, role: "teacher" }),
  "members.revokeInvitation": async (orgId) => ({ orgId, invitationId: (await newInvitationOfA()).id }),
  "members.changeRole": async (orgId) => ({ orgId, membershipId: await newMembershipOfA(), role: "headteacher" }),
  "members.setSpecialCategory": async (orgId) => ({ orgId, membershipId: await newMembershipOfA(), specialCategoryAccess: true }),
  "members.remove": async (orgId) => ({ orgId, membershipId: await newMembershipOfA() }),
  "account.inspectInvitation": async () => ({ token: (await newInvitationOfA()).token }),
  "account.acceptInvitationAsNewUser": async () => ({ token: (await newInvitationOfA()).token, name: "New Person", password: "a-good-long-password" }),
  "account.acceptInvitation": async () => ({ token: (await newInvitationOfA()).token }),
  "account.requestPasswordReset": async () => ({ email: (await createUser(getDb(), "Forgetful")).email }),
  "account.resetPassword": async () => ({ token: await newResetToken(), password: "a-good-long-password" }),
  "audit.list": async (orgId) => ({ orgId, projectId: f.projectA }),
  "audit.filterOptions": async (orgId) => ({ orgId }),
  "audit.export": async (orgId) => ({ orgId }),
  "audit.exportCsv": async (orgId) => ({ orgId, headings: AUDIT_HEADINGS }),
  "retention.list": async (orgId) => ({ orgId }),
  "retention.anonymiseDue": async (orgId) => ({ orgId }),
  "dashboards.project": async (orgId) => ({ orgId, projectId: f.projectA }),
  "dashboards.schoolOverview": async (orgId) => ({ orgId }),
  "na.overview": async () => undefined,
  "na.schools": async () => ({}),
  "na.portfolio": async () => ({}),
  "na.flagMobilities": async () => ({ projectId: f.projectA, flag: "missingEvidence" }),
  "na.project": async () => ({ projectId: f.projectA }),
  "na.auditReport": async () => ({ schoolId: f.schoolA, labels: REPORT_LABELS }),
  "na.mobility": async () => ({ mobilityId: f.mobilityA }),
  "na.findings": async () => ({}),
  "na.finding": async () => ({ findingId: (await newFindingOfA()).id }),
  "na.createFinding": async () => ({ projectId: f.projectA, mobilityId: f.mobilityA, title: "A finding", body: "Please explain." }),
  "na.postMessage": async () => {
    const finding = await newFindingOfA();
    return { findingId: finding.id, version: finding.version, body: "A follow-up." };
  },
  "na.closeFinding": async () => {
    const finding = await newFindingOfA();
    return { findingId: finding.id, version: finding.version };
  },
  "na.rates": async () => ({ naCode: "SI01", callYear: 2025 }),
  "na.setIndividualSupportRates": async () => {
    const [newest] = await getDb()
      .select({ version: naRateSets.version })
      .from(naRateSets)
      .where(and(eq(naRateSets.naCode, "SI01"), eq(naRateSets.callYear, 2025)))
      .orderBy(desc(naRateSets.version))
      .limit(1);
    return { naCode: "SI01", callYear: 2025, baseVersion: newest?.version ?? null, staff: ["120", "105", "90"], pupil: ["70", "60", "50"] };
  },
  "na.reapplyRates": async () => ({ naCode: "SI01", callYear: 2025 }),
  "findings.listForSchool": async (orgId) => ({ orgId }),
  "findings.getForSchool": async (orgId) => ({ orgId, findingId: (await newFindingOfA()).id }),
  "findings.reply": async (orgId) => {
    const finding = await newFindingOfA();
    return { orgId, findingId: finding.id, version: finding.version, body: "Our answer." };
  },
  "bm.exportFile": async (orgId) => ({ orgId, projectId: f.projectA, format: "csv" }),
  "bm.preflight": async (orgId) => ({ orgId, projectId: f.projectA }),
  "bm.upload": async (orgId) => ({ orgId, projectId: f.projectA, fileName: "a.csv", bytes: await bmFileOfA() }),
  "bm.get": async (orgId) => ({ orgId, importId: await newBmImportOfA() }),
  "bm.list": async (orgId) => ({ orgId, projectId: f.projectA }),
  "bm.feedbackFile": async (orgId) => ({ orgId, importId: await newBmImportOfA(), translations: { message: (code: string) => code } }),
  "bm.commit": async (orgId) => ({ orgId, importId: await newBmImportOfA() }),
  "apiKeys.list": async (orgId) => ({ orgId }),
  "apiKeys.create": async (orgId) => ({ orgId, name: `Key ${unique()}`, scopes: ["read:projects"] }),
  "apiKeys.revoke": async (orgId) => {
    const created = await coordinatorOfA().apiKeys.create({ orgId: f.schoolA, name: `Key ${unique()}`, scopes: ["read:projects"] });
    return { orgId, apiKeyId: created.key.id };
  },
  "apiKeys.naList": async () => ({ naCode: "SI01" }),
  "apiKeys.naCreate": async () => ({ naCode: "SI01", name: `NA key ${unique()}`, scopes: ["read:na-portfolio"] }),
  "apiKeys.naRevoke": async () => {
    const created = await callerFor(getDb(), f.users.officerSameNa).apiKeys.naCreate({ naCode: "SI01", name: `NA key ${unique()}`, scopes: ["read:na-portfolio"] });
    return { apiKeyId: created.key.id };
  },
  "webhooks.list": async (orgId) => ({ orgId }),
  "webhooks.deliveries": async (orgId) => ({ orgId }),
  "webhooks.create": async (orgId) => ({ orgId, url: `https://hooks.example.test/${unique()}`, events: ["mobility.created"] }),
  "webhooks.remove": async (orgId) => {
    const created = await coordinatorOfA().webhooks.create({ orgId: f.schoolA, url: "https://hooks.example.test/a", events: ["mobility.created"] });
    return { orgId, webhookId: created.webhook.id };
  },
  "webhooks.naList": async () => ({ naCode: "SI01" }),
  "webhooks.naDeliveries": async () => ({ naCode: "SI01" }),
  "webhooks.naCreate": async () => ({ naCode: "SI01", url: `https://hooks.example.test/na-${unique()}`, events: ["finding.opened"] }),
  "webhooks.naRemove": async () => {
    const created = await callerFor(getDb(), f.users.officerSameNa).webhooks.naCreate({ naCode: "SI01", url: "https://hooks.example.test/na", events: ["finding.opened"] });
    return { webhookId: created.webhook.id };
  },
};

/* ---------- the run ---------- */

const procedures = Object.keys(appRouter._def.procedures).sort();

function orgIdFor(column: TColumn): string {
  return column === "otherCoordOwnOrg" || column === "otherAdminOwnOrg" ? f.schoolB : f.schoolA;
}

async function call(column: TColumn, path: string, input: unknown): Promise<{ outcome: string; result?: unknown }> {
  const caller = callerFor(getDb(), column === "anonymous" ? null : f.users[column]) as unknown as Record<string, unknown>;
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  try {
    const result: unknown = await (target as (input: unknown) => Promise<unknown>)(input);
    return { outcome: "OK", result };
  } catch (error) {
    return { outcome: error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}` };
  }
}

beforeAll(async () => {
  const db = getDb();
  const schoolA = await createSchool(db, { name: `Secret School ${unique()}`, naCode: "SI01" });
  const schoolB = (await createSchool(db, { naCode: "SI01" })).id;
  const users = {
    coordinator: await createMember(db, schoolA.id, "coordinator"),
    teacher: await createMember(db, schoolA.id, "teacher"),
    headteacher: await createMember(db, schoolA.id, "headteacher"),
    schoolAdmin: await createMember(db, schoolA.id, "school_admin"),
    officerSameNa: await createOfficer(db, "SI01"),
    officerOtherNa: await createOfficer(db, "HR01"),
    otherSchool: await createMember(db, schoolB, "coordinator"),
    otherCoordOwnOrg: undefined as unknown as TUser,
    otherAdminOwnOrg: await createMember(db, schoolB, "school_admin"),
  };
  users.otherCoordOwnOrg = users.otherSchool;
  f = { schoolA: schoolA.id, schoolB, users, projectA: "", participantA: "", mobilityA: "", secretsOfA: [] };
  const lastName = `Secretname${unique()}`;
  const participant = await coordinatorOfA().participants.create({
    orgId: schoolA.id, kind: "staff", firstName: "Ana", lastName, email: `colleague-${unique()}@example.test`,
  });
  f.participantA = participant.id;
  // The one KA122 project of A, which every mobility goes to.
  const project = await coordinatorOfA().projects.create({
    orgId: schoolA.id, action: "KA122", projectNumber: projectNumber(), title: `Project ${unique()}`, callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  f.projectA = project.id;
  f.mobilityA = (await newMobilityOfA()).id;
  f.secretsOfA = [
    schoolA.id, schoolA.name, project.id, project.title, project.projectNumber, participant.id, lastName, f.mobilityA,
    users.coordinator.email, users.teacher.email, users.headteacher.email, users.schoolAdmin.email,
  ];
});

describe("authorisation matrix", () => {
  it("has a row for every procedure of the app router, and no row for a procedure that is gone", () => {
    expect(procedures.length).toBeGreaterThan(0);
    const missing = procedures.filter((p) => !(p in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((p) => !procedures.includes(p));
    const withoutInput = procedures.filter((p) => !(p in INPUTS));
    expect({ missing, stale, withoutInput }).toEqual({ missing: [], stale: [], withoutInput: [] });
  });

  for (const path of procedures) {
    it(`${path}: each caller gets exactly what the table says, and outsiders get nothing of school A`, async () => {
      const expectation = EXPECTED[path];
      const build = INPUTS[path];
      expect(expectation, `${path} is not in the authorisation table (tests/server/authorization-matrix.test.ts)`).toBeDefined();
      expect(build, `${path} has no input builder`).toBeDefined();
      if (!expectation || !build) return;
      const actual: Partial<Record<TColumn, string>> = {};
      const leaks: string[] = [];
      for (const column of COLUMNS) {
        const { outcome, result } = await call(column, path, await build(orgIdFor(column)));
        actual[column] = outcome;
        const legitimateReader = expectation.officerReads === true && column === "officerSameNa";
        if (outcome === "OK" && OUTSIDERS.includes(column) && !expectation.tokenBearer && !legitimateReader) {
          const text = JSON.stringify(result ?? null);
          for (const secret of f.secretsOfA) if (text.includes(secret)) leaks.push(`${column} received ${secret}`);
        }
      }
      expect(actual).toEqual(expectation.expected);
      expect(leaks).toEqual([]);
    });
  }
});

describe("route-only procedures (bytes, streams, translators)", () => {
  const routeOnly = listProcedures().filter((p) => p.meta?.routeOnly === true).map((p) => p.path);

  it("are the route handlers' eight, and the rest of the API is JSON", () => {
    expect(routeOnly).toEqual([
      "audit.exportCsv", "bm.exportFile", "bm.feedbackFile", "bm.upload", "evidence.download", "evidence.upload", "mobilities.exportCsv", "na.auditReport",
    ]);
  });

  for (const path of routeOnly) {
    it(`${path} does not exist over /api/trpc, even for the caller it would serve`, async () => {
      const column: TColumn = path.startsWith("na.") ? "officerSameNa" : "coordinator";
      const caller = createCaller({ db: getDb(), session: { user: f.users[column] }, transport: "http" }) as unknown as Record<string, unknown>;
      let target: unknown = caller;
      for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
      const input = await INPUTS[path]?.(f.schoolA);
      const error = await (target as (input: unknown) => Promise<unknown>)(input).then(() => null, (e: unknown) => e);
      expect(error instanceof TRPCError ? error.code : error).toBe("NOT_FOUND");
    });
  }
});
