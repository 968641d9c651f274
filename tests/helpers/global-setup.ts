import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

/*
 * Once per test run: a PostgreSQL server (DATABASE_URL's, else an embedded one with its own data
 * directory so a running app is never touched), and a template database with every migration
 * applied. Each test file clones its own database from the template (tests/helpers/db.ts).
 */

export const TEMPLATE_DATABASE = "mobilo_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let cluster: EmbeddedCluster | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    cluster = await startEmbeddedPostgres(path.resolve(".data", "postgres-test"));
    adminUrl = cluster.url("postgres");
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Clones left by an interrupted run, then a fresh template.
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'mobilo_test_%'`;
    for (const { datname } of leftovers) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.unsafe(`create database "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const template = createDb(withDatabase(adminUrl, TEMPLATE_DATABASE), { max: 1 });
  try {
    await migrateDatabase(template.db);
  } finally {
    await template.close();
  }

  project.provide("adminDatabaseUrl", adminUrl);

  return async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await cleanup.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    } finally {
      await cleanup.end({ timeout: 5 });
    }
    await cluster?.stop();
  };
}
