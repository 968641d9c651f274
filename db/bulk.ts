import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/*
 * Inserting thousands of rows at once (an import): every row travels as one jsonb parameter and
 * PostgreSQL unpacks it with jsonb_to_recordset, so a chunk is one short statement with one bound
 * value instead of tens of thousands of placeholders. Column names and types come from the schema.
 */

const CHUNK = 2000;

export async function insertManyAsJson<T extends PgTable>(tx: DbOrTx, table: T, rows: readonly Partial<T["$inferInsert"]>[]): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((key) => key in columns);
  const spec = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return { key, name: column.name, type: column.getSQLType() };
  });
  const names = sql.join(spec.map((c) => sql.identifier(c.name)), sql`, `);
  const record = sql.join(spec.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.type)}`), sql`, `);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((row) => {
      const values = row as Record<string, unknown>;
      return Object.fromEntries(spec.map((c) => [c.name, values[c.key] ?? null]));
    });
    await tx.execute(sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(${record})`);
  }
}
