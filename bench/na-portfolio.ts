/*
 * How fast is the NA officer's portfolio with 200 000 mobilities in one NA (issue 7: the first page
 * in ≤ 150 ms, a full compliance scan in ≤ 2 s)? Not a test: run it by hand and read the figures.
 *
 *   npx tsx bench/na-portfolio.ts            # a throwaway embedded PostgreSQL in .data/bench-na-portfolio
 *   DATABASE_URL=postgres://… npx tsx bench/na-portfolio.ts   # a fresh, empty database of yours
 *   BENCH_EXPLAIN=1 npx tsx bench/na-portfolio.ts             # also prints EXPLAIN ANALYZE of the full scan
 *
 * Seeding is set-based (INSERT … SELECT over generate_series). SI01: 400 schools, 1 000 projects
 * (KA122 and KA121), 200 mobilities each = 200 000, with evidence for most completed mobilities and
 * a few of every flag; HR01 adds 20 000 mobilities that the SI01 officer must never touch.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { ZPortfolioQuery, type TPortfolioQueryInput } from "../server/schemas/na";
import { getOfficerProject, listPortfolio, portfolioSql, scanCompliance, type Officer } from "../server/services/na-oversight";

const SCHOOLS = 400;
const PROJECTS = 1_000;
const PER_PROJECT = 200;
const RUNS = 20;

const uuid = (prefix: string, n: number | string) => sql.raw(`('${prefix}' || lpad((${n})::text, 12, '0'))::uuid`);

async function seedNa(db: Db, na: string, prefix: "8" | "9", schools: number, projectCount: number) {
  const org = `00000000-0000-4000-${prefix}001-`;
  const proj = `00000000-0000-4000-${prefix}002-`;
  await db.execute(sql`
    insert into organisations (id, oid, name, country, town, na_code)
    select ${uuid(org, "g")}, 'E' || ${prefix} || lpad(g::text, 7, '0'), 'Šola ' || ${na} || ' ' || g, ${na.slice(0, 2)}, 'Town', ${na}
    from generate_series(1, ${schools}) g`);
  await db.execute(sql`
    insert into projects (id, organisation_id, action, project_number, title, call_year, start_date, end_date, status,
      awarded_travel_cents, awarded_individual_support_cents, awarded_organisational_support_cents,
      target_fewer_opportunity_participants, target_green_travel_percent)
    select ${uuid(proj, "g")}, ${uuid(org, `1 + g % ${schools}`)},
           (case when g % 2 = 0 then 'KA122' else 'KA121' end)::project_action,
           '2024-1-' || ${na} || '-' || (case when g % 2 = 0 then 'KA122' else 'KA121' end) || '-SCH-' || lpad(g::text, 9, '0'),
           'Projekt ' || g, 2024, date '2024-06-01', date '2024-06-01' + (365 + g % 500),
           (case when g % 5 = 0 then 'closed' when g % 5 = 1 then 'reporting' else 'running' end)::project_status,
           5000000 + (g % 7) * 100000, 12000000 + (g % 11) * 100000, 2000000,
           case when g % 2 = 1 then 40 end, case when g % 2 = 1 then 30 end
    from generate_series(1, ${projectCount}) g`);
  await db.execute(sql`
    insert into participants (organisation_id, kind, first_name, last_name, fewer_opportunities)
    select o.id, 'staff', 'Ana', 'Novak ' || g, g % 9 = 0
    from organisations o cross join generate_series(1, 100) g where o.na_code = ${na}`);
  await db.execute(sql`
    with people as (
      select organisation_id, id, row_number() over (partition by organisation_id order by id) as n from participants
    )
    insert into mobilities (organisation_id, project_id, participant_id, activity_type, status, start_date, end_date,
      travel_days, green_travel, fewer_opportunities, receiving_organisation, destination_country, destination_town, pupil_count,
      grant_travel_cents, grant_individual_support_cents, grant_organisational_support_cents, grant_eligible)
    select p.organisation_id, p.id, people.id,
           (array['SM-JOB-SHDW','SM-TTA','SM-COUR-TRAIN','LM-GRP-PUPIL','LM-SHORT-PUPIL','OA-INV-EXP'])[1 + g % 6]::activity_type,
           (array['draft','planned','completed','completed','cancelled'])[1 + (g / 7) % 5]::mobility_status,
           date '2024-07-01' + (g * 3 % 400), date '2024-07-01' + (g * 3 % 400) + 9 + g % 5 - (case when g % 997 = 0 then 9 else 0 end),
           2, g % 4 = 0, g % 11 = 0,
           'Partner ' || (g % 300), 'AT', 'Vienna', case when g % 6 = 3 then 12 else 0 end,
           27500, 80000 + (g % 97) * 500, 10000, true
    from projects p
    join organisations o on o.id = p.organisation_id and o.na_code = ${na}
    cross join generate_series(1, ${PER_PROJECT}) g
    join people on people.organisation_id = p.organisation_id and people.n = 1 + (g + hashtext(p.id::text) % 50 + 50) % 100`);
  // Evidence for most completed mobilities (every 13th is left without: the "missing evidence" flag).
  await db.execute(sql`
    insert into mobility_evidence (organisation_id, mobility_id, kind, done)
    select m.organisation_id, m.id, k.kind::evidence_kind, true
    from mobilities m
    join organisations o on o.id = m.organisation_id and o.na_code = ${na}
    cross join (values ('attendance_certificate'), ('travel_proof'), ('participant_report'), ('learning_agreement')) k(kind)
    where m.status = 'completed' and hashtext(m.id::text) % 13 <> 0`);
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function time<T>(run: () => Promise<T>, runs = RUNS): Promise<{ p50: number; p95: number; result: T }> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  let result = await run();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), result };
}

async function main() {
  let close: () => Promise<void>;
  let db: Db;
  if (process.env.DATABASE_URL) {
    const handle = createDb(process.env.DATABASE_URL);
    db = handle.db;
    close = handle.close;
  } else {
    const dataDir = path.resolve(".data/bench-na-portfolio/postgres");
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    const cluster = await startEmbeddedPostgres(dataDir);
    const handle = createDb(cluster.url("postgres"));
    db = handle.db;
    close = async () => {
      await handle.close();
      await cluster.stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  try {
    await migrateDatabase(db);
    const started = performance.now();
    await seedNa(db, "SI01", "8", SCHOOLS, PROJECTS);
    await seedNa(db, "HR01", "9", 40, 100);
    await db.execute(sql`analyze`);
    const [counts] = await db.execute<{ si: number; all: number }>(sql`
      select count(*) filter (where o.na_code = 'SI01')::int as si, count(*)::int as "all"
      from mobilities m join organisations o on o.id = m.organisation_id`);
    console.log(`seeded ${counts?.si} SI01 mobilities (${counts?.all} in the table) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const officer: Officer = { userId: "00000000-0000-4000-8000-000000000000", naCodes: ["SI01"] };
    const q = (input: TPortfolioQueryInput) => ZPortfolioQuery.parse(input);
    const cases: [string, () => Promise<{ rows: number; total: number }>][] = [
      ["first page (default order: school), 25/page", async () => { const r = await listPortfolio(db, officer, q({ sort: "school" })); return { rows: r.rows.length, total: r.total }; }],
      ["page 20, by end date, 50/page", async () => { const r = await listPortfolio(db, officer, q({ sort: "endDate", page: 20, pageSize: 50 })); return { rows: r.rows.length, total: r.total }; }],
      ["one school's projects", async () => { const r = await listPortfolio(db, officer, q({ sort: "school", schoolId: "00000000-0000-4000-8001-000000000007" })); return { rows: r.rows.length, total: r.total }; }],
      ["sorted by risk, first page (full scan)", async () => { const r = await listPortfolio(db, officer, q({ sort: "risk" })); return { rows: r.rows.length, total: r.total }; }],
      ["flag filter: overlapping mobilities", async () => { const r = await listPortfolio(db, officer, q({ flag: "overlappingMobilities" })); return { rows: r.rows.length, total: r.total }; }],
      ["full compliance scan (every project)", async () => { const rows = await scanCompliance(db, officer); return { rows: rows.length, total: rows.length }; }],
      ["one project's read-only view", async () => { const r = await getOfficerProject(db, officer, "00000000-0000-4000-8002-000000000042"); return { rows: r.mobilities.length, total: r.mobilities.length }; }],
    ];
    if (process.env.BENCH_EXPLAIN) {
      for (const [label, query, limit] of [["first page", q({ sort: "school" }), 25], ["full scan", q({ sort: "risk" }), undefined]] as const) {
        const plan = await db.execute<Record<string, unknown>>(sql`explain (analyze, buffers) ${portfolioSql(officer, query, limit ? { limit, offset: 0 } : {})}`);
        console.log(`\n--- ${label}\n${plan.map((row) => String(row["QUERY PLAN"])).join("\n")}`);
      }
    }
    console.log(`\n${RUNS} runs each (after 3 warm-up runs):\n`);
    console.log(`${"case".padEnd(42)} ${"rows".padStart(5)} ${"total".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
    for (const [name, run] of cases) {
      const { p50, p95, result } = await time(run, name.startsWith("full") || name.includes("full scan") || name.startsWith("flag") ? 5 : RUNS);
      console.log(`${name.padEnd(42)} ${String(result.rows).padStart(5)} ${String(result.total).padStart(6)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}`);
    }
    const flagged = await scanCompliance(db, officer);
    const perFlag: Record<string, number> = {};
    for (const row of flagged) for (const [flag, on] of Object.entries(row.flags)) if (on) perFlag[flag] = (perFlag[flag] ?? 0) + 1;
    console.log(`\nprojects per flag: ${JSON.stringify(perFlag)}`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
