import path from "node:path";
import { log } from "../server/log";
import { restoreEmbedded } from "./backup";

/* `npm run db:restore -- <backup directory>`: restores a backup made by `npm run db:backup` (db/backup.ts). */
if (process.env.DATABASE_URL) {
  log.fatal("DATABASE_URL is set: restore that server with its own tools; see docs/decisions.md, \"Backups\".");
  process.exit(2);
}
const source = process.argv[2];
if (!source) {
  log.fatal("Usage: npm run db:restore -- <backup directory>");
  process.exit(2);
}
const { dataDir, previous } = await restoreEmbedded(path.resolve(source));
log.info({ dataDir, previous }, `Restored ${source} into ${dataDir}${previous ? `; the previous data is kept in ${previous}` : ""}`);
