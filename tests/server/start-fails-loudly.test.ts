import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The server's start hook (instrumentation.ts, run by Next before it serves anything) in a real
 * process: when the database cannot be prepared it must print the reason and exit non-zero, never
 * leave a server up answering 500. `npm start` passes the exit code on (scripts/start.ts).
 */
const root = process.cwd();

function runStartHook(env: Record<string, string>) {
  const { VITEST: _vitest, VITEST_POOL_ID: _pool, VITEST_WORKER_ID: _worker, DATABASE_URL: _url, ...inherited } = process.env;
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "-e", 'const m = await import("./instrumentation.ts"); await m.register(); console.log("PREPARED");'],
    { cwd: root, env: { ...inherited, NEXT_RUNTIME: "nodejs", LOG_FORMAT: "json", ...env }, encoding: "utf8", timeout: 60_000 },
  );
}

function fatalLine(stdout: string): { level: number; msg: string; err: { message: string } } | undefined {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; err: { message: string } })
    .find((entry) => entry.level === 60);
}

describe("a start that fails loudly", () => {
  it("exits 1 with the reason when the configured PostgreSQL cannot be reached", () => {
    const result = runStartHook({ DATABASE_URL: "postgres://mobilo:x@127.0.0.1:1/mobilo" });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain("PREPARED");
    const fatal = fatalLine(result.stdout);
    expect(fatal?.msg).toContain("database could not be prepared");
    expect(JSON.stringify(fatal?.err)).toContain("ECONNREFUSED");
  });

  it("exits 1 with the reason when the embedded PostgreSQL cannot start", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mobilo-broken-"));
    chmodSync(dir, 0o755);
    try {
      // A cluster made by a PostgreSQL this one cannot read: postgres refuses to start.
      mkdirSync(path.join(dir, "postgres"), { recursive: true });
      writeFileSync(path.join(dir, "postgres", "PG_VERSION"), "9\n");
      const result = runStartHook({ MOBILO_DATA_DIR: dir });
      expect(result.status).toBe(1);
      expect(result.stdout).not.toContain("PREPARED");
      const fatal = fatalLine(result.stdout);
      expect(fatal?.err.message).toContain("Could not start the embedded PostgreSQL");
      expect(fatal?.err.message).toMatch(/postgresql\.conf|incompatible/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
