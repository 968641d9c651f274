import { getDb, prepareDatabase } from "@/db";
import { startJobWorker } from "@/server/jobs/worker";
import { log, markPublicAddresses } from "@/server/log";
import { recomputeLegacyGrants } from "@/server/services/mobility-grants";
import { anonymiseDueEverywhere } from "@/server/services/retention";

/*
 * What the server does once on start (instrumentation.ts): start the database (embedded by default),
 * apply migrations, on an empty embedded database load the demo data, and recompute (once) grants
 * stored before partial grants existed (recomputeLegacyGrants), and anonymise pupils whose retention
 * period has ended (server/services/retention.ts; schools can also run it from the retention page), then start
 * the job queue's worker (server/jobs/worker.ts: webhook deliveries). If that fails the server
 * must not stay up answering 500: the reason is logged and the process exits non-zero (`npm start`
 * passes the exit code on).
 */
export async function prepareOrExit(): Promise<void> {
  try {
    const { embedded, dataDir } = await prepareDatabase();
    // An empty embedded database gets the demo data (scripts/seed.ts; the data layer never calls services).
    const demo = embedded ? await import("@/scripts/seed") : null;
    const seeded = demo ? await demo.seedIfEmpty(await getDb()) : false;
    const recomputed = await recomputeLegacyGrants(await getDb());
    if (recomputed > 0) log.info({ projects: recomputed }, "Grants stored before partial grants were recomputed");
    const anonymised = await anonymiseDueEverywhere(await getDb());
    if (anonymised > 0) log.info({ pupils: anonymised }, "Pupils past the retention period were anonymised");
    // The job queue (webhook deliveries; server/jobs/worker.ts): every instance runs a worker, SKIP LOCKED shares the work.
    startJobWorker(await getDb());
    if (demo) {
      const { DEMO_LOGINS, DEMO_PASSWORD } = demo;
      markPublicAddresses(DEMO_LOGINS.map((login) => login.email));
      log.info({ dataDir, seeded }, `Mobilo is using the embedded PostgreSQL in ${dataDir}${seeded ? "; demo data loaded" : ""}`);
      log.info(`Demo logins (password: ${DEMO_PASSWORD}):\n${DEMO_LOGINS.map((login) => `    ${login.email.padEnd(30)} ${login.role}`).join("\n")}`);
    }
  } catch (error) {
    log.fatal({ err: error }, "Mobilo cannot start: the database could not be prepared");
    log.flush();
    process.exit(1);
  }
}
