import type { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

describe("partner organisations", () => {
  it("are remembered from mobilities, listed with their count, and refuse a malformed OID or a duplicate name", async () => {
    const db = getDb();
    const school = await createSchool(db);
    const coordinator = await createMember(db, school.id, "coordinator");
    const caller = callerFor(db, coordinator);
    const project = await caller.projects.create({
      orgId: school.id, action: "KA121", projectNumber: projectNumber(2025, "KA121"), title: "P", callYear: 2025,
      startDate: "2025-06-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    const staff = await createStaff(db, school.id);
    await caller.mobilities.log({
      orgId: school.id, projectId: project.id, participantId: staff.id, activityType: "SM-JOB-SHDW",
      startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "Volksschule Graz",
      destinationCountry: "AT", destinationTown: "Graz",
    });
    await caller.partners.create({ orgId: school.id, oid: "e10999999", name: "Liceo Trieste", country: "IT", town: "Trieste" });
    const list = await caller.partners.list({ orgId: school.id });
    expect(list.map((p) => [p.name, p.oid, p.mobilityCount])).toEqual([
      ["Liceo Trieste", "E10999999", 0],
      ["Volksschule Graz", null, 1],
    ]);

    const badOid = await caller.partners.create({ orgId: school.id, oid: "123", name: "X", country: "AT", town: "Linz" }).catch((e: unknown) => e);
    expect((badOid as TRPCError).code).toBe("BAD_REQUEST");
    const duplicate = await caller.partners.create({ orgId: school.id, name: "volksschule graz", country: "AT", town: "Graz" }).catch((e: unknown) => e);
    expect((duplicate as TRPCError).code).toBe("CONFLICT");
    expect(await caller.partners.list({ orgId: school.id })).toHaveLength(2);

    const other = await createMember(db, (await createSchool(db)).id, "coordinator");
    const foreign = await callerFor(db, other).partners.list({ orgId: school.id }).catch((e: unknown) => e);
    expect((foreign as TRPCError).code).toBe("NOT_FOUND");
  });
});
