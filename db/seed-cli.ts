import { migrateDatabase } from "./migrate";
import { openDatabase } from "./index";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "./seed";

const state = await openDatabase();
try {
  await migrateDatabase(state.db);
  await seedDemoData(state.db);
  console.log("Demo data is in place. Logins (password: %s):", DEMO_PASSWORD);
  for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(32)} ${login.role}`);
} finally {
  await state.close();
}
