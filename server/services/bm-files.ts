import ExcelJS from "exceljs";
import type { BmCellValue } from "@/server/bm";

/*
 * Reading and writing Beneficiary Module files (XLSX through exceljs, CSV by hand). The layout is
 * server/bm's data; this module only moves cells in and out of bytes. Every way a file can be wrong
 * before its rows are read is a BmFileError with an i18n key under `bm.file.*`.
 */

/** Larger files are refused before they are parsed (BM's own limit is about this size too). */
export const MAX_BM_FILE_BYTES = 10 * 1024 * 1024;
/** Data rows per import (issue 12). */
export const MAX_BM_ROWS = 10_000;

export type BmFileFormat = "xlsx" | "csv";

export class BmFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export interface BmSheet {
  format: BmFileFormat;
  /** Row 1 (the headers) first; every cell as the reader found it. */
  rows: BmCellValue[][];
  /** File-level notes: hidden sheets skipped, the encoding guessed … (i18n keys under `bm.file.*`). */
  warnings: { code: string; params?: Record<string, string | number> }[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: an encrypted (password-protected) XLSX or an old .xls. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** What the file is, judged by its first bytes (never by its name). */
export function sniffFormat(bytes: Uint8Array): BmFileFormat {
  if (bytes.length === 0) throw new BmFileError("empty");
  if (bytes.length > MAX_BM_FILE_BYTES) throw new BmFileError("tooLarge", { maxMb: MAX_BM_FILE_BYTES / 1024 / 1024 });
  if (startsWith(bytes, OLE_MAGIC)) throw new BmFileError("encryptedOrXls");
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  // Text: no NUL bytes in the first few kilobytes (PDFs, images and executables have them).
  const head = bytes.subarray(0, 4096);
  if (head.includes(0) || startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new BmFileError("wrongType");
  return "csv";
}

function cellOf(value: ExcelJS.CellValue): BmCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("formula" in value || "sharedFormula" in value) return { formula: String("formula" in value ? value.formula : value.sharedFormula) };
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return String(value.text ?? "");
  if ("error" in value) return { formula: String(value.error) };
  return null;
}

async function readXlsx(bytes: Uint8Array): Promise<BmSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new BmFileError("corrupt");
  }
  const warnings: BmSheet["warnings"] = [];
  const visible = workbook.worksheets.filter((sheet) => sheet.state === "visible");
  for (const hidden of workbook.worksheets.filter((sheet) => sheet.state !== "visible")) {
    warnings.push({ code: "hiddenSheetSkipped", params: { sheet: hidden.name } });
  }
  const sheet = visible[0];
  if (!sheet) throw new BmFileError("noVisibleSheet");
  if (visible.length > 1) warnings.push({ code: "firstSheetOnly", params: { sheet: sheet.name } });
  if (sheet.rowCount > MAX_BM_ROWS + 2) throw new BmFileError("tooManyRows", { max: MAX_BM_ROWS });
  const width = sheet.columnCount;
  const rows: BmCellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: BmCellValue[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push(cells);
  }
  return { format: "xlsx", rows, warnings };
}

/** UTF-8 (with or without BOM); text that is not valid UTF-8 is read as Windows-1250 (Central European Excel). */
function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: hasBom ? "utf-8-bom" : "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1250").decode(body), encoding: "windows-1250" };
  }
}

/** The separator of row 1: whichever of `;`, `,` and tab occurs most outside quotes. */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>([[";", 0], [",", 0], ["\t", 0]]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ",";
}

/** RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(bytes: Uint8Array): BmSheet {
  const { text, encoding } = decodeText(bytes);
  const separator = detectSeparator(text);
  const rows = parseCsv(text, separator);
  if (rows.length > MAX_BM_ROWS + 2) throw new BmFileError("tooManyRows", { max: MAX_BM_ROWS });
  const warnings: BmSheet["warnings"] = encoding === "windows-1250" ? [{ code: "readAsWindows1250" }] : [];
  // A leading "=" in a CSV cell is a formula to a spreadsheet: flagged like an XLSX formula.
  const cells = rows.map((row) => row.map((value): BmCellValue => (/^=[A-Za-z(]/.test(value.trim()) ? { formula: value.trim().slice(1) } : value)));
  return { format: "csv", rows: cells, warnings };
}

export async function readBmSheet(bytes: Uint8Array): Promise<BmSheet> {
  const format = sniffFormat(bytes);
  const sheet = format === "xlsx" ? await readXlsx(bytes) : readCsv(bytes);
  if (sheet.rows.length === 0) throw new BmFileError("empty");
  return sheet;
}

/** A written cell: text, a whole number, an amount (cents, written in EUR) or a date (ISO). */
export type BmOutCell = string | number | { cents: number } | { date: string } | null;

/** Cents as EUR text with two decimals: digits moved, not divided, so no floating point touches money. */
export function centsText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const digits = String(Math.abs(cents)).padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Text that a spreadsheet would run as a formula is written with a leading apostrophe. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
}

export async function writeBmXlsx(sheetName: string, headers: string[], row2: string[], rows: BmOutCell[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(row2).font = { italic: true, color: { argb: "FF666666" } };
  for (const row of rows) {
    const added = sheet.addRow(
      row.map((cell) => {
        if (cell === null || typeof cell === "number") return cell;
        if (typeof cell === "string") return defuse(cell);
        if ("cents" in cell) return Number(centsText(cell.cents));
        return new Date(`${cell.date}T00:00:00Z`);
      }),
    );
    row.forEach((cell, index) => {
      if (cell !== null && typeof cell === "object") added.getCell(index + 1).numFmt = "date" in cell ? "dd/mm/yyyy" : "0.00";
    });
  }
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  headers.forEach((header, index) => (sheet.getColumn(index + 1).width = Math.min(40, Math.max(12, header.length + 2))));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function csvField(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as BM reads it: UTF-8 with a BOM, comma-separated, dates dd/mm/yyyy, amounts with a decimal point. */
export function writeBmCsv(headers: string[], row2: string[], rows: BmOutCell[][]): string {
  const line = (cells: string[]) => cells.map(csvField).join(",");
  const out = [line(headers), line(row2)];
  for (const row of rows) {
    out.push(
      line(
        row.map((cell) => {
          if (cell === null) return "";
          if (typeof cell === "number") return String(cell);
          if (typeof cell === "string") return defuse(cell);
          return "cents" in cell ? centsText(cell.cents) : dmy(cell.date);
        }),
      ),
    );
  }
  return `\uFEFF${out.join("\r\n")}\r\n`;
}

export interface FeedbackMark {
  /** 0-based row and column in the sheet (row 0 is the header row). */
  row: number;
  column: number | null;
  severity: "error" | "warning";
  message: string;
}

/**
 * The uploaded sheet back, with each refused cell filled red (warnings yellow) and a comment that
 * says why; a row-level message goes on the row's first cell. Written as XLSX whatever was uploaded.
 */
export async function writeFeedbackXlsx(sheet: BmSheet, marks: FeedbackMark[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet("Feedback");
  for (const row of sheet.rows) {
    out.addRow(row.map((cell) => (cell !== null && typeof cell === "object" && !(cell instanceof Date) ? `=${cell.formula}` : cell)));
  }
  const byCell = new Map<string, FeedbackMark[]>();
  for (const mark of marks) {
    const key = `${mark.row}:${mark.column ?? 0}`;
    byCell.set(key, [...(byCell.get(key) ?? []), mark]);
  }
  for (const [key, list] of byCell) {
    const [r, c] = key.split(":").map(Number) as [number, number];
    const cell = out.getRow(r + 1).getCell(c + 1);
    const error = list.some((m) => m.severity === "error");
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: error ? "FFFFC7CE" : "FFFFEB9C" } };
    cell.note = list.map((m) => m.message).join("\n");
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
