import type { DistanceResolution, EstimateInput } from "@/server/rules";

/** A valid staff job-shadowing estimate; tests override what they exercise. */
export function baseInput(overrides: Partial<EstimateInput> = {}): EstimateInput {
  return {
    callYear: 2024,
    naCode: "IS01",
    activityType: "SM-JOB-SHDW",
    startDate: "2024-10-07",
    endDate: "2024-10-11",
    travelDays: 2,
    destinationCountry: "AT",
    distanceKm: 800,
    ...overrides,
  };
}

export function km(value: number): DistanceResolution {
  return { km: value, errors: [] };
}

/** ISO date `days` days after 2024-01-01 (UTC), for generated durations. */
export function isoDayAfter(start: string, days: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function codes(items: readonly { code: string }[]): string[] {
  return items.map((item) => item.code);
}
