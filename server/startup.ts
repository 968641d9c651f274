import { prepareDatabase } from "@/db";
import { log, markPublicAddresses } from "@/server/log";

/*
 * What the server does once on start (instrumentation.ts): start the database (embedded by default),
 * apply migrations, and on an empty embedded database load the demo data. If that fails the server
 * must not stay up answering 500: the reason is logged and the process exits non-zero (`npm start`
 * passes the exit code on).
 */
export async function prepareOrExit(): Promise<void> {
  try {
    const { seeded, embedded, dataDir } = await prepareDatabase();
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
