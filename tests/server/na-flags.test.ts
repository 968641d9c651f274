import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { mobilities, mobilityEvidence, mobilityMembers, participants, projects } from "@/db/schema";
import { DEFAULT_RATES } from "@/server/rules";
import type { TComplianceFlag } from "@/server/schemas/na";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createOfficer, createSchool, projectNumber } from "../helpers/factories";

/*
 * Every compliance flag of the officer's portfolio with a seeded positive and a negative project.
 * Rows are inserted directly (the seed's way): the flags must catch data the school's forms would
 * never let through as well as what they do. Each case lives in its own school, so a participant of
 * one case cannot overlap with another's.
 */

const getDb = setupTestDatabase();

type TOfficer = Awaited<ReturnType<typeof createOfficer>>;
let officer: TOfficer;
const project: Record<string, string> = {};
const mobility: Record<string, string> = {};

async function newProject(db: Db, orgId: string, values: Partial<typeof projects.$inferInsert> = {}) {
  const action = values.action ?? "KA122";
  const callYear = values.callYear ?? 2025;
  const [row] = await db
    .insert(projects)
    .values({
      organisationId: orgId, action, projectNumber: projectNumber(callYear, action), title: "Flag case", callYear,
      startDate: "2025-09-01", endDate: "2099-08-31", ...values,
    })
    .returning();
  if (!row) throw new Error("no project");
  return row.id;
}

async function newPerson(db: Db, orgId: string) {
  const [row] = await db.insert(participants).values({ organisationId: orgId, kind: "staff", firstName: "Ana", lastName: "Flag" }).returning();
  if (!row) throw new Error("no participant");
  return row.id;
}

async function newMobility(db: Db, orgId: string, projectId: string, values: Partial<typeof mobilities.$inferInsert> = {}) {
  const [row] = await db
    .insert(mobilities)
    .values({
      organisationId: orgId, projectId, participantId: values.participantId ?? (await newPerson(db, orgId)),
      activityType: "SM-JOB-SHDW", status: "planned", startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
      receivingOrganisation: "Partner", destinationCountry: "AT", destinationTown: "Vienna", ...values,
    })
    .returning();
  if (!row) throw new Error("no mobility");
  return row.id;
}

const school = async (db: Db) => (await createSchool(db, { naCode: "SI01" })).id;

beforeAll(async () => {
  const db = getDb();
  officer = await createOfficer(db, "SI01");

  // Durations: job shadowing is 2–60 days (the engine's table).
  let org = await school(db);
  project.durationPos = await newProject(db, org);
  mobility.tooShort = await newMobility(db, org, project.durationPos, { startDate: "2025-10-06", endDate: "2025-10-06" });
  await newMobility(db, org, project.durationPos);
  project.durationNeg = await newProject(db, org);
  await newMobility(db, org, project.durationNeg, { startDate: "2025-10-06", endDate: "2025-10-07" });
  // A cancelled mobility with a wrong duration is not a finding.
  await newMobility(db, org, project.durationNeg, { status: "cancelled", startDate: "2025-10-06", endDate: "2025-10-06" });

  // The KA122 cap: 31 distinct participants against 30; drafts and accompanying persons do not count.
  const cap = DEFAULT_RATES.project.ka122MaxParticipants.value;
  org = await school(db);
  project.capPos = await newProject(db, org);
  for (let i = 0; i <= cap; i++) await newMobility(db, org, project.capPos);
  project.capNeg = await newProject(db, org);
  for (let i = 0; i < cap; i++) await newMobility(db, org, project.capNeg);
  await newMobility(db, org, project.capNeg, { status: "draft" });
  await newMobility(db, org, project.capNeg, { accompanying: true });

  // Spending over the award per category: committed stored grants vs awarded.
  org = await school(db);
  project.overPos = await newProject(db, org, { awardedTravelCents: 30_000, awardedIndividualSupportCents: 100_000 });
  mobility.overTravel = await newMobility(db, org, project.overPos, { grantTravelCents: 27_500, grantIndividualSupportCents: 60_000 });
  await newMobility(db, org, project.overPos, { grantTravelCents: 27_500, status: "completed" });
  project.overNeg = await newProject(db, org, { awardedTravelCents: 55_000 });
  await newMobility(db, org, project.overNeg, { grantTravelCents: 27_500 });
  await newMobility(db, org, project.overNeg, { grantTravelCents: 27_500, status: "completed" });
  // Drafts and cancelled mobilities commit nothing.
  await newMobility(db, org, project.overNeg, { grantTravelCents: 27_500, status: "draft" });
  await newMobility(db, org, project.overNeg, { grantTravelCents: 27_500, status: "cancelled" });

  // Completed without evidence: job shadowing needs attendance, travel proof and the participant report.
  org = await school(db);
  project.evidencePos = await newProject(db, org);
  mobility.noEvidence = await newMobility(db, org, project.evidencePos, { status: "completed" });
  mobility.partEvidence = await newMobility(db, org, project.evidencePos, { status: "completed" });
  await db.insert(mobilityEvidence).values({ organisationId: org, mobilityId: mobility.partEvidence, kind: "attendance_certificate", done: true });
  project.evidenceNeg = await newProject(db, org);
  const complete = await newMobility(db, org, project.evidenceNeg, { status: "completed" });
  await db.insert(mobilityEvidence).values(
    (["attendance_certificate", "travel_proof", "participant_report"] as const).map((kind) => ({ organisationId: org, mobilityId: complete, kind, done: true })),
  );
  await newMobility(db, org, project.evidenceNeg, { status: "planned" }); // not completed: nothing due yet

  // One participant in two overlapping mobilities (across two projects of the school).
  org = await school(db);
  const twice = await newPerson(db, org);
  project.overlapPos = await newProject(db, org);
  const otherProject = await newProject(db, org);
  mobility.overlapA = await newMobility(db, org, project.overlapPos, { participantId: twice, startDate: "2025-10-06", endDate: "2025-10-10" });
  await newMobility(db, org, otherProject, { participantId: twice, startDate: "2025-10-10", endDate: "2025-10-14" });
  project.overlapNeg = await newProject(db, org);
  const sequential = await newPerson(db, org);
  await newMobility(db, org, project.overlapNeg, { participantId: sequential, startDate: "2025-10-06", endDate: "2025-10-10" });
  await newMobility(db, org, project.overlapNeg, { participantId: sequential, startDate: "2025-10-11", endDate: "2025-10-15" });
  await newMobility(db, org, project.overlapNeg, { participantId: sequential, startDate: "2025-10-08", endDate: "2025-10-09", status: "cancelled" });

  // The final report: due 60 days (engine figure, U) after the end, unless the project is closed.
  org = await school(db);
  project.reportPos = await newProject(db, org, { callYear: 2021, startDate: "2021-09-01", endDate: "2022-08-31", status: "reporting" });
  project.reportNeg = await newProject(db, org, { callYear: 2021, startDate: "2021-09-01", endDate: "2022-08-31", status: "closed" });
  project.reportFuture = await newProject(db, org);

  // KA121 targets, judged once half the period has passed (here: all of it).
  org = await school(db);
  const ka121 = { action: "KA121" as const, callYear: 2024, startDate: "2024-06-01", endDate: "2025-08-31" };
  project.fewerPos = await newProject(db, org, { ...ka121, targetFewerOpportunityParticipants: 10 });
  await newMobility(db, org, project.fewerPos, { fewerOpportunities: true, status: "completed" });
  project.fewerNeg = await newProject(db, org, { ...ka121, targetFewerOpportunityParticipants: 3 });
  await newMobility(db, org, project.fewerNeg, { fewerOpportunities: true, status: "completed" });
  // Group pupils with fewer opportunities count too.
  const group = await newMobility(db, org, project.fewerNeg, { activityType: "LM-GRP-PUPIL", status: "completed", pupilCount: 5 });
  await db.insert(mobilityMembers).values([
    { organisationId: org, mobilityId: group, role: "pupil", fewerOpportunities: true },
    { organisationId: org, mobilityId: group, role: "pupil", fewerOpportunities: true },
  ]);
  project.fewerEarly = await newProject(db, org, { action: "KA121", callYear: 2025, startDate: "2025-06-01", endDate: "2099-08-31", targetFewerOpportunityParticipants: 10 });

  project.greenPos = await newProject(db, org, { ...ka121, targetGreenTravelPercent: 50 });
  // 1 of 5 (20 %) is below half the target (25 %); 2 of 4 (50 %) is on target.
  for (let i = 0; i < 5; i++) await newMobility(db, org, project.greenPos, { greenTravel: i === 0, status: "completed" });
  project.greenNeg = await newProject(db, org, { ...ka121, targetGreenTravelPercent: 50 });
  for (let i = 0; i < 4; i++) await newMobility(db, org, project.greenNeg, { greenTravel: i < 2, status: "completed" });
});

async function flagsOf(projectId: string) {
  const row = (await callerFor(getDb(), officer).na.project({ projectId })).portfolio;
  return row.flags;
}

async function drill(projectId: string, flag: TComplianceFlag) {
  return (await callerFor(getDb(), officer).na.flagMobilities({ projectId, flag })).map((m) => m.id);
}

const cases: [TComplianceFlag, string, string][] = [
  ["durationOutOfLimits", "durationPos", "durationNeg"],
  ["ka122CapExceeded", "capPos", "capNeg"],
  ["overAward", "overPos", "overNeg"],
  ["missingEvidence", "evidencePos", "evidenceNeg"],
  ["overlappingMobilities", "overlapPos", "overlapNeg"],
  ["finalReportOverdue", "reportPos", "reportNeg"],
  ["fewerOpportunityTargetOff", "fewerPos", "fewerNeg"],
  ["greenTravelTargetOff", "greenPos", "greenNeg"],
];

describe("compliance flags", () => {
  for (const [flag, positive, negative] of cases) {
    it(`${flag}: raised on the positive case and only that flag's case, not on the negative one`, async () => {
      const pos = await flagsOf(project[positive] ?? "");
      const neg = await flagsOf(project[negative] ?? "");
      expect(pos[flag]).toBe(true);
      expect(neg[flag]).toBe(false);
    });
  }

  it("a future project's report is not overdue, and a KA121 target is not judged in the first half", async () => {
    expect((await flagsOf(project.reportFuture ?? "")).finalReportOverdue).toBe(false);
    expect((await flagsOf(project.fewerEarly ?? "")).fewerOpportunityTargetOff).toBe(false);
  });

  it("the drill-down lists exactly the mobilities behind a flag", async () => {
    expect(await drill(project.durationPos ?? "", "durationOutOfLimits")).toEqual([mobility.tooShort]);
    expect((await drill(project.evidencePos ?? "", "missingEvidence")).sort()).toEqual([mobility.noEvidence, mobility.partEvidence].sort());
    expect(await drill(project.overlapPos ?? "", "overlappingMobilities")).toEqual([mobility.overlapA]);
    expect(await drill(project.overPos ?? "", "overAward")).toHaveLength(2);
    expect(await drill(project.overNeg ?? "", "overAward")).toEqual([]);
    expect(await drill(project.capPos ?? "", "ka122CapExceeded")).toHaveLength(DEFAULT_RATES.project.ka122MaxParticipants.value + 1);
    expect(await drill(project.durationNeg ?? "", "durationOutOfLimits")).toEqual([]);
  });

  it("names the categories over the award", async () => {
    const row = (await callerFor(getDb(), officer).na.project({ projectId: project.overPos ?? "" })).portfolio;
    expect(row.details.overCategories).toEqual(["travel"]);
    expect(row.committed.individualSupport).toBe(60_000);
  });

  it("every project's counts agree with its drill-down (set-based aggregates vs per-row predicates)", async () => {
    const caller = callerFor(getDb(), officer);
    const all = await caller.na.portfolio({ sort: "project", pageSize: 100 });
    for (const row of all.rows) {
      expect((await drill(row.projectId, "durationOutOfLimits")).length).toBe(row.details.durationOutOfLimits);
      expect((await drill(row.projectId, "missingEvidence")).length).toBe(row.details.missingEvidence);
      expect((await drill(row.projectId, "overlappingMobilities")).length).toBe(row.details.overlappingMobilities);
    }
  });

  it("the portfolio sorts by risk, filters by flag and pages, with the same flags as the project view", async () => {
    const caller = callerFor(getDb(), officer);
    const all = await caller.na.portfolio({ sort: "risk", pageSize: 100 });
    expect(all.total).toBe(all.rows.length);
    const risks = all.rows.map((r) => r.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    const overdue = await caller.na.portfolio({ flag: "finalReportOverdue", pageSize: 100 });
    expect(overdue.rows.map((r) => r.projectId)).toContain(project.reportPos);
    expect(overdue.rows.every((r) => r.flags.finalReportOverdue)).toBe(true);
    const byName = await caller.na.portfolio({ sort: "project", pageSize: 10, page: 2 });
    expect(byName.total).toBe(all.total);
    expect(all.total).toBeGreaterThan(10);
    expect(byName.rows).toHaveLength(Math.min(10, all.total - 10));
    const numbers = byName.rows.map((r) => r.projectNumber);
    expect(numbers).toEqual([...numbers].sort());
    const same = all.rows.find((r) => r.projectId === byName.rows[0]?.projectId);
    expect(byName.rows[0]?.flags).toEqual(same?.flags);
  });
});
