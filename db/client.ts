import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import * as schema from "./schema";

/** The database handle; `$client` is the postgres.js pool underneath (db/prepared.ts runs prepared statements on it). */
export type Db = PostgresJsDatabase<typeof schema> & { $client: Sql };
/** A transaction handle, or the database itself: services accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  close: () => Promise<void>;
}

export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Dates stay ISO strings (date columns use mode "string"); timestamps become Date objects.
  });
  const db = drizzle(client, { schema, casing: "snake_case" });
  return { db, close: () => client.end({ timeout: 5 }) };
}
