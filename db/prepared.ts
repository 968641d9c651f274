import { fillPlaceholders, sql, type Placeholder, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/*
 * Statements PostgreSQL parses and plans once per connection, for the hot read paths.
 *
 * Drizzle's `db.execute` and query builders send every statement unnamed, so PostgreSQL parses and
 * plans it on every call, and drizzle turns the SQL object into text on every call too. For a large
 * aggregate like the project dashboard that is most of its cost (planning ≈ 2.6 ms, execution ≈ 1 ms:
 * docs/benchmarks.md). A prepared statement is compiled to text here once per process (values are
 * drizzle placeholders), and postgres.js (`prepare: true`) keeps it prepared per connection; after a
 * few executions PostgreSQL may switch to a generic plan and stop planning altogether.
 *
 * Values stay bound parameters: nothing of the caller's input is ever spliced into the text.
 */

const dialect = new PgDialect({ casing: "snake_case" });

type Value = string | number | boolean | null;

export interface PreparedStatement<K extends string, Row> {
  /** The compiled text and its parameters (placeholders unfilled), e.g. for EXPLAIN in a benchmark. */
  readonly query: { sql: string; params: unknown[] };
  execute(db: Db, values: Record<K, Value>): Promise<Row[]>;
}

/**
 * `build` receives one placeholder per key and returns the statement; it runs once, on first use.
 * Every key must appear in the statement (a missing value is a programming error, thrown at once).
 */
export function preparedStatement<K extends string, Row extends object>(
  keys: readonly K[],
  build: (placeholders: Record<K, Placeholder<K>>) => SQL,
): PreparedStatement<K, Row> {
  let compiled: { sql: string; params: unknown[] } | undefined;
  const query = () => {
    if (!compiled) {
      const placeholders = Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as Record<K, Placeholder<K>>;
      const { sql: text, params } = dialect.sqlToQuery(build(placeholders));
      compiled = { sql: text, params };
    }
    return compiled;
  };
  return {
    get query() {
      return query();
    },
    async execute(db, values) {
      const { sql: text, params } = query();
      return db.$client.unsafe<Row[]>(text, fillPlaceholders(params, values) as Value[], { prepare: true });
    },
  };
}
