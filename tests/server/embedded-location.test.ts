import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeCluster, resolveDataDir, startEmbeddedPostgres } from "@/db/embedded";

/*
 * Where the embedded cluster lives when the checkout sits in a private directory (a 0700 home, the
 * usual container case). As root PostgreSQL runs as the `postgres` system user, which cannot reach it:
 * the cluster goes under MOBILO_SYSTEM_DIR instead, 0700 and owned by postgres. Not as root, the
 * cluster stays where it was asked to be. A cluster that already exists is always kept where it is.
 */
const isRoot = process.getuid?.() === 0;
let scratch: string;
let privateHome: string;
const savedSystemDir = process.env.MOBILO_SYSTEM_DIR;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "mobilo-location-"));
  chmodSync(scratch, 0o755);
  privateHome = path.join(scratch, "home");
  mkdirSync(privateHome, { mode: 0o700 });
  chmodSync(privateHome, 0o700);
  mkdirSync(path.join(scratch, "system"));
  process.env.MOBILO_SYSTEM_DIR = path.join(scratch, "system");
});

afterAll(() => {
  if (savedSystemDir === undefined) delete process.env.MOBILO_SYSTEM_DIR;
  else process.env.MOBILO_SYSTEM_DIR = savedSystemDir;
  rmSync(scratch, { recursive: true, force: true });
});

async function count(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`create table if not exists kept (n int)`;
    await sql`insert into kept values (1)`;
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from kept`;
    return row?.n ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe("the embedded cluster of a checkout in a private directory", () => {
  it("starts, keeps its data across restarts, safe from other users", async () => {
    const requested = path.join(privateHome, "checkout", ".data", "postgres");
    const dataDir = resolveDataDir(requested);
    if (isRoot) expect(dataDir.startsWith(path.join(scratch, "system", "clusters") + path.sep)).toBe(true);
    else expect(dataDir).toBe(requested);

    const first = await startEmbeddedPostgres(requested);
    try {
      expect(first.dataDir).toBe(dataDir);
      expect(await count(first.url("postgres"))).toBe(1);
    } finally {
      await first.stop();
    }
    const stat = statSync(dataDir);
    expect(stat.mode & 0o777).toBe(0o700);
    if (isRoot) expect(stat.uid).not.toBe(0);

    const second = await startEmbeddedPostgres(requested);
    try {
      expect(await count(second.url("postgres"))).toBe(2);
    } finally {
      await second.stop();
    }
    await removeCluster(requested);
    expect(() => statSync(dataDir)).toThrow();
  });

  it("keeps an existing cluster where it already is", () => {
    const requested = path.join(privateHome, "old-install", ".data", "postgres");
    mkdirSync(requested, { recursive: true });
    writeFileSync(path.join(requested, "PG_VERSION"), "18\n");
    expect(resolveDataDir(requested)).toBe(requested);
  });
});
