/*
 * A moment as the school's wall clock shows it, for files (CSV, XLSX): the app shows local time, so the
 * files it writes do too — never a bare UTC time a reader would take for local. The zone is the one
 * setting `MOBILO_TIME_ZONE` (server/env.ts), passed in by the caller.
 */

function parts(moment: Date, timeZone: string) {
  const fields = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(moment);
  const get = (type: Intl.DateTimeFormatPartTypes) => fields.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}:${get("second")}` };
}

/** `2026-03-29 03:30:00` — the local date and time in `timeZone`. */
export function zonedDateTime(moment: Date, timeZone: string): string {
  const { date, time } = parts(moment, timeZone);
  return `${date} ${time}`;
}

/** `2026-03-29` — the local calendar day in `timeZone`. */
export function zonedDate(moment: Date, timeZone: string): string {
  return parts(moment, timeZone).date;
}
