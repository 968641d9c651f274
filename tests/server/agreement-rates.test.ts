import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

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
});
