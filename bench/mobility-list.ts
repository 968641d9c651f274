/*
 * How fast is the project's mobility list with 10 000 mobilities in one project (and 200 000 in the
 * table)? Not a test: run it by hand and read the figures.
 *
 *   npx tsx bench/mobility-list.ts            # a throwaway embedded PostgreSQL in .data/bench-mobility-list
 *   DATABASE_URL=postgres://… npx tsx bench/mobility-list.ts   # a fresh, empty database of yours
 *   BENCH_EXPLAIN=1 npx tsx bench/mobility-list.ts             # also prints EXPLAIN ANALYZE of each case
 *
 * Seeding is set-based (INSERT … SELECT over generate_series), never row by row. Grants are written
 * as plausible stored values, not computed: the list only reads what the engine stored.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type Db } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import type { TListMobilities } from "../server/schemas/mobility-list";
import { listMobilities, selectPage } from "../server/services/mobility-list";
import type { Actor } from "../server/services/memberships";

const PROJECT_MOBILITIES = 10_000;
const OTHER_PROJECTS = 19; // × 10 000 → 200 000 mobilities in the table
const RUNS = 30;

async function seed(db: Db) {
  await db.execute(sql`
    insert into organisations (id, oid, name, country, town, na_code)
    select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'E' || lpad(g::text, 8, '0'),
           'Bench school ' || g, 'SI', 'Ljubljana', 'SI01'
    from generate_series(1, 4) g`);
  await db.execute(sql`
    insert into projects (id, organisation_id, action, project_number, title, call_year, start_date, end_date)
    select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid,
           ('00000000-0000-4000-8000-' || lpad((1 + g % 4)::text, 12, '0'))::uuid,
           'KA121', '2025-1-SI01-KA121-SCH-' || lpad(g::text, 9, '0'), 'Bench project ' || g, 2025, '2025-06-01', '2027-05-31'
    from generate_series(0, ${OTHER_PROJECTS}) g`);
  // 500 staff per school with Slovenian names.
  await db.execute(sql`
    insert into participants (organisation_id, kind, first_name, last_name)
    select o.id, 'staff',
           (array['Ana','Žiga','Špela','Luka','Maja','Jure','Petra','Čedomir','Nina','Tjaša'])[1 + g % 10],
           (array['Novak','Horvat','Kovačič','Krajnc','Zupančič','Potočnik','Kovač','Mlakar','Vidmar','Golob'])[1 + (g / 10) % 10] || ' ' || g
    from organisations o, generate_series(1, 500) g`);
  // 10 000 mobilities per project, spread over activities, statuses, countries and two years.
  await db.execute(sql`
    with people as (
      select organisation_id, id, row_number() over (partition by organisation_id order by id) as n from participants
    )
    insert into mobilities (organisation_id, project_id, participant_id, activity_type, status, start_date, end_date,
      travel_days, green_travel, receiving_organisation, destination_country, destination_town, pupil_count,
      grant_travel_cents, grant_individual_support_cents, grant_organisational_support_cents, grant_eligible, grant_issues, created_at)
    select p.organisation_id, p.id, people.id,
           (array['SM-JOB-SHDW','SM-TTA','SM-COUR-TRAIN','LM-GRP-PUPIL','LM-SHORT-PUPIL','OA-INV-EXP'])[1 + g % 6]::activity_type,
           (array['draft','planned','completed','cancelled'])[1 + (g / 7) % 4]::mobility_status,
           date '2025-06-01' + (g % 700), date '2025-06-01' + (g % 700) + 4 + g % 10,
           2, g % 3 = 0,
           'Partner school ' || (g % 400), (array['AT','IT','HR','DE','FR','ES','PT','FI','CZ','PL'])[1 + g % 10],
           (array['Vienna','Florence','Zagreb','Berlin','Lyon','Sevilla','Porto','Oulu','Brno','Kraków'])[1 + g % 10],
           case when g % 6 = 3 then 10 + g % 20 else 0 end,
           27500 + (g % 13) * 1000, 80000 + (g % 97) * 500, 10000, g % 50 <> 0,
           case when g % 50 = 0 then '[{"severity":"error","code":"rateMissing"}]'::jsonb
                when g % 17 = 0 then '[{"severity":"warning","code":"longDistance"}]'::jsonb else '[]'::jsonb end,
           now() - make_interval(secs => g)
    from projects p
    cross join generate_series(1, ${PROJECT_MOBILITIES}) g
    join people on people.organisation_id = p.organisation_id and people.n = 1 + g % 500`);
  await db.execute(sql`
    insert into mobility_members (organisation_id, mobility_id, participant_id, role)
    select m.organisation_id, m.id, null, 'pupil' from mobilities m where m.activity_type = 'LM-GRP-PUPIL'`);
  await db.execute(sql`analyze`);
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main() {
  let close: () => Promise<void>;
  let db: Db;
  let url: string;
  if (process.env.DATABASE_URL) {
    url = process.env.DATABASE_URL;
    const handle = createDb(url);
    db = handle.db;
    close = handle.close;
  } else {
    const dataDir = path.resolve(".data/bench-mobility-list/postgres");
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    const cluster = await startEmbeddedPostgres(dataDir);
    url = cluster.url("postgres");
    const handle = createDb(url);
    db = handle.db;
    close = async () => {
      await handle.close();
      await cluster.stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(db);
    const started = performance.now();
    await seed(db);
    const [{ count } = { count: 0 }] = await db.execute<{ count: number }>(sql`select count(*)::int as count from mobilities`);
    console.log(`seeded ${count} mobilities in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const orgId = "00000000-0000-4000-8000-000000000001";
    const projectId = "00000000-0000-4000-9000-000000000000";
    const actor: Actor = { userId: orgId, email: "bench@example.test", orgId, role: "coordinator", naCode: "SI01", specialCategory: false };
    const [{ participantId } = { participantId: "" }] = await db.execute<{ participantId: string }>(
      sql`select participant_id as "participantId" from mobilities where project_id = ${projectId} limit 1`,
    );
    const base = { projectId, page: 1, pageSize: 25 };
    const cases: [string, TListMobilities][] = [
      ["default (start date asc), page 1", { ...base, sort: { field: "startDate", direction: "asc" }, filters: {} }],
      ["start date asc, page 200 of 400", { ...base, page: 200, sort: { field: "startDate", direction: "asc" }, filters: {} }],
      ["participant name desc, 100/page", { ...base, pageSize: 100, sort: { field: "participant", direction: "desc" }, filters: {} }],
      ["grant total desc", { ...base, sort: { field: "grantTotal", direction: "desc" }, filters: {} }],
      ["status planned+completed, sort destination", { ...base, sort: { field: "destination", direction: "asc" }, filters: { statuses: ["planned", "completed"] } }],
      ["activity + country + date range", { ...base, sort: { field: "startDate", direction: "desc" }, filters: { activityTypes: ["SM-JOB-SHDW", "SM-COUR-TRAIN"], destinationCountry: "AT", dateFrom: "2026-01-01", dateTo: "2026-06-30" } }],
      ["text search 'kovač'", { ...base, sort: { field: "startDate", direction: "asc" }, filters: { q: "kovač" } }],
      ["text search 'partner school 12'", { ...base, sort: { field: "startDate", direction: "asc" }, filters: { q: "partner school 12" } }],
      ["participant filter", { ...base, sort: { field: "startDate", direction: "asc" }, filters: { participantId } }],
    ];

    console.log(`\n${RUNS} runs each (after 3 warm-up runs), ${count} mobilities in the table, ${PROJECT_MOBILITIES} in the project:\n`);
    console.log(`${"case".padEnd(46)} ${"rows".padStart(5)} ${"total".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
    for (const [name, input] of cases) {
      for (let i = 0; i < 3; i++) await listMobilities(db, actor, input);
      const times: number[] = [];
      let result = await listMobilities(db, actor, input);
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        result = await listMobilities(db, actor, input);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      if (process.env.BENCH_EXPLAIN) {
        const statement = selectPage(db, actor, input, (input.page - 1) * input.pageSize, input.pageSize).toSQL();
        const plan = await client.unsafe(`explain (analyze, buffers) ${statement.sql}`, statement.params as never[]);
        console.log(plan.map((row) => String(row["QUERY PLAN"])).join("\n"));
      }
      console.log(
        `${name.padEnd(46)} ${String(result.rows.length).padStart(5)} ${String(result.total).padStart(6)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`,
      );
    }
  } finally {
    await client.end({ timeout: 5 });
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
