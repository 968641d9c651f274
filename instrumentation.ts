/*
 * Runs once when the server starts (not during `next build`): starts the database (embedded by
 * default), applies migrations, on an empty embedded database loads the demo data, and recomputes
 * grants stored before partial grants existed (once; see recomputeLegacyGrants).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb, prepareDatabase } = await import("./db");
  const { seeded, embedded } = await prepareDatabase();
  const { recomputeLegacyGrants } = await import("./server/services/mobility-grants");
  await recomputeLegacyGrants(await getDb());
  if (embedded) {
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import("./db/seed");
    console.log(`\n  Mobilo is using the embedded PostgreSQL (.data/postgres)${seeded ? "; demo data loaded" : ""}.`);
    console.log(`  Demo logins (password: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) console.log(`    ${login.email.padEnd(30)} ${login.role}`);
    console.log("");
  }
}
