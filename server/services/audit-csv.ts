import type { Db } from "@/db/client";
import { csvDialect, toCsv, type TCsvDialect } from "@/lib/csv";
import { zonedDateTime } from "@/lib/zoned-time";
import { env } from "@/server/env";
import type { TAuditCsvHeadings, TAuditFilters } from "@/server/schemas/audit";
import { exportAuditEntries, type TAuditEntry } from "./audit-trail";
import type { Actor } from "./memberships";

export type { TAuditCsvHeadings };


/** Every value as text (JSON for numbers, booleans and objects), so lib/csv.ts defuses each like text. */
function text(value: unknown): string {
  return value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * One line per changed field (one line for an entry with no visible change), in the reader's CSV dialect
 * (lib/csv.ts), each time as the school's clock showed it (MOBILO_TIME_ZONE), like the page.
 */
export function toAuditCsv(entries: TAuditEntry[], headings: TAuditCsvHeadings, dialect: TCsvDialect): string {
  const rows: string[][] = [];
  for (const entry of entries) {
    const head = [zonedDateTime(entry.createdAt, env.MOBILO_TIME_ZONE), entry.actorName ?? entry.actorApiKeyName ?? "", entry.actorEmail ?? "", entry.action, entry.entityType, entry.entityId];
    const changes = entry.changes.length ? entry.changes : [{ field: "", before: null, after: null }];
    for (const change of changes) rows.push([...head, change.field, text(change.before), text(change.after)]);
  }
  return toCsv(Object.values(headings), rows, dialect.separator);
}

/** The school's audit trail as a CSV file with the page's filters. */
export async function exportAuditCsv(db: Db, actor: Actor, input: TAuditFilters & { headings: TAuditCsvHeadings; locale: string }): Promise<string> {
  return toAuditCsv(await exportAuditEntries(db, actor, input), input.headings, csvDialect(input.locale));
}
