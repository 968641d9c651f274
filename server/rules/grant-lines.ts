/**
 * The grant lines (budget categories of a KA1 mobility grant): the ONE list the engine, the database
 * columns (db/schema.ts), the zod schemas and every SQL column map are derived from.
 */
export const GRANT_LINES = [
  "travel",
  "individualSupport",
  "organisationalSupport",
  "courseFees",
  "inclusionSupport",
  "linguisticSupport",
  "exceptionalCosts",
  "preparatoryVisits",
] as const;
export type GrantLine = (typeof GRANT_LINES)[number];
export type GrantLines = Record<GrantLine, number>;

/** A record with one value per grant line, in the list's order. */
export function mapLines<T>(value: (line: GrantLine) => T): Record<GrantLine, T> {
  // Object.fromEntries loses the key type; the keys are exactly GRANT_LINES.
  return Object.fromEntries(GRANT_LINES.map((line) => [line, value(line)])) as Record<GrantLine, T>;
}

/** The line's name in snake_case, the stem of its columns (grant_<stem>_cents, awarded_<stem>_cents). */
export function grantLineStem(line: GrantLine): string {
  return line.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
