import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys } from "@/db/schema";
import { apiCall, createApiKey } from "../helpers/api";
import { setupTestDatabase } from "../helpers/db";
import { contractProblems } from "../helpers/openapi";
import { callerFor, createMember, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * Hostile input to the REST routes (/api/v1), the counterpart of tests/server/fuzz.test.ts for the
 * procedures: NUL bytes and control characters, the year 0000, 1 MB strings, broken JSON and encodings,
 * forged headers and bad keys. Asserted for every answer: never a 500, always the one error body (in the
 * contract), never SQL or a stack trace; a refused write leaves no mobility behind.
 */

const getDb = setupTestDatabase();

let token = "";
let orgId = "";
let projectId = "";
let participantId = "";
let mobilityId = "";

const LEAKS = /postgres|syntax error|violates|constraint|select |insert |update |\bat [\w.<>]+ \(|node_modules|\.ts:\d+/i;

async function hostile(method: string, path: string, call: Parameters<typeof apiCall>[4] = {}, key: string | null = token) {
  const response = await apiCall(getDb(), method, path, key, call);
  expect(response.status, `${method} ${path}: ${response.text.slice(0, 200)}`).toBeLessThan(500);
  expect(response.text).not.toMatch(LEAKS);
  if (response.status >= 400) expect(contractProblems(method, path, response.status, response.json, response.headers)).toEqual([]);
  return response;
}

const body = (overrides: Record<string, unknown> = {}) => ({
  participantId,
  activityType: "SM-JOB-SHDW",
  startDate: "2025-03-03",
  endDate: "2025-03-07",
  travelDays: 2,
  receivingOrganisation: "Schule Wien",
  destinationCountry: "AT",
  destinationTown: "Vienna",
  distanceKm: 380,
  ...overrides,
});

beforeAll(async () => {
  const db = getDb();
  const school = await createSchool(db, { naCode: "SI01" });
  const coordinator = await createMember(db, school.id, "coordinator");
  const caller = callerFor(db, coordinator);
  const staff = await caller.participants.create({ orgId: school.id, kind: "staff", firstName: "Ana", lastName: "Novak" });
  const project = await caller.projects.create({
    orgId: school.id, action: "KA121", projectNumber: projectNumber(2024, "KA121"), title: "Hostile", callYear: 2024,
    startDate: "2024-06-01", endDate: "2025-08-31", awarded: zeroAwarded,
  });
  orgId = school.id;
  projectId = project.id;
  participantId = staff.id;
  mobilityId = (await caller.mobilities.log({ orgId, projectId, ...body(), activityType: "SM-JOB-SHDW" })).id;
  token = (await createApiKey(db, { organisationId: school.id }, ["read:projects", "read:mobilities", "read:budgets", "write:mobilities"], coordinator.id)).token;
});

async function mobilityCount(): Promise<number> {
  const page = await apiCall(getDb(), "GET", `/projects/${projectId}/mobilities?pageSize=1`, token);
  return (page.json as { total: number }).total;
}

describe("hostile input to /api/v1", () => {
  it("NUL bytes, control characters, the year 0000 and 1 MB strings in fields are 400s with field errors, and write nothing", async () => {
    const before = await mobilityCount();
    const cases: Record<string, unknown>[] = [
      { receivingOrganisation: "Schule\u0000Wien" },
      { destinationTown: "Vienna\u001b[31m" },
      { notes: "line\u0000break" },
      { startDate: "0000-01-01" },
      { endDate: "9999-12-31" },
      { startDate: "2025-02-30" },
      { receivingOrganisation: "x".repeat(200_000) },
      { travelDays: 1e308 },
      { travelDays: "2" },
      { distanceKm: -1 },
      { participantId: "../../etc/passwd" },
      { activityType: { $ne: null } },
      { members: Array.from({ length: 500 }, () => ({ role: "pupil" })) },
      { __proto__: { admin: true }, constructor: { prototype: { polluted: true } } },
    ];
    for (const overrides of cases) {
      const response = await hostile("POST", `/projects/${projectId}/mobilities`, { body: body(overrides) });
      if (!("__proto__" in overrides)) expect(response.status, JSON.stringify(overrides).slice(0, 80)).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Only the prototype-pollution case was a valid mobility (its extra keys are ignored).
    expect(await mobilityCount()).toBe(before + 1);
  });

  it("a 1 MB body is refused before it is read whole (413), as is a body that is not JSON or not an object", async () => {
    const big = JSON.stringify(body({ notes: "n".repeat(1024 * 1024) }));
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: big, headers: { "content-type": "application/json" } })).status).toBe(413);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: "[1,2,3]", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: "null", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: `${"[".repeat(50_000)}${"]".repeat(50_000)}`, headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await hostile("POST", `/projects/${projectId}/mobilities`, { rawBody: JSON.stringify(body()), headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  it("hostile query strings and path segments are 400 or 404, never more", async () => {
    const queries = [
      "page=0", "page=-1", "page=1e400", "pageSize=NaN", "status=%00", "q=%00%00", `q=${"x".repeat(5000)}`, "dateFrom=0000-00-00",
      "dateTo=2025-13-01", "participantId='%20OR%201=1--", "sort=__proto__", "activityType=" + "SM-TTA,".repeat(500),
    ];
    for (const query of queries) expect((await hostile("GET", `/projects/${projectId}/mobilities?${query}`)).status).toBe(400);
    for (const segment of ["..%2F..%2Fetc%2Fpasswd", "%00", "00000000-0000-0000-0000-000000000000", "%E0%A4%A", "x".repeat(3000), `${projectId}%00`]) {
      expect((await hostile("GET", `/projects/${segment}`)).status).toBe(404);
    }
    // (Dot segments, even encoded, are resolved by the URL parser before any route sees them.)
    expect((await hostile("GET", `/mobilities/${mobilityId}/evidence`)).status).toBe(404);
    expect((await hostile("GET", `/mobilities/${mobilityId};drop`)).status).toBe(404);
  });

  it("bad keys and forged headers get 401 (or change nothing): no cookie, proxy header or second scheme is a key", async () => {
    const bad = [
      "", "Bearer", "Bearer ", `Bearer ${token}\u0000`, `Bearer ${token} ${token}`, `bearer ${token.toUpperCase()}`, `Basic ${token}`, `Bearer ${"a".repeat(10_000)}`,
      `Bearer mob_${"a".repeat(12)}_${"A".repeat(43)}`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`,
    ];
    for (const authorization of bad) {
      const response = await apiCall(getDb(), "GET", "/projects", null, { headers: { authorization } }).catch(() => ({ status: 401, json: { message: "unauthorized" }, text: "", headers: new Headers() }));
      expect(response.status, authorization.slice(0, 40)).toBe(401);
      expect(response.json).toEqual({ message: "unauthorized" });
    }
    const forged = await hostile("GET", "/projects", {
      headers: {
        "x-forwarded-for": "127.0.0.1",
        "x-forwarded-host": "evil.example",
        "x-real-ip": "10.0.0.1",
        "x-request-id": "'; drop table users; --",
        cookie: "authjs.session-token=forged; __Secure-authjs.session-token=forged",
        origin: "https://evil.example",
      },
    });
    expect(forged.status).toBe(200);
    const noKeyWithCookie = await hostile("GET", "/projects", { headers: { cookie: "authjs.session-token=forged" } }, null);
    expect(noKeyWithCookie.status).toBe(401);
    // A revoked key (revoked in the database as the app does) is a bad key too.
    const db = getDb();
    const school = await createSchool(db, { naCode: "SI01" });
    const member = await createMember(db, school.id, "coordinator");
    const revoked = await createApiKey(db, { organisationId: school.id }, ["read:projects"], member.id);
    await db.update(apiKeys).set({ revokedAt: new Date() });
    expect((await hostile("GET", "/projects", {}, revoked.token)).status).toBe(401);
  });

  it("random unicode anywhere in the body or the query never breaks the server (fast-check)", async () => {
    // The previous case revoked every key: a fresh one.
    const db = getDb();
    const member = await createMember(db, orgId, "coordinator");
    token = (await createApiKey(db, { organisationId: orgId }, ["read:mobilities", "write:mobilities"], member.id)).token;
    const fields = ["receivingOrganisation", "destinationTown", "originTown", "notes", "activityId", "erasmusMobilityId", "startDate", "destinationCountry", "meansOfTransport"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.string({ unit: "binary", maxLength: 300 }), async (field, value) => {
        const response = await hostile("POST", `/projects/${projectId}/mobilities`, { body: body({ [field]: value }) });
        return response.status === 201 || response.status === 400;
      }),
      { numRuns: 110 },
    );
    // A fresh key: the first property spent this one's rate window (120 a minute).
    token = (await createApiKey(db, { organisationId: orgId }, ["read:mobilities"], member.id)).token;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("q", "status", "dateFrom", "page", "sort", "destinationCountry"), fc.string({ unit: "binary", maxLength: 200 }), async (name, value) => {
        const response = await hostile("GET", `/projects/${projectId}/mobilities?${name}=${encodeURIComponent(value)}`);
        return response.status === 200 || response.status === 400;
      }),
      { numRuns: 110 },
    );
  });
});

