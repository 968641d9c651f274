import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ACTIVITY_TYPES,
  DEFAULT_RATES,
  RULE_CODES,
  RULE_MESSAGES_EN,
  estimateMobilityGrant,
  withOverrides,
  type Figure,
} from "@/server/rules";
import { issue } from "@/server/rules/issues";
import { projectMonths } from "@/server/rules/dates";
import { ESTIMATE_ACTIVITY_TYPES, ZEstimateInput } from "@/server/schemas/rules";
import { baseInput } from "./fixtures";

const sourced = (value: number): Figure<number> => ({ value, source: "NA officer, 2025-01-10", confidence: "B" });

describe("withOverrides", () => {
  it("adds an NA's individual support rates for a call year, keeping source and confidence", async () => {
    const daily = (full: number) => ({ full: sourced(full * 100) });
    const groups = { 1: daily(180), 2: daily(160), 3: daily(140) };
    const rates = withOverrides(DEFAULT_RATES, { individualSupport: { SI01: { 2025: { staff: groups, pupil: groups } } } });
    const result = await estimateMobilityGrant(baseInput({ callYear: 2025, naCode: "SI01", startDate: "2025-10-06", endDate: "2025-10-10" }), rates);
    // AT group 1: 7 × 180 = 1260; 180 × 0.7 = 126 from day 15 (not reached)
    expect(result.lines.individualSupport).toBe(1260);
    expect(result.details.reducedDailyRate).toBe(126);
    expect(rates.individualSupport.SI01?.[2025]?.staff[1].full.source).toBe("NA officer, 2025-01-10");
    // the defaults are untouched, other NAs kept
    expect(DEFAULT_RATES.individualSupport.SI01).toBeUndefined();
    expect(rates.individualSupport.IS01).toBe(DEFAULT_RATES.individualSupport.IS01);
  });

  it("replaces a single figure and leaves its siblings", () => {
    const rates = withOverrides(DEFAULT_RATES, { courseFees: { 2024: { perDay: sourced(9000) } }, travel: undefined });
    expect(rates.courseFees[2024]?.perDay.value).toBe(9000);
    expect(rates.courseFees[2024]?.maxDaysPerParticipant).toBe(DEFAULT_RATES.courseFees[2024]?.maxDaysPerParticipant);
    expect(rates.travel).toBe(DEFAULT_RATES.travel);
  });
});

describe("rate tables", () => {
  it("every shipped figure has a source and a confidence", () => {
    const figures: unknown[] = [];
    const walk = (node: unknown): void => {
      if (node instanceof Object && "confidence" in node) figures.push(node);
      else if (node instanceof Object) Object.values(node).forEach(walk);
    };
    walk(DEFAULT_RATES);
    expect(figures.length).toBeGreaterThan(300);
    for (const figure of figures) {
      expect(figure).toMatchObject({ source: expect.stringMatching(/erasmus-school-rules\.md §\d/), confidence: expect.stringMatching(/^[ABCU]$/) });
    }
  });

  it("money figures are whole cents", () => {
    expect(DEFAULT_RATES.travel[2024]?.["100-499"].standard.value).toBe(21_100);
    expect(DEFAULT_RATES.individualSupport.PL01?.[2021]?.staff[1].reduced?.value).toBe(8_200);
  });
});

/** ICU argument names at the top level of a message ("{days, plural, …}" → days). */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1] ?? "").sort();
}

describe("messages", () => {
  const en = JSON.parse(readFileSync("messages/en/rules.json", "utf8")) as Record<string, string>;
  const sl = JSON.parse(readFileSync("messages/sl/rules.json", "utf8")) as Record<string, string>;

  it("every code has English and Slovenian text, and both files have the same keys", () => {
    for (const code of RULE_CODES) {
      expect(en[code]).toBe(RULE_MESSAGES_EN[code]);
      expect(sl[code]).toBeTruthy();
    }
    expect(Object.keys(sl).sort()).toEqual(Object.keys(en).sort());
    // next-intl reads dots as nesting
    expect(Object.keys(en).some((key) => key.includes("."))).toBe(false);
  });

  it("Slovenian texts use exactly the English placeholders", () => {
    for (const key of Object.keys(en)) expect([key, placeholders(sl[key] ?? "")]).toEqual([key, placeholders(en[key] ?? "")]);
  });

  it("activity names cover every activity type, in both languages (one list: app.json's activities)", () => {
    for (const locale of ["en", "sl"]) {
      const { activities } = JSON.parse(readFileSync(`messages/${locale}/app.json`, "utf8")) as { activities: Record<string, string> };
      for (const activity of ACTIVITY_TYPES) expect(activities[activity]).toBeTruthy();
    }
  });

  it("formats params and keeps a placeholder without a param visible", () => {
    expect(issue("DATE_END_BEFORE_START", { endDate: "2024-01-01" }).message).toBe("The end date 2024-01-01 is before the start date {startDate}.");
    expect(issue("NA_CODE_MISSING")).toEqual({ code: "NA_CODE_MISSING", message: RULE_MESSAGES_EN.NA_CODE_MISSING });
  });
});

describe("project months", () => {
  it.each([
    ["2024-09-01", "2025-11-30", { complete: 15, started: 15 }],
    ["2024-09-15", "2025-12-15", { complete: 15, started: 16 }],
    ["2024-09-15", "2025-12-08", { complete: 14, started: 15 }],
    ["2024-06-01", "2024-06-30", { complete: 1, started: 1 }],
  ])("%s..%s", (start, end, months) => {
    const [sy, sm, sd] = start.split("-").map(Number);
    const [ey, em, ed] = end.split("-").map(Number);
    expect(projectMonths({ year: sy ?? 0, month: sm ?? 0, day: sd ?? 0 }, { year: ey ?? 0, month: em ?? 0, day: ed ?? 0 })).toEqual(months);
  });
});

describe("ZEstimateInput", () => {
  const valid = {
    callYear: 2025,
    naCode: "si01",
    activityType: "SM-TTA",
    startDate: "2025-03-03",
    endDate: "2025-03-07",
    travelDays: 2,
    destinationCountry: "at",
    origin: { name: "Ljubljana", country: "SI" },
    destination: { name: "Vienna" },
  };

  it("accepts a valid input and normalises codes", () => {
    const parsed = ZEstimateInput.parse(valid);
    expect(parsed.naCode).toBe("SI01");
    expect(parsed.destinationCountry).toBe("AT");
  });

  it("lists the engine's activity types", () => {
    expect([...ESTIMATE_ACTIVITY_TYPES]).toEqual([...ACTIVITY_TYPES]);
  });

  it("needs km or both towns, except for a preparatory visit", () => {
    const { origin: _o, ...withoutOrigin } = valid;
    const result = ZEstimateInput.safeParse(withoutOrigin);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["distanceKm"]);
    expect(ZEstimateInput.safeParse({ ...withoutOrigin, distanceKm: 277.5 }).success).toBe(true);
    expect(ZEstimateInput.safeParse({ ...withoutOrigin, activityType: "PREP-VISIT", persons: 2 }).success).toBe(true);
  });

  it("explains bad fields", () => {
    const result = ZEstimateInput.safeParse({
      ...valid,
      callYear: 2020,
      startDate: "3.3.2025",
      inclusionRealCostEur: 10.005,
      expensiveTravelRealCostEur: 0,
      activityType: "KA2",
    });
    const messages = Object.fromEntries(result.error?.issues.map((i) => [i.path.join("."), i.message]) ?? []);
    expect(messages).toMatchObject({
      callYear: "Call years start in 2021.",
      startDate: "Use a date in the form YYYY-MM-DD.",
      inclusionRealCostEur: "Use at most two decimals.",
      expensiveTravelRealCostEur: "Enter the real travel cost.",
      activityType: "Choose an activity type.",
    });
  });
});
