/*
 * The app's one CSV writer (RFC 4180 with a BOM): every export builds its lines here.
 *
 * - One dialect per language (`csvDialect`): what a spreadsheet in that language opens by a double click.
 *   Slovenian (like most of Europe) has the decimal comma, so its list separator is `;`; English has
 *   the decimal point and `,`. A field is quoted when it holds the separator, a quote, CR or LF (so
 *   `1234,56` stays a bare number in the `;` file).
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a CR would be run by a
 *   spreadsheet; it gets a leading `'` (OWASP's advice). Numbers are written as numbers (a negative
 *   number is data, not a formula).
 * - Lines end in CRLF; the BOM makes Excel read UTF-8 (č, š, ž).
 */

export type TCsvValue = string | number | null | undefined;
export type TCsvSeparator = "," | ";";

export const CSV_BOM = "\uFEFF";

export interface TCsvDialect {
  separator: TCsvSeparator;
  decimalSeparator: "," | ".";
}

/** Every CSV the app writes for a reader of `locale` uses this dialect. */
export function csvDialect(locale: string): TCsvDialect {
  return locale === "en" ? { separator: ",", decimalSeparator: "." } : { separator: ";", decimalSeparator: "," };
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: TCsvValue, separator: TCsvSeparator): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly TCsvValue[], separator: TCsvSeparator): string {
  return `${values.map((value) => csvCell(value, separator)).join(separator)}\r\n`;
}

/** Euros with two decimals from integer cents, by integer arithmetic: `1234,56` (or `1234.56`), a bare number in a `;` file. */
export function csvAmount(cents: number, decimalSeparator: "," | "."): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, "0")}`;
}

/** A whole file: the BOM, the header line and the rows. */
export function toCsv(header: readonly TCsvValue[], rows: Iterable<readonly TCsvValue[]>, separator: TCsvSeparator): string {
  let out = CSV_BOM + csvLine(header, separator);
  for (const row of rows) out += csvLine(row, separator);
  return out;
}
