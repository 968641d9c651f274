import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { resolveDataDir, startEmbeddedPostgres } from "./embedded";

/*
 * Backups of the embedded cluster with PostgreSQL's own machinery (docs/decisions.md, "Backups"):
 * a physical base backup through the low-level backup API. The embedded package ships no pg_dump or
 * pg_basebackup, and Debian's client tools (PostgreSQL 15) refuse a newer server.
 *
 *   backup:  a temporary replication slot keeps every WAL segment from the backup's start;
 *            pg_backup_start(fast) → copy the data directory → pg_backup_stop() gives the backup_label
 *            → copy the WAL written meanwhile. The cluster keeps serving throughout.
 *   restore: into a fresh data directory (the current one is kept beside it, renamed); on start
 *            PostgreSQL sees backup_label and replays the WAL to the consistent point, exactly as it
 *            does for pg_basebackup's output.
 *
 * A backup is a directory: `data/` (the cluster, with backup_label and pg_wal), `postgres.password`
 * (the superuser's, so the restored cluster opens on another machine too) and `backup.json`.
 * It holds personal data: it is created 0700.
 */

/** What pg_basebackup leaves out too: runtime state that a starting server recreates. */
const SKIP_AT_ROOT = new Set(["postmaster.pid", "postmaster.opts", "pg_wal", "backup_label", "tablespace_map", "backup_manifest"]);
const EMPTY_DIRS = new Set(["pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);

export interface BackupInfo {
  format: "mobilo-physical-1";
  createdAt: string;
  serverVersion: string;
  startLsn: string;
  stopLsn: string;
}

function copyClusterFiles(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from)) {
    if (SKIP_AT_ROOT.has(entry)) continue;
    const source = path.join(from, entry);
    const target = path.join(to, entry);
    if (EMPTY_DIRS.has(entry)) {
      mkdirSync(target, { mode: 0o700 });
      continue;
    }
    try {
      cpSync(source, target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    } catch (error) {
      // A relation dropped while we copy: its file is gone, and the WAL replay drops it anyway.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/** Makes a base backup of the embedded cluster for `requested` into `target` (which must not exist). */
export async function backupEmbedded(target: string, requested?: string): Promise<BackupInfo> {
  if (existsSync(target)) throw new Error(`${target} already exists: choose a new directory for the backup`);
  const cluster = await startEmbeddedPostgres(requested);
  const sql = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  const partial = `${target}.partial`;
  try {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    // One session from start to stop (the non-exclusive API requires it).
    const tx = await sql.reserve();
    try {
      const slot = `mobilo_backup_${process.pid}`;
      await tx`select pg_create_physical_replication_slot(${slot}, true, true)`;
      const [version] = await tx<{ v: string }[]>`select current_setting('server_version') as v`;
      const [started] = await tx<{ lsn: string }[]>`select pg_backup_start(${`mobilo ${new Date().toISOString()}`}, true)::text as lsn`;
      copyClusterFiles(cluster.dataDir, path.join(partial, "data"));
      const [stopped] = await tx<{ lsn: string; labelfile: string; spcmapfile: string | null }[]>`
        select lsn::text as lsn, labelfile, spcmapfile from pg_backup_stop(false)`;
      if (!started || !stopped || !version) throw new Error("the backup API answered nothing");
      // Every segment since the slot's reservation, which is before the backup's start.
      await tx`select pg_switch_wal()`;
      cpSync(path.join(cluster.dataDir, "pg_wal"), path.join(partial, "data", "pg_wal"), {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}archive_status${path.sep}`),
      });
      mkdirSync(path.join(partial, "data", "pg_wal", "archive_status"), { recursive: true });
      writeFileSync(path.join(partial, "data", "backup_label"), stopped.labelfile);
      if (stopped.spcmapfile) writeFileSync(path.join(partial, "data", "tablespace_map"), stopped.spcmapfile);
      await tx`select pg_drop_replication_slot(${slot})`;
      const passwordFile = path.join(path.dirname(cluster.dataDir), "postgres.password");
      writeFileSync(path.join(partial, "postgres.password"), readFileSync(passwordFile), { mode: 0o600 });
      const info: BackupInfo = {
        format: "mobilo-physical-1",
        createdAt: new Date().toISOString(),
        serverVersion: version.v,
        startLsn: started.lsn,
        stopLsn: stopped.lsn,
      };
      writeFileSync(path.join(partial, "backup.json"), `${JSON.stringify(info, null, 2)}\n`);
      renameSync(partial, target);
      return info;
    } finally {
      tx.release();
    }
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
    await cluster.stop();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Restores a backup made by backupEmbedded into the embedded cluster's place for `requested`. The
 * cluster must not be running (stop the app first). The current data directory is kept, renamed to
 * `<data dir>.before-restore-<time>`; returns that path (or null when there was none).
 */
export async function restoreEmbedded(source: string, requested?: string): Promise<{ dataDir: string; previous: string | null }> {
  const info = JSON.parse(readFileSync(path.join(source, "backup.json"), "utf8")) as BackupInfo;
  if (info.format !== "mobilo-physical-1") throw new Error(`${source} is not a Mobilo backup`);
  const dataDir = resolveDataDir(requested);
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile) && isAlive(Number(readFileSync(pidFile, "utf8").split("\n")[0]))) {
    throw new Error(`The database in ${dataDir} is running: stop Mobilo before restoring.`);
  }
  let previous: string | null = null;
  if (existsSync(dataDir)) {
    previous = `${dataDir}.before-restore-${new Date().toISOString().replaceAll(":", "-")}`;
    renameSync(dataDir, previous);
  }
  const meta = path.dirname(dataDir);
  mkdirSync(meta, { recursive: true });
  cpSync(path.join(source, "data"), dataDir, { recursive: true, verbatimSymlinks: true });
  chmodSync(dataDir, 0o700);
  if (process.getuid?.() === 0) {
    // PostgreSQL runs as `postgres` and wants to own every file of its cluster.
    const owner = previous ? statSync(previous) : undefined;
    const { uid, gid } = owner && owner.uid !== 0 ? owner : postgresIds();
    chownTree(dataDir, uid, gid);
  }
  writeFileSync(path.join(meta, "postgres.password"), readFileSync(path.join(source, "postgres.password")), { mode: 0o600 });
  // Start once: PostgreSQL replays the WAL from the backup's start to its consistent end.
  const cluster = await startEmbeddedPostgres(requested);
  await cluster.stop();
  return { dataDir, previous };
}

function postgresIds(): { uid: number; gid: number } {
  const passwd = readFileSync("/etc/passwd", "utf8").split("\n").find((line) => line.startsWith("postgres:"));
  const fields = passwd?.split(":");
  if (!fields) throw new Error("no postgres system user");
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}
