/*
 * `npm start`: builds the app if the production build is missing or older than the sources, then
 * runs `next start` (http://localhost:3000, or PORT). With no DATABASE_URL the app starts its
 * embedded PostgreSQL and, on first start, loads the demo data and prints the logins.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Who started us (`sh` under `npm start`), taken before the build: see the end of this file. */
const parent = process.ppid;
process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");
const SOURCES = ["app", "components", "server", "db", "messages", "lib", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map(newestMtime));
if (builtAt < changedAt) {
  console.log(builtAt === 0 ? "Building Mobilo (first start)…" : "Sources changed since the last build: rebuilding…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
// Next itself, not through npx and a shell: a SIGTERM sent to `npm start` reaches the server (and so the
// embedded PostgreSQL it stops on exit) instead of leaving it running without a parent.
const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], { stdio: "inherit", env: process.env });
console.log(`Mobilo: http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));

// `npm start` runs this under `sh`, which dies of a SIGTERM sent to npm (a container stopping, a process
// manager) without passing it on. Orphaned, we stop the server as if we had been sent it ourselves.
setInterval(() => {
  if (process.ppid !== parent) server.kill("SIGTERM");
}, 1000).unref();
