import postgres from "postgres";
import { createDb, type Db, type DbHandle } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

export type { Db, DbOrTx } from "./client";

/*
 * One database per process. DATABASE_URL set → that server; not set → the embedded PostgreSQL.
 * Next.js loads instrumentation, route handlers and RSC as separate bundles, so the state lives on
 * globalThis: whichever bundle asks first starts it, the others await the same promise.
 */

export interface DatabaseState {
  db: Db;
  embedded: boolean;
  /** The embedded cluster's data directory (undefined with DATABASE_URL). */
  dataDir?: string;
  close: () => Promise<void>;
}

const APP_DATABASE = "mobilo";
const globalForDb = globalThis as typeof globalThis & { __mobiloDatabase?: Promise<DatabaseState> };

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function open(): Promise<DatabaseState> {
  const explicit = process.env.DATABASE_URL;
  if (explicit) {
    const handle: DbHandle = createDb(explicit);
    return { db: handle.db, embedded: false, close: handle.close };
  }
  const cluster = await startEmbeddedPostgres();
  await ensureDatabaseExists(cluster.url("postgres"), APP_DATABASE);
  const handle = createDb(cluster.url(APP_DATABASE));
  return {
    db: handle.db,
    embedded: true,
    dataDir: cluster.dataDir,
    close: async () => {
      await handle.close();
      await cluster.stop();
    },
  };
}

export function openDatabase(): Promise<DatabaseState> {
  globalForDb.__mobiloDatabase ??= open().catch((error: unknown) => {
    globalForDb.__mobiloDatabase = undefined;
    throw error;
  });
  return globalForDb.__mobiloDatabase;
}

export async function getDb(): Promise<Db> {
  return (await openDatabase()).db;
}

/** Applies the committed migrations. (The demo data is scripts/seed.ts's, loaded by server/startup.ts.) */
export async function prepareDatabase(): Promise<{ embedded: boolean; dataDir?: string }> {
  const state = await openDatabase();
  await migrateDatabase(state.db);
  return state.embedded ? { embedded: true, dataDir: state.dataDir } : { embedded: false };
}
