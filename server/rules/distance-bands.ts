/**
 * Travel distance bands by one-way km (domain doc §3; Programme Guide structure, A). Each band
 * starts at its minimum km; below the first band (under 10 km) there is no travel grant.
 */
import type { DistanceBand } from "./types";

/** Lowest km of each band, highest band first so the first match is the band. */
const BAND_STARTS: readonly (readonly [DistanceBand, number])[] = [
  ["8000+", 8000],
  ["4000-7999", 4000],
  ["3000-3999", 3000],
  ["2000-2999", 2000],
  ["500-1999", 500],
  ["100-499", 100],
  ["10-99", 10],
];

export const MIN_TRAVEL_KM = 10;

/** The band containing `km`, or null under 10 km. A fractional km belongs to the band of its whole km. */
export function distanceBandFor(km: number): DistanceBand | null {
  return BAND_STARTS.find(([, minKm]) => km >= minKm)?.[0] ?? null;
}
