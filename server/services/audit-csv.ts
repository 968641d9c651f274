import type { TAuditEntry } from "./audit-trail";

export interface TAuditCsvHeadings {
  time: string;
  person: string;
  email: string;
  action: string;
  entityType: string;
  entityId: string;
  field: string;
  before: string;
  after: string;
}

/** A cell as text; formulas are defused (a leading =, +, - or @ would run in a spreadsheet). */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per changed field (one line for an entry with no visible change), with a BOM for spreadsheets. */
export function toAuditCsv(entries: TAuditEntry[], headings: TAuditCsvHeadings): string {
  const lines = [Object.values(headings).map(cell).join(",")];
  for (const entry of entries) {
    const head = [entry.createdAt.toISOString(), entry.actorName ?? "", entry.actorEmail ?? "", entry.action, entry.entityType, entry.entityId];
    const changes = entry.changes.length ? entry.changes : [{ field: "", before: null, after: null }];
    for (const change of changes) lines.push([...head, change.field, change.before, change.after].map(cell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
