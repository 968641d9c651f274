import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appRouter, createCaller } from "@/server/api/root";
import { setupTestDatabase } from "../helpers/db";
import { minimalPdf } from "../helpers/files";
import { createMember, createOfficer, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";
import { listProcedures, type TProcedureInfo } from "../helpers/procedures";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * Fuzzing every tRPC procedure from its own zod input schema (issue 13): the router is walked at run
 * time, each procedure gets ≥ 200 inputs — a plausible input built from its schema, then every field
 * replaced by NUL and control characters, a 1 MB string, unicode, boundary dates and numbers, wrong
 * types, plus extra fields and wrong shapes — called as a member who may call it. Asserted: never an
 * INTERNAL_SERVER_ERROR (or anything but a TRPCError), and a refused mutation writes nothing (the row
 * counts of every table are unchanged). Figures: docs/fuzzing.md.
 */

const getDb = setupTestDatabase();
const INPUTS_PER_PROCEDURE = 200;

interface ZodLike {
  _zod: { def: { type: string; [key: string]: unknown } };
}
const isZod = (value: unknown): value is ZodLike =>
  typeof value === "object" && value !== null && "_zod" in value && typeof (value as ZodLike)._zod?.def?.type === "string";

let ids: Record<string, string> = {};

/** A plausible value for a schema (field names pick ids of the fixture and well-formed codes). */
function sample(schema: unknown, field: string): unknown {
  if (!isZod(schema)) return undefined;
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sample(def.innerType, field);
    case "pipe":
      return sample(def.in, field);
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([key, inner]) => [key, sample(inner, key)]).filter(([, v]) => v !== undefined));
    }
    case "string": {
      if (def.format === "uuid") return ids[field] ?? ids.orgId;
      if (def.format === "email" || /email/i.test(field)) return `fuzz-${Math.random().toString(36).slice(2)}@example.test`;
      if (/date|from|to$/i.test(field) || def.format === "date") return "2025-01-06";
      const named: Record<string, string> = {
        naCode: "SI01", destinationCountry: "AT", country: "AT", projectNumber: projectNumber(2025), oid: "E12345678",
        token: "x".repeat(43), password: "a-good-long-password", query: "Wien",
      };
      return named[field] ?? "Fuzz";
    }
    case "number":
      return field === "callYear" ? 2025 : 1;
    case "boolean":
      return false;
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return [];
    case "union":
      return sample((def.options as unknown[])[0], field);
    case "record":
      return {};
    case "custom":
      return undefined;
    default:
      return undefined;
  }
}

const MEGABYTE = "x".repeat(1_000_000);
const BAD_VALUES: unknown[] = [
  "\u0000", "a\u0000b", "\u0001\u0002\u001f", "line\nbreak", "\u007f\u0085", MEGABYTE, "🙂".repeat(2000), "\ud800", "Ω≈ç√∫˜µ≤≥÷ Šolа",
  "0000-01-01", "9999-12-31", "2025-02-30", "-0001-01-01", "", " ", "'; drop table users; --", "00000000-0000-0000-0000-000000000000",
  -1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, true, [], {}, { deep: { er: [1] } }, [MEGABYTE],
];

/** Mulberry32: reproducible "random" combinations. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inputsFor(procedure: TProcedureInfo): unknown[] {
  const base: Record<string, unknown> = {};
  for (const schema of procedure.inputs) Object.assign(base, sample(schema, "") as Record<string, unknown>);
  if (procedure.path === "evidence.upload") base.bytes = minimalPdf();
  const fields = Object.keys(base).length ? Object.keys(base) : ["orgId", "projectId", "q"];
  const out: unknown[] = [base, undefined, null, "string", 42, [], { ...base, unexpected: "field", __proto__: { polluted: true } }];
  for (const field of fields) for (const bad of BAD_VALUES) out.push({ ...base, [field]: bad });
  const random = prng(procedure.path.length * 7919);
  while (out.length < INPUTS_PER_PROCEDURE) {
    const mutated: Record<string, unknown> = { ...base };
    for (const field of fields) if (random() < 0.4) mutated[field] = BAD_VALUES[Math.floor(random() * BAD_VALUES.length)];
    if (random() < 0.2) mutated[`extra${out.length}`] = BAD_VALUES[Math.floor(random() * BAD_VALUES.length)];
    out.push(mutated);
  }
  return out;
}

/** Row counts of every table of the app's schema, as one string. */
async function rowCounts(): Promise<string> {
  const tables = await getDb().execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '__drizzle%' order by 1`);
  const names = [...tables].map((t) => t.table_name);
  const counts = await getDb().execute<{ counts: string }>(
    sql.raw(`select concat_ws(',', ${names.map((n) => `(select count(*) from "${n}")`).join(", ")}) as counts`),
  );
  return [...counts][0]?.counts ?? "";
}

let users: { coordinator: Awaited<ReturnType<typeof createMember>>; officer: Awaited<ReturnType<typeof createOfficer>> };

beforeAll(async () => {
  const db = getDb();
  const school = await createSchool(db, { naCode: "SI01" });
  users = { coordinator: await createMember(db, school.id, "coordinator"), officer: await createOfficer(db, "SI01") };
  const c = createCaller({ db, session: { user: users.coordinator } });
  const project = await c.projects.create({
    orgId: school.id, action: "KA121", projectNumber: projectNumber(2025, "KA121"), title: "Fuzz", callYear: 2025,
    startDate: "2025-06-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  const participant = await c.participants.create({ orgId: school.id, kind: "staff", firstName: "Fuzz", lastName: "Target" });
  const mobility = await c.mobilities.log({
    orgId: school.id, projectId: project.id, participantId: participant.id, activityType: "SM-JOB-SHDW", startDate: "2025-10-06",
    endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "Schule Wien", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 380,
  });
  ids = { orgId: school.id, projectId: project.id, participantId: participant.id, mobilityId: mobility.id, schoolId: school.id };
});

const procedures = listProcedures();

describe("fuzzing every procedure from its zod schema", () => {
  it("walks the whole router", () => {
    expect(procedures.length).toBe(Object.keys(appRouter._def.procedures).length);
  });

  for (const procedure of procedures) {
    it(`${procedure.path}: ≥ ${INPUTS_PER_PROCEDURE} inputs, no 500, no partial write`, { timeout: 120_000 }, async () => {
      const user = procedure.path.startsWith("na.") ? users.officer : users.coordinator;
      const caller = createCaller({ db: getDb(), session: { user } }) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      const [group, name] = procedure.path.split(".") as [string, string];
      const call = caller[group]?.[name];
      expect(call).toBeTypeOf("function");
      const inputs = inputsFor(procedure);
      expect(inputs.length).toBeGreaterThanOrEqual(INPUTS_PER_PROCEDURE);
      const failures: string[] = [];
      let before = procedure.type === "mutation" ? await rowCounts() : "";
      for (const [i, input] of inputs.entries()) {
        try {
          const result = await call!(input);
          if (procedure.path === "mobilities.exportCsv" && result && typeof result === "object" && Symbol.asyncIterator in result) {
            for await (const chunk of result as AsyncIterable<string>) void chunk;
          }
          if (procedure.type === "mutation") before = await rowCounts();
        } catch (error) {
          if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") {
            failures.push(`#${i} ${error instanceof TRPCError ? error.code : String(error)}: ${JSON.stringify(input)?.slice(0, 200)}`);
          } else if (procedure.type === "mutation") {
            const after = await rowCounts();
            if (after !== before) failures.push(`#${i} ${error.code} but rows changed: ${JSON.stringify(input)?.slice(0, 200)}`);
            before = after;
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
