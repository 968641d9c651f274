import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { mobilities } from "@/db/schema";
import { OPERATIONS } from "@/server/api/rest/operations";
import { openApiDocument } from "@/server/api/rest/openapi";
import { API_SCOPES, NA_API_SCOPES, SCHOOL_API_SCOPES, type TApiScope } from "@/server/schemas/api-keys";
import { apiCall, createApiKey } from "../helpers/api";
import { setupTestDatabase } from "../helpers/db";
import { contractProblems } from "../helpers/openapi";
import { callerFor, createMember, createOfficer, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * The public API's contract and its authorisation matrix.
 *  - Every answer of every call below (successes and errors) is validated against the OpenAPI document.
 *  - THE MATRIX: every operation × every key (each scope alone, all scopes, school A's / school B's /
 *    SI01's NA / HR01's NA, no key) against school A's data. An operation missing from the table fails.
 *    Outsiders' successes are searched for A's data.
 */

const getDb = setupTestDatabase();
const unique = () => randomBytes(4).toString("hex");

/** THE TABLE: which scopes open each operation (any one of them), and whose key it is for. */
const MAY: Record<string, { kind: "school" | "na"; scopes: TApiScope[]; list?: boolean }> = {
  listProjects: { kind: "school", scopes: ["read:projects"], list: true },
  getProject: { kind: "school", scopes: ["read:projects"] },
  getProjectBudget: { kind: "school", scopes: ["read:budgets"] },
  listMobilities: { kind: "school", scopes: ["read:mobilities"] },
  createMobility: { kind: "school", scopes: ["write:mobilities"] },
  getMobility: { kind: "school", scopes: ["read:mobilities", "write:mobilities"] },
  updateMobility: { kind: "school", scopes: ["write:mobilities"] },
  listNaSchools: { kind: "na", scopes: ["read:na-portfolio"], list: true },
  listNaPortfolio: { kind: "na", scopes: ["read:na-portfolio"], list: true },
};

interface TKeyColumn {
  name: string;
  token: string | null;
  /** "A": school A's key; "B": school B's; "SI01"/"HR01": an NA's; null: no key. */
  owner: "A" | "B" | "SI01" | "HR01" | null;
  scopes: TApiScope[];
}

interface TFixture {
  schoolA: string;
  projectA: string;
  participantA: string;
  mobilityA: string;
  secretsOfA: string[];
  columns: TKeyColumn[];
}
let f: TFixture;

const mobilityBody = (participantId = f.participantA) => ({
  participantId,
  activityType: "SM-JOB-SHDW" as const,
  startDate: "2025-10-06",
  endDate: "2025-10-10",
  travelDays: 2,
  receivingOrganisation: "Schule Wien",
  destinationCountry: "AT",
  destinationTown: "Vienna",
  distanceKm: 380,
});

/** A request per operation against A's data; writes get fresh state each time. */
async function requestFor(operationId: string): Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }> {
  switch (operationId) {
    case "listProjects":
      return { method: "GET", path: "/projects" };
    case "getProject":
      return { method: "GET", path: `/projects/${f.projectA}` };
    case "getProjectBudget":
      return { method: "GET", path: `/projects/${f.projectA}/budget` };
    case "listMobilities":
      return { method: "GET", path: `/projects/${f.projectA}/mobilities?pageSize=10&status=planned,completed&sort=grantTotal&direction=desc` };
    case "createMobility":
      return { method: "POST", path: `/projects/${f.projectA}/mobilities`, body: mobilityBody() };
    case "getMobility":
      return { method: "GET", path: `/mobilities/${f.mobilityA}` };
    case "updateMobility": {
      const [row] = await getDb().select({ version: mobilities.version }).from(mobilities).where(eq(mobilities.id, f.mobilityA));
      return { method: "PUT", path: `/mobilities/${f.mobilityA}`, body: { ...mobilityBody(), notes: `Edit ${unique()}` }, headers: { "if-match": `"${row?.version ?? 0}"` } };
    }
    case "listNaSchools":
      return { method: "GET", path: "/na/schools" };
    case "listNaPortfolio":
      return { method: "GET", path: "/na/portfolio?pageSize=25&sort=risk" };
    default:
      throw new Error(`no request for ${operationId}`);
  }
}

function expectedStatus(operationId: string, column: TKeyColumn, success: number): number | "list" {
  const may = MAY[operationId];
  if (!may) throw new Error(`${operationId} is not in the table`);
  if (column.owner === null) return 401;
  const columnKind = column.owner === "A" || column.owner === "B" ? "school" : "na";
  if (columnKind !== may.kind) return 403;
  if (!may.scopes.some((s) => column.scopes.includes(s))) return 403;
  // Another tenant: lists answer its own (A's data absent), anything of A is not found.
  if (column.owner === "B" || column.owner === "HR01") return may.list || may.kind === "na" ? "list" : 404;
  return success;
}

beforeAll(async () => {
  const db = getDb();
  const schoolA = await createSchool(db, { name: `Secret School ${unique()}`, naCode: "SI01" });
  const schoolB = await createSchool(db, { naCode: "SI01" });
  const coordinatorA = await createMember(db, schoolA.id, "coordinator", { specialCategory: true });
  const coordinatorB = await createMember(db, schoolB.id, "coordinator");
  const caller = callerFor(db, coordinatorA);
  const lastName = `Secretname${unique()}`;
  const participant = await caller.participants.create({ orgId: schoolA.id, kind: "staff", firstName: "Ana", lastName });
  const project = await caller.projects.create({
    orgId: schoolA.id, action: "KA122", projectNumber: projectNumber(), title: `Secret project ${unique()}`, callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  const mobility = await caller.mobilities.log({ orgId: schoolA.id, projectId: project.id, ...mobilityBody(participant.id) });
  const officerSi = await createOfficer(db, "SI01");
  const officerHr = await createOfficer(db, "HR01");
  const columns: TKeyColumn[] = [{ name: "no key", token: null, owner: null, scopes: [] }];
  for (const scope of SCHOOL_API_SCOPES) {
    columns.push({ name: `A ${scope}`, token: (await createApiKey(db, { organisationId: schoolA.id }, [scope], coordinatorA.id)).token, owner: "A", scopes: [scope] });
  }
  columns.push({ name: "A all", token: (await createApiKey(db, { organisationId: schoolA.id }, [...SCHOOL_API_SCOPES], coordinatorA.id)).token, owner: "A", scopes: [...SCHOOL_API_SCOPES] });
  columns.push({ name: "B all", token: (await createApiKey(db, { organisationId: schoolB.id }, [...SCHOOL_API_SCOPES], coordinatorB.id)).token, owner: "B", scopes: [...SCHOOL_API_SCOPES] });
  columns.push({ name: "NA SI01", token: (await createApiKey(db, { naCode: "SI01" }, [...NA_API_SCOPES], officerSi.id)).token, owner: "SI01", scopes: [...NA_API_SCOPES] });
  columns.push({ name: "NA HR01", token: (await createApiKey(db, { naCode: "HR01" }, [...NA_API_SCOPES], officerHr.id)).token, owner: "HR01", scopes: [...NA_API_SCOPES] });
  f = {
    schoolA: schoolA.id,
    projectA: project.id,
    participantA: participant.id,
    mobilityA: mobility.id,
    secretsOfA: [schoolA.id, schoolA.name, project.id, project.title, project.projectNumber, participant.id, mobility.id, lastName],
    columns,
  };
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every operation of the table, each with its scopes and its documented answers", () => {
    const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; "x-scopes": string[] }>> };
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.values(document.paths).flatMap((ops) => Object.values(ops).map((op) => [op.operationId, op["x-scopes"]] as const));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(OPERATIONS.map((op) => [op.operationId, MAY[op.operationId]?.scopes])));
    for (const [, scopes] of documented) for (const scope of scopes) expect(API_SCOPES).toContain(scope);
  });
});

describe("the API's authorisation matrix (every operation × key × tenant), every answer checked against the contract", () => {
  it("has a row for every operation and no row for an operation that is gone", () => {
    expect(Object.keys(MAY).sort()).toEqual(OPERATIONS.map((op) => op.operationId).sort());
  });

  for (const operation of OPERATIONS) {
    it(`${operation.method} ${operation.path} (${operation.operationId})`, async () => {
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      const problems: string[] = [];
      const leaks: string[] = [];
      for (const column of f.columns) {
        const request = await requestFor(operation.operationId);
        const response = await apiCall(getDb(), request.method, request.path, column.token, { body: request.body, headers: request.headers });
        const want = expectedStatus(operation.operationId, column, operation.status);
        actual[column.name] = response.status;
        expected[column.name] = want === "list" ? 200 : want;
        problems.push(...contractProblems(request.method, request.path, response.status, response.json, response.headers));
        const outsider = column.owner === "B" || column.owner === "HR01" || column.owner === null;
        if (response.status < 300 && outsider) for (const secret of f.secretsOfA) if (response.text.includes(secret)) leaks.push(`${column.name} received ${secret}`);
      }
      expect(actual).toEqual(expected);
      expect(problems).toEqual([]);
      expect(leaks).toEqual([]);
    });
  }
});

describe("the contract of the answers beyond the matrix", () => {
  it("validation errors, 412, 428, 405, 404 and a filtered page all conform", async () => {
    const db = getDb();
    const all = f.columns.find((c) => c.name === "A all")?.token ?? "";
    const calls = [
      await apiCall(db, "POST", `/projects/${f.projectA}/mobilities`, all, { body: { ...mobilityBody(), activityType: "NOPE", startDate: "0000-01-01" } }),
      await apiCall(db, "PUT", `/mobilities/${f.mobilityA}`, all, { body: mobilityBody(), headers: { "if-match": '"12345"' } }),
      await apiCall(db, "PUT", `/mobilities/${f.mobilityA}`, all, { body: mobilityBody() }),
      await apiCall(db, "GET", `/projects/${f.projectA}/mobilities?activityType=SM-JOB-SHDW&dateFrom=2025-01-01&dateTo=2025-12-31&q=Wien`, all),
      await apiCall(db, "GET", `/projects/${f.projectA}/mobilities?dateFrom=2025-12-31&dateTo=2025-01-01`, all),
      await apiCall(db, "GET", `/mobilities/${f.mobilityA}`, all),
    ];
    const requests: [string, string][] = [
      ["POST", `/projects/${f.projectA}/mobilities`],
      ["PUT", `/mobilities/${f.mobilityA}`],
      ["PUT", `/mobilities/${f.mobilityA}`],
      ["GET", `/projects/${f.projectA}/mobilities`],
      ["GET", `/projects/${f.projectA}/mobilities`],
      ["GET", `/mobilities/${f.mobilityA}`],
    ];
    expect(calls.map((c) => c.status)).toEqual([400, 412, 428, 200, 400, 200]);
    const problems = calls.flatMap((c, i) => contractProblems(requests[i]?.[0] ?? "", requests[i]?.[1] ?? "", c.status, c.json, c.headers));
    expect(problems).toEqual([]);
    // The special-category scope: present for A's staff mobility, and still in the contract.
    expect(calls[5]?.json).toHaveProperty("fewerOpportunities", false);
  });

  it("refuses what does not fit the contract: an answer with an unlisted field fails the check", () => {
    const headers = new Headers({ etag: '"1"' });
    expect(contractProblems("GET", `/mobilities/${f.mobilityA}`, 200, { id: f.mobilityA }, headers).length).toBeGreaterThan(0);
    expect(contractProblems("GET", "/projects", 200, { data: [], extra: "leak" }, headers).length).toBeGreaterThan(0);
    expect(contractProblems("GET", "/projects", 200, { data: [] }, headers)).toEqual([]);
  });
});
