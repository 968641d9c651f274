import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys, apiRateWindows, auditLog, participants } from "@/db/schema";
import { authenticateApiKey, takeApiRateLimit } from "@/server/services/api-keys";
import { apiCall, createApiKey } from "../helpers/api";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * The public API (/api/v1) end to end on PostgreSQL: keys, the door (401, 429), the REST operations over
 * the app's procedures (the same validation, cap and version rules), special-category and minors' data,
 * and the audit trail written as the key.
 */

const getDb = setupTestDatabase();
const unique = () => randomBytes(4).toString("hex");

interface TFixture {
  orgId: string;
  coordinator: Awaited<ReturnType<typeof createMember>>;
  staffId: string;
  pupilId: string;
  projectId: string;
  staffMobilityId: string;
  pupilMobilityId: string;
  read: string;
  readSpecial: string;
  write: string;
  writeOnly: string;
  na: string;
}
let f: TFixture;

const staffMobility = (participantId = f.staffId) => ({
  participantId,
  activityType: "SM-JOB-SHDW",
  startDate: "2025-10-06",
  endDate: "2025-10-10",
  travelDays: 2,
  receivingOrganisation: "Schule Wien",
  destinationCountry: "AT",
  destinationTown: "Vienna",
  distanceKm: 380,
});

beforeAll(async () => {
  const db = getDb();
  const school = await createSchool(db, { naCode: "SI01" });
  const coordinator = await createMember(db, school.id, "coordinator", { specialCategory: true });
  const caller = callerFor(db, coordinator);
  const staff = await caller.participants.create({ orgId: school.id, kind: "staff", firstName: "Ana", lastName: "Staffname", email: `ana-${unique()}@example.test` });
  const [pupil] = await db
    .insert(participants)
    .values({ organisationId: school.id, kind: "pupil", firstName: "Pia", lastName: "Pupilname", dateOfBirth: "2010-03-04", fewerOpportunities: true })
    .returning();
  if (!pupil) throw new Error("no pupil");
  const project = await caller.projects.create({
    orgId: school.id, action: "KA122", projectNumber: projectNumber(), title: "API project", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  const staffMobilityRow = await caller.mobilities.log({
    orgId: school.id, projectId: project.id, ...staffMobility(staff.id), activityType: "SM-JOB-SHDW", fewerOpportunities: true, inclusionRealCostCents: 12_345,
  });
  const pupilMobilityRow = await caller.mobilities.log({
    orgId: school.id, projectId: project.id, participantId: pupil.id, activityType: "LM-SHORT-PUPIL", startDate: "2025-10-06", endDate: "2025-10-20",
    travelDays: 2, receivingOrganisation: "Schule Wien", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 380, fewerOpportunities: true,
  });
  const officer = await createOfficer(db, "SI01");
  const key = (scopes: Parameters<typeof createApiKey>[2]) => createApiKey(db, { organisationId: school.id }, scopes, coordinator.id).then((k) => k.token);
  f = {
    orgId: school.id,
    coordinator,
    staffId: staff.id,
    pupilId: pupil.id,
    projectId: project.id,
    staffMobilityId: staffMobilityRow.id,
    pupilMobilityId: pupilMobilityRow.id,
    read: await key(["read:projects", "read:mobilities", "read:budgets"]),
    readSpecial: await key(["read:mobilities", "read:special-category"]),
    write: await key(["read:mobilities", "write:mobilities"]),
    writeOnly: await key(["write:mobilities"]),
    na: (await createApiKey(db, { naCode: "SI01" }, ["read:na-portfolio"], officer.id)).token,
  };
});

describe("the door: who may call", () => {
  it("answers 401 in the one error shape without a key, with a malformed, an unknown or a forged key", async () => {
    const db = getDb();
    const forged = `${f.read.slice(0, -4)}AAAA`;
    for (const token of [null, "", "mob_x", "mob_aaaaaaaaaaaa_" + "A".repeat(43), forged]) {
      const response = await apiCall(db, "GET", "/projects", token);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ message: "unauthorized" });
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    // Basic auth, a cookie or a second scheme are not a key.
    const basic = await apiCall(db, "GET", "/projects", null, { headers: { authorization: `Basic ${Buffer.from(`x:${f.read}`).toString("base64")}`, cookie: "authjs.session-token=x" } });
    expect(basic.status).toBe(401);
  });

  it("refuses a revoked key at once", async () => {
    const db = getDb();
    const { id, token } = await createApiKey(db, { organisationId: f.orgId }, ["read:projects"], f.coordinator.id);
    expect((await apiCall(db, "GET", "/projects", token)).status).toBe(200);
    await callerFor(db, f.coordinator).apiKeys.revoke({ orgId: f.orgId, apiKeyId: id });
    expect((await apiCall(db, "GET", "/projects", token)).status).toBe(401);
  });

  it("stores only the token's hash and shows the token once, at creation", async () => {
    const db = getDb();
    const created = await callerFor(db, f.coordinator).apiKeys.create({ orgId: f.orgId, name: "Integration", scopes: ["read:projects", "read:projects"] });
    expect(created.token).toMatch(/^mob_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.scopes).toEqual(["read:projects"]);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.key.id));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(18));
    const listed = await callerFor(db, f.coordinator).apiKeys.list({ orgId: f.orgId });
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(18));
    expect(JSON.stringify(listed)).not.toContain(row?.secretHash ?? "-");
    expect(await authenticateApiKey(db, created.token)).toMatchObject({ id: created.key.id, kind: "school" });
  });

  it("lets only a member with special-category access grant that scope", async () => {
    const db = getDb();
    const admin = await createMember(db, f.orgId, "school_admin");
    await expect(callerFor(db, admin).apiKeys.create({ orgId: f.orgId, name: "Too much", scopes: ["read:special-category"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers 403 for a scope the key lacks and for the other kind of key", async () => {
    const db = getDb();
    expect(await apiCall(db, "GET", "/projects", f.write).then((r) => [r.status, r.json])).toEqual([403, { message: "insufficientScope" }]);
    expect(await apiCall(db, "GET", "/projects", f.na).then((r) => [r.status, r.json])).toEqual([403, { message: "wrongKeyKind" }]);
    expect(await apiCall(db, "GET", "/na/portfolio", f.read).then((r) => [r.status, r.json])).toEqual([403, { message: "wrongKeyKind" }]);
    expect(await apiCall(db, "POST", `/projects/${f.projectId}/mobilities`, f.read, { body: staffMobility() }).then((r) => r.status)).toBe(403);
  });

  it("answers 404 for an unknown path and 405 (with Allow) for a known path's other method", async () => {
    const db = getDb();
    expect((await apiCall(db, "GET", "/nothing-here", f.read)).status).toBe(404);
    const del = await apiCall(db, "DELETE", `/mobilities/${f.staffMobilityId}`, f.write);
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, PUT");
  });
});

describe("the rate limit", () => {
  it("is one count per key in PostgreSQL: of 30 concurrent requests with a limit of 10, exactly 10 pass", async () => {
    const db = getDb();
    const { id } = await createApiKey(db, { organisationId: f.orgId }, ["read:projects"], f.coordinator.id);
    const results = await Promise.all(Array.from({ length: 30 }, () => takeApiRateLimit(db, id, 10)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.every((r) => r.resetSeconds >= 1 && r.resetSeconds <= 60)).toBe(true);
  });

  it("answers 429 with Retry-After once the window is full, and the next window starts afresh", async () => {
    const db = getDb();
    const { id, token } = await createApiKey(db, { organisationId: f.orgId }, ["read:projects"], f.coordinator.id);
    const ok = await apiCall(db, "GET", "/projects", token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-limit")).toBe("120");
    await db.update(apiRateWindows).set({ count: 120 }).where(eq(apiRateWindows.apiKeyId, id));
    const limited = await apiCall(db, "GET", "/projects", token);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ message: "rateLimited" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await db.update(apiRateWindows).set({ windowStart: new Date(Date.now() - 120_000) }).where(eq(apiRateWindows.apiKeyId, id));
    expect((await apiCall(db, "GET", "/projects", token)).status).toBe(200);
  });
});

describe("reading", () => {
  it("lists the school's projects and reads one with its cap and its budget", async () => {
    const db = getDb();
    const list = await apiCall(db, "GET", "/projects", f.read);
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ data: [{ id: f.projectId, action: "KA122", mobilityCount: 2 }] });
    const one = await apiCall(db, "GET", `/projects/${f.projectId}`, f.read);
    expect(one.json).toMatchObject({ id: f.projectId, participantCap: expect.any(Number) });
    const budget = await apiCall(db, "GET", `/projects/${f.projectId}/budget`, f.read);
    expect(budget.status).toBe(200);
    expect(budget.json).toMatchObject({ projectId: f.projectId, mobilityCounts: { planned: 2 } });
  });

  it("pages and filters mobilities, and says what is wrong with a bad query", async () => {
    const db = getDb();
    const page = await apiCall(db, "GET", `/projects/${f.projectId}/mobilities?pageSize=1&page=2&sort=startDate`, f.read);
    expect(page.json).toMatchObject({ total: 2, pageCount: 2, page: 2, pageSize: 1 });
    const filtered = await apiCall(db, "GET", `/projects/${f.projectId}/mobilities?activityType=LM-SHORT-PUPIL,SM-TTA`, f.read);
    expect(filtered.json).toMatchObject({ total: 1, data: [{ id: f.pupilMobilityId }] });
    const bad = await apiCall(db, "GET", `/projects/${f.projectId}/mobilities?status=lost&pageSize=1000&dateFrom=0000-01-01`, f.read);
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.json as { fieldErrors: object }).fieldErrors).sort()).toEqual(["dateFrom", "pageSize", "status.0"]);
  });

  it("never names people: no names, e-mails or birth dates in any answer", async () => {
    const db = getDb();
    const texts = await Promise.all([
      apiCall(db, "GET", `/projects/${f.projectId}/mobilities`, f.readSpecial).then((r) => r.text),
      apiCall(db, "GET", `/mobilities/${f.staffMobilityId}`, f.readSpecial).then((r) => r.text),
      apiCall(db, "GET", `/mobilities/${f.pupilMobilityId}`, f.readSpecial).then((r) => r.text),
    ]);
    for (const text of texts) for (const secret of ["Staffname", "Pupilname", "Pia", "2010-03-04", "@example.test"]) expect(text).not.toContain(secret);
  });

  it("shows special-category fields only with that scope, and a pupil's never", async () => {
    const db = getDb();
    const plain = await apiCall(db, "GET", `/mobilities/${f.staffMobilityId}`, f.read);
    expect(plain.json).not.toHaveProperty("fewerOpportunities");
    expect(plain.json).not.toHaveProperty("inclusionRealCostCents");
    const special = await apiCall(db, "GET", `/mobilities/${f.staffMobilityId}`, f.readSpecial);
    expect(special.json).toMatchObject({ fewerOpportunities: true, inclusionRealCostCents: 12_345 });
    // The inclusion-support line is paid only for fewer opportunities: special-category too.
    type TGrantOut = { grant: { lines: Record<string, number> } };
    expect((plain.json as TGrantOut).grant.lines).not.toHaveProperty("inclusionSupport");
    expect((plain.json as TGrantOut).grant.lines.travel).toBeGreaterThan(0);
    expect((special.json as TGrantOut).grant.lines.inclusionSupport).toBeGreaterThan(0);
    const pupil = await apiCall(db, "GET", `/mobilities/${f.pupilMobilityId}`, f.readSpecial);
    expect(pupil.status).toBe(200);
    expect(pupil.json).not.toHaveProperty("fewerOpportunities");
    expect((pupil.json as TGrantOut).grant.lines).not.toHaveProperty("inclusionSupport");
  });

  it("keeps the NA's key to its NA's portfolio", async () => {
    const db = getDb();
    const portfolio = await apiCall(db, "GET", "/na/portfolio?pageSize=10", f.na);
    expect(portfolio.status).toBe(200);
    expect((portfolio.json as { data: { schoolId: string }[] }).data.some((row) => row.schoolId === f.orgId)).toBe(true);
    const otherNa = await apiCall(db, "GET", "/na/portfolio?naCode=HR01", f.na);
    expect(otherNa.json).toMatchObject({ data: [], total: 0 });
    const schools = await apiCall(db, "GET", "/na/schools", f.na);
    expect((schools.json as { data: { id: string }[] }).data.map((s) => s.id)).toContain(f.orgId);
  });
});

describe("writing", () => {
  it("logs a mobility with the app's validation (field errors by path) and answers 201 with its ETag", async () => {
    const db = getDb();
    const invalid = await apiCall(db, "POST", `/projects/${f.projectId}/mobilities`, f.write, { body: { ...staffMobility(), endDate: "2025-10-01", travelDays: 9 } });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ message: "invalidInput", fieldErrors: { endDate: ["endBeforeStart"], travelDays: ["travelDaysRange"] } });
    const created = await apiCall(db, "POST", `/projects/${f.projectId}/mobilities`, f.writeOnly, { body: { ...staffMobility(), orgId: "not-mine", fewerOpportunities: true } });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    // Special-category data is not written through the API.
    expect(created.json).not.toHaveProperty("fewerOpportunities");
    const special = await apiCall(db, "GET", `/mobilities/${(created.json as { id: string }).id}`, f.readSpecial);
    expect(special.json).toMatchObject({ fewerOpportunities: false });
  });

  it("updates with If-Match: 428 without it, 412 on a stale version, 200 and the next ETag on the right one", async () => {
    const db = getDb();
    const path = `/mobilities/${f.staffMobilityId}`;
    const current = await apiCall(db, "GET", path, f.write);
    const etag = current.headers.get("etag") ?? "";
    const body = { ...staffMobility(), destinationTown: "Graz", distanceKm: 300 };
    expect((await apiCall(db, "PUT", path, f.write, { body })).status).toBe(428);
    expect((await apiCall(db, "PUT", path, f.write, { body, headers: { "if-match": "banana" } })).status).toBe(400);
    const stale = await apiCall(db, "PUT", path, f.write, { body, headers: { "if-match": '"999"' } });
    expect([stale.status, stale.json]).toEqual([412, { message: "preconditionFailed" }]);
    const updated = await apiCall(db, "PUT", path, f.write, { body, headers: { "if-match": etag } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ destinationTown: "Graz", version: Number(etag.replaceAll('"', "")) + 1 });
    expect(updated.headers.get("etag")).toBe(`"${Number(etag.replaceAll('"', "")) + 1}"`);
    // Special-category values kept as stored (the key writes none).
    expect((await apiCall(db, "GET", path, f.readSpecial)).json).toMatchObject({ fewerOpportunities: true, inclusionRealCostCents: 12_345 });
    const again = await apiCall(db, "PUT", path, f.write, { body, headers: { "if-match": etag } });
    expect(again.status).toBe(412);
  });

  it("holds the KA122 participant cap as the app does, under concurrency", async () => {
    const db = getDb();
    const caller = callerFor(db, f.coordinator);
    const project = await caller.projects.create({
      orgId: f.orgId, action: "KA122", projectNumber: projectNumber(), title: "Cap project", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    const cap = (await caller.projects.get({ orgId: f.orgId, projectId: project.id })).participantCap ?? 0;
    expect(cap).toBeGreaterThan(0);
    const people = await Promise.all(
      Array.from({ length: cap + 5 }, (_, i) => caller.participants.create({ orgId: f.orgId, kind: "staff", firstName: "P", lastName: `Cap${i}${unique()}` })),
    );
    const results = await Promise.all(
      people.map((p) => apiCall(db, "POST", `/projects/${project.id}/mobilities`, f.write, { body: { ...staffMobility(), participantId: p.id } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(cap);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 400 && (r.json as { message: string }).message === "participantCapReached")).toBe(true);
  });

  it("finds nothing of another school: its project and mobility are 404 for this school's key", async () => {
    const db = getDb();
    const other = await createSchool(db, { naCode: "SI01" });
    const otherCoordinator = await createMember(db, other.id, "coordinator");
    const otherKey = await createApiKey(db, { organisationId: other.id }, ["read:projects", "read:mobilities", "write:mobilities"], otherCoordinator.id);
    expect((await apiCall(db, "GET", `/projects/${f.projectId}`, otherKey.token)).status).toBe(404);
    expect((await apiCall(db, "GET", `/mobilities/${f.staffMobilityId}`, otherKey.token)).status).toBe(404);
    expect((await apiCall(db, "POST", `/projects/${f.projectId}/mobilities`, otherKey.token, { body: staffMobility() })).status).toBe(404);
  });
});

describe("the audit trail", () => {
  it("records every call as the key, and a change made through the API with the key as its actor", async () => {
    const db = getDb();
    const { id, token } = await createApiKey(db, { organisationId: f.orgId }, ["read:projects", "write:mobilities"], f.coordinator.id);
    await apiCall(db, "GET", "/projects", token);
    await apiCall(db, "GET", "/nowhere", token);
    const created = await apiCall(db, "POST", `/projects/${f.projectId}/mobilities`, token, { body: staffMobility() });
    const entries = await db.select().from(auditLog).where(eq(auditLog.actorApiKeyId, id)).orderBy(asc(auditLog.id));
    const calls = entries.filter((e) => e.action === "api.call").map((e) => e.after);
    expect(calls).toEqual([
      { method: "GET", path: "/api/v1/projects", status: 200 },
      { method: "GET", path: "/api/v1/nowhere", status: 404 },
      { method: "POST", path: `/api/v1/projects/${f.projectId}/mobilities`, status: 201 },
    ]);
    const change = entries.find((e) => e.action === "mobility.create");
    expect(change).toMatchObject({ entityId: (created.json as { id: string }).id, actorUserId: null, organisationId: f.orgId });
    const [key] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, id)));
    expect(key?.lastUsedAt).toBeInstanceOf(Date);
  });
});
