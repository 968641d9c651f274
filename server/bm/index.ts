import { BM_DICTIONARIES, dictionaryCode, lookupDictionary, normaliseLabel } from "./dictionaries";
import { KA121_SCH_2023_2, KA122_SCH_2023_2 } from "./releases/bm-2023-2";
import { KA121_SCH_2025_1, KA122_SCH_2025_1 } from "./releases/bm-2025-1";
import type { BmColumn, BmField, BmTemplate } from "./types";

export * from "./types";
export { BM_DICTIONARIES, dictionaryCode, lookupDictionary, normaliseLabel };
export { parseCell, type BmCellValue, type CellResult } from "./cells";

/** Every BM release Mobilo knows, oldest first. A new release: a file in releases/ and one line here. */
export const BM_TEMPLATES: readonly BmTemplate[] = [KA121_SCH_2023_2, KA122_SCH_2023_2, KA121_SCH_2025_1, KA122_SCH_2025_1];

/** The newest template of an action: what an export writes and an empty template offers. */
export function latestTemplate(action: "KA121" | "KA122"): BmTemplate {
  const found = BM_TEMPLATES.filter((t) => t.action === `${action}-SCH`).at(-1);
  if (!found) throw new Error(`no BM template for ${action}`);
  return found;
}

export function templateById(id: string): BmTemplate | undefined {
  return BM_TEMPLATES.find((t) => t.id === id);
}

export interface HeaderMatch {
  /** Column index (0-based) → the field it carries. */
  fields: Map<number, BmField>;
  /** Headers that match no known field: ignored, reported as a warning. */
  unknown: { index: number; header: string }[];
  /** Headers that appear twice: the first one counts. */
  duplicates: { index: number; header: string }[];
  /** Mandatory fields of the template that no column carries. */
  missingMandatory: BmColumn[];
}

/**
 * Matches row 1 to the template's fields by header name (case, spaces, punctuation and accents
 * ignored), never by position. Every header a field has in any release is accepted, plus explicit
 * overrides (a school's own spreadsheet: header → field).
 */
export function matchHeaders(template: BmTemplate, headers: readonly string[], overrides: Readonly<Record<string, BmField | null>> = {}): HeaderMatch {
  const byLabel = new Map<string, BmField>();
  for (const t of [template, ...BM_TEMPLATES.filter((other) => other !== template)]) {
    for (const column of t.columns) {
      if (column.exportOnly) continue;
      for (const label of [column.header, ...(column.aliases ?? [])]) {
        const key = normaliseLabel(label);
        if (!byLabel.has(key)) byLabel.set(key, column.field);
      }
    }
  }
  const normalisedOverrides = new Map(Object.entries(overrides).map(([header, field]) => [normaliseLabel(header), field]));
  const exportOnly = new Set(BM_TEMPLATES.flatMap((t) => t.columns.filter((c) => c.exportOnly).flatMap((c) => [c.header, ...(c.aliases ?? [])]).map(normaliseLabel)));
  const fields = new Map<number, BmField>();
  const seen = new Set<BmField>();
  const unknown: HeaderMatch["unknown"] = [];
  const duplicates: HeaderMatch["duplicates"] = [];
  headers.forEach((header, index) => {
    const key = normaliseLabel(header);
    if (key === "") return;
    const field = normalisedOverrides.has(key) ? normalisedOverrides.get(key) : byLabel.get(key);
    if (field === null) return; // the user chose to ignore this column
    if (field === undefined) {
      if (!exportOnly.has(key)) unknown.push({ index, header });
      return;
    }
    if (seen.has(field)) {
      duplicates.push({ index, header });
      return;
    }
    seen.add(field);
    fields.set(index, field);
  });
  const missingMandatory = template.columns.filter((column) => column.mandatory && !seen.has(column.field));
  return { fields, unknown, duplicates, missingMandatory };
}

/** The column of a field in a template (what format a cell must have). */
export function columnOf(template: BmTemplate, field: BmField): BmColumn | undefined {
  return template.columns.find((column) => column.field === field) ?? BM_TEMPLATES.flatMap((t) => t.columns).find((c) => c.field === field);
}

/** The counter part of a default Mobility activity ID: `<last 6 digits of the project number>-MOB-<5-digit counter>`. */
export function defaultMobilityActivityId(projectNumber: string, counter: number): string {
  return `${projectNumber.slice(-6)}-MOB-${String(counter).padStart(5, "0")}`;
}

/** The Erasmus+ Mobility ID's format (domain doc §1, A): year-5 letters-4 digits-last 20 chars of the project code. */
export const ERASMUS_MOBILITY_ID_PATTERN = /^20\d{2}-[A-Z]{5}-\d{4}-[A-Z0-9-]{20}$/;
export { BM_PREFLIGHT, bmWouldReport } from "./preflight";
