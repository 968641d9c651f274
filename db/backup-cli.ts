import path from "node:path";
import { log } from "../server/log";
import { backupEmbedded } from "./backup";
import { defaultDataDir } from "./embedded";

/* `npm run db:backup [-- <directory>]`: a physical backup of the embedded database (db/backup.ts). */
if (process.env.DATABASE_URL) {
  log.fatal(
    "DATABASE_URL is set: Mobilo's database is on another PostgreSQL server, whose files this machine cannot " +
      "copy. Back it up with that server's own tools (pg_basebackup or pg_dump of the server's major version, " +
      "or your provider's snapshots); see docs/decisions.md, \"Backups\".",
  );
  process.exit(2);
}
const stamp = new Date().toISOString().replaceAll(":", "-").replace(/\.\d+Z$/, "Z");
const target = path.resolve(process.argv[2] ?? path.join(path.dirname(defaultDataDir()), "backups", `mobilo-${stamp}`));
const info = await backupEmbedded(target);
log.info({ target, ...info }, `Backup written to ${target}`);
