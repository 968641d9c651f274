import { type TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { mobilities, participants } from "@/db/schema";
import { estimateMobilityGrant } from "@/server/rules";
import { estimateGroupMobilityGrant } from "../helpers/rules";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

/*
 * An Icelandic school (IS01 publishes its individual-support rates for calls 2024–2026), so every
 * grant line is known and can be compared with the engine's own answer.
 */
describe("logging mobilities with the rules engine", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;

  // A school per test: a school may hold at most 3 KA122 grants in 5 call years (the engine refuses more).
  beforeEach(async () => {
    orgId = (await createSchool(getDb(), { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
    coordinator = await createMember(getDb(), orgId, "coordinator", { specialCategory: true });
  });

  async function newProject(action: "KA122" | "KA121" = "KA122") {
    return callerFor(getDb(), coordinator).projects.create({
      orgId, action, projectNumber: projectNumber(2024, action, "IS01"), title: "Project", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });
  }

  const base = (projectId: string, participantId: string) => ({
    orgId, projectId, participantId,
    activityType: "SM-JOB-SHDW" as const,
    startDate: "2024-10-07", endDate: "2024-10-11", travelDays: 2,
    receivingOrganisation: "Skola Helsinki", destinationCountry: "FI", destinationTown: "Helsinki",
    distanceKm: 2150,
  });

  async function stored(id: string) {
    const [row] = await getDb().select().from(mobilities).where(eq(mobilities.id, id));
    if (!row) throw new Error("missing");
    return row;
  }

  it.each([
    ["SM-JOB-SHDW", {}],
    ["SM-TTA", { endDate: "2024-10-25" }],
    ["SM-COUR-TRAIN", { courseDays: 5 }],
    ["LM-SHORT-PUPIL", { endDate: "2024-10-20" }],
    ["LM-LONG-PUPILS", { endDate: "2024-12-20", linguisticSupport: true }],
    ["OA-INV-EXP", { receivingOrganisation: "Universität Wien", destinationCountry: "AT", destinationTown: "Vienna" }],
    ["OA-HOS-TTT", { endDate: "2024-10-20", receivingOrganisation: "Liceo Roma", destinationCountry: "IT", destinationTown: "Rome" }],
    ["PREP-VISIT", { persons: 2 }],
  ] as const)("stores the engine's grant for %s", async (activityType, patch) => {
    const project = await newProject("KA121");
    const staff = await createStaff(getDb(), orgId);
    const input = { ...base(project.id, staff.id), activityType, ...patch };
    const row = await callerFor(getDb(), coordinator).mobilities.log(input);
    const saved = await stored(row.id);

    const incoming = activityType === "OA-INV-EXP" || activityType === "OA-HOS-TTT";
    const expected = await estimateMobilityGrant({
      callYear: 2024, naCode: "IS01", activityType, startDate: input.startDate, endDate: input.endDate,
      travelDays: 2, destinationCountry: incoming ? "IS" : input.destinationCountry, distanceKm: 2150,
      greenTravel: false, fewerOpportunities: false, accompanying: false,
      linguisticSupport: "linguisticSupport" in patch ? patch.linguisticSupport : false,
      courseDays: "courseDays" in patch ? patch.courseDays : undefined,
      persons: "persons" in patch ? patch.persons : undefined,
    });
    expect(expected.totalCents).toBeGreaterThan(0);
    expect(saved.grantTotalCents).toBe(expected.totalCents);
    expect(saved.grantTravelCents).toBe(expected.linesCents.travel);
    expect(saved.grantIndividualSupportCents).toBe(expected.linesCents.individualSupport);
    expect(saved.grantOrganisationalSupportCents).toBe(expected.linesCents.organisationalSupport);
    expect(saved.grantCourseFeesCents).toBe(expected.linesCents.courseFees);
    expect(saved.grantLinguisticSupportCents).toBe(expected.linesCents.linguisticSupport);
    expect(saved.grantPreparatoryVisitsCents).toBe(expected.linesCents.preparatoryVisits);
    expect(saved.grantEligible).toBe(expected.eligible);
    expect(saved.distanceSource).toBe("official");

    // The form's live estimate is the same figure.
    const live = await callerFor(getDb(), coordinator).mobilities.estimate({ ...input, mobilityId: row.id });
    expect(live.totalCents).toBe(expected.totalCents);
  });

  it("logs a group of 12 pupils with 2 accompanying persons as one record, capped at 1 000 EUR organisational support", async () => {
    const project = await newProject();
    const lead = await createStaff(getDb(), orgId, "Lead");
    const second = await createStaff(getDb(), orgId, "Second");
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.mobilities.log({
      ...base(project.id, lead.id),
      activityType: "LM-GRP-PUPIL", startDate: "2024-11-04", endDate: "2024-11-08",
      pupilCount: 11,
      members: [
        { role: "pupil", fewerOpportunities: true, inclusionRealCostCents: 12_000 },
        { role: "accompanying", participantId: second.id },
      ],
    });
    const expected = await estimateGroupMobilityGrant({
      callYear: 2024, naCode: "IS01", startDate: "2024-11-04", endDate: "2024-11-08", travelDays: 2,
      destinationCountry: "FI", distanceKm: 2150, greenTravel: false, linguisticSupport: false,
      pupils: [{ fewerOpportunities: true, inclusionRealCostEur: 120 }, ...Array.from({ length: 11 }, () => ({}))],
      accompanyingPersons: 2,
    });
    const saved = await stored(row.id);
    expect(saved.grantTotalCents).toBe(expected.totalCents);
    expect(saved.grantOrganisationalSupportCents).toBe(100_000);
    expect(saved.grantInclusionSupportCents).toBe(expected.linesCents.inclusionSupport);
    const got = await caller.mobilities.get({ orgId, mobilityId: row.id });
    expect(got.members).toHaveLength(2);
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(12);
  });

  it("counts places in SQL exactly as the engine does", async () => {
    const project = await newProject();
    const caller = callerFor(getDb(), coordinator);
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map((i) => createStaff(getDb(), orgId, `Count${i}`)));
    await caller.mobilities.log(base(project.id, a!.id));
    await caller.mobilities.log({ ...base(project.id, a!.id), startDate: "2025-02-03", endDate: "2025-02-07" }); // same person again
    await caller.mobilities.log({ ...base(project.id, b!.id), accompanying: true, activityType: "LM-SHORT-PUPIL", endDate: "2024-10-20" });
    await caller.mobilities.log({ ...base(project.id, c!.id), activityType: "PREP-VISIT" });
    await caller.mobilities.log({ ...base(project.id, d!.id), status: "draft" });
    await caller.mobilities.log({ ...base(project.id, d!.id), status: "cancelled" });
    await caller.mobilities.log({ ...base(project.id, b!.id), activityType: "LM-GRP-PUPIL", pupilCount: 5, members: [{ role: "pupil", fewerOpportunities: false }] });
    const live = await caller.mobilities.estimate({ ...base(project.id, a!.id), status: "draft" });
    const sqlCount = (await caller.projects.get({ orgId, projectId: project.id })).participantsUsed;
    expect(live.participantCount).toBe(7); // a + 6 group pupils
    expect(sqlCount).toBe(live.participantCount);
  });

  it("refuses a stale edit and keeps the first one", async () => {
    const project = await newProject();
    const staff = await createStaff(getDb(), orgId);
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.mobilities.log(base(project.id, staff.id));
    const edit = { ...base(project.id, staff.id), mobilityId: row.id, version: row.version };
    const first = await caller.mobilities.update({ ...edit, endDate: "2024-10-12" });
    expect(first.version).toBe(row.version + 1);
    const error = await caller.mobilities.update({ ...edit, endDate: "2024-10-18" }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((await stored(row.id)).endDate).toBe("2024-10-12");
  });

  it("holds the cap when drafts are moved to planned in bulk", async () => {
    const project = await newProject();
    const caller = callerFor(getDb(), coordinator);
    const ids: string[] = [];
    for (let i = 0; i < 31; i++) {
      const staff = await createStaff(getDb(), orgId, `Bulk${i}`);
      ids.push((await caller.mobilities.log({ ...base(project.id, staff.id), status: "draft" })).id);
    }
    const refused = await caller.mobilities.setStatus({ orgId, projectId: project.id, mobilityIds: ids, status: "planned" }).catch((e: unknown) => e);
    expect((refused as TRPCError).message).toBe("participantCapReached");
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(0);
    const done = await caller.mobilities.setStatus({ orgId, projectId: project.id, mobilityIds: ids.slice(0, 30), status: "planned" });
    expect(done.updated).toBe(30);
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(30);
  });

  it("duplicates a mobility as a draft with its grant", async () => {
    const project = await newProject();
    const staff = await createStaff(getDb(), orgId);
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.mobilities.log(base(project.id, staff.id));
    const copy = await caller.mobilities.duplicate({ orgId, mobilityId: row.id });
    expect(copy.status).toBe("draft");
    expect((await stored(copy.id)).grantTotalCents).toBe((await stored(row.id)).grantTotalCents);
  });

  it("lets only coordinators log, edit or delete", async () => {
    const project = await newProject();
    const staff = await createStaff(getDb(), orgId);
    for (const role of ["teacher", "headteacher"] as const) {
      const member = await createMember(getDb(), orgId, role);
      const error = await callerFor(getDb(), member).mobilities.log(base(project.id, staff.id)).catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe("FORBIDDEN");
    }
  });

  it("reports an SI01 school's missing individual-support rate instead of inventing one, and stores the other lines", async () => {
    const si = await createSchool(getDb());
    const siCoordinator = await createMember(getDb(), si.id, "coordinator");
    const caller = callerFor(getDb(), siCoordinator);
    const project = await caller.projects.create({
      orgId: si.id, action: "KA122", projectNumber: projectNumber(2025, "KA122", "SI01"), title: "SI", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    const staff = await createStaff(getDb(), si.id);
    const row = await caller.mobilities.log({ ...base(project.id, staff.id), orgId: si.id, startDate: "2025-10-06", endDate: "2025-10-10" });
    const saved = await stored(row.id);
    expect(saved.grantEligible).toBe(true);
    expect(saved.grantIndividualSupportCents).toBe(0);
    expect(saved.grantUnknownLines).toEqual(["individualSupport"]);
    expect(saved.grantTotalCents).toBe(saved.grantTravelCents + saved.grantOrganisationalSupportCents);
    expect(saved.grantIssues).toEqual(expect.arrayContaining([expect.objectContaining({ code: "RATE_MISSING", severity: "missing" })]));
    expect(saved.grantIssues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("who may edit a mobility, and who sees special-category data", () => {
  const getDbHere = getDb;

  it("lets a teacher edit their own mobility, not a colleague's, and keeps special-category data a member cannot see", async () => {
    const db = getDbHere();
    const school = await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" });
    const coordinator = await createMember(db, school.id, "coordinator", { specialCategory: true });
    const plainCoordinator = await createMember(db, school.id, "coordinator");
    const teacher = await createMember(db, school.id, "teacher");
    const project = await callerFor(db, coordinator).projects.create({
      orgId: school.id, action: "KA121", projectNumber: projectNumber(2024, "KA121", "IS01"), title: "P", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });
    const [own] = await db.insert(participants).values({ organisationId: school.id, kind: "staff", firstName: "T", lastName: "Eacher", email: teacher.email.toUpperCase() }).returning();
    const colleague = await createStaff(db, school.id, "Colleague");
    const input = (participantId: string) => ({
      orgId: school.id, projectId: project.id, participantId, activityType: "SM-JOB-SHDW" as const,
      startDate: "2024-10-07", endDate: "2024-10-11", travelDays: 2, fewerOpportunities: true, inclusionRealCostCents: 5_000,
      receivingOrganisation: "Skola", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150,
    });
    const mine = await callerFor(db, coordinator).mobilities.log(input(own!.id));
    const theirs = await callerFor(db, coordinator).mobilities.log(input(colleague.id));

    const asTeacher = callerFor(db, teacher);
    const edited = await asTeacher.mobilities.update({ ...input(own!.id), mobilityId: mine.id, version: mine.version, endDate: "2024-10-12", fewerOpportunities: false });
    expect(edited.endDate).toBe("2024-10-12");
    expect("fewerOpportunities" in edited).toBe(false); // absent for a member without the permission
    const [stored] = await db.select().from(mobilities).where(eq(mobilities.id, mine.id));
    expect(stored?.fewerOpportunities).toBe(true); // what the teacher could not see stays as it was
    expect(stored?.inclusionRealCostCents).toBe(5_000);

    const refused = await asTeacher.mobilities.update({ ...input(colleague.id), mobilityId: theirs.id, version: theirs.version }).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    const handedOver = await asTeacher.mobilities.update({ ...input(colleague.id), mobilityId: mine.id, version: edited.version }).catch((e: unknown) => e);
    expect((handedOver as TRPCError).code).toBe("FORBIDDEN");

    const seenByPlain = await callerFor(db, plainCoordinator).mobilities.get({ orgId: school.id, mobilityId: mine.id });
    expect("fewerOpportunities" in seenByPlain).toBe(false);
    expect("inclusionRealCostCents" in seenByPlain).toBe(false);
    const seenByAllowed = await callerFor(db, coordinator).mobilities.get({ orgId: school.id, mobilityId: mine.id });
    expect(seenByAllowed.fewerOpportunities).toBe(true);
  });
});
