import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { invitations, mobilities, participants } from "@/db/schema";
import { TRPC_HTTP_OPTIONS } from "@/server/api/http-options";
import { MAX_TRPC_BATCH_SIZE } from "@/lib/trpc-limits";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/* Findings 2, 6, 7 and 8 of the outside security test, each as it was reported. */

const getDb = setupTestDatabase();

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

let school: string;
let coordinator: Awaited<ReturnType<typeof createMember>>;
let admin: Awaited<ReturnType<typeof createMember>>;
let teacher: Awaited<ReturnType<typeof createMember>>;
let projectId: string;
let teacherParticipant: string;

const mobility = () => ({
  orgId: school, projectId, participantId: teacherParticipant, activityType: "SM-JOB-SHDW" as const,
  startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "Schule Wien",
  destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 380,
});

beforeAll(async () => {
  const db = getDb();
  school = (await createSchool(db)).id;
  coordinator = await createMember(db, school, "coordinator");
  admin = await createMember(db, school, "school_admin");
  teacher = await createMember(db, school, "teacher");
  const project = await callerFor(db, coordinator).projects.create({
    orgId: school, action: "KA121", projectNumber: projectNumber(2024, "KA121"), title: "Hardening", callYear: 2024,
    startDate: "2024-06-01", endDate: "2025-12-31", awarded: zeroAwarded,
  });
  projectId = project.id;
  const [row] = await db.insert(participants).values({ organisationId: school, kind: "staff", firstName: "T", lastName: "Eacher", email: teacher.email }).returning();
  teacherParticipant = row!.id;
});

describe("finding 2: NUL bytes, control characters and impossible dates are 400s, never 500s", () => {
  it("refuses them at the edge of every kind of procedure", async () => {
    const c = callerFor(getDb(), coordinator);
    const a = callerFor(getDb(), admin);
    const base = { orgId: school, action: "KA121" as const, callYear: 2024, startDate: "2024-06-01", endDate: "2025-06-01", awarded: zeroAwarded };
    expect(await codeOf(c.projects.create({ ...base, projectNumber: projectNumber(2024, "KA121"), title: "a\u0000b" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.projects.create({ ...base, projectNumber: projectNumber(2024, "KA121"), title: "ok", startDate: "0000-01-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.participants.create({ orgId: school, kind: "staff", firstName: "A\u0000", lastName: "B" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.participants.create({ orgId: school, kind: "staff", firstName: "A", lastName: "B", dateOfBirth: "0000-01-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.mobilities.log({ ...mobility(), endDate: "9999-12-31" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.mobilities.log({ ...mobility(), receivingOrganisation: "Schule\u0000Wien" }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.mobilities.list({ orgId: school, projectId, filters: { q: "a\u0000b" } }))).toBe("BAD_REQUEST");
    expect(await codeOf(a.audit.list({ orgId: school, from: "0000-01-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(a.audit.export({ orgId: school, entityType: "project\u0000" }))).toBe("BAD_REQUEST");
    const rows = await getDb().select({ n: sql<number>`count(*)::int` }).from(mobilities).where(eq(mobilities.organisationId, school));
    expect(rows[0]?.n).toBe(0);
  });
});

describe("finding 6: concurrent invitations to one address", () => {
  it("leave exactly one valid link, the newest", async () => {
    const email = `race-${Date.now()}@example.test`;
    const a = callerFor(getDb(), admin);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => a.members.invite({ orgId: school, email, role: "teacher" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const rows = await getDb().select().from(invitations).where(and(eq(invitations.organisationId, school), eq(invitations.email, email)));
    expect(rows).toHaveLength(10);
    const valid = rows.filter((r) => r.revokedAt === null && r.acceptedAt === null);
    expect(valid).toHaveLength(1);
    const newest = rows.reduce((x, y) => (y.createdAt > x.createdAt ? y : x));
    expect(valid[0]?.id).toBe(newest.id);
    const stillValid = await getDb().select({ id: invitations.id }).from(invitations).where(and(eq(invitations.email, email), isNull(invitations.revokedAt)));
    expect(stillValid).toHaveLength(1);
  });
});

describe("finding 7: one rule for status changes", () => {
  it("a teacher cannot complete their own mobility through mobilities.update; the coordinator can", async () => {
    const created = await callerFor(getDb(), coordinator).mobilities.log(mobility());
    expect(created.status).toBe("planned");
    const t = callerFor(getDb(), teacher);
    const edit = { ...mobility(), mobilityId: created.id, version: created.version };
    expect(await codeOf(t.mobilities.update({ ...edit, status: "completed" }))).toBe("FORBIDDEN");
    const [stored] = await getDb().select({ status: mobilities.status, version: mobilities.version }).from(mobilities).where(eq(mobilities.id, created.id));
    expect(stored).toEqual({ status: "planned", version: created.version });
    // Their own details, with the status as it is, stay theirs to edit.
    const edited = await t.mobilities.update({ ...edit, status: "planned", destinationTown: "Graz" });
    expect(edited.destinationTown).toBe("Graz");
    const done = await callerFor(getDb(), coordinator).mobilities.update({ ...edit, version: edited.version, status: "completed" });
    expect(done.status).toBe("completed");
  });
});

describe("finding 8: tRPC batches are capped", () => {
  const request = (calls: number) => {
    const paths = Array.from({ length: calls }, () => "account.inspectInvitation").join(",");
    const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), superjson.serialize({ token: "x".repeat(43) })]));
    return new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  };
  const serve = (req: Request) => fetchRequestHandler({ ...TRPC_HTTP_OPTIONS, req, createContext: () => ({ db: getDb(), session: null, transport: "http" as const }) });

  it(`refuses a batch of more than ${MAX_TRPC_BATCH_SIZE} calls before running any, and serves one within the cap`, async () => {
    expect((await serve(request(MAX_TRPC_BATCH_SIZE + 1))).status).toBe(400);
    expect((await serve(request(50))).status).toBe(400);
    const within = await serve(request(MAX_TRPC_BATCH_SIZE));
    expect(within.status).not.toBe(400);
    expect((await within.json()) as unknown[]).toHaveLength(MAX_TRPC_BATCH_SIZE);
  });
});
