/*
 * Runs once when the server starts (not during `next build`): starts the database (embedded by
 * default), applies migrations, and on an empty embedded database loads the demo data. If that fails
 * the server must not stay up answering 500: the reason is logged and the process exits non-zero
 * (`npm start` passes the exit code on).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log, markPublicAddresses } = await import("./server/log");
  try {
    const { prepareDatabase } = await import("./db");
    const { seeded, embedded, dataDir } = await prepareDatabase();
    if (embedded) {
      const { DEMO_LOGINS, DEMO_PASSWORD } = await import("./db/seed");
      markPublicAddresses(DEMO_LOGINS.map((login) => login.email));
      log.info({ dataDir, seeded }, `Mobilo is using the embedded PostgreSQL in ${dataDir}${seeded ? "; demo data loaded" : ""}`);
      log.info(
        `Demo logins (password: ${DEMO_PASSWORD}):\n${DEMO_LOGINS.map((login) => `    ${login.email.padEnd(30)} ${login.role}`).join("\n")}`,
      );
    }
  } catch (error) {
    log.fatal({ err: error }, "Mobilo cannot start: the database could not be prepared");
    log.flush();
    process.exit(1);
  }
}
