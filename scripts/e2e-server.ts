/*
 * The server Playwright tests run against: the production build on a fresh embedded database of its
 * own (.data/e2e), so every run starts from the demo data and never touches the app's data.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { removeCluster } from "../db/embedded";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? path.join(".data", "e2e"));
await removeCluster(path.join(dataDir, "postgres"));
rmSync(dataDir, { recursive: true, force: true });

const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = { ...process.env, MOBILO_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL; // always the embedded default, as on a fresh machine
const server = spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
