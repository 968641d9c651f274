/*
 * A 10 000-row Beneficiary Module XLSX into one project: dry run (upload) and commit (the job), each
 * timed, then the same file again (a no-op). Not a test: run it by hand and read the figures
 * (docs/benchmarks.md). Target of issue 12: dry run + commit ≤ 15 s on the 2-core machine.
 *
 *   npx tsx bench/bm-import.ts            # a throwaway embedded PostgreSQL in .data/bench-bm-import
 *   DATABASE_URL=postgres://… npx tsx bench/bm-import.ts
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { latestTemplate } from "../server/bm";
import { writeBmXlsx, type BmOutCell } from "../server/services/bm-files";
import { claimBmImportJob, requestBmImportCommit, runBmImportJob, uploadBmImport } from "../server/services/bm-import-jobs";
import type { Actor } from "../server/services/memberships";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const ORG = "00000000-0000-4000-8000-000000000001";
const USER = "00000000-0000-4000-8000-000000000002";
const PROJECT = "00000000-0000-4000-9000-000000000001";
const NUMBER = "2025-1-SI01-KA121-SCH-000123456";

const ACTIVITIES = ["SM-JOB-SHDW", "SM-COUR-TRAIN", "SM-TTA", "LM-SHORT-PUPIL"] as const;
const PLACES = [["Schule Wien", "AT", "Vienna", 278], ["Liceo Roma", "IT", "Rome", 490], ["Skola Helsinki", "FI", "Helsinki", 1780], ["Lycée Lyon", "FR", "Lyon", 780]] as const;

async function file(): Promise<Uint8Array> {
  const template = latestTemplate("KA121");
  const rows: BmOutCell[][] = [];
  for (let i = 1; i <= ROWS; i++) {
    const activity = ACTIVITIES[i % ACTIVITIES.length] ?? "SM-JOB-SHDW";
    const [name, country, city, km] = PLACES[i % PLACES.length] ?? PLACES[0];
    const day = 1 + (i % 20);
    const values: Record<string, BmOutCell> = {
      dataType: "Mobility activity", grantAgreementNo: NUMBER, mobilityActivityId: `123456-MOB-${String(i).padStart(5, "0")}`,
      activityType: activity, status: i % 3 === 0 ? "Complete" : "Planned", firstName: "Ana", lastName: `Novak ${i}`, email: `ana.novak.${i}@school.si`,
      accompanying: "No", receivingName: name, receivingCountry: country, receivingCity: city,
      startDate: { date: `2025-10-${String(day).padStart(2, "0")}` }, endDate: { date: `2025-10-${String(day + 4).padStart(2, "0")}` },
      travelDays: 2, distanceKm: km, greenTravel: i % 5 === 0 ? "Yes" : "No", courseDays: activity === "SM-COUR-TRAIN" ? 5 : null,
    };
    rows.push(template.columns.map((c) => values[c.field] ?? null));
  }
  return writeBmXlsx(template.sheetName, template.columns.map((c) => c.header), template.columns.map((c) => c.row2), rows);
}

async function seed(db: Db) {
  await db.execute(sql`insert into organisations (id, oid, name, country, town, na_code) values (${ORG}, 'E10000001', 'Bench school', 'SI', 'Ljubljana', 'SI01')`);
  await db.execute(sql`insert into users (id, email, name, password_hash) values (${USER}, 'bench@school.si', 'Bench', 'x')`);
  await db.execute(sql`insert into memberships (user_id, organisation_id, role, special_category_access) values (${USER}, ${ORG}, 'coordinator', true)`);
  await db.execute(sql`insert into projects (id, organisation_id, action, project_number, title, call_year, start_date, end_date)
                       values (${PROJECT}, ${ORG}, 'KA121', ${NUMBER}, 'Bench', 2025, '2025-06-01', '2027-05-31')`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function importOnce(db: Db, actor: Actor, bytes: Uint8Array, label: string) {
  let t = performance.now();
  const upload = await uploadBmImport(db, actor, { projectId: PROJECT, fileName: "bench.xlsx", bytes });
  const dryRunMs = performance.now() - t;
  if (!upload.ok || upload.status !== "analysed") throw new Error(`dry run refused: ${JSON.stringify(upload).slice(0, 500)}`);
  t = performance.now();
  await requestBmImportCommit(db, actor, upload.importId);
  const job = await claimBmImportJob(db);
  if (!job) throw new Error("no job");
  const outcome = await runBmImportJob(db, job);
  const commitMs = performance.now() - t;
  console.log(
    `${label}: dry run ${seconds(dryRunMs)} (create ${upload.dryRun.create}, update ${upload.dryRun.update}, unchanged ${upload.dryRun.unchanged}), ` +
      `commit ${seconds(commitMs)} (${JSON.stringify(outcome)}), total ${seconds(dryRunMs + commitMs)}`,
  );
}

async function main() {
  let db: Db;
  let close: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const handle = createDb(process.env.DATABASE_URL);
    db = handle.db;
    close = handle.close;
  } else {
    const dataDir = path.resolve(".data/bench-bm-import/postgres");
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
    await seed(db);
    let t = performance.now();
    const bytes = await file();
    console.log(`${ROWS} rows: XLSX of ${(bytes.length / 1024 / 1024).toFixed(1)} MB written in ${seconds(performance.now() - t)}`);
    const actor: Actor = { userId: USER, email: "bench@school.si", orgId: ORG, role: "coordinator", naCode: "SI01", specialCategory: true };
    t = performance.now();
    await importOnce(db, actor, bytes, "first import (into an empty project)");
    await importOnce(db, actor, bytes, "same file again (no-op)");
  } finally {
    await close();
  }
}

await main();
