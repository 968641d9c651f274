/** ISO calendar dates (YYYY-MM-DD) as whole UTC day numbers, so no time zone can shift a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses YYYY-MM-DD; null when malformed or not a real calendar day (e.g. 2025-02-30). */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const isRealDay = utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  return isRealDay ? { year, month, day } : null;
}

export function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

/** Days from start to end, both included (the domain doc §4 counts both). */
export function inclusiveDays(start: CalendarDate, end: CalendarDate): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

function nextDay(date: CalendarDate): CalendarDate {
  const utc = new Date((dayNumber(date) + 1) * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/**
 * Project length in months, end date inclusive. `started` counts a partial month as a month (used
 * for maximum durations: a project one day over 18 months is too long); `complete` counts whole
 * months only (used for minimum durations: 5 months and 20 days is not 6 months).
 * 2024-09-01..2025-11-30 is 15 months either way.
 */
export function projectMonths(start: CalendarDate, end: CalendarDate): { complete: number; started: number } {
  const endExclusive = nextDay(end);
  const monthDiff = (endExclusive.year - start.year) * 12 + (endExclusive.month - start.month);
  if (endExclusive.day === start.day) return { complete: monthDiff, started: monthDiff };
  if (endExclusive.day > start.day) return { complete: monthDiff, started: monthDiff + 1 };
  return { complete: monthDiff - 1, started: monthDiff };
}
