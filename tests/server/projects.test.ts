import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, projects } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

async function expectTrpcError(promise: Promise<unknown>, code: TRPCError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

describe("projects router", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let teacher: Awaited<ReturnType<typeof createMember>>;

  beforeAll(async () => {
    const org = await createSchool(getDb());
    orgId = org.id;
    coordinator = await createMember(getDb(), orgId, "coordinator");
    teacher = await createMember(getDb(), orgId, "teacher");
  });

  const validInput = () => ({
    orgId,
    action: "KA122" as const,
    projectNumber: projectNumber(),
    title: "Learning from Europe",
    callYear: 2025,
    startDate: "2025-09-01",
    endDate: "2026-08-31",
    awarded: { ...zeroAwarded, travel: 1_254_000, individualSupport: 3_118_050 },
  });

  it("creates a project, stores cents exactly and writes an audit entry in the same transaction", async () => {
    const caller = callerFor(getDb(), coordinator);
    const input = validInput();
    const created = await caller.projects.create(input);
    expect(created.awarded.travel).toBe(1_254_000);
    expect(created.awardedTotalCents).toBe(4_372_050);
    expect(created.participantsUsed).toBe(0);

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("project.create");
    expect(audit[0]?.actorUserId).toBe(coordinator.id);

    const list = await caller.projects.list({ orgId });
    expect(list.map((p) => p.projectNumber)).toContain(input.projectNumber);
  });

  it.each([
    ["an empty title", { title: "   " }, "title", "required"],
    ["an end before the start", { startDate: "2025-09-01", endDate: "2025-08-31" }, "endDate", "endBeforeStart"],
    ["a malformed project number", { projectNumber: "2025-SI01-KA122-123" }, "projectNumber", "projectNumberFormat"],
    ["a number from another call year", { projectNumber: "2024-1-SI01-KA122-SCH-000000777" }, "projectNumber", "projectNumberYearMismatch"],
    ["a number of another NA than the school's", { projectNumber: "2025-1-HR01-KA122-SCH-000000778" }, "projectNumber", "projectNumberNaMismatch"],
    ["an impossible date", { startDate: "2025-02-30" }, "startDate", "invalidDate"],
    ["a negative amount", { awarded: { ...zeroAwarded, travel: -1 } }, "awarded.travel", "amountNegative"],
    ["a fractional cent", { awarded: { ...zeroAwarded, travel: 10.5 } }, "awarded.travel", "amountInvalid"],
  ])("refuses %s with a per-field message and writes nothing", async (_label, patch, field, key) => {
    const before = await getDb().select().from(projects);
    const error = await expectTrpcError(callerFor(getDb(), coordinator).projects.create({ ...validInput(), ...patch }), "BAD_REQUEST");
    const shape = (error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
    const fieldErrors = shape
      ? Object.fromEntries(shape.map((i) => [i.path.join("."), i.message]))
      : (error as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors;
    const message = Array.isArray(fieldErrors[field]) ? fieldErrors[field][0] : fieldErrors[field];
    expect(message).toBe(key);
    expect(await getDb().select().from(projects)).toHaveLength(before.length);
  });

  it("applies the engine's project rules: KA122 lasts 6 to 18 months, at most 3 KA122 grants in 5 call years", async () => {
    const school = await createSchool(getDb());
    const own = await createMember(getDb(), school.id, "coordinator");
    const caller = callerFor(getDb(), own);
    const input = (callYear: number, endDate: string) => ({
      ...validInput(),
      orgId: school.id,
      callYear,
      projectNumber: projectNumber(callYear),
      startDate: `${callYear}-09-01`,
      endDate,
    });
    const tooLong = await expectTrpcError(caller.projects.create(input(2025, "2027-08-31")), "BAD_REQUEST");
    expect((tooLong as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors.endDate?.[0]).toMatch(/^rules:PROJECT_DURATION_ABOVE_MAX:\{.*"max":18/);
    const tooShort = await expectTrpcError(caller.projects.create(input(2025, "2025-12-31")), "BAD_REQUEST");
    expect((tooShort as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors.endDate?.[0]).toMatch(/^rules:PROJECT_DURATION_BELOW_MIN:/);

    await caller.projects.create(input(2022, "2023-08-31"));
    await caller.projects.create(input(2023, "2024-08-31"));
    await caller.projects.create(input(2024, "2025-08-31"));
    const fourth = await expectTrpcError(caller.projects.create(input(2026, "2027-08-31")), "BAD_REQUEST");
    expect((fourth as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors.callYear?.[0]).toMatch(/^rules:KA122_GRANT_LIMIT:/);
    // 2027 opens a new window (2023–2027 holds 2023 and 2024 only).
    await expect(caller.projects.create(input(2027, "2028-08-31"))).resolves.toBeTruthy();
  });

  it("refuses a duplicate project number as a conflict on the field", async () => {
    const input = validInput();
    const caller = callerFor(getDb(), coordinator);
    await caller.projects.create(input);
    const error = await expectTrpcError(caller.projects.create({ ...input, title: "Again" }), "CONFLICT");
    expect((error as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ projectNumber: ["projectNumberTaken"] });
  });

  it("lets a teacher read but not create", async () => {
    const caller = callerFor(getDb(), teacher);
    await expect(caller.projects.list({ orgId })).resolves.toBeInstanceOf(Array);
    await expectTrpcError(caller.projects.create(validInput()), "FORBIDDEN");
  });

  it("refuses an anonymous caller", async () => {
    await expectTrpcError(callerFor(getDb(), null).projects.list({ orgId }), "UNAUTHORIZED");
  });

  it("refuses a stale edit with CONFLICT and keeps the first edit", async () => {
    const caller = callerFor(getDb(), coordinator);
    const created = await caller.projects.create(validInput());
    const base = {
      orgId,
      projectId: created.id,
      version: created.version,
      action: created.action,
      projectNumber: created.projectNumber,
      callYear: created.callYear,
      startDate: created.startDate,
      endDate: created.endDate,
      status: created.status,
      awarded: created.awarded,
    };
    const first = await caller.projects.update({ ...base, title: "First edit" });
    expect(first.version).toBe(created.version + 1);
    await expectTrpcError(caller.projects.update({ ...base, title: "Stale edit" }), "CONFLICT");
    const reloaded = await caller.projects.get({ orgId, projectId: created.id });
    expect(reloaded.title).toBe("First edit");
  });
});
