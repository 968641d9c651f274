import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { AUDITED_ENTITIES } from "@/server/services/audit";
import { grantSpecialCategory } from "../helpers/access";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * Finding 1 of the outside test: a group mobility with a pupil of fewer opportunities put
 * `members[0].fewerOpportunities` and `inclusionRealCostCents` in audit.list, audit.export and the CSV
 * for members without the special-category permission (only top-level fields were hidden).
 */

const getDb = setupTestDatabase();
/** The special-category fields (server/services/permissions.ts), pinned: a field leaving this list is a decision. */
const SPECIAL_CATEGORY_FIELDS = ["fewerOpportunities", "fewerOpportunitiesNote", "inclusionRealCostCents", "grantInclusionSupportCents"];
const HEADINGS = { time: "t", person: "p", email: "e", action: "a", entityType: "et", entityId: "id", field: "f", before: "b", after: "a" };

let school: string;
let coordinator: Awaited<ReturnType<typeof createMember>>;
let headteacher: Awaited<ReturnType<typeof createMember>>;
let admin: Awaited<ReturnType<typeof createMember>>;
let trusted: Awaited<ReturnType<typeof createMember>>;

/** Everything the three audit outputs give this member, as one text. */
async function everythingSeenBy(user: typeof headteacher, entityType?: string) {
  const caller = callerFor(getDb(), user);
  const list = await caller.audit.list({ orgId: school, entityType, pageSize: 100 });
  const exported = await caller.audit.export({ orgId: school, entityType });
  const csv = await caller.audit.exportCsv({ orgId: school, entityType, headings: HEADINGS });
  return JSON.stringify(list) + JSON.stringify(exported) + csv;
}

function specialIn(text: string): string[] {
  return SPECIAL_CATEGORY_FIELDS.filter((field) => text.includes(field));
}

beforeAll(async () => {
  const db = getDb();
  school = (await createSchool(db)).id;
  coordinator = await createMember(db, school, "coordinator");
  headteacher = await createMember(db, school, "headteacher");
  admin = await createMember(db, school, "school_admin");
  trusted = await createMember(db, school, "headteacher");
  await grantSpecialCategory(db, trusted.id, school);
  await grantSpecialCategory(db, coordinator.id, school);
});

describe("special-category data in the audit trail", () => {
  it("a group's pupil of fewer opportunities stays out of list, export and CSV for members without the permission", async () => {
    const c = callerFor(getDb(), coordinator);
    const project = await c.projects.create({
      orgId: school, action: "KA122", projectNumber: projectNumber(2024), title: "Group trip", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });
    const lead = await createStaff(getDb(), school, "Lead");
    const row = await c.mobilities.log({
      orgId: school, projectId: project.id, participantId: lead.id, activityType: "LM-GRP-PUPIL",
      startDate: "2024-11-04", endDate: "2024-11-08", travelDays: 2, receivingOrganisation: "Skola Helsinki",
      destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150, pupilCount: 3,
      members: [{ role: "pupil", fewerOpportunities: true, inclusionRealCostCents: 12_000 }],
    });
    await c.mobilities.update({
      orgId: school, projectId: project.id, mobilityId: row.id, version: row.version, participantId: lead.id, activityType: "LM-GRP-PUPIL",
      startDate: "2024-11-04", endDate: "2024-11-08", travelDays: 2, receivingOrganisation: "Skola Helsinki",
      destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150, pupilCount: 3,
      members: [{ role: "pupil", fewerOpportunities: true, inclusionRealCostCents: 15_000 }],
    });
    for (const user of [headteacher, admin]) expect(specialIn(await everythingSeenBy(user, "mobility"))).toEqual([]);
    // …while a member with the permission sees what changed, nested fields included.
    const seen = await everythingSeenBy(trusted, "mobility");
    expect(seen).toContain("inclusionRealCostCents");
    expect(seen).toContain("fewerOpportunities");
  });

  it("holds for every audited entity, at any depth of its snapshots", async () => {
    const secret = { fewerOpportunities: true, fewerOpportunitiesNote: "family situation", inclusionRealCostCents: 4_200, grantInclusionSupportCents: 9_900 };
    for (const entityType of AUDITED_ENTITIES) {
      await getDb().insert(auditLog).values({
        organisationId: school, actorUserId: coordinator.id, action: `${entityType}.update`, entityType, entityId: crypto.randomUUID(),
        before: { title: "a", ...secret, nested: { deeper: [{ ...secret, keep: 1 }] }, members: [secret] },
        after: { title: "b", ...secret, fewerOpportunities: false, grantInclusionSupportCents: 0, nested: { deeper: [{ ...secret, inclusionRealCostCents: 1, keep: 2 }] }, members: [{ ...secret, fewerOpportunitiesNote: "changed" }] },
      });
    }
    for (const entityType of AUDITED_ENTITIES) {
      const hidden = await everythingSeenBy(headteacher, entityType);
      expect({ entityType, special: specialIn(hidden) }).toEqual({ entityType, special: [] });
      expect(hidden, entityType).not.toContain("family situation");
      expect(hidden, entityType).toContain("keep"); // the rest of the nested change is still shown
      const shown = await everythingSeenBy(trusted, entityType);
      expect(specialIn(shown).sort(), entityType).toEqual([...SPECIAL_CATEGORY_FIELDS].sort());
    }
  });
});

describe("the inclusion-support grant line", () => {
  it("is absent from a mobility's rows, list and audit trail without the permission, while the project's budget still adds it up", async () => {
    const c = callerFor(getDb(), coordinator);
    const project = await c.projects.create({
      orgId: school, action: "KA122", projectNumber: projectNumber(2024), title: "Inclusion", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });
    const lead = await createStaff(getDb(), school, "Lead");
    const logged = await c.mobilities.log({
      orgId: school, projectId: project.id, participantId: lead.id, activityType: "LM-GRP-PUPIL",
      startDate: "2024-11-04", endDate: "2024-11-08", travelDays: 2, receivingOrganisation: "Skola Helsinki",
      destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150, pupilCount: 3,
      members: [{ role: "pupil", fewerOpportunities: true, inclusionRealCostCents: 12_000 }],
    });
    const ref = { orgId: school, mobilityId: logged.id };
    const listInput = { orgId: school, projectId: project.id, page: 1, pageSize: 25 };

    // With the permission: the line is there, in the mobility and in what saving returned.
    const inclusion = (await callerFor(getDb(), trusted).mobilities.get(ref)).grantInclusionSupportCents;
    expect(inclusion).toBeGreaterThan(0);
    expect(logged.grantInclusionSupportCents).toBe(inclusion);
    expect(await everythingSeenBy(trusted, "mobility")).toContain("grantInclusionSupportCents");

    for (const user of [headteacher, admin]) {
      const caller = callerFor(getDb(), user);
      const row = await caller.mobilities.get(ref);
      expect(row).not.toHaveProperty("grantInclusionSupportCents");
      expect(row.grantTravelCents).toBeGreaterThan(0); // the other lines are shown
      expect(JSON.stringify(await caller.mobilities.list(listInput))).not.toContain("grantInclusionSupportCents");
      expect(await everythingSeenBy(user, "mobility")).not.toContain("grantInclusionSupportCents");
      // A sum over the project's mobilities is not a mobility's row: it stays visible.
      const budget = await caller.dashboards.project({ orgId: school, projectId: project.id });
      expect(budget.budget.lines.find((l) => l.line === "inclusionSupport")?.committedCents).toBe(inclusion);
    }
  });
});
