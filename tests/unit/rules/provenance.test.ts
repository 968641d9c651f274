import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateMobilityGrant, DEFAULT_RATES, GRANT_LINES, resolveRates, type MobilityActivityType, type RateOverrides } from "@/server/rules";
import { baseInput, isoDayAfter, km } from "./fixtures";

/*
 * Issue 11: each figure a grant is computed with says where it came from (the project's grant
 * agreement, the NA's rate set, or the shipped default), and the engine's own English messages name
 * figures in words, never by key.
 */

const sourced = (cents: number, source: string) => ({ value: cents, source, confidence: "A" as const });
const daily = (g1: number, g2: number, g3: number, source: string) => ({
  1: { full: sourced(g1, source) },
  2: { full: sourced(g2, source) },
  3: { full: sourced(g3, source) },
});

const NA: RateOverrides = {
  individualSupport: { SI01: { 2025: { staff: daily(15_000, 14_000, 13_000, "NA SI01 v1"), pupil: daily(8_000, 7_000, 6_000, "NA SI01 v1") } } },
};
const AGREEMENT: RateOverrides = {
  travel: { 2025: { "500-1999": { standard: sourced(32_000, "Grant agreement, annex II") } } },
  organisationalSupport: { 2025: { standard: sourced(40_000, "Grant agreement, annex II") } },
};

const activity = fc.constantFrom<MobilityActivityType>("SM-JOB-SHDW", "SM-TTA", "SM-COUR-TRAIN", "LM-SHORT-PUPIL", "LM-LONG-PUPILS", "OA-INV-EXP");

describe("provenance of every figure", () => {
  it("tells the agreement's, the NA's and the default figures apart, per grant line", () => {
    const rates = resolveRates({ na: NA, agreement: AGREEMENT });
    const input = baseInput({ callYear: 2025, naCode: "SI01", destinationCountry: "FI", startDate: "2025-03-03", endDate: "2025-03-07" });
    const result = calculateMobilityGrant(input, km(1400), rates);
    expect(result.linesCents).toMatchObject({ travel: 32_000, organisationalSupport: 40_000, individualSupport: 7 * 15_000 });
    const byFigure = Object.fromEntries(result.sources.map((s) => [s.figure, s]));
    expect(byFigure["travel.500-1999.standard"]).toMatchObject({ line: "travel", origin: "agreement", source: "Grant agreement, annex II" });
    expect(byFigure["organisationalSupport.standard"]).toMatchObject({ line: "organisationalSupport", origin: "agreement" });
    expect(byFigure["individualSupport.SI01.staff.group1"]).toMatchObject({ line: "individualSupport", origin: "na", source: "NA SI01 v1" });
    expect(byFigure["countryGroups.FI"]).toMatchObject({ line: "individualSupport", origin: "default" });
    expect(byFigure["durationLimits.SM-JOB-SHDW"]).toMatchObject({ line: null, origin: "default" });
  });

  it("an agreement figure wins over the NA's, the NA's over the default", () => {
    const na: RateOverrides = { organisationalSupport: { 2025: { standard: sourced(36_000, "NA") } } };
    const both = resolveRates({ na, agreement: AGREEMENT });
    expect(both.organisationalSupport[2025]?.standard).toMatchObject({ value: 40_000, origin: "agreement" });
    expect(resolveRates({ na }).organisationalSupport[2025]?.standard).toMatchObject({ value: 36_000, origin: "na" });
    expect(resolveRates({}).organisationalSupport[2025]?.standard.origin).toBeUndefined();
    // The shipped tables are never stamped in place.
    expect(DEFAULT_RATES.organisationalSupport[2025]?.standard.origin).toBeUndefined();
  });

  it("property: every line with money has its figures' sources, and each source names a layer that holds the figure", () => {
    const rates = resolveRates({ na: NA, agreement: AGREEMENT });
    fc.assert(
      fc.property(activity, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 10, max: 9_000 }), fc.boolean(), fc.boolean(), (type, extra, distance, green, fewer) => {
        const min = type === "LM-SHORT-PUPIL" ? 10 : type === "LM-LONG-PUPILS" ? 30 : 2;
        const days = Math.min(min + extra, type === "SM-COUR-TRAIN" ? 30 : 60);
        const input = baseInput({ callYear: 2025, naCode: "SI01", activityType: type, destinationCountry: "DE", startDate: "2025-03-03", endDate: isoDayAfter("2025-03-03", days - 1), greenTravel: green, fewerOpportunities: fewer });
        const result = calculateMobilityGrant(input, km(distance), rates);
        for (const line of GRANT_LINES) {
          if (result.linesCents[line] > 0) expect(result.sources.some((s) => s.line === line)).toBe(true);
        }
        for (const s of result.sources) {
          const layer = s.origin === "agreement" ? AGREEMENT : s.origin === "na" ? NA : null;
          if (layer) expect(JSON.stringify(layer)).toContain(s.source);
          else expect(s.source).toMatch(/erasmus-school-rules\.md/);
        }
      }),
    );
  });
});

describe("the engine's English messages are words", () => {
  const KEY = /\b(individualSupport|organisationalSupport|courseFees|durationLimits|travelDays|preparatoryVisits|inclusionSupport|linguisticSupport|expensiveTravel|countryGroups)\b|\bgroup\d\b|\b(SM|LM|OA)-[A-Z-]+\b/;

  it("a missing daily rate, an unconfirmed figure and a duration limit are named in words", () => {
    const missing = calculateMobilityGrant(baseInput({ callYear: 2025, naCode: "SI01", destinationCountry: "FI" , startDate: "2025-03-03", endDate: "2025-03-07" }), km(1400), DEFAULT_RATES);
    expect(missing.missing[0]?.message).toBe("Not known yet for National Agency SI01, call 2025: the daily rates of individual support. The National Agency has to enter it.");
    const unconfirmed = calculateMobilityGrant(baseInput({ callYear: 2025, naCode: "IS01", activityType: "SM-COUR-TRAIN", startDate: "2025-03-03", endDate: "2025-03-07" }), km(800), DEFAULT_RATES);
    expect(unconfirmed.warnings.map((i) => i.message)).toContain(
      "Not yet confirmed for call 2025: the shortest and longest duration of “Course or training”. Check it with your National Agency.",
    );
    const tooLong = calculateMobilityGrant(baseInput({ startDate: "2024-01-01", endDate: "2024-12-31" }), km(800), DEFAULT_RATES);
    expect(tooLong.errors[0]?.message).toMatch(/^The activity lasts 366 days; “Job shadowing[^”]*” allows at most 60 days/);
  });

  it("property: no message of any estimate contains a figure key or an activity code", () => {
    fc.assert(
      fc.property(activity, fc.constantFrom(2021, 2022, 2024, 2025, 2026, 2027), fc.constantFrom("SI01", "IS01", "PL01"), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 9_000 }), fc.boolean(), (type, year, na, days, distance, green) => {
        const input = baseInput({ callYear: year, naCode: na, activityType: type, startDate: `${year}-03-01`, endDate: isoDayAfter(`${year}-03-01`, days - 1), greenTravel: green, linguisticSupport: true, expensiveTravelRealCostEur: 2000 });
        const result = calculateMobilityGrant(input, km(distance), DEFAULT_RATES);
        for (const item of [...result.errors, ...result.warnings, ...result.missing]) expect(item.message).not.toMatch(KEY);
      }),
    );
  });
});
