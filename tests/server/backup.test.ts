import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupEmbedded, restoreEmbedded } from "@/db/backup";
import { eq } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { removeCluster, startEmbeddedPostgres, type EmbeddedCluster } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { memberships, projects, users } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed";
import { createCaller } from "@/server/api/root";

/*
 * `npm run db:backup` / `db:restore` round trip on a cluster of its own: the demo data, a backup taken
 * while the app keeps writing, a change after it, a restore, and every dashboard of every school is
 * what it was at the backup (and the change after it is gone).
 */
let scratch: string;
let requested: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "mobilo-backup-"));
  chmodSync(scratch, 0o755);
  requested = path.join(scratch, "app", "postgres");
});

afterAll(async () => {
  await removeCluster(requested);
  rmSync(scratch, { recursive: true, force: true });
});

async function withApp<T>(fn: (db: Db, cluster: EmbeddedCluster) => Promise<T>): Promise<T> {
  const cluster = await startEmbeddedPostgres(requested);
  const admin = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  const [found] = await admin`select 1 from pg_database where datname = 'mobilo'`;
  if (!found) await admin.unsafe("create database mobilo");
  await admin.end();
  const handle = createDb(cluster.url("mobilo"), { max: 4 });
  try {
    return await fn(handle.db, cluster);
  } finally {
    await handle.close();
    await cluster.stop();
  }
}

/** Every school's overview and every project's dashboard, as each school's coordinator sees them. */
async function dashboards(db: Db) {
  const members = await db
    .select({ organisationId: memberships.organisationId, id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.role, "coordinator"))
    .orderBy(memberships.organisationId);
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const caller = createCaller({ db, session: { user: { id: member.id, email: member.email, name: member.name } } });
    const overview = await caller.dashboards.schoolOverview({ orgId: member.organisationId });
    out[member.organisationId] = overview;
    const rows = await db.select({ id: projects.id }).from(projects).where(eq(projects.organisationId, member.organisationId)).orderBy(projects.id);
    for (const project of rows) {
      out[project.id] = await caller.dashboards.project({ orgId: member.organisationId, projectId: project.id });
    }
  }
  return out;
}

describe("backup and restore", () => {
  it("restores exactly the dashboards of the moment of the backup", async () => {
    const target = path.join(scratch, "backups", "one");
    const before = await withApp(async (db) => {
      await migrateDatabase(db);
      await seedDemoData(db);
      const snapshot = await dashboards(db);
      expect(Object.keys(snapshot).length).toBeGreaterThan(3);
      // The app keeps running (and writing elsewhere) while the backup is taken.
      const writes = (async () => {
        for (let i = 0; i < 20; i++) await db.execute("select pg_sleep(0.01); create temporary table if not exists t (n int); insert into t values (1)");
      })();
      const info = await backupEmbedded(target, requested);
      await writes;
      expect(info.format).toBe("mobilo-physical-1");
      expect(info.serverVersion).toMatch(/^18\./);
      // A change after the backup: the restore must undo it.
      await db.execute("update projects set title = 'changed after the backup'");
      expect(await dashboards(db)).not.toEqual(snapshot);
      return snapshot;
    });

    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(existsSync(path.join(target, "data", "backup_label"))).toBe(true);
    expect(readdirSync(path.join(target, "data", "pg_wal")).some((name) => /^[0-9A-F]{24}$/.test(name))).toBe(true);
    expect(readFileSync(path.join(target, "data", "backup_label"), "utf8")).toContain("START WAL LOCATION");

    const { previous } = await restoreEmbedded(target, requested);
    expect(previous).not.toBeNull();
    const after = await withApp((db) => dashboards(db));
    expect(after).toEqual(before);
  }, 180_000);

  it("refuses to restore over a running database", async () => {
    const target = path.join(scratch, "backups", "two");
    await withApp(async () => {
      await backupEmbedded(target, requested);
      await expect(restoreEmbedded(target, requested)).rejects.toThrow(/is running: stop Mobilo/);
    });
  }, 120_000);
});
