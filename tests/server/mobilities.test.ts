import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities, participants } from "@/db/schema";
import { DEFAULT_RATES } from "@/server/rules/rates";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();
const CAP = DEFAULT_RATES.project.ka122MaxParticipants.value;

describe("mobilities router", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;

  beforeAll(async () => {
    orgId = (await createSchool(getDb())).id;
    coordinator = await createMember(getDb(), orgId, "coordinator");
  });

  async function newProject(action: "KA122" | "KA121" = "KA122") {
    return callerFor(getDb(), coordinator).projects.create({
      orgId, action, projectNumber: projectNumber(2025, action), title: "Project", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
  }

  const mobility = (projectId: string, participantId: string) => ({
    orgId, projectId, participantId, activityType: "SM-JOB-SHDW" as const,
    startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
    receivingOrganisation: "Schule am Park", destinationCountry: "AT", destinationTown: "Vienna",
  });

  it("logs a job-shadowing mobility, lists it and counts the participant", async () => {
    const project = await newProject();
    const staff = await createStaff(getDb(), orgId);
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.mobilities.log(mobility(project.id, staff.id));
    const list = await caller.mobilities.list({ orgId, projectId: project.id });
    expect(list.total).toBe(1);
    expect(list.rows[0]?.participant?.id).toBe(staff.id);
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(1);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "mobility.create")));
    expect(audit).toHaveLength(1);
  });

  it("refuses an end date before the start date on the field, writing nothing", async () => {
    const project = await newProject();
    const staff = await createStaff(getDb(), orgId);
    const error = await callerFor(getDb(), coordinator)
      .mobilities.log({ ...mobility(project.id, staff.id), endDate: "2025-10-01" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(await getDb().select().from(mobilities).where(eq(mobilities.projectId, project.id))).toHaveLength(0);
  });

  it(`holds the KA122 cap of ${CAP} participants under 20 concurrent additions`, async () => {
    const project = await newProject();
    const db = getDb();
    const caller = callerFor(db, coordinator);
    for (let i = 0; i < CAP - 1; i++) {
      const staff = await createStaff(db, orgId, `Filled${i}`);
      await caller.mobilities.log(mobility(project.id, staff.id));
    }
    const contenders = await db
      .insert(participants)
      .values(Array.from({ length: 20 }, (_, i) => ({ organisationId: orgId, kind: "staff" as const, firstName: "Racer", lastName: `R${i}` })))
      .returning();
    const results = await Promise.allSettled(contenders.map((p) => caller.mobilities.log(mobility(project.id, p.id))));
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(TRPCError);
      expect((r.reason as TRPCError).message).toBe("participantCapReached");
    }
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(CAP);

    // A participant already in the project may go on another mobility; the cap counts people.
    const again = await db.select().from(participants).where(eq(participants.lastName, "Filled0"));
    await expect(caller.mobilities.log({ ...mobility(project.id, again[0]!.id), startDate: "2026-03-02", endDate: "2026-03-06" })).resolves.toBeTruthy();
  });

  it("has no cap for an accredited KA121 project", async () => {
    const project = await newProject("KA121");
    const db = getDb();
    const caller = callerFor(db, coordinator);
    for (let i = 0; i < CAP + 1; i++) {
      const staff = await createStaff(db, orgId, `Ka121-${i}`);
      await caller.mobilities.log(mobility(project.id, staff.id));
    }
    expect((await caller.projects.get({ orgId, projectId: project.id })).participantsUsed).toBe(CAP + 1);
  });
});
