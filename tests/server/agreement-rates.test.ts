import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities, naRateSets } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

/*
 * Issue 11, item 2: a Slovenian school (its NA has no daily rates for individual support) enters
 * the daily rates of its own grant agreement; the project's stored grants become complete at once,
 * audited, and the dashboard moves. Precedence: the agreement, then the NA's set, then the shipped.
 */

const getDb = setupTestDatabase();

async function expectTrpcError(promise: Promise<unknown>, code: TRPCError["code"]) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
}

let orgId: string;
let projectId: string;
let caller: ReturnType<typeof callerFor>;
let staffId: string;
let mobilityId: string;

const agreement = { source: "Grant agreement, annex II", staff: ["180", "160", "140"] as [string, string, string], pupil: ["90", "80", "70"] as [string, string, string] };

beforeAll(async () => {
  const db = getDb();
  orgId = (await createSchool(db, { country: "SI", town: "Ljubljana", naCode: "SI01" })).id;
  caller = callerFor(db, await createMember(db, orgId, "coordinator"));
  staffId = (await createStaff(db, orgId, "Novak")).id;
  projectId = (await caller.projects.create({
    orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "SI01"), title: "Lipa", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: { ...zeroAwarded, travel: 500_000, individualSupport: 1_000_000, organisationalSupport: 300_000 },
  })).id;
  mobilityId = (await caller.mobilities.log({
    orgId, projectId, participantId: staffId, activityType: "SM-JOB-SHDW", status: "planned",
    startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
    receivingOrganisation: "Helsingin koulu", destinationCountry: "FI", destinationTown: "Helsinki",
  })).id;
});

describe("grant agreement rates", () => {
  it("before: travel 309 €, organisational support 350 €, individual support missing — at least 659 €", async () => {
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, mobilityId));
    expect(row).toMatchObject({ grantTravelCents: 30_900, grantOrganisationalSupportCents: 35_000, grantTotalCents: 65_900, grantUnknownLines: ["individualSupport"] });
    const dashboard = await caller.dashboards.project({ orgId, projectId });
    expect(dashboard.budget.total.committedCents).toBe(65_900);
    expect(dashboard.budget.total.committedIncomplete).toBe(1);
    const rates = await caller.projects.agreementRates({ orgId, projectId });
    expect(rates).toMatchObject({ newestVersion: null, individualSupport: { staff: { cents: null, origin: null } } });
  });

  it("the teacher and the headteacher cannot save; another school's coordinator finds no such project", async () => {
    const db = getDb();
    const teacher = callerFor(db, await createMember(db, orgId, "teacher"));
    const headteacher = callerFor(db, await createMember(db, orgId, "headteacher"));
    const input = { orgId, projectId, baseVersion: null, ...agreement };
    await expectTrpcError(teacher.projects.setAgreementRates(input), "FORBIDDEN");
    await expectTrpcError(headteacher.projects.setAgreementRates(input), "FORBIDDEN");
    const otherOrg = (await createSchool(db, { country: "SI", town: "Maribor", naCode: "SI01" })).id;
    const other = callerFor(db, await createMember(db, otherOrg, "coordinator"));
    await expectTrpcError(other.projects.setAgreementRates({ ...input, orgId: otherOrg }), "NOT_FOUND");
    await expectTrpcError(other.projects.agreementRates({ orgId: otherOrg, projectId }), "NOT_FOUND");
    expect((await caller.projects.agreementRates({ orgId, projectId })).newestVersion).toBeNull();
  });

  it("the coordinator's agreement rates complete the grant, move the dashboard and are audited", async () => {
    const saved = await caller.projects.setAgreementRates({ orgId, projectId, baseVersion: null, ...agreement });
    expect(saved).toMatchObject({ version: 1, changedMobilities: 1 });

    // Finland is country group 1: 5 days of activity + 2 travel days at the agreement's 180 €.
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, mobilityId));
    expect(row).toMatchObject({ grantIndividualSupportCents: 7 * 18_000, grantTotalCents: 65_900 + 7 * 18_000, grantUnknownLines: [] });
    const dashboard = await caller.dashboards.project({ orgId, projectId });
    expect(dashboard.budget.total.committedCents).toBe(65_900 + 7 * 18_000);
    expect(dashboard.budget.total.committedIncomplete).toBe(0);
    const overview = await caller.dashboards.schoolOverview({ orgId });
    expect(overview.projects.find((p) => p.id === projectId)).toMatchObject({ committedCents: 65_900 + 7 * 18_000, committedIncomplete: 0 });

    const rates = await caller.projects.agreementRates({ orgId, projectId });
    expect(rates).toMatchObject({
      newestVersion: 1, source: "Grant agreement, annex II",
      individualSupport: { staff: { cents: [18_000, 16_000, 14_000], origin: "agreement" }, pupil: { cents: [9_000, 8_000, 7_000], origin: "agreement" } },
    });
    expect(rates.individualSupport.staff.source).toContain("Grant agreement, annex II");

    const entries = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "agreementRates.set"), eq(auditLog.entityId, projectId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ organisationId: orgId, before: null });
    expect(entries[0]?.after).toMatchObject({ version: 1, source: "Grant agreement, annex II", changedMobilities: 1 });
  });

  it("a stale version is CONFLICT; a new version replaces the figures and recomputes again", async () => {
    await expectTrpcError(caller.projects.setAgreementRates({ orgId, projectId, baseVersion: null, ...agreement }), "CONFLICT");
    const saved = await caller.projects.setAgreementRates({ orgId, projectId, baseVersion: 1, ...agreement, staff: ["200", "160", "140"] });
    expect(saved.version).toBe(2);
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, mobilityId));
    expect(row?.grantIndividualSupportCents).toBe(7 * 20_000);
    expect((await caller.dashboards.project({ orgId, projectId })).budget.total.committedCents).toBe(65_900 + 7 * 20_000);
  });

  it("every figure that can differ: organisational support and travel from the agreement, with where each came from", async () => {
    const current = await caller.projects.agreementRates({ orgId, projectId });
    const orgSupport = current.figures.find((f) => f.id === "organisationalSupport_standard");
    expect(orgSupport).toMatchObject({ inForce: 35_000, origin: "default", agreement: null });
    const saved = await caller.projects.setAgreementRates({
      orgId, projectId, baseVersion: 2, ...agreement, staff: ["200", "160", "140"],
      figures: { organisationalSupport_standard: "400", "travel_500-1999_standard": "320,50", expensiveTravel_grantPercent: "85", "durations_SM-JOB-SHDW_minDays": "2", "durations_SM-JOB-SHDW_maxDays": "4" },
    });
    expect(saved.version).toBe(3);
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, mobilityId));
    // The agreement's 4-day limit makes the 5-day job shadowing ineligible: its duration is judged by the agreement.
    expect(row).toMatchObject({ grantEligible: false });
    const later = await caller.projects.setAgreementRates({
      orgId, projectId, baseVersion: 3, ...agreement, staff: ["200", "160", "140"],
      figures: { organisationalSupport_standard: "400", "travel_500-1999_standard": "320,50", expensiveTravel_grantPercent: "85" },
    });
    expect(later.version).toBe(4);
    const [after] = await getDb().select().from(mobilities).where(eq(mobilities.id, mobilityId));
    expect(after).toMatchObject({ grantEligible: true, grantTravelCents: 32_050, grantOrganisationalSupportCents: 40_000, grantIndividualSupportCents: 7 * 20_000 });
    const sources = Object.fromEntries((after?.grantSources ?? []).map((s) => [s.figure, s]));
    expect(sources["travel.500-1999.standard"]).toMatchObject({ line: "travel", origin: "agreement" });
    expect(sources["travel.500-1999.standard"]?.source).toContain("Grant agreement, annex II");
    expect(sources["organisationalSupport.standard"]).toMatchObject({ line: "organisationalSupport", origin: "agreement" });
    expect(sources["individualSupport.SI01.staff.group1"]).toMatchObject({ origin: "agreement" });
    expect(sources["countryGroups.FI"]).toMatchObject({ origin: "default" });

    const page = await caller.projects.agreementRates({ orgId, projectId });
    expect(page.figures.find((f) => f.id === "organisationalSupport_standard")).toMatchObject({ inForce: 40_000, origin: "agreement", agreement: 40_000 });
    expect(page.figures.find((f) => f.id === "expensiveTravel_grantPercent")).toMatchObject({ inForce: 85, origin: "agreement" });
    expect(page.figures.find((f) => f.id === "courseFees_perDay")).toMatchObject({ inForce: 8_000, origin: "default", agreement: null });
    expect(page.figures.find((f) => f.id === "durations_SM-JOB-SHDW_maxDays")).toMatchObject({ inForce: 60, origin: "default", agreement: null });

    const entries = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "agreementRates.set"), eq(auditLog.entityId, projectId)));
    expect(entries.map((e) => (e.after as { version: number }).version).sort()).toEqual([1, 2, 3, 4]);
    expect(entries.find((e) => (e.after as { version: number }).version === 4)?.after).toMatchObject({ figures: { organisationalSupport_standard: 40_000, "travel_500-1999_standard": 32_050 } });
  });

  it("refuses figures out of range, half a duration limit, unknown figures and an empty agreement — nothing saved", async () => {
    const base = { orgId, projectId, baseVersion: 4, source: "Annex II", staff: ["", "", ""] as [string, string, string], pupil: ["", "", ""] as [string, string, string] };
    const fieldErrors = async (figures: Record<string, string>) => {
      const error = await caller.projects.setAgreementRates({ ...base, figures }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      return ((error as TRPCError & { cause?: unknown }).cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined)?.issues?.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(await fieldErrors({ expensiveTravel_grantPercent: "120" })).toEqual(["figures.expensiveTravel_grantPercent:agreementPercentInvalid"]);
    expect(await fieldErrors({ organisationalSupport_standard: "35000" })).toEqual(["figures.organisationalSupport_standard:agreementAmountInvalid"]);
    expect(await fieldErrors({ "durations_SM-TTA_minDays": "5" })).toEqual(["figures.durations_SM-TTA_maxDays:agreementDurationPair"]);
    expect(await fieldErrors({ "durations_SM-TTA_minDays": "9", "durations_SM-TTA_maxDays": "5" })).toEqual(["figures.durations_SM-TTA_maxDays:agreementDurationOrder"]);
    expect(await fieldErrors({ "travel.500-1999.standard": "300" })).toEqual(["figures.travel.500-1999.standard:invalidInput"]);
    expect(await fieldErrors({})).toEqual(["source:agreementEmpty"]);
    expect((await caller.projects.agreementRates({ orgId, projectId })).newestVersion).toBe(4);
  });

  it("the NA officer sees the agreement's figures that differ from the NA's (or default) with both values; another NA's officer sees nothing", async () => {
    const db = getDb();
    const officer = callerFor(db, await createOfficer(db, "SI01"));
    const view = await officer.na.project({ projectId });
    expect(view.agreement).toMatchObject({ version: 4, source: "Grant agreement, annex II" });
    const byKey = Object.fromEntries((view.agreement?.differences ?? []).map((d) => [`${d.section}.${d.path.join(".")}`, d]));
    expect(byKey["organisationalSupport.standard"]).toMatchObject({ agreement: 40_000, na: 35_000, naOrigin: "default", unit: "cents" });
    expect(byKey["travel.500-1999.standard"]).toMatchObject({ agreement: 32_050, na: 30_900, naOrigin: "default" });
    expect(byKey["expensiveTravel.grantPercent"]).toMatchObject({ agreement: 85, na: 80, unit: "percent" });
    // SI01 has no daily rates of its own: the agreement's differ from nothing.
    expect(byKey["individualSupport.staff.1.full"]).toMatchObject({ agreement: 20_000, na: null, naOrigin: null });

    // Once the NA enters the same staff rate for group 1, that figure no longer differs; group 2 does (NA 150 vs 160).
    await officer.na.setIndividualSupportRates({ naCode: "SI01", callYear: 2025, baseVersion: null, staff: ["200", "150", "140"], pupil: ["90", "80", "70"] });
    const again = await officer.na.project({ projectId });
    const keys = (again.agreement?.differences ?? []).map((d) => `${d.section}.${d.path.join(".")}`);
    expect(keys).not.toContain("individualSupport.staff.1.full");
    expect(again.agreement?.differences.find((d) => d.path.join(".") === "staff.2.full")).toMatchObject({ agreement: 16_000, na: 15_000, naOrigin: "na" });

    const foreign = callerFor(db, await createOfficer(db, "HR01"));
    await expectTrpcError(foreign.na.project({ projectId }), "NOT_FOUND");
  });

  it("the NA portfolio judges durations by the project's effective figures: the agreement over the NA's table", async () => {
    const db = getDb();
    const officer = callerFor(db, await createOfficer(db, "SI01"));
    // The NA's newest table (a set of SI01, call 2025) allows job shadowing for at most 4 days.
    const [newest] = await db.select().from(naRateSets).where(and(eq(naRateSets.naCode, "SI01"), eq(naRateSets.callYear, 2025)));
    await db.insert(naRateSets).values({
      naCode: "SI01", callYear: 2025, version: (newest?.version ?? 0) + 1,
      figures: { ...newest?.figures, durations: { 2025: { "SM-JOB-SHDW": { value: { minDays: 2, maxDays: 4 }, source: "NA SI01 test table", confidence: "B" } } } },
    });
    const flagged = async () => (await officer.na.portfolio({ naCode: "SI01", flag: "durationOutOfLimits" })).rows.map((r) => r.projectId);
    expect(await flagged()).toContain(projectId);
    expect(await officer.na.flagMobilities({ projectId, flag: "durationOutOfLimits" })).toEqual([expect.objectContaining({ id: mobilityId, days: 5, minDays: 2, maxDays: 4 })]);

    // The project's grant agreement allows 2–60 days: its figure wins, the project is not flagged.
    await caller.projects.setAgreementRates({
      orgId, projectId, baseVersion: 4, ...agreement, staff: ["200", "160", "140"],
      figures: { organisationalSupport_standard: "400", "durations_SM-JOB-SHDW_minDays": "2", "durations_SM-JOB-SHDW_maxDays": "60" },
    });
    expect(await flagged()).not.toContain(projectId);
    expect(await officer.na.flagMobilities({ projectId, flag: "durationOutOfLimits" })).toEqual([]);
    const row = (await officer.na.portfolio({ naCode: "SI01" })).rows.find((r) => r.projectId === projectId);
    expect(row?.flags.durationOutOfLimits).toBe(false);
    const difference = (await officer.na.project({ projectId })).agreement?.differences.find((d) => d.section === "durations");
    expect(difference).toMatchObject({ path: ["SM-JOB-SHDW"], agreement: { minDays: 2, maxDays: 60 }, na: { minDays: 2, maxDays: 4 }, naOrigin: "na", unit: "dayRange" });
  });
});
