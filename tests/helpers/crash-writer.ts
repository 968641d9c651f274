/*
 * The "app" that tests/server/crash-safety.test.ts kills with SIGKILL: it owns the embedded cluster
 * (like the Next server does), then changes the status of every mobility of one project in bulk,
 * through the same service the `mobilities.setStatus` procedure calls, over and over. After each
 * commit it prints `DONE <n>`.
 */
import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { startEmbeddedPostgres } from "../../db/embedded";
import { mobilities } from "../../db/schema";
import { createCaller } from "../../server/api/root";

const { CRASH_DATA_DIR, CRASH_DATABASE, CRASH_INPUT } = process.env;
if (!CRASH_DATA_DIR || !CRASH_DATABASE || !CRASH_INPUT) throw new Error("crash-writer: CRASH_DATA_DIR, CRASH_DATABASE and CRASH_INPUT are required");
const input = JSON.parse(CRASH_INPUT) as { orgId: string; projectId: string; mobilityIds: string[]; user: { id: string; email: string; name: string } };

const cluster = await startEmbeddedPostgres(CRASH_DATA_DIR);
const { db } = createDb(cluster.url(CRASH_DATABASE), { max: 2 });
const caller = createCaller({ db, session: { user: input.user } });
const [first] = await db.select({ status: mobilities.status }).from(mobilities).where(eq(mobilities.projectId, input.projectId)).limit(1);
let status = first?.status ?? "planned";
process.stdout.write(`READY ${cluster.port}\n`);
for (let n = 1; ; n++) {
  status = status === "completed" ? "planned" : "completed";
  const { updated } = await caller.mobilities.setStatus({ orgId: input.orgId, projectId: input.projectId, mobilityIds: input.mobilityIds, status });
  if (updated !== input.mobilityIds.length) throw new Error(`crash-writer: ${updated} of ${input.mobilityIds.length} changed`);
  process.stdout.write(`DONE ${n}\n`);
}
