import { log, markPublicAddresses } from "../server/log";
import { migrateDatabase } from "../db/migrate";
import { openDatabase } from "../db/index";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "./seed";

const state = await openDatabase();
try {
  await migrateDatabase(state.db);
  await seedDemoData(state.db);
  markPublicAddresses(DEMO_LOGINS.map((login) => login.email));
  log.info(
    `Demo data is in place. Logins (password: ${DEMO_PASSWORD}):\n${DEMO_LOGINS.map((login) => `  ${login.email.padEnd(32)} ${login.role}`).join("\n")}`,
  );
} finally {
  await state.close();
}
