import { describe, expect, it } from "vitest";
import { DEFAULT_RATES, estimateMobilityGrant, RULE_MESSAGES_EN, withOverrides, type EstimateInput } from "@/server/rules";
import { baseInput, codes } from "./fixtures";

/**
 * Worked examples. Expected EUR figures are computed by hand from the domain doc's tables:
 * calls 2021–2023 use PL01 rates (staff 117/104/91, pupils 64/56/48; from day 15: 82/73/64 and
 * 45/39/34), calls 2024–2026 IS01 (staff 191/169/148 → 134/118/104; pupils 85/74/64 → 60/52/45)
 * or SE01 2026 (staff 172/152/133).
 */
interface Example {
  name: string;
  input: EstimateInput;
  lines: Partial<Record<string, number>>;
  total: number;
}

const EXAMPLES: Example[] = [
  {
    name: "SM-JOB-SHDW 2022, DE (group 2), 5 days + 2 travel, 800 km",
    input: baseInput({ callYear: 2022, naCode: "PL01", destinationCountry: "DE", startDate: "2022-03-07", endDate: "2022-03-11" }),
    // travel 500–1999 = 275; individual 7 × 104 = 728; organisational 350
    lines: { travel: 275, individualSupport: 728, organisationalSupport: 350 },
    total: 1353,
  },
  {
    name: "SM-TTA 2024, AT (group 1), 14 funded days: all at the full rate",
    input: baseInput({ activityType: "SM-TTA", startDate: "2024-10-01", endDate: "2024-10-14", travelDays: 0 }),
    // 309 + 14 × 191 = 2674 + 350
    lines: { travel: 309, individualSupport: 2674, organisationalSupport: 350 },
    total: 3333,
  },
  {
    name: "SM-TTA 2024, AT, 15 funded days: day 15 at 70 %",
    input: baseInput({ activityType: "SM-TTA", startDate: "2024-10-01", endDate: "2024-10-15", travelDays: 0 }),
    // 14 × 191 + 1 × 134 (191 × 0.7 = 133.7 → 134) = 2808
    lines: { travel: 309, individualSupport: 2808, organisationalSupport: 350 },
    total: 3467,
  },
  {
    name: "SM-TTA 2024, 13 activity days + 2 travel days = 15 funded days",
    input: baseInput({ activityType: "SM-TTA", startDate: "2024-10-01", endDate: "2024-10-13", travelDays: 2 }),
    lines: { individualSupport: 2808 },
    total: 309 + 2808 + 350,
  },
  {
    name: "SM-COUR-TRAIN 2024, SI (group 2 from 2024), 5 course days, 350 km",
    input: baseInput({ activityType: "SM-COUR-TRAIN", destinationCountry: "SI", distanceKm: 350, courseDays: 5 }),
    // travel 211; individual 7 × 169 = 1183; organisational 100; course fees 5 × 80 = 400
    lines: { travel: 211, individualSupport: 1183, organisationalSupport: 100, courseFees: 400 },
    total: 1894,
  },
  {
    name: "SM-COUR-TRAIN 2021 (PL01), SI (group 3 until 2023), course days default to activity days",
    input: baseInput({
      callYear: 2021,
      naCode: "PL01",
      activityType: "SM-COUR-TRAIN",
      destinationCountry: "SI",
      startDate: "2021-07-05",
      endDate: "2021-07-09",
      distanceKm: 120,
    }),
    // travel 100–499 = 180; 7 × 91 = 637; organisational 100; 5 × 80 = 400
    lines: { travel: 180, individualSupport: 637, organisationalSupport: 100, courseFees: 400 },
    total: 1317,
  },
  {
    name: "LM-GRP-PUPIL 2022, one pupil to SE (group 1), 1500 km",
    input: baseInput({
      callYear: 2022,
      naCode: "PL01",
      activityType: "LM-GRP-PUPIL",
      destinationCountry: "SE",
      startDate: "2022-05-09",
      endDate: "2022-05-12",
      distanceKm: 1500,
    }),
    // 275 + 6 × 64 = 384 + 100
    lines: { travel: 275, individualSupport: 384, organisationalSupport: 100 },
    total: 759,
  },
  {
    name: "LM-SHORT-PUPIL 2024, HR (group 3), 20 days + 2 travel, linguistic support",
    input: baseInput({
      activityType: "LM-SHORT-PUPIL",
      destinationCountry: "HR",
      startDate: "2024-03-01",
      endDate: "2024-03-20",
      distanceKm: 1200,
      linguisticSupport: true,
    }),
    // 309; 22 funded: 14 × 64 + 8 × 45 (64 × 0.7 = 44.8 → 45) = 896 + 360 = 1256; 350; 150
    lines: { travel: 309, individualSupport: 1256, organisationalSupport: 350, linguisticSupport: 150 },
    total: 2065,
  },
  {
    name: "LM-LONG-PUPILS 2021, FI (group 1), 30 days + 2 travel, 2500 km, linguistic support",
    input: baseInput({
      callYear: 2021,
      naCode: "PL01",
      activityType: "LM-LONG-PUPILS",
      destinationCountry: "FI",
      startDate: "2021-09-01",
      endDate: "2021-09-30",
      distanceKm: 2500,
      linguisticSupport: true,
    }),
    // 360; 32 funded: 14 × 64 + 18 × 45 (PL01's published figure) = 896 + 810 = 1706; 500; 150 + 150
    lines: { travel: 360, individualSupport: 1706, organisationalSupport: 500, linguisticSupport: 300 },
    total: 2866,
  },
  {
    name: "LM-LONG-PUPILS 2022, DE (group 2): 70 % of 56 = 39.2 → 39",
    input: baseInput({
      callYear: 2022,
      naCode: "PL01",
      activityType: "LM-LONG-PUPILS",
      destinationCountry: "DE",
      startDate: "2022-09-01",
      endDate: "2022-09-30",
      distanceKm: 700,
      travelDays: 0,
    }),
    // 275; 14 × 56 + 16 × 39 = 784 + 624 = 1408; 500
    lines: { travel: 275, individualSupport: 1408, organisationalSupport: 500 },
    total: 2183,
  },
  {
    name: "OA-INV-EXP 2025, incoming to IS (the school's country, group 1), 2200 km",
    input: baseInput({
      callYear: 2025,
      activityType: "OA-INV-EXP",
      destinationCountry: "IS",
      startDate: "2025-05-05",
      endDate: "2025-05-07",
      distanceKm: 2200,
    }),
    // 395; 5 × 191 = 955; 100
    lines: { travel: 395, individualSupport: 955, organisationalSupport: 100 },
    total: 1450,
  },
  {
    name: "OA-HOS-TTT 2026 (SE01), incoming to SE, 10 days + 2 travel, 1200 km",
    input: baseInput({
      callYear: 2026,
      naCode: "SE01",
      activityType: "OA-HOS-TTT",
      destinationCountry: "SE",
      startDate: "2026-02-02",
      endDate: "2026-02-11",
      distanceKm: 1200,
    }),
    // 309; 12 × 172 = 2064; 100
    lines: { travel: 309, individualSupport: 2064, organisationalSupport: 100 },
    total: 2473,
  },
  {
    name: "accompanying person of a pupil group, 2024: staff rate, no organisational support",
    input: baseInput({ activityType: "LM-GRP-PUPIL", accompanying: true, distanceKm: 600 }),
    // 309 + 7 × 191 = 1337
    lines: { travel: 309, individualSupport: 1337, organisationalSupport: 0, linguisticSupport: 0 },
    total: 1646,
  },
  {
    name: "green travel 2024: 6 travel days funded, green amount",
    input: baseInput({ greenTravel: true, travelDays: 6 }),
    // 417 + 11 × 191 = 2101 + 350
    lines: { travel: 417, individualSupport: 2101 },
    total: 2868,
  },
  {
    name: "green travel 2024 with 4 travel days: the days actually needed",
    input: baseInput({ greenTravel: true, travelDays: 4 }),
    // 417 + 9 × 191 = 1719 + 350
    lines: { travel: 417, individualSupport: 1719 },
    total: 2486,
  },
  {
    name: "inclusion support 2022: 100 + 100 % of 250.55 real costs",
    input: baseInput({ callYear: 2022, naCode: "PL01", destinationCountry: "DE", startDate: "2022-03-07", endDate: "2022-03-11", fewerOpportunities: true, inclusionRealCostEur: 250.55 }),
    lines: { inclusionSupport: 350.55 },
    total: 1353 + 350.55,
  },
  {
    name: "inclusion support 2024: 125 without real costs",
    input: baseInput({ fewerOpportunities: true }),
    // 309 + 7 × 191 = 1337 + 350 + 125
    lines: { inclusionSupport: 125 },
    total: 2121,
  },
];

describe("estimateMobilityGrant — worked examples", () => {
  it.each(EXAMPLES)("$name", async ({ input, lines, total }) => {
    const result = await estimateMobilityGrant(input);
    expect(result.errors).toEqual([]);
    expect(result.eligible).toBe(true);
    expect(result.lines).toMatchObject(lines);
    expect(result.total).toBeCloseTo(total, 10);
    expect(result.totalCents).toBe(Math.round(total * 100));
  });
});

describe("distance bands", () => {
  // [km, 2024–2026 standard, 2021–2023 standard]
  const EDGES: [number, number, number][] = [
    [9, 0, 0],
    [10, 28, 23],
    [99, 28, 23],
    [99.99, 28, 23],
    [100, 211, 180],
    [499, 211, 180],
    [500, 309, 275],
    [1999, 309, 275],
    [2000, 395, 360],
    [2999, 395, 360],
    [3000, 580, 530],
    [3999, 580, 530],
    [4000, 1188, 820],
    [7999, 1188, 820],
    [8000, 1735, 1500],
    [19000, 1735, 1500],
  ];
  it.each(EDGES)("%d km → %d EUR (2024), %d EUR (2022)", async (distanceKm, eur2024, eur2022) => {
    const later = await estimateMobilityGrant(baseInput({ distanceKm }));
    const earlier = await estimateMobilityGrant(
      baseInput({ distanceKm, callYear: 2022, naCode: "PL01", startDate: "2022-03-07", endDate: "2022-03-11" }),
    );
    expect(later.lines.travel).toBe(eur2024);
    expect(earlier.lines.travel).toBe(eur2022);
  });

  it("under 10 km: no travel grant, a warning, still eligible", async () => {
    const result = await estimateMobilityGrant(baseInput({ distanceKm: 9 }));
    expect(result.eligible).toBe(true);
    expect(result.details.distanceBand).toBeNull();
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: "DISTANCE_BELOW_MIN", field: "distanceKm" }));
  });

  it("green travel in a band without a green amount pays the standard amount, with a warning", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ callYear: 2022, naCode: "PL01", distanceKm: 50, greenTravel: true, startDate: "2022-03-07", endDate: "2022-03-11" }),
    );
    expect(result.lines.travel).toBe(23);
    expect(codes(result.warnings)).toContain("GREEN_TRAVEL_NO_GREEN_RATE");
  });

  it("green travel in call 2021 is paid but flagged unconfirmed", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ callYear: 2021, naCode: "PL01", distanceKm: 300, greenTravel: true, startDate: "2021-03-08", endDate: "2021-03-12", destinationCountry: "DE" }),
    );
    expect(result.lines.travel).toBe(210);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "FIGURE_UNCONFIRMED", params: { rate: "travel.100-499.green", callYear: 2021 } }),
    );
  });
});

describe("travel days", () => {
  it("funds at most 2 travel days without green travel and warns", async () => {
    const result = await estimateMobilityGrant(baseInput({ travelDays: 6 }));
    // 5 activity days + 2 funded travel days
    expect(result.details.fundedDays).toBe(7);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "TRAVEL_DAYS_EXCEED", params: { travelDays: 6, max: 2 }, field: "travelDays" }),
    );
  });

  it("funds at most 6 travel days with green travel", async () => {
    const result = await estimateMobilityGrant(baseInput({ travelDays: 7, greenTravel: true }));
    expect(result.details.fundedTravelDays).toBe(6);
  });
});

describe("expensive travel", () => {
  // 2024 band 10–99 pays 28 EUR; 28 / 40.00 = 70 % exactly.
  it("is not eligible when the unit cost covers exactly 70 %", async () => {
    const result = await estimateMobilityGrant(baseInput({ distanceKm: 50, expensiveTravelRealCostEur: 40 }));
    expect(result.lines.travel).toBe(28);
    expect(result.lines.exceptionalCosts).toBe(0);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "EXPENSIVE_TRAVEL_NOT_ELIGIBLE", params: { coveredPercent: 70, thresholdPercent: 70 } }),
    );
  });

  it("replaces the unit cost with 80 % of the real cost below 70 % (28 / 40.01 = 69.98 %)", async () => {
    const result = await estimateMobilityGrant(baseInput({ distanceKm: 50, expensiveTravelRealCostEur: 40.01 }));
    // 80 % of 4001 cents = 3200.8 → 3201 cents
    expect(result.linesCents.travel).toBe(0);
    expect(result.linesCents.exceptionalCosts).toBe(3201);
    expect(result.lines.exceptionalCosts).toBe(32.01);
  });

  it("uses the green amount as the unit cost with green travel (56 / 80.00 = 70 %)", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ distanceKm: 50, greenTravel: true, expensiveTravelRealCostEur: 80 }),
    );
    expect(result.lines.travel).toBe(56);
    expect(codes(result.warnings)).toContain("EXPENSIVE_TRAVEL_NOT_ELIGIBLE");
  });
});

describe("durations", () => {
  it.each([
    ["SM-JOB-SHDW", "2024-10-07", "2024-10-07", "DURATION_BELOW_MIN"],
    ["SM-JOB-SHDW", "2024-10-01", "2024-11-30", "DURATION_ABOVE_MAX"],
    ["LM-SHORT-PUPIL", "2024-10-01", "2024-10-09", "DURATION_BELOW_MIN"],
    ["LM-SHORT-PUPIL", "2024-10-01", "2024-10-30", "DURATION_ABOVE_MAX"],
    ["LM-GRP-PUPIL", "2024-10-01", "2024-10-31", "DURATION_ABOVE_MAX"],
    ["OA-HOS-TTT", "2024-10-01", "2024-10-09", "DURATION_BELOW_MIN"],
  ] as const)("%s %s..%s → %s", async (activityType, startDate, endDate, code) => {
    const result = await estimateMobilityGrant(baseInput({ activityType, startDate, endDate }));
    expect(result.eligible).toBe(false);
    expect(result.total).toBe(0);
    expect(result.errors).toContainEqual(expect.objectContaining({ code, field: "endDate" }));
  });

  it("accepts the limits themselves (2 and 60 days of job shadowing)", async () => {
    const two = await estimateMobilityGrant(baseInput({ startDate: "2024-10-07", endDate: "2024-10-08" }));
    const sixty = await estimateMobilityGrant(baseInput({ startDate: "2024-10-01", endDate: "2024-11-29" }));
    expect([two.eligible, sixty.eligible]).toEqual([true, true]);
  });

  it("flags the 2026 course duration limit as unconfirmed", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ callYear: 2026, activityType: "SM-COUR-TRAIN", startDate: "2026-04-06", endDate: "2026-04-10" }),
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "FIGURE_UNCONFIRMED", params: { rate: "durationLimits.SM-COUR-TRAIN", callYear: 2026 } }),
    );
  });

  it("rejects invalid dates and an end before the start", async () => {
    const invalid = await estimateMobilityGrant(baseInput({ startDate: "2024-02-30", endDate: "07.10.2024" }));
    expect(invalid.errors.map((e) => [e.code, e.field])).toEqual([
      ["DATE_INVALID", "startDate"],
      ["DATE_INVALID", "endDate"],
    ]);
    expect(invalid.details.activityDays).toBeNull();
    const reversed = await estimateMobilityGrant(baseInput({ startDate: "2024-10-11", endDate: "2024-10-07" }));
    expect(codes(reversed.errors)).toEqual(["DATE_END_BEFORE_START"]);
  });
});

describe("rates that are missing", () => {
  it("computes every line it can for an NA without daily rates, names the missing rate and says the grant is incomplete", async () => {
    // Issue 11: a Slovenian job shadowing Ljubljana → Helsinki (about 1 400 km): 309 € travel and 350 €
    // organisational support whatever SI01 decides; individual support waits for SI01's daily rates.
    const result = await estimateMobilityGrant({
      callYear: 2025, naCode: "SI01", activityType: "SM-JOB-SHDW", startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
      destinationCountry: "FI", origin: { name: "Ljubljana", country: "SI" }, destination: { name: "Helsinki", country: "FI" },
    });
    expect(result.eligible).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.complete).toBe(false);
    expect(result.unknownLines).toEqual(["individualSupport"]);
    expect(result.lines).toMatchObject({ travel: 309, organisationalSupport: 350, individualSupport: 0 });
    expect(result.total).toBe(659);
    expect(result.totalCents).toBe(65_900);
    expect(result.missing).toEqual([
      {
        code: "RATE_MISSING",
        message: RULE_MESSAGES_EN.RATE_MISSING.replace("{rate}", "the daily rates of individual support").replace("{naCode}", "SI01").replace("{callYear}", "2025"),
        params: { rate: "individualSupport", naCode: "SI01", callYear: 2025 },
        field: "naCode",
      },
    ]);
    expect(result.details.dailyRate).toBeNull();
  });

  it("keeps a known grant complete", async () => {
    const result = await estimateMobilityGrant(baseInput());
    expect(result).toMatchObject({ complete: true, unknownLines: [], missing: [] });
  });

  it("asks for the NA when none is given, as a missing figure for individual support only", async () => {
    const { naCode: _omitted, ...withoutNa } = baseInput();
    const result = await estimateMobilityGrant(withoutNa);
    expect(result.errors).toEqual([]);
    expect(result.missing).toEqual([expect.objectContaining({ code: "NA_CODE_MISSING", field: "naCode" })]);
    expect(result.missing[0]?.params).toBeUndefined();
    expect(result.unknownLines).toEqual(["individualSupport"]);
    expect(result.linesCents.travel).toBeGreaterThan(0);
  });

  it("reports every call-year table missing for a call year without tables; only the durations block", async () => {
    const result = await estimateMobilityGrant(
      baseInput({
        callYear: 2027,
        activityType: "SM-COUR-TRAIN",
        fewerOpportunities: true,
        linguisticSupport: true,
        expensiveTravelRealCostEur: 2000,
      }),
    );
    expect(result.errors.map((e) => e.params?.rate)).toEqual(["durationLimits"]);
    const missing = result.missing.filter((e) => e.code === "RATE_TABLE_MISSING").map((e) => e.params?.rate);
    expect(missing.sort()).toEqual(
      ["countryGroups", "courseFees", "inclusionSupport", "linguisticSupport", "organisationalSupport", "travel", "travelDays"].sort(),
    );
    expect(result.unknownLines).toEqual(["travel", "individualSupport", "organisationalSupport", "courseFees", "inclusionSupport", "linguisticSupport", "exceptionalCosts"]);
  });

  it("computes the lines it can for a year without tables once the durations are known", async () => {
    const rates = withOverrides(DEFAULT_RATES, { durations: { 2027: DEFAULT_RATES.durations[2026] } });
    const result = await estimateMobilityGrant(baseInput({ callYear: 2027, startDate: "2027-10-04", endDate: "2027-10-08" }), rates);
    expect(result.eligible).toBe(true);
    expect(result.totalCents).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.unknownLines).toEqual(["travel", "individualSupport", "organisationalSupport"]);
  });

  it("makes travel and exceptional costs unknown when only the expensive-travel rules are missing", async () => {
    const rates = { ...DEFAULT_RATES, expensiveTravel: {} };
    const result = await estimateMobilityGrant(baseInput({ expensiveTravelRealCostEur: 2000 }), rates);
    expect(result.unknownLines).toEqual(["travel", "exceptionalCosts"]);
    expect(result.linesCents.travel).toBe(0);
    expect(result.linesCents.individualSupport).toBeGreaterThan(0);
  });

  it("reports the missing day-15 reduction when only the NA rates and country groups exist", async () => {
    const rates = withOverrides(DEFAULT_RATES, {
      countryGroups: { 2027: { AT: { value: 1, source: "test", confidence: "B" } } },
      individualSupport: { IS01: { 2027: DEFAULT_RATES.individualSupport.IS01?.[2026] } },
    });
    const result = await estimateMobilityGrant(baseInput({ callYear: 2027 }), rates);
    expect(result.missing).toContainEqual(
      expect.objectContaining({ code: "RATE_TABLE_MISSING", params: { rate: "individualSupportReduction", callYear: 2027 } }),
    );
    expect(result.details.dailyRate).toBeNull();
  });

  it("reports an unknown destination country", async () => {
    const result = await estimateMobilityGrant(baseInput({ destinationCountry: "US" }));
    expect(result.errors).toEqual([
      expect.objectContaining({ code: "COUNTRY_UNKNOWN", params: { country: "US", callYear: 2024 }, field: "destinationCountry" }),
    ]);
  });

  it("flags Poland's inferred 2024 country group as unconfirmed", async () => {
    const result = await estimateMobilityGrant(baseInput({ destinationCountry: "PL" }));
    expect(result.details.countryGroup).toBe(3);
    expect(result.warnings).toContainEqual(expect.objectContaining({ params: { rate: "countryGroups.PL", callYear: 2024 } }));
  });

  it("asks for a distance when neither km nor towns are given", async () => {
    const { distanceKm: _omitted, ...withoutKm } = baseInput();
    const result = await estimateMobilityGrant(withoutKm);
    expect(result.errors).toEqual([expect.objectContaining({ code: "DISTANCE_MISSING", field: "distanceKm" })]);
  });
});

describe("participant flags and cost categories", () => {
  it("an accompanying person cannot have fewer opportunities", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ activityType: "LM-GRP-PUPIL", accompanying: true, fewerOpportunities: true }),
    );
    expect(result.errors).toEqual([expect.objectContaining({ code: "ACCOMPANYING_FEWER_OPPORTUNITIES", field: "fewerOpportunities" })]);
  });

  it("an accompanying person gets no linguistic support", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ activityType: "LM-GRP-PUPIL", accompanying: true, linguisticSupport: true }),
    );
    expect(result.lines.linguisticSupport).toBe(0);
    expect(codes(result.warnings)).toContain("LINGUISTIC_SUPPORT_NOT_FOR_ACCOMPANYING");
  });

  it("real inclusion costs need fewer opportunities", async () => {
    const result = await estimateMobilityGrant(baseInput({ inclusionRealCostEur: 300 }));
    expect(result.lines.inclusionSupport).toBe(0);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "INCLUSION_REQUIRES_FEWER_OPPORTUNITIES", field: "inclusionRealCostEur" }),
    );
  });

  it("course fees stop at 10 days per participant (12-day course), with a warning", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ activityType: "SM-COUR-TRAIN", startDate: "2024-10-01", endDate: "2024-10-12", courseDays: 12 }),
    );
    // 10 × 80
    expect(result.lines.courseFees).toBe(800);
    expect(result.details.fundedCourseDays).toBe(10);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "COURSE_FEE_CAP_REACHED", params: { courseDays: 12, funded: 10, max: 10 } }),
    );
  });

  it("course days cannot exceed the activity days", async () => {
    const result = await estimateMobilityGrant(baseInput({ activityType: "SM-COUR-TRAIN", courseDays: 6 }));
    expect(result.errors).toEqual([expect.objectContaining({ code: "COURSE_DAYS_EXCEED_ACTIVITY", field: "courseDays" })]);
  });

  it("course days on another activity are ignored with a warning", async () => {
    const result = await estimateMobilityGrant(baseInput({ courseDays: 3 }));
    expect(result.lines.courseFees).toBe(0);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: "COURSE_DAYS_ONLY_FOR_COURSES", field: "courseDays" }));
  });

  it("a course with invalid dates has no course fees", async () => {
    const result = await estimateMobilityGrant(baseInput({ activityType: "SM-COUR-TRAIN", endDate: "2024-13-01" }));
    expect(result.details.fundedCourseDays).toBe(0);
  });
});

describe("preparatory visits", () => {
  it("pays the (unconfirmed) unit cost per person: 3 × 575", async () => {
    const result = await estimateMobilityGrant(baseInput({ activityType: "PREP-VISIT", persons: 3, distanceKm: undefined }));
    expect(result.lines.preparatoryVisits).toBe(1725);
    expect(result.total).toBe(1725);
    expect(result.warnings).toContainEqual(expect.objectContaining({ params: { rate: "preparatoryVisits.perPerson", callYear: 2024 } }));
  });

  it("defaults to one person", async () => {
    const result = await estimateMobilityGrant(baseInput({ activityType: "PREP-VISIT" }));
    expect(result.total).toBe(575);
  });

  it("allows at most 3 persons", async () => {
    const result = await estimateMobilityGrant(baseInput({ activityType: "PREP-VISIT", persons: 4 }));
    expect(result.errors).toEqual([expect.objectContaining({ code: "PREP_VISIT_TOO_MANY_PERSONS", field: "persons" })]);
  });

  it("reports a missing unit cost or a missing table", async () => {
    const withoutUnitCost = { ...DEFAULT_RATES, preparatoryVisits: { 2024: { maxPersons: { value: 3, source: "test", confidence: "A" as const } } } };
    const result = await estimateMobilityGrant(baseInput({ activityType: "PREP-VISIT" }), withoutUnitCost);
    expect(result.errors).toEqual([]);
    expect(result.missing).toEqual([
      expect.objectContaining({ code: "RATE_TABLE_MISSING", params: { rate: "preparatoryVisits.perPerson", callYear: 2024 } }),
    ]);
    expect(result.unknownLines).toEqual(["preparatoryVisits"]);
    const noTable = await estimateMobilityGrant(baseInput({ activityType: "PREP-VISIT", callYear: 2027 }));
    expect(noTable.missing).toEqual([expect.objectContaining({ code: "RATE_TABLE_MISSING", params: { rate: "preparatoryVisits", callYear: 2027 } })]);
  });
});
