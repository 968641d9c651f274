/*
 * `npm test`: typecheck, lint, Vitest (unit + router tests on a real PostgreSQL, coverage of the rules
 * engine enforced), a production build, then Playwright in Debian's Chromium. Stops at the first red step.
 */
import { spawnSync } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const steps: [string, string[]][] = [
  ["typecheck", ["tsc", "--noEmit"]],
  ["lint", ["eslint", "--max-warnings=0", "."]],
  ["vitest", ["vitest", "run", "--coverage"]],
  ["build", ["next", "build"]],
  ["playwright", ["playwright", "test"]],
];

const only = process.argv.slice(2);
for (const [name, command] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command.join(" ")}`);
  const result = spawnSync("npx", command, { stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
