/*
 * `npm run bench [name …]`: runs benchmarks one after the other, each in its own process.
 *   npm run bench                    → the project dashboard (bench/dashboard.ts)
 *   npm run bench -- mobility-list   → the named benchmark(s) (bench/<name>.ts)
 *   npm run bench -- all             → every bench/*.ts except this runner
 * Benchmarks are not part of `npm test`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const dir = path.join(process.cwd(), "bench");
const available = readdirSync(dir)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => file.replace(/\.ts$/, ""))
  .sort();
const requested = process.argv.slice(2);
const names = requested.length === 0 ? ["dashboard"] : requested.includes("all") ? available : requested;

for (const name of names) {
  const file = path.join(dir, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`No benchmark "${name}". Available: ${available.join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  const result = spawnSync("npx", ["tsx", file], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
