import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "@/db/client";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for this test file, cloned from the migrated template, dropped afterwards.
 * Returns a getter: the database exists from `beforeAll` on.
 */
export function setupTestDatabase(): () => Db {
  const adminUrl = inject("adminDatabaseUrl");
  const template = inject("templateDatabase");
  const name = `${template.replace(/_template$/, "")}_${randomBytes(6).toString("hex")}`;
  let handle: ReturnType<typeof createDb> | undefined;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    handle = createDb(withDatabase(adminUrl, name), { max: 25 });
  });

  afterAll(async () => {
    await handle?.close();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });

  return () => {
    if (!handle) throw new Error("setupTestDatabase: the database is only ready inside tests and hooks");
    return handle.db;
  };
}
