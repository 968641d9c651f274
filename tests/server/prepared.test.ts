import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { organisations } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { createSchool } from "../helpers/factories";

/*
 * db/prepared.ts: the hot read paths (membership, project dashboard) run as prepared statements.
 * What must hold: values are bound (never spliced into the text), results equal drizzle's unprepared
 * execution, and the statement is parsed once per connection however often it runs.
 */

const getDb = setupTestDatabase();
const handles: DbHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
});

const bySchool = preparedStatement<"id" | "country", { name: string; oid: string; country: string }>(["id", "country"], (p) => sql`
  select ${organisations.name} as "name", ${organisations.oid} as "oid", ${organisations.country} as "country"
  from ${organisations} where ${organisations.id} = ${p.id} and ${organisations.country} = ${p.country}`);

describe("preparedStatement", () => {
  it("answers as the same statement unprepared, call after call (past PostgreSQL's switch to a generic plan)", async () => {
    const db = getDb();
    const schools = await Promise.all([createSchool(db, { country: "SI" }), createSchool(db, { country: "HR", naCode: "HR01" })]);
    for (let i = 0; i < 12; i += 1) {
      const school = schools[i % 2];
      if (!school) throw new Error("no school");
      const prepared = await bySchool.execute(db, { id: school.id, country: school.country });
      const plain = await db.execute(sql`select name, oid, country from organisations where id = ${school.id} and country = ${school.country}`);
      expect(prepared).toEqual([...plain]);
      expect(prepared).toEqual([{ name: school.name, oid: school.oid, country: school.country }]);
    }
  });

  it("binds values: a quote in a value is data, never SQL", async () => {
    const db = getDb();
    const school = await createSchool(db);
    expect(await bySchool.execute(db, { id: school.id, country: "SI' or 'x' = 'x" })).toEqual([]);
    expect(bySchool.query.sql).not.toContain(school.id);
    expect(bySchool.query.sql).toMatch(/\$1.*\$2/s);
  });

  it("refuses to run without every value", async () => {
    const db = getDb();
    // The types forbid leaving a value out; a caller that gets around them (a value removed at run time) is stopped too.
    const values: Record<"id" | "country", string> = { id: "00000000-0000-4000-8000-000000000000", country: "SI" };
    Reflect.deleteProperty(values, "country");
    await expect(bySchool.execute(db, values)).rejects.toThrow(/country/);
  });

  it("is prepared once per connection, however often it runs", async () => {
    const [{ database } = { database: "" }] = await getDb().execute<{ database: string }>(sql`select current_database() as database`);
    const url = new URL(inject("adminDatabaseUrl"));
    url.pathname = `/${database}`;
    const single = createDb(url.toString(), { max: 1 });
    handles.push(single);
    const school = await createSchool(single.db);
    for (let i = 0; i < 8; i += 1) await bySchool.execute(single.db, { id: school.id, country: "SI" });
    const statements = await single.db.execute<{ statement: string; plans: number }>(
      sql`select statement, (generic_plans + custom_plans)::int as plans from pg_prepared_statements where statement = ${bySchool.query.sql}`,
    );
    expect(statements).toHaveLength(1);
    // One statement, and all eight executions ran through it (custom plans at first, then the generic one).
    expect(statements[0]?.plans).toBe(8);
  });
});
