import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { removeCluster, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

/*
 * kill -9 in the middle of a bulk status change, in real processes on a cluster of its own:
 *  A. the app dies while its transaction waits half done (the mobilities updated, the audit entries not
 *     yet written): nothing of it remains, and the orphaned postmaster is shut down on the next start;
 *  B. the app and the PostgreSQL server die together mid-write (a power cut): the next start replays
 *     the WAL, every change reported as committed is there, and none is there in part.
 */
const DATABASE = "crash";
const MOBILITIES = 20;
let scratch: string;
let requested: string;
let input: { orgId: string; projectId: string; mobilityIds: string[]; user: { id: string; email: string; name: string } };

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "mobilo-crash-"));
  chmodSync(scratch, 0o755);
  requested = path.join(scratch, "postgres");
  const cluster = await startEmbeddedPostgres(requested);
  const admin = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  const handle = createDb(cluster.url(DATABASE), { max: 2 });
  try {
    await migrateDatabase(handle.db);
    const orgId = (await createSchool(handle.db)).id;
    const user = await createMember(handle.db, orgId, "coordinator");
    const caller = callerFor(handle.db, user);
    const project = await caller.projects.create({
      orgId, action: "KA122", projectNumber: projectNumber(2024), title: "Crash", callYear: 2024,
      startDate: "2024-09-01", endDate: "2025-08-31", awarded: zeroAwarded,
    });
    const mobilityIds: string[] = [];
    for (let i = 0; i < MOBILITIES; i++) {
      const staff = await createStaff(handle.db, orgId, `Crash${i}`);
      const row = await caller.mobilities.log({
        orgId, projectId: project.id, participantId: staff.id, activityType: "SM-JOB-SHDW", status: "planned",
        startDate: "2024-10-07", endDate: "2024-10-11", travelDays: 2,
        receivingOrganisation: "Skola Helsinki", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150,
      });
      mobilityIds.push(row.id);
    }
    input = { orgId, projectId: project.id, mobilityIds, user };
  } finally {
    await handle.close();
    await cluster.stop();
  }
}, 120_000);

afterAll(async () => {
  await removeCluster(requested);
  rmSync(scratch, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcess;
  port: number;
  committed: () => number;
}

function startWriter(): Promise<Writer> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/crash-writer.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, CRASH_DATA_DIR: requested, CRASH_DATABASE: DATABASE, CRASH_INPUT: JSON.stringify(input), LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let committed = 0;
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`crash-writer exited early (${code}): ${errors}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const ready = /^READY (\d+)$/.exec(line);
        if (ready) resolve({ child, port: Number(ready[1]), committed: () => committed });
        const done = /^DONE (\d+)$/.exec(line);
        if (done) committed = Number(done[1]);
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * Lets the writer run a few bulk changes, then holds the audit table so that its next change stops
 * half done — mobilities updated, audit entries waiting — and returns once it waits there.
 */
async function holdMidWrite(writer: Writer, url: string) {
  await until(() => writer.committed() >= 3, "three committed bulk changes");
  const blocker = postgres(url, { max: 2, onnotice: () => {} });
  const reserved = await blocker.reserve();
  await reserved`begin`;
  await reserved`lock table audit_log in access exclusive mode`;
  await until(async () => {
    const rows = await blocker`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%audit_log%' and datname = ${DATABASE}`;
    return rows.length > 0;
  }, "the bulk change to wait on the audit table");
  return {
    /** Ends the blocking transaction (after a server crash there is nothing to roll back: just close). */
    release: async (serverAlive: boolean) => {
      if (serverAlive) await reserved`rollback`;
      reserved.release();
      await blocker.end({ timeout: 0 });
    },
  };
}

/** All mobilities moved together every time: one status, one version, and an audit entry for each change. */
async function checkConsistent(expectedChanges: { atLeast: number }) {
  const cluster = await startEmbeddedPostgres(requested);
  const sql = postgres(cluster.url(DATABASE), { max: 1, onnotice: () => {} });
  try {
    const states = await sql<{ status: string; version: number; n: number }[]>`
      select status, version, count(*)::int as n from mobilities where project_id = ${input.projectId} group by status, version`;
    expect(states).toHaveLength(1);
    const [state] = states;
    expect(state?.n).toBe(MOBILITIES);
    const changes = (state?.version ?? 1) - 1;
    expect(changes).toBeGreaterThanOrEqual(expectedChanges.atLeast);
    expect(state?.status).toBe(changes % 2 === 1 ? "completed" : "planned");
    const [audit] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'mobility.status'`;
    expect(audit?.n).toBe(changes * MOBILITIES);
    return changes;
  } finally {
    await sql.end({ timeout: 5 });
    await cluster.stop();
  }
}

describe("crash safety of a bulk status change", () => {
  it("kill -9 of the app mid-transaction leaves nothing of it; the next start takes over the cluster", async () => {
    const writer = await startWriter();
    const url = `postgres://postgres:${encodeURIComponent(readFileSync(path.join(path.dirname(requested), "postgres.password"), "utf8").trim())}@127.0.0.1:${writer.port}/${DATABASE}`;
    const hold = await holdMidWrite(writer, url);
    const committed = writer.committed();
    await killed(writer.child);
    await hold.release(true);
    const changes = await checkConsistent({ atLeast: committed });
    expect(changes).toBe(committed);
  }, 120_000);

  it("kill -9 of the app and the PostgreSQL server mid-write: recovery keeps every commit and no half", async () => {
    const before = await checkConsistent({ atLeast: 0 });
    const writer = await startWriter();
    const url = `postgres://postgres:${encodeURIComponent(readFileSync(path.join(path.dirname(requested), "postgres.password"), "utf8").trim())}@127.0.0.1:${writer.port}/${DATABASE}`;
    const hold = await holdMidWrite(writer, url);
    const committed = writer.committed();
    const postmasterPid = Number(readFileSync(path.join(requested, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(postmasterPid, "SIGKILL");
    await killed(writer.child);
    await hold.release(false);
    const changes = await checkConsistent({ atLeast: before + committed });
    expect(changes).toBe(before + committed);
  }, 120_000);
});
