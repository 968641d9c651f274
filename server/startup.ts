import { getDb, prepareDatabase } from "@/db";
import { log, markPublicAddresses } from "@/server/log";
import { recomputeLegacyGrants } from "@/server/services/mobility-grants";

/*
 * What the server does once on start (instrumentation.ts): start the database (embedded by default),
 * apply migrations, on an empty embedded database load the demo data, and recompute (once) grants
 * stored before partial grants existed (recomputeLegacyGrants). If that fails the server
 * must not stay up answering 500: the reason is logged and the process exits non-zero (`npm start`
 * passes the exit code on).
 */
export async function prepareOrExit(): Promise<void> {
  try {
    const { seeded, embedded, dataDir } = await prepareDatabase();
    const recomputed = await recomputeLegacyGrants(await getDb());
    if (recomputed > 0) log.info({ projects: recomputed }, "Grants stored before partial grants were recomputed");
    if (embedded) {
      const { DEMO_LOGINS, DEMO_PASSWORD } = await import("@/db/seed");
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
