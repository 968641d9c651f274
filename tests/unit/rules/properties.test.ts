import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RATES,
  GRANT_LINES,
  calculateMobilityGrant,
  type EstimateInput,
  type MobilityActivityType,
} from "@/server/rules";
import { isoDayAfter, km } from "./fixtures";

/** Activity types with their day limits (domain doc §2), to generate valid durations. */
const LIMITS: Record<MobilityActivityType, [number, number]> = {
  "SM-JOB-SHDW": [2, 60],
  "SM-TTA": [2, 365],
  "SM-COUR-TRAIN": [2, 30],
  "LM-GRP-PUPIL": [2, 30],
  "LM-SHORT-PUPIL": [10, 29],
  "LM-LONG-PUPILS": [30, 365],
  "OA-INV-EXP": [2, 60],
  "OA-HOS-TTT": [10, 365],
};
const ACTIVITIES = Object.keys(LIMITS) as MobilityActivityType[];

/** Rate eras with an NA that has rates: PL01 for 2021–2022, IS01 for 2024–2026. */
const era = fc.constantFrom(
  { callYear: 2021, naCode: "PL01" },
  { callYear: 2022, naCode: "PL01" },
  { callYear: 2024, naCode: "IS01" },
  { callYear: 2025, naCode: "IS01" },
  { callYear: 2026, naCode: "IS01" },
);

const mobility = fc
  .record({
    era,
    activityType: fc.constantFrom(...ACTIVITIES),
    dayFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    travelDays: fc.integer({ min: 0, max: 8 }),
    destinationCountry: fc.constantFrom("AT", "DE", "SE", "SI", "HR", "ES", "IS"),
    distanceKm: fc.integer({ min: 0, max: 20_000 }),
    accompanying: fc.boolean(),
    greenTravel: fc.boolean(),
    fewerOpportunities: fc.boolean(),
    linguisticSupport: fc.boolean(),
    inclusionRealCostEur: fc.option(fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100), { nil: undefined }),
    expensiveTravelRealCostEur: fc.option(fc.integer({ min: 1, max: 500_000 }).map((cents) => cents / 100), { nil: undefined }),
  })
  .map(({ era: { callYear, naCode }, dayFraction, activityType, accompanying, fewerOpportunities, distanceKm, ...rest }) => {
    const [min, max] = LIMITS[activityType];
    const days = min + Math.floor(dayFraction * (max - min));
    const startDate = `${callYear}-09-01`;
    const input: EstimateInput = {
      ...rest,
      callYear,
      naCode,
      activityType,
      accompanying,
      fewerOpportunities: fewerOpportunities && !accompanying,
      startDate,
      endDate: isoDayAfter(startDate, days - 1),
    };
    return { input, distanceKm };
  });

fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS ?? 100) });

describe("property: money is well-formed", () => {
  it("no negative line; total = sum of lines in cents; EUR = cents / 100", () => {
    fc.assert(
      fc.property(mobility, ({ input, distanceKm }) => {
        const result = calculateMobilityGrant(input, km(distanceKm), DEFAULT_RATES);
        expect(result.eligible).toBe(true);
        let sum = 0;
        for (const line of GRANT_LINES) {
          expect(result.linesCents[line]).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(result.linesCents[line])).toBe(true);
          expect(result.lines[line]).toBe(result.linesCents[line] / 100);
          sum += result.linesCents[line];
        }
        expect(result.totalCents).toBe(sum);
        expect(result.total).toBe(result.totalCents / 100);
      }),
    );
  });

  it("an accompanying person never gets organisational or linguistic support", () => {
    fc.assert(
      fc.property(mobility, ({ input, distanceKm }) => {
        const result = calculateMobilityGrant({ ...input, accompanying: true, fewerOpportunities: false }, km(distanceKm), DEFAULT_RATES);
        expect(result.linesCents.organisationalSupport).toBe(0);
        expect(result.linesCents.linguisticSupport).toBe(0);
      }),
    );
  });
});

describe("property: monotone", () => {
  it("one more activity day (within the limits) never lowers the total", () => {
    fc.assert(
      fc.property(mobility, ({ input, distanceKm }) => {
        const [, max] = LIMITS[input.activityType as MobilityActivityType];
        const longer = { ...input, endDate: isoDayAfter(input.endDate, 1) };
        const shorter = calculateMobilityGrant(input, km(distanceKm), DEFAULT_RATES);
        fc.pre((shorter.details.activityDays ?? max) < max);
        const result = calculateMobilityGrant(longer, km(distanceKm), DEFAULT_RATES);
        expect(result.totalCents).toBeGreaterThanOrEqual(shorter.totalCents);
      }),
    );
  });

  // Without expensive travel: that rule is not monotone by design. 28 EUR (10–99 km) against a
  // real cost of 300 gives 80 % = 240 EUR, while 211 EUR (100–499 km) covers ≥ 70 % and is paid as is.
  it("more km never lowers the total (expensive travel aside)", () => {
    fc.assert(
      fc.property(mobility, fc.integer({ min: 0, max: 20_000 }), ({ input: withExpensive, distanceKm }, extraKm) => {
        const input = { ...withExpensive, expensiveTravelRealCostEur: undefined };
        const near = calculateMobilityGrant(input, km(distanceKm), DEFAULT_RATES);
        const far = calculateMobilityGrant(input, km(distanceKm + extraKm), DEFAULT_RATES);
        expect(far.totalCents).toBeGreaterThanOrEqual(near.totalCents);
      }),
    );
  });
});
