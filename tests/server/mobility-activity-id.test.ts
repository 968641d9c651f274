import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mobilities } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

describe("Mobility activity ID and Erasmus+ Mobility ID", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let number: string;
  let projectId: string;
  let participantId: string;

  beforeAll(async () => {
    orgId = (await createSchool(getDb(), { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
    coordinator = await createMember(getDb(), orgId, "coordinator", { specialCategory: true });
    number = projectNumber(2024, "KA121", "IS01");
    projectId = (
      await callerFor(getDb(), coordinator).projects.create({
        orgId, action: "KA121", projectNumber: number, title: "P", callYear: 2024, startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
      })
    ).id;
    participantId = (await createStaff(getDb(), orgId)).id;
  });

  const input = () => ({
    orgId, projectId, participantId, activityType: "SM-JOB-SHDW" as const, startDate: "2024-10-07", endDate: "2024-10-11",
    travelDays: 2, receivingOrganisation: "Skola", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150,
  });
  const activityIdOf = async (id: string) => (await getDb().select().from(mobilities).where(eq(mobilities.id, id)))[0]?.activityId;

  it("numbers new mobilities as BM does, keeps an edited ID unique in the project", async () => {
    const caller = callerFor(getDb(), coordinator);
    const first = await caller.mobilities.log(input());
    const second = await caller.mobilities.log(input());
    const prefix = number.slice(-6);
    expect(await activityIdOf(first.id)).toBe(`${prefix}-MOB-00001`);
    expect(await activityIdOf(second.id)).toBe(`${prefix}-MOB-00002`);

    const renamed = await caller.mobilities.update({ ...input(), mobilityId: second.id, version: second.version, activityId: "OWN-7" });
    expect(renamed.activityId).toBe("OWN-7");
    const copy = await caller.mobilities.duplicate({ orgId, mobilityId: first.id });
    expect(await activityIdOf(copy.id)).toBe(`${prefix}-MOB-00002`);

    const error = await caller.mobilities
      .update({ ...input(), mobilityId: first.id, version: first.version, activityId: "OWN-7" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
  });

  it("validates the Erasmus+ Mobility ID's format", async () => {
    const caller = callerFor(getDb(), coordinator);
    const suffix = number.slice(-20);
    const row = await caller.mobilities.log({ ...input(), erasmusMobilityId: `2024-JOBSH-0001-${suffix}` });
    expect(row.erasmusMobilityId).toBe(`2024-JOBSH-0001-${suffix}`);
    await expect(caller.mobilities.log({ ...input(), erasmusMobilityId: "2024-X-1" })).rejects.toThrow();
  });
});
