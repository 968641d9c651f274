import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { removeCluster, startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

/*
 * Once per test run: a PostgreSQL server (DATABASE_URL's, else an embedded one with its own data
 * directory so a running app is never touched), and a template database with every migration
 * applied. Each test file clones its own database from the template (tests/helpers/db.ts).
 */

/** Names carry this process's pid, so concurrent runs never touch each other's databases. */
export const RUN_PREFIX = `mobilo_test_${process.pid}`;
export const TEMPLATE_DATABASE = `${RUN_PREFIX}_template`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Data directories of embedded test clusters whose run died without cleaning up. */
async function removeDeadRunDirs(root: string) {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const match = /^postgres-test-(\d+)$/.exec(entry);
    if (match && !isAlive(Number(match[1]))) {
      await removeCluster(path.join(root, entry, "postgres"));
      rmSync(path.join(root, entry), { recursive: true, force: true });
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
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
    // Its own cluster per run (initdb takes about a second), removed afterwards.
    await removeDeadRunDirs(path.resolve(".data"));
    cluster = await startEmbeddedPostgres(path.resolve(".data", `postgres-test-${process.pid}`, "postgres"));
    adminUrl = cluster.url("postgres");
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Databases left by runs that died (their pid is gone), then a fresh template.
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'mobilo_test_%'`;
    for (const { datname } of leftovers) {
      const pid = Number(/^mobilo_test_(\d+)_/.exec(datname)?.[1]);
      if (!Number.isInteger(pid) || !isAlive(pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
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
  project.provide("templateDatabase", TEMPLATE_DATABASE);

  return async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await cleanup.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    } finally {
      await cleanup.end({ timeout: 5 });
    }
    if (cluster) {
      await cluster.stop();
      await removeCluster(path.resolve(".data", `postgres-test-${process.pid}`, "postgres"));
      rmSync(path.resolve(".data", `postgres-test-${process.pid}`), { recursive: true, force: true });
    }
  };
}
