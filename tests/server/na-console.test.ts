import { TRPCError } from "@trpc/server";
import ExcelJS from "exceljs";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, mobilities, naRateSets, projects } from "@/db/schema";
import { ruleIssueText, type IssueLike } from "@/lib/rule-text";
import { ruleTranslators } from "../helpers/rule-translators";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";
import { readMails } from "../helpers/mail";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * The officer's console end to end through the real router: the NA is the tenant (another NA's
 * project is NOT_FOUND), officers read and never edit school data, school members cannot call na.*,
 * findings travel between the officer and the school's coordinator (and nobody else), and an NA rate
 * set reaches a project's stored budget once re-applied, with its audit trail.
 */

const getDb = setupTestDatabase();

type TUser = Awaited<ReturnType<typeof createMember>>;
let lipa: string;
let jadran: string;
let breg: string;
let officer: TUser;
let hrOfficer: TUser;
let coordinator: TUser;
let headteacher: TUser;
let teacher: TUser;
let bregCoordinator: TUser;
let jadranCoordinator: TUser;
let siProject: string;
let hrProject: string;
let siMobility: string;
let hrMobility: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

const jobShadowing = (participantId: string) => ({
  participantId, activityType: "SM-JOB-SHDW" as const, startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
  receivingOrganisation: "Schule Wien", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 380,
});

beforeAll(async () => {
  const db = getDb();
  lipa = (await createSchool(db, { naCode: "SI01" })).id;
  breg = (await createSchool(db, { naCode: "SI01" })).id;
  jadran = (await createSchool(db, { naCode: "HR01", country: "HR", town: "Split" })).id;
  officer = await createOfficer(db, "SI01");
  hrOfficer = await createOfficer(db, "HR01");
  coordinator = await createMember(db, lipa, "coordinator");
  headteacher = await createMember(db, lipa, "headteacher");
  teacher = await createMember(db, lipa, "teacher");
  bregCoordinator = await createMember(db, breg, "coordinator");
  jadranCoordinator = await createMember(db, jadran, "coordinator");

  const si = await callerFor(db, coordinator).projects.create({
    orgId: lipa, action: "KA122", projectNumber: projectNumber(2025, "KA122", "SI01"), title: "Lipa KA122", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: { ...zeroAwarded, travel: 100_000, individualSupport: 500_000 },
  });
  siProject = si.id;
  siMobility = (await callerFor(db, coordinator).mobilities.log({ orgId: lipa, projectId: siProject, ...jobShadowing((await createStaff(db, lipa)).id) })).id;
  const hr = await callerFor(db, jadranCoordinator).projects.create({
    orgId: jadran, action: "KA122", projectNumber: projectNumber(2025, "KA122", "HR01"), title: "Jadran KA122", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  hrProject = hr.id;
  hrMobility = (await callerFor(db, jadranCoordinator).mobilities.log({ orgId: jadran, projectId: hrProject, ...jobShadowing((await createStaff(db, jadran)).id) })).id;
});

describe("the NA is the tenant", () => {
  it("an SI01 officer reads SI01 projects and cannot see an HR01 project, mobility or school", async () => {
    const caller = callerFor(getDb(), officer);
    expect((await caller.na.project({ projectId: siProject })).project.title).toBe("Lipa KA122");
    expect(await codeOf(caller.na.project({ projectId: hrProject }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.na.mobility({ mobilityId: hrMobility }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.na.flagMobilities({ projectId: hrProject, flag: "missingEvidence" }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.na.createFinding({ projectId: hrProject, title: "x", body: "y" }))).toBe("NOT_FOUND");
    const portfolio = await caller.na.portfolio({ pageSize: 100 });
    expect(portfolio.rows.map((r) => r.projectId)).toContain(siProject);
    expect(portfolio.rows.map((r) => r.projectId)).not.toContain(hrProject);
    const schools = await caller.na.schools({});
    expect(schools.map((s) => s.id)).not.toContain(jadran);
    // Each school with its own number of projects (the filter once said "(no projects)" for all of them).
    expect(schools.find((s) => s.id === lipa)?.projectCount).toBe(1);
    expect(schools.find((s) => s.id === breg)?.projectCount).toBe(0);
    expect(await codeOf(caller.na.portfolio({ naCode: "HR01" }))).toBe("OK");
    expect((await caller.na.portfolio({ naCode: "HR01" })).rows).toEqual([]);
    expect(await codeOf(caller.na.rates({ naCode: "HR01", callYear: 2025 }))).toBe("NOT_FOUND");
  });

  it("an officer cannot call the school's procedures, read or write (they are not a member)", async () => {
    const caller = callerFor(getDb(), officer);
    expect(await codeOf(caller.projects.get({ orgId: lipa, projectId: siProject }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.mobilities.list({ orgId: lipa, projectId: siProject }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        caller.projects.update({
          orgId: lipa, projectId: siProject, version: 1, action: "KA122", projectNumber: projectNumber(2025, "KA122", "SI01"), title: "Changed by the NA",
          callYear: 2025, startDate: "2025-09-01", endDate: "2026-08-31", status: "running", awarded: zeroAwarded,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(caller.mobilities.setStatus({ orgId: lipa, projectId: siProject, mobilityIds: [siMobility], status: "cancelled" }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.findings.reply({ orgId: lipa, findingId: siProject, version: 1, body: "x" }))).toBe("NOT_FOUND");
    const [row] = await getDb().select().from(projects).where(eq(projects.id, siProject));
    expect(row?.title).toBe("Lipa KA122");
    const [m] = await getDb().select().from(mobilities).where(eq(mobilities.id, siMobility));
    expect(m?.status).toBe("planned");
  });

  it("school members (any role) and anonymous callers cannot call na.*", async () => {
    for (const user of [coordinator, headteacher, teacher, jadranCoordinator]) {
      expect(await codeOf(callerFor(getDb(), user).na.portfolio({}))).toBe("FORBIDDEN");
      expect(await codeOf(callerFor(getDb(), user).na.project({ projectId: siProject }))).toBe("FORBIDDEN");
      expect(
        await codeOf(callerFor(getDb(), user).na.setIndividualSupportRates({
          naCode: "SI01", callYear: 2025, baseVersion: null, staff: ["100", "90", "80"], pupil: ["60", "50", "40"],
        })),
      ).toBe("FORBIDDEN");
    }
    expect(await codeOf(callerFor(getDb(), null).na.portfolio({}))).toBe("UNAUTHORIZED");
  });
});

describe("findings", () => {
  let findingId: string;

  it("the officer opens a finding; the coordinator and headteacher are told by e-mail and see it; nobody else does", async () => {
    const before = readMails().length;
    const finding = await callerFor(getDb(), officer).na.createFinding({
      projectId: siProject, mobilityId: siMobility, title: "Attendance certificate missing", body: "Please upload the certificate.", locale: "en",
    });
    findingId = finding.id;
    expect(finding.status).toBe("open");
    const mails = readMails().slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([coordinator.email, headteacher.email].sort());
    expect(mails[0]?.text).toContain(`/s/${lipa}/findings/${findingId}`);

    expect((await callerFor(getDb(), coordinator).findings.listForSchool({ orgId: lipa })).map((f) => f.id)).toEqual([findingId]);
    expect((await callerFor(getDb(), headteacher).findings.getForSchool({ orgId: lipa, findingId })).messages).toHaveLength(1);
    expect(await codeOf(callerFor(getDb(), teacher).findings.listForSchool({ orgId: lipa }))).toBe("FORBIDDEN");
    // Another school of the same NA, and a school of another NA, with their own ids: not found.
    expect(await codeOf(callerFor(getDb(), bregCoordinator).findings.getForSchool({ orgId: breg, findingId }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(getDb(), jadranCoordinator).findings.getForSchool({ orgId: jadran, findingId }))).toBe("NOT_FOUND");
    expect(await callerFor(getDb(), jadranCoordinator).findings.listForSchool({ orgId: jadran })).toEqual([]);
    expect(await codeOf(callerFor(getDb(), hrOfficer).na.finding({ findingId }))).toBe("NOT_FOUND");
  });

  it("only the coordinator answers (→ answered), the officer is told and sees the answer", async () => {
    const school = callerFor(getDb(), coordinator);
    const version = (await school.findings.getForSchool({ orgId: lipa, findingId })).version;
    expect(await codeOf(callerFor(getDb(), headteacher).findings.reply({ orgId: lipa, findingId, version, body: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(getDb(), bregCoordinator).findings.reply({ orgId: breg, findingId, version, body: "x" }))).toBe("NOT_FOUND");
    const before = readMails().length;
    const answered = await school.findings.reply({ orgId: lipa, findingId, version, body: "Uploaded today.", locale: "sl" });
    expect(answered.status).toBe("answered");
    const mails = readMails().slice(before);
    expect(mails.map((m) => m.to)).toEqual([officer.email]);
    expect(mails[0]?.subject).toContain("odgovorila");
    expect(await codeOf(school.findings.reply({ orgId: lipa, findingId, version, body: "Again" }))).toBe("CONFLICT");

    const thread = await callerFor(getDb(), officer).na.finding({ findingId });
    expect(thread.status).toBe("answered");
    expect(thread.messages.map((m) => [m.body, m.fromAgency])).toEqual([
      ["Please upload the certificate.", true],
      ["Uploaded today.", false],
    ]);
  });

  it("the officer closes it; nothing more can be written; every step is in the school's audit trail", async () => {
    const caller = callerFor(getDb(), officer);
    const { version } = await caller.na.finding({ findingId });
    expect(await codeOf(callerFor(getDb(), hrOfficer).na.closeFinding({ findingId, version }))).toBe("NOT_FOUND");
    expect((await caller.na.closeFinding({ findingId, version })).status).toBe("closed");
    expect(await codeOf(caller.na.postMessage({ findingId, version: version + 1, body: "More" }))).toBe("CONFLICT");
    expect(await codeOf(callerFor(getDb(), coordinator).findings.reply({ orgId: lipa, findingId, version: version + 1, body: "More" }))).toBe("CONFLICT");
    const trail = await getDb().select().from(auditLog).where(and(eq(auditLog.entityType, "finding"), eq(auditLog.entityId, findingId)));
    expect(trail.map((e) => [e.action, e.organisationId])).toEqual([
      ["finding.create", lipa],
      ["finding.reply", lipa],
      ["finding.close", lipa],
    ]);
    expect(trail.map((e) => e.actorUserId)).toEqual([officer.id, coordinator.id, officer.id]);
  });
});

describe("the NA's rate tables", () => {
  const staff: [string, string, string] = ["120", "105", "90"];
  const pupil: [string, string, string] = ["70", "60", "50,50"];

  it("SI01 has no individual-support rates shipped: the project's grant has none", async () => {
    const view = await callerFor(getDb(), officer).na.project({ projectId: siProject });
    expect(view.budget.committed.individualSupport).toBe(0);
    const rates = await callerFor(getDb(), officer).na.rates({ naCode: "SI01", callYear: 2025 });
    expect(rates.individualSupport.staff).toBeNull();
    expect(rates.newestVersion).toBeNull();
    expect(rates.figures.length).toBeGreaterThan(20);
    expect(rates.figures.every((f) => f.origin === "shipped" && f.source.length > 0)).toBe(true);
  });

  it("validates the rates per field", async () => {
    const caller = callerFor(getDb(), officer);
    let fieldErrors: unknown;
    try {
      await caller.na.setIndividualSupportRates({ naCode: "SI01", callYear: 2025, baseVersion: null, staff: ["120", "0", "90"], pupil: ["abc", "60", "50"] });
    } catch (error) {
      fieldErrors = error instanceof TRPCError ? error.cause : error;
    }
    expect(String(fieldErrors)).toContain("dailyRateInvalid");
    expect(await getDb().select().from(naRateSets)).toEqual([]);
  });

  it("a save is a new version, audited; the project changes only when the officer re-applies", async () => {
    const caller = callerFor(getDb(), officer);
    const saved = await caller.na.setIndividualSupportRates({ naCode: "SI01", callYear: 2025, baseVersion: null, staff, pupil, note: "Published 2025 rates" });
    expect(saved.version).toBe(1);
    expect(await codeOf(caller.na.setIndividualSupportRates({ naCode: "SI01", callYear: 2025, baseVersion: null, staff, pupil }))).toBe("CONFLICT");
    const rates = await caller.na.rates({ naCode: "SI01", callYear: 2025 });
    expect(rates.individualSupport.staff).toEqual([12_000, 10_500, 9_000]);
    expect(rates.individualSupport.pupil).toEqual([7_000, 6_000, 5_050]);
    expect(rates.figures.filter((f) => f.origin === "na")).toHaveLength(6);

    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "naRates.set")).orderBy(desc(auditLog.id));
    expect(entry?.actorUserId).toBe(officer.id);
    expect(entry?.organisationId).toBeNull();
    expect(entry?.entityId).toBe(saved.id);

    // The project was computed (and stored) before: it still shows no individual support.
    expect((await caller.na.project({ projectId: siProject })).budget.committed.individualSupport).toBe(0);
    const result = await caller.na.reapplyRates({ naCode: "SI01", callYear: 2025 });
    expect(result).toEqual({ projects: 1, projectsChanged: 1, mobilitiesChanged: 1 });
    const view = await caller.na.project({ projectId: siProject });
    // 5 activity days + 2 travel days at 120 € (Austria is in group 1).
    expect(view.budget.committed.individualSupport).toBe(7 * 12_000);
    expect(view.rateSet?.version).toBe(1);
    const reapplied = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "naRates.reapply"), eq(auditLog.entityId, siProject)));
    expect(reapplied.map((e) => e.organisationId)).toEqual([lipa]);
    // The school sees the same money.
    const dashboard = await callerFor(getDb(), coordinator).mobilities.get({ orgId: lipa, mobilityId: siMobility });
    expect(dashboard.grantIndividualSupportCents).toBe(7 * 12_000);
  });

  it("a pinned project keeps its version for new computations until re-applied", async () => {
    const caller = callerFor(getDb(), officer);
    await caller.na.setIndividualSupportRates({ naCode: "SI01", callYear: 2025, baseVersion: 1, staff: ["200", "105", "90"], pupil });
    // The school logs another mobility: the project still computes with v1.
    const another = await callerFor(getDb(), coordinator).mobilities.log({ orgId: lipa, projectId: siProject, ...jobShadowing((await createStaff(getDb(), lipa, "Second")).id) });
    expect(another.grantIndividualSupportCents).toBe(7 * 12_000);
    const result = await caller.na.reapplyRates({ naCode: "SI01", callYear: 2025 });
    expect(result.mobilitiesChanged).toBe(2);
    const view = await caller.na.project({ projectId: siProject });
    expect(view.rateSet?.version).toBe(2);
    expect(view.budget.committed.individualSupport).toBe(2 * 7 * 20_000);
    expect(await codeOf(callerFor(getDb(), hrOfficer).na.reapplyRates({ naCode: "SI01", callYear: 2025 }))).toBe("NOT_FOUND");
  });
});

describe("the audit report", () => {
  const labels = { report: (k: string) => k, flag: (k: string) => k, category: (k: string) => k, projectStatus: (k: string) => k, mobilityStatus: (k: string) => k, findingStatus: (k: string) => k, activity: (k: string) => k, issue: (i: IssueLike) => ruleIssueText(i, ruleTranslators("en")) };

  it("has a summary and one sheet per project of the NA, with mobilities, grant lines and findings; never another NA's", async () => {
    const report = (scope: { naCode: string } | { schoolId: string }) => callerFor(getDb(), officer).na.auditReport({ ...scope, labels });
    const { bytes } = await report({ naCode: "SI01" });
    const book = new ExcelJS.Workbook();
    // exceljs declares its own (pre-generic) Buffer type; the bytes are a Node Buffer.
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
    const names = book.worksheets.map((w) => w.name);
    const [siNumber] = await getDb().select({ n: projects.projectNumber }).from(projects).where(eq(projects.id, siProject));
    const [hrNumber] = await getDb().select({ n: projects.projectNumber }).from(projects).where(eq(projects.id, hrProject));
    expect(names[0]).toBe("summary");
    expect(names).toContain(siNumber?.n);
    expect(names).not.toContain(hrNumber?.n);
    const sheet = book.getWorksheet(siNumber?.n ?? "");
    const text = JSON.stringify(sheet?.getSheetValues());
    expect(text).toContain("SM-JOB-SHDW");
    // the issues column says what the engine found in words, never its codes
    expect(text).not.toMatch(/[A-Z]+_[A-Z_]+/);
    expect(text).toContain("Attendance certificate missing");
    expect(text).toContain("Uploaded today.");
    // One school only: the other school's projects are not in it.
    const { bytes: school } = await report({ schoolId: breg });
    const bregBook = new ExcelJS.Workbook();
    await bregBook.xlsx.load(school as unknown as Parameters<typeof bregBook.xlsx.load>[0]);
    expect(bregBook.worksheets.map((w) => w.name)).toEqual(["summary"]);
  });
});
