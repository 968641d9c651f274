import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities, participants, projects } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

/** A coordinator of school B reaches nothing of school A, by any door the router has. */
describe("school isolation", () => {
  let schoolA: string;
  let schoolB: string;
  let projectA: string;
  let participantA: string;
  let coordinatorB: Awaited<ReturnType<typeof createMember>>;

  beforeAll(async () => {
    const db = getDb();
    schoolA = (await createSchool(db)).id;
    schoolB = (await createSchool(db)).id;
    const coordinatorA = await createMember(db, schoolA, "coordinator");
    coordinatorB = await createMember(db, schoolB, "coordinator");
    participantA = (await createStaff(db, schoolA)).id;
    const project = await callerFor(db, coordinatorA).projects.create({
      orgId: schoolA,
      action: "KA122",
      projectNumber: projectNumber(),
      title: "A's project",
      callYear: 2025,
      startDate: "2025-09-01",
      endDate: "2026-08-31",
      awarded: zeroAwarded,
    });
    projectA = project.id;
    await callerFor(db, coordinatorA).mobilities.log({
      orgId: schoolA, projectId: projectA, participantId: participantA, activityType: "SM-JOB-SHDW",
      startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "Schule Wien",
      destinationCountry: "AT", destinationTown: "Vienna",
    });
  });

  it("sees A's school as not found when naming it directly", async () => {
    const b = callerFor(getDb(), coordinatorB);
    expect(await codeOf(b.projects.list({ orgId: schoolA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.participants.list({ orgId: schoolA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.projects.get({ orgId: schoolA, projectId: projectA }))).toBe("NOT_FOUND");
  });

  it("cannot reach A's rows through B's own school id", async () => {
    const b = callerFor(getDb(), coordinatorB);
    expect(await codeOf(b.projects.get({ orgId: schoolB, projectId: projectA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.mobilities.list({ orgId: schoolB, projectId: projectA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.projects.list({ orgId: schoolB }))).toBe("OK");
    expect(await b.projects.list({ orgId: schoolB })).toEqual([]);
    expect(await b.participants.list({ orgId: schoolB })).toEqual([]);
  });

  it("cannot change anything of A's, and a refused attempt writes nothing", async () => {
    const db = getDb();
    const counts = async () => ({
      projects: (await db.select().from(projects)).length,
      mobilities: (await db.select().from(mobilities)).length,
      participants: (await db.select().from(participants)).length,
      audit: (await db.select().from(auditLog)).length,
    });
    const before = await counts();
    const b = callerFor(db, coordinatorB);
    const mobility = {
      projectId: projectA, participantId: participantA, activityType: "SM-JOB-SHDW" as const,
      startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "X",
      destinationCountry: "AT", destinationTown: "Vienna",
    };
    expect(await codeOf(b.mobilities.log({ orgId: schoolB, ...mobility }))).toBe("NOT_FOUND");
    expect(await codeOf(b.mobilities.log({ orgId: schoolA, ...mobility }))).toBe("NOT_FOUND");
    const project = {
      projectId: projectA, version: 1, action: "KA122" as const, projectNumber: projectNumber(), title: "Hijacked",
      callYear: 2025, startDate: "2025-09-01", endDate: "2026-08-31", status: "running" as const, awarded: zeroAwarded,
    };
    expect(await codeOf(b.projects.update({ orgId: schoolB, ...project }))).toBe("NOT_FOUND");
    expect(await codeOf(b.projects.update({ orgId: schoolA, ...project }))).toBe("NOT_FOUND");
    expect(await codeOf(b.participants.create({ orgId: schoolA, kind: "staff", firstName: "X", lastName: "Y" }))).toBe("NOT_FOUND");

    // B's own project cannot take A's participant either (the composite foreign key would refuse it too).
    const own = await b.projects.create({
      orgId: schoolB, action: "KA122", projectNumber: projectNumber(), title: "B's project", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    expect(await codeOf(b.mobilities.log({ orgId: schoolB, ...mobility, projectId: own.id }))).toBe("BAD_REQUEST");

    const after = await counts();
    expect(after).toEqual({ ...before, projects: before.projects + 1, audit: before.audit + 1 });
  });
});
