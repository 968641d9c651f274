import { parseEuroToCents } from "@/server/schemas/money";
import { lookupDictionary } from "./dictionaries";
import type { BmFormat } from "./types";

/** A cell as the file readers hand it over: CSV gives text, XLSX also numbers, booleans, dates and formulas. */
export type BmCellValue = string | number | boolean | Date | null | { formula: string };

/** A parsed cell, or the reason it is refused (an i18n key under `bm.cell.*` with its parameters). */
export type CellResult =
  | { ok: true; value: string | number | boolean | null }
  | { ok: false; code: string; params?: Record<string, string | number> };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/** Dates as Excel stores them (date cells, serial numbers) or as people type them (ISO, dd.mm.yyyy, dd/mm/yyyy). */
export function parseDate(raw: Exclude<BmCellValue, null | { formula: string }>): string | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return isoOf(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  if (typeof raw === "number") {
    if (!Number.isInteger(raw) || raw < 1 || raw > 73_050) return null;
    const date = new Date(EXCEL_EPOCH_MS + raw * DAY_MS);
    return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  if (typeof raw === "boolean") return null;
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const european = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\.?$/.exec(text);
  if (european) return isoOf(Number(european[3]), Number(european[2]), Number(european[1]));
  if (/^\d{4,5}$/.test(text)) return parseDate(Number(text));
  return null;
}

function asText(raw: Exclude<BmCellValue, null | { formula: string }>): string {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

/** One cell of a column of the given format. Empty cells are `null` (whether that is allowed is the row's business). */
export function parseCell(format: BmFormat, raw: BmCellValue): CellResult {
  if (raw !== null && typeof raw === "object" && !(raw instanceof Date)) return { ok: false, code: "formula" };
  if (raw === null || (typeof raw === "string" && raw.trim() === "")) return { ok: true, value: null };
  switch (format.kind) {
    case "text": {
      const text = asText(raw);
      return text.length > format.max ? { ok: false, code: "tooLong", params: { max: format.max } } : { ok: true, value: text };
    }
    case "email": {
      const text = asText(raw).toLowerCase();
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 200 ? { ok: true, value: text } : { ok: false, code: "email" };
    }
    case "integer": {
      const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isInteger(value)) return { ok: false, code: "integer" };
      if (value < format.min || value > format.max) return { ok: false, code: "range", params: { min: format.min, max: format.max } };
      return { ok: true, value };
    }
    case "date": {
      const iso = parseDate(raw);
      return iso ? { ok: true, value: iso } : { ok: false, code: "date" };
    }
    case "amount": {
      // Numbers from a spreadsheet are read through their decimal text: no floating point touches money.
      const text = typeof raw === "number" ? String(raw) : asText(raw);
      const cents = parseEuroToCents(text);
      return cents === null || cents > 2_000_000_000 ? { ok: false, code: "amount" } : { ok: true, value: cents };
    }
    case "dictionary": {
      const value = lookupDictionary(format.dictionary, asText(raw));
      if (value === null) return { ok: false, code: "dictionary", params: { value: asText(raw).slice(0, 60) } };
      return { ok: true, value: format.dictionary === "yesNo" ? value === "true" : value };
    }
  }
}
