import { log } from "../server/log";
import { migrateDatabase } from "./migrate";
import { openDatabase } from "./index";

const state = await openDatabase();
try {
  await migrateDatabase(state.db);
  log.info("Migrations applied.");
} finally {
  await state.close();
}
