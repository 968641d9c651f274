import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities } from "@/db/schema";
import { recomputeLegacyGrants } from "@/server/services/mobility-grants";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

/*
 * Issue 11: a Slovenian school whose NA has not entered its daily rates still sees every line that
 * does not depend on them — travel and organisational support are EU unit costs — and honest totals:
 * "at least" the known lines, never 0 € for what is unknown.
 */

const getDb = setupTestDatabase();

let orgId: string;
let projectId: string;
let caller: ReturnType<typeof callerFor>;
let staffId: string;

const jobShadowing = () => ({
  orgId, projectId, participantId: staffId, activityType: "SM-JOB-SHDW" as const, status: "planned" as const,
  startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
  receivingOrganisation: "Helsingin koulu", destinationCountry: "FI", destinationTown: "Helsinki",
});

beforeAll(async () => {
  const db = getDb();
  orgId = (await createSchool(db, { country: "SI", town: "Ljubljana", naCode: "SI01" })).id;
  const coordinator = await createMember(db, orgId, "coordinator");
  caller = callerFor(db, coordinator);
  staffId = (await createStaff(db, orgId, "Novak")).id;
  projectId = (await caller.projects.create({
    orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "SI01"), title: "Lipa", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: { ...zeroAwarded, travel: 500_000, individualSupport: 1_000_000, organisationalSupport: 300_000 },
  })).id;
});

describe("partial grants (no NA daily rates)", () => {
  it("estimates travel 309 € and organisational support 350 €, names individual support as missing: at least 659 €", async () => {
    const estimate = await caller.mobilities.estimate(jobShadowing());
    expect(estimate.eligible).toBe(true);
    expect(estimate.linesCents).toMatchObject({ travel: 30_900, organisationalSupport: 35_000, individualSupport: 0 });
    expect(estimate.unknownLines).toEqual(["individualSupport"]);
    expect(estimate.totalCents).toBe(65_900);
    expect(estimate.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ severity: "missing", code: "RATE_MISSING", params: { rate: "individualSupport", naCode: "SI01", callYear: 2025 } }),
    ]));
    expect(estimate.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("stores the known cents and the unknown line; the dashboard, list and overview say 'at least'", async () => {
    const logged = await caller.mobilities.log(jobShadowing());
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, logged.id));
    expect(row).toMatchObject({ grantEligible: true, grantTravelCents: 30_900, grantOrganisationalSupportCents: 35_000, grantTotalCents: 65_900, grantUnknownLines: ["individualSupport"] });

    const dashboard = await caller.dashboards.project({ orgId, projectId });
    expect(dashboard.budget.total.committedCents).toBeGreaterThanOrEqual(65_900);
    expect(dashboard.budget.total.committedIncomplete).toBe(1);
    expect(dashboard.budget.lines.find((l) => l.line === "individualSupport")).toMatchObject({ committedCents: 0, committedUnknown: 1 });
    expect(dashboard.budget.lines.find((l) => l.line === "travel")).toMatchObject({ committedCents: 30_900, committedUnknown: 0 });
    expect(dashboard.warnings).toEqual(expect.arrayContaining([{ code: "grantIncomplete", severity: "warning", count: 1, lines: ["individualSupport"] }]));
    expect(dashboard.warnings.map((w) => w.code)).not.toContain("grantErrors");

    const list = await caller.mobilities.list({ orgId, projectId });
    expect(list.rows[0]).toMatchObject({ grantTotalCents: 65_900, grantUnknownLines: ["individualSupport"], grantEligible: true, errorCount: 0 });
    const overview = await caller.dashboards.schoolOverview({ orgId });
    expect(overview.projects[0]).toMatchObject({ committedCents: 65_900, committedIncomplete: 1 });
  });

  it("recomputes, once and audited, grants stored before partial grants (a missing rate stored as an error)", async () => {
    const db = getDb();
    const logged = await caller.mobilities.log({ ...jobShadowing(), startDate: "2026-03-02", endDate: "2026-03-06" });
    await db.update(mobilities).set({
      grantEligible: false, grantTravelCents: 0, grantOrganisationalSupportCents: 0, grantUnknownLines: [],
      grantIssues: [{ severity: "error", code: "RATE_MISSING", params: { rate: "individualSupport", naCode: "SI01", callYear: 2025 }, field: "naCode" }],
    }).where(eq(mobilities.id, logged.id));
    expect(await recomputeLegacyGrants(db)).toBe(1);
    const [row] = await db.select().from(mobilities).where(eq(mobilities.id, logged.id));
    expect(row).toMatchObject({ grantEligible: true, grantTotalCents: 65_900, grantUnknownLines: ["individualSupport"] });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "grants.recompute"), eq(auditLog.entityId, projectId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actorUserId).toBeNull();
    expect(await recomputeLegacyGrants(db)).toBe(0);
  });
});
