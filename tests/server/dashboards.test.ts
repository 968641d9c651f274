import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, mobilities, naRateSets, organisations, projects } from "@/db/schema";
import { GRANT_LINES, type ProjectBudget } from "@/server/rules";
import { loadProjectContext, loadProjectMobilities, projectBudget, ratesForProject } from "@/server/services/mobility-grants";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

/*
 * The dashboards add up, in SQL, the grant lines the engine stored per mobility. Every figure is
 * checked here against the engine itself (calculateProjectBudget over the same stored mobilities),
 * on projects built through the real router for an Icelandic school (IS01 publishes every rate).
 */

const getDb = setupTestDatabase();

type TUser = Awaited<ReturnType<typeof createMember>>;
let orgId: string;
let coordinator: TUser;
let headteacher: TUser;
let teacher: TUser;
let projectId: string;
const ids: Record<string, string> = {};

const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function engineBudget(id: string): Promise<ProjectBudget> {
  const db = getDb();
  const context = await loadProjectContext(db, orgId, id);
  if (!context) throw new Error("no project");
  return projectBudget(context, await loadProjectMobilities(db, orgId, id), await ratesForProject(db, context));
}

const base = {
  travelDays: 2,
  receivingOrganisation: "Partner school",
};

beforeAll(async () => {
  const db = getDb();
  orgId = (await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
  coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
  headteacher = await createMember(db, orgId, "headteacher");
  teacher = await createMember(db, orgId, "teacher");
  for (const name of ["a", "b", "c", "d", "e", "f", "g"]) ids[name] = (await createStaff(db, orgId, `Staff-${name}`)).id;

  const caller = callerFor(db, coordinator);
  const project = await caller.projects.create({
    orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "IS01"), title: "Dashboard project", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-12-31",
    awarded: { ...zeroAwarded, travel: 400_000, individualSupport: 1_500_000, organisationalSupport: 100_000, courseFees: 80_000 },
  });
  projectId = project.id;
  await db.update(projects).set({ targetParticipants: 20, targetGreenTravelPercent: 25, targetAccompanyingPersons: 3 }).where(eq(projects.id, projectId));

  const log = (fields: Record<string, unknown>) =>
    caller.mobilities.log({ orgId, projectId, ...base, ...fields } as Parameters<typeof caller.mobilities.log>[0]);
  ids.completedJob = (await log({
    participantId: ids.a, activityType: "SM-JOB-SHDW", status: "completed", startDate: "2025-10-06", endDate: "2025-10-10",
    destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 2950,
  })).id;
  await log({
    participantId: ids.b, activityType: "SM-COUR-TRAIN", status: "planned", startDate: "2026-02-02", endDate: "2026-02-06",
    destinationCountry: "IT", destinationTown: "Florence", distanceKm: 3150, courseDays: 5,
  });
  ids.group = (await log({
    participantId: ids.c, activityType: "LM-GRP-PUPIL", status: "completed", startDate: "2026-03-02", endDate: "2026-03-06",
    destinationCountry: "DK", destinationTown: "Copenhagen", distanceKm: 2100, pupilCount: 8, greenTravel: true,
    members: [{ role: "pupil", fewerOpportunities: true }, { role: "accompanying", participantId: ids.d }],
  })).id;
  await log({
    participantId: ids.e, activityType: "SM-JOB-SHDW", status: "draft", startDate: "2026-04-13", endDate: "2026-04-17",
    destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2400,
  });
  await log({
    participantId: ids.f, activityType: "SM-TTA", status: "cancelled", startDate: "2026-05-04", endDate: "2026-05-08",
    destinationCountry: "FR", destinationTown: "Lyon", distanceKm: 2500,
  });
  await log({
    participantId: ids.a, activityType: "SM-JOB-SHDW", status: "planned", startDate: "2026-06-01", endDate: "2026-06-12",
    destinationCountry: "NO", destinationTown: "Oslo", distanceKm: 1750, greenTravel: true, fewerOpportunities: true,
  });
});

describe("dashboards.project", () => {
  it("agrees with the engine on every committed and realised line and on the participants", async () => {
    const dashboard = await callerFor(getDb(), coordinator).dashboards.project({ orgId, projectId });
    const engine = await engineBudget(projectId);
    for (const line of GRANT_LINES) {
      const row = dashboard.budget.lines.find((l) => l.line === line);
      expect({ line, committed: row?.committedCents, realised: row?.realisedCents }).toEqual({
        line, committed: engine.committed.linesCents[line], realised: engine.realised.linesCents[line],
      });
    }
    expect(dashboard.budget.total.committedCents).toBe(engine.committed.totalCents);
    expect(dashboard.budget.total.realisedCents).toBe(engine.realised.totalCents);
    expect(dashboard.budget.total.committedCents).toBeGreaterThan(dashboard.budget.total.realisedCents);
    expect(dashboard.budget.total.realisedCents).toBeGreaterThan(0);
    expect(dashboard.budget.total.awardedCents).toBe(2_080_000);
    expect(dashboard.budget.total.remainingCents).toBe(2_080_000 - engine.committed.totalCents);
    expect(dashboard.participants).toEqual({ used: engine.participantCount, cap: 30 });
    // a + b (individual) + 9 pupils of the group (8 counted, 1 named)
    expect(engine.participantCount).toBe(11);
    // The participants target counts the same people as the cap (the same SQL fragments).
    expect(dashboard.targets.committed.participants).toBe(dashboard.participants.used);
  });

  it("never counts drafts or cancelled mobilities as committed, though the engine gave them a grant", async () => {
    const db = getDb();
    const rows = await db.select().from(mobilities).where(eq(mobilities.projectId, projectId));
    const sum = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.grantTotalCents, 0);
    expect(sum(["draft"])).toBeGreaterThan(0);
    expect(sum(["cancelled"])).toBeGreaterThan(0);
    const dashboard = await callerFor(db, coordinator).dashboards.project({ orgId, projectId });
    expect(dashboard.budget.total.committedCents).toBe(sum(["planned", "completed"]));
    expect(dashboard.budget.total.realisedCents).toBe(sum(["completed"]));
    expect(dashboard.counts).toEqual({ draft: 1, planned: 2, completed: 2, cancelled: 1 });
  });

  it("spreads spend over every month of the project by the mobility's start month", async () => {
    const dashboard = await callerFor(getDb(), coordinator).dashboards.project({ orgId, projectId });
    expect(dashboard.months).toHaveLength(16);
    expect(dashboard.months[0]?.month).toBe("2025-09");
    expect(dashboard.months.at(-1)?.month).toBe("2026-12");
    const realised = dashboard.months.reduce((s, m) => s + m.realisedCents, 0);
    const planned = dashboard.months.reduce((s, m) => s + m.plannedCents, 0);
    expect(realised).toBe(dashboard.budget.total.realisedCents);
    expect(realised + planned).toBe(dashboard.budget.total.committedCents);
    expect(dashboard.months.at(-1)?.cumulativeCommittedCents).toBe(dashboard.budget.total.committedCents);
    const october = dashboard.months.find((m) => m.month === "2025-10");
    const engine = await engineBudget(projectId);
    const job = engine.mobilities.find((m) => m.id === ids.completedJob);
    expect(october?.realisedCents).toBe(job?.estimate.totalCents);
    expect(dashboard.months.find((m) => m.month === "2026-04")).toMatchObject({ realisedCents: 0, plannedCents: 0 });
  });

  it("measures the KA121-style targets, hiding fewer-opportunity counts without special-category access", async () => {
    const db = getDb();
    // The headteacher has no special-category access (the coordinator, who enters such data, has).
    const dashboard = await callerFor(db, headteacher).dashboards.project({ orgId, projectId });
    expect(dashboard.targets.target).toMatchObject({ participants: 20, greenTravelPercent: 25, accompanyingPersons: 3 });
    expect(dashboard.targets.committed).toMatchObject({
      participants: 11,
      fewerOpportunityParticipants: null,
      // 4 committed travelling records (job, course, group, second job), 2 green
      greenTravelPercent: 50,
      // lead + one further accompanying person of the group
      accompanyingPersons: 2,
      // (5 + 5 + 5 + 12) / 4
      averageDurationDays: 6.8,
    });
    expect(dashboard.targets.realised).toMatchObject({ participants: 10, accompanyingPersons: 2, greenTravelPercent: 50 });
    expect(dashboard.targets.specialCategoryVisible).toBe(false);

    await db.update(memberships).set({ specialCategoryAccess: true })
      .where(and(eq(memberships.userId, headteacher.id), eq(memberships.organisationId, orgId)));
    const allowed = await callerFor(db, headteacher).dashboards.project({ orgId, projectId });
    expect(allowed.targets.specialCategoryVisible).toBe(true);
    // the named pupil of the group, and participant a on the second job shadowing
    expect(allowed.targets.committed.fewerOpportunityParticipants).toBe(2);
    expect(allowed.targets.realised.fewerOpportunityParticipants).toBe(1);
    await db.update(memberships).set({ specialCategoryAccess: false })
      .where(and(eq(memberships.userId, headteacher.id), eq(memberships.organisationId, orgId)));
  });

  it("warns of a category over its award, a transfer beyond the limit, missing evidence and engine errors", async () => {
    const db = getDb();
    const caller = callerFor(db, coordinator);
    // No transfer limit is shipped (U): the NA enters its contract's figure, here 20 % for call 2025.
    await db.insert(naRateSets).values({
      naCode: "IS01", callYear: 2025, version: 1,
      figures: { budgetTransfers: { 2025: { maxIncreasePercent: { value: 20, source: "IS01 contract 2025 (test)", confidence: "B" } } } },
    });
    let dashboard = await caller.dashboards.project({ orgId, projectId });
    const organisational = dashboard.budget.lines.find((l) => l.line === "organisationalSupport");
    expect(organisational?.committedCents).toBeGreaterThan(120_000);
    expect(dashboard.warnings).toEqual(expect.arrayContaining([
      { code: "categoryOverAward", severity: "error", category: "organisationalSupport", overCents: (organisational?.committedCents ?? 0) - 100_000 },
      expect.objectContaining({ code: "transferBeyondLimit", category: "organisationalSupport", limitCents: 20_000, limitPercent: 20, unconfirmed: false }),
      { code: "missingEvidence", severity: "warning", count: 2 },
    ]));
    expect(dashboard.warnings.map((w) => w.code)).not.toContain("grantErrors");

    // Every required item of the completed job shadowing done: one completed mobility still lacks evidence.
    for (const kind of ["attendance_certificate", "travel_proof", "participant_report"] as const) {
      await caller.evidence.setDone({ orgId, mobilityId: ids.completedJob ?? "", kind, done: true });
    }
    // A mobility the engine refuses (job shadowing beyond its 60 days) is flagged.
    await caller.mobilities.log({
      orgId, projectId, ...base, participantId: ids.g ?? "", activityType: "SM-JOB-SHDW", status: "planned",
      startDate: "2026-09-01", endDate: "2026-11-09", destinationCountry: "SE", destinationTown: "Uppsala", distanceKm: 2100,
    });
    dashboard = await caller.dashboards.project({ orgId, projectId });
    expect(dashboard.warnings).toEqual(expect.arrayContaining([
      { code: "missingEvidence", severity: "warning", count: 1 },
      { code: "grantErrors", severity: "error", count: 1 },
    ]));
    const engine = await engineBudget(projectId);
    expect(dashboard.budget.total.committedCents).toBe(engine.committed.totalCents);
  });

  it("warns when the KA122 cap is close and the project's end is near", async () => {
    const caller = callerFor(getDb(), coordinator);
    const project = await caller.projects.create({
      orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "IS01"), title: "Ending soon", callYear: 2025,
      startDate: isoDaysFromToday(-300), endDate: isoDaysFromToday(30), awarded: { ...zeroAwarded, travel: 10_000_000 },
    });
    await caller.mobilities.log({
      orgId, projectId: project.id, ...base, participantId: ids.c ?? "", activityType: "LM-GRP-PUPIL", status: "planned",
      startDate: isoDaysFromToday(-60), endDate: isoDaysFromToday(-56), destinationCountry: "DK", destinationTown: "Copenhagen",
      distanceKm: 2100, pupilCount: 27,
    });
    const dashboard = await caller.dashboards.project({ orgId, projectId: project.id });
    expect(dashboard.participants).toEqual({ used: 27, cap: 30 });
    expect(dashboard.warnings).toEqual(expect.arrayContaining([
      { code: "capClose", severity: "warning", used: 27, cap: 30 },
      { code: "projectEndClose", severity: "warning", days: 30, date: isoDaysFromToday(30) },
    ]));
    expect(dashboard.time.finalReportDue).toBe(isoDaysFromToday(90));
    expect(dashboard.warnings.map((w) => w.code)).not.toContain("finalReportClose");
    expect(dashboard.time.durationElapsedPercent).toBeGreaterThan(85);
  });

  it("reads the KA122 cap from the rate set the project is pinned to, the one saving enforces", async () => {
    const db = getDb();
    const caller = callerFor(db, coordinator);
    const cap = (value: number, version: number) => ({
      naCode: "IS01", callYear: 2024, version,
      figures: { project: { ka122MaxParticipants: { value, source: `IS01 (test) v${version}`, confidence: "B" as const } } },
    });
    await db.insert(naRateSets).values(cap(2, 1));
    const project = await caller.projects.create({
      orgId, action: "KA122", projectNumber: projectNumber(2024, "KA122", "IS01"), title: "Pinned cap", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-12-31", awarded: { ...zeroAwarded, travel: 10_000_000 },
    });
    const fields = (participantId: string) => ({
      orgId, projectId: project.id, ...base, participantId, activityType: "SM-JOB-SHDW" as const, status: "planned" as const,
      startDate: "2024-10-07", endDate: "2024-10-11", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 2950,
    });
    const logFor = (participantId: string) => caller.mobilities.log(fields(participantId));
    await logFor(ids.a ?? "");
    // A newer set of the NA does not move a pinned project until an officer re-applies.
    await db.insert(naRateSets).values(cap(40, 2));
    await logFor(ids.b ?? "");
    const dashboard = await caller.dashboards.project({ orgId, projectId: project.id });
    expect(dashboard.participants).toEqual({ used: 2, cap: 2 });
    expect(dashboard.warnings).toEqual(expect.arrayContaining([{ code: "capReached", severity: "error", used: 2, cap: 2 }]));
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantCap).toBe(2);
    const overview = await caller.dashboards.schoolOverview({ orgId });
    expect(overview.projects.find((p) => p.id === project.id)?.participants).toEqual({ used: 2, cap: 2 });
    expect((await caller.mobilities.estimate(fields(ids.e ?? ""))).participantCap).toBe(2);
    await expect(logFor(ids.e ?? "")).rejects.toMatchObject({ message: "participantCapReached" });
  });

  it("lets the headteacher and a teacher read, and does not find another school's project", async () => {
    const db = getDb();
    await expect(callerFor(db, headteacher).dashboards.project({ orgId, projectId })).resolves.toMatchObject({ project: { id: projectId } });
    await expect(callerFor(db, teacher).dashboards.project({ orgId, projectId })).resolves.toMatchObject({ project: { id: projectId } });
    const otherOrg = (await createSchool(db, { country: "IS", town: "Akureyri", naCode: "IS01" })).id;
    const stranger = await createMember(db, otherOrg, "coordinator");
    const error = await callerFor(db, stranger).dashboards.project({ orgId: otherOrg, projectId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    const crossing = await callerFor(db, stranger).dashboards.project({ orgId, projectId }).catch((e: unknown) => e);
    expect((crossing as TRPCError).code).toBe("NOT_FOUND");
  });
});

describe("dashboards.schoolOverview", () => {
  it("lists every project of the school with figures equal to the dashboard's, and nothing of other schools", async () => {
    const db = getDb();
    const otherOrg = (await createSchool(db, { country: "IS", town: "Akureyri", naCode: "IS01" })).id;
    const otherCoordinator = await createMember(db, otherOrg, "coordinator");
    const other = await callerFor(db, otherCoordinator).projects.create({
      orgId: otherOrg, action: "KA121", projectNumber: projectNumber(2024, "KA121", "IS01"), title: "Not yours", callYear: 2024,
      startDate: "2024-06-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });

    const overview = await callerFor(db, headteacher).dashboards.schoolOverview({ orgId });
    const ownIds = (await db.select({ id: projects.id }).from(projects).where(eq(projects.organisationId, orgId))).map((r) => r.id);
    expect(overview.projects.map((p) => p.id).sort()).toEqual(ownIds.sort());
    expect(overview.projects.map((p) => p.id)).not.toContain(other.id);

    const dashboard = await callerFor(db, coordinator).dashboards.project({ orgId, projectId });
    const row = overview.projects.find((p) => p.id === projectId);
    expect(row).toMatchObject({
      awardedCents: dashboard.budget.total.awardedCents,
      committedCents: dashboard.budget.total.committedCents,
      realisedCents: dashboard.budget.total.realisedCents,
      budgetUsedPercent: dashboard.budget.usedPercent,
      durationElapsedPercent: dashboard.time.durationElapsedPercent,
      participants: dashboard.participants,
    });
    expect(row?.warnings).toEqual(dashboard.warnings);

    const [own] = await db.select({ name: organisations.name, oid: organisations.oid }).from(organisations).where(eq(organisations.id, orgId));
    expect(overview.school).toEqual(own);

    const otherView = await callerFor(db, otherCoordinator).dashboards.schoolOverview({ orgId: otherOrg });
    expect(otherView.projects.map((p) => p.id)).toEqual([other.id]);
    expect(otherView.school.oid).not.toBe(overview.school.oid);
    const rowsOfOther = await db.select().from(mobilities).where(inArray(mobilities.projectId, [other.id]));
    expect(rowsOfOther).toHaveLength(0);
  });
});
