import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mobilities, participants } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

/*
 * "What BM would say" before an export: the BM template's mandatory columns that would be empty and the
 * rules engine's issues, per mobility with a link target, and the project's (the KA122 cap). A member
 * without the special-category permission is not told who has fewer opportunities.
 */
describe("BM pre-flight check", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let teacher: Awaited<ReturnType<typeof createMember>>;
  let project: { id: string; number: string };
  const ids: Record<string, string> = {};

  const newProject = async (action: "KA121" | "KA122") => {
    const number = projectNumber(2024, action, "IS01");
    const created = await callerFor(getDb(), coordinator).projects.create({
      orgId, action, projectNumber: number, title: "P", callYear: 2024, startDate: "2024-09-01", endDate: "2025-11-30", awarded: zeroAwarded,
    });
    return { id: created.id, number };
  };

  beforeAll(async () => {
    const db = getDb();
    orgId = (await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
    coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
    teacher = await createMember(db, orgId, "teacher");
    project = await newProject("KA121");
    const ana = await createStaff(db, orgId, "Novak");
    const [pupil] = await db.insert(participants).values({ organisationId: orgId, kind: "pupil", firstName: "Eva", lastName: "Horvat" }).returning();
    const caller = callerFor(db, coordinator);
    const base = {
      orgId, projectId: project.id, participantId: ana.id, activityType: "SM-JOB-SHDW" as const, startDate: "2024-10-07", endDate: "2024-10-11",
      travelDays: 2, receivingOrganisation: "Skola Helsinki", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150,
    };
    ids.good = (await caller.mobilities.log(base)).id;
    ids.short = (await caller.mobilities.log({ ...base, startDate: "2024-10-07", endDate: "2024-10-07" })).id;
    ids.travel = (await caller.mobilities.log({ ...base, travelDays: 5 })).id;
    ids.accompanying = (await caller.mobilities.log({ ...base, activityType: "LM-SHORT-PUPIL", accompanying: true })).id;
    // The form refuses an accompanying person with fewer opportunities; data from before that rule still has them.
    await db.update(mobilities).set({ fewerOpportunities: true }).where(eq(mobilities.id, ids.accompanying));
    ids.group = (
      await caller.mobilities.log({
        ...base, activityType: "LM-GRP-PUPIL", pupilCount: 9,
        members: [{ role: "pupil", participantId: pupil!.id, fewerOpportunities: false }, { role: "pupil", fewerOpportunities: false }],
      })
    ).id;
  });

  it("lists what BM would refuse or flag, per mobility, from the template's mandatory columns and the engine", async () => {
    const result = await callerFor(getDb(), coordinator).bm.preflight({ orgId, projectId: project.id });
    const of = (id: string | undefined) => result.issues.filter((issue) => issue.mobilityId === id).map((issue) => [issue.severity, issue.code]);
    expect(of(ids.good)).toEqual([]);
    expect(of(ids.short)).toContainEqual(["refuse", "rules.DURATION_BELOW_MIN"]);
    expect(of(ids.travel)).toContainEqual(["flag", "rules.TRAVEL_DAYS_EXCEED"]);
    expect(of(ids.accompanying)).toContainEqual(["refuse", "rules.ACCOMPANYING_FEWER_OPPORTUNITIES"]);
    // The unnamed pupil's row of the group has no name, which the template marks mandatory.
    const missing = result.issues.find((issue) => issue.mobilityId === ids.group && issue.code === "bm.preflight.missing");
    expect(missing).toMatchObject({ severity: "refuse", fields: ["firstName", "lastName"] });
    expect(missing?.activityId).toMatch(/-MOB-\d{5}-02$/);
    // Rate-table notes are not something BM says about a mobility.
    expect(result.issues.map((issue) => issue.code)).not.toContain("rules.FIGURE_UNCONFIRMED");
    expect(result).toMatchObject({ mobilities: 5, rows: 7, refused: 3, flagged: 1, hiddenSpecialCategory: 0 });
  });

  it("does not tell a member without the special-category permission who has fewer opportunities", async () => {
    const result = await callerFor(getDb(), teacher).bm.preflight({ orgId, projectId: project.id });
    expect(result.issues.map((issue) => issue.code)).not.toContain("rules.ACCOMPANYING_FEWER_OPPORTUNITIES");
    expect(result.hiddenSpecialCategory).toBe(1);
    expect(result.issues.filter((issue) => issue.mobilityId === ids.short).map((issue) => issue.code)).toContain("rules.DURATION_BELOW_MIN");
  });

  it("reports the KA122 participant cap on the project", async () => {
    const db = getDb();
    const ka122 = await newProject("KA122");
    const lead = await createStaff(db, orgId, "Lead");
    const { id } = await callerFor(db, coordinator).mobilities.log({
      orgId, projectId: ka122.id, participantId: lead.id, activityType: "LM-GRP-PUPIL", startDate: "2024-10-07", endDate: "2024-10-11",
      travelDays: 2, receivingOrganisation: "Skola Helsinki", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150, pupilCount: 30,
    });
    const before = await callerFor(db, coordinator).bm.preflight({ orgId, projectId: ka122.id });
    expect(before.projectIssues.map((issue) => issue.code)).not.toContain("rules.KA122_PARTICIPANT_CAP");
    // Over the cap (the form refuses that; a rate change or older data can still get there).
    await db.update(mobilities).set({ pupilCount: 31 }).where(eq(mobilities.id, id));
    const after = await callerFor(db, coordinator).bm.preflight({ orgId, projectId: ka122.id });
    expect(after.projectIssues).toContainEqual(expect.objectContaining({ severity: "refuse", code: "rules.KA122_PARTICIPANT_CAP", params: expect.objectContaining({ max: 30, count: 31 }) }));
  });

  it("is the school's own: another school's member gets NOT_FOUND", async () => {
    const other = await createSchool(getDb());
    const stranger = await createMember(getDb(), other.id, "coordinator");
    await expect(callerFor(getDb(), stranger).bm.preflight({ orgId: other.id, projectId: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
