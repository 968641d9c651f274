import { migrateDatabase } from "./migrate";
import { openDatabase } from "./index";

const state = await openDatabase();
try {
  await migrateDatabase(state.db);
  console.log("Migrations applied.");
} finally {
  await state.close();
}
