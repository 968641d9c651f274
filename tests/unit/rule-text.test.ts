import { describe, expect, it } from "vitest";
import { figureText, rateTableFigureText, ruleIssueText } from "@/lib/rule-text";
import { computeProjectBudget, estimateGroupMobilityGrant } from "../helpers/rules";
import {
  ACTIVITY_TYPES,
  DEFAULT_RATES,
  estimateMobilityGrant,
  RULE_CODES,
  RULE_MESSAGES_EN,
  type DistanceBand,
  type EstimateInput,
  type ProjectInput,
  type RateTables,
  type RuleIssue,
} from "@/server/rules";
import { messagesOf, ruleTranslators } from "../helpers/rule-translators";

const LOCALES = ["en", "sl"] as const;

/** The rate tables with every figure unconfirmed: the engine then names every figure it reads. */
function allUnconfirmed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(allUnconfirmed) as T;
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => [key, allUnconfirmed(item)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if ("value" in copy && "source" in copy && "confidence" in copy) copy.confidence = "U";
  return copy as T;
}

const UNCONFIRMED: RateTables = allUnconfirmed(DEFAULT_RATES);
/** A distance in every band (a Record over the type: tsc refuses one that misses a band). */
const BAND_KM: Record<DistanceBand, number> = {
  "10-99": 50, "100-499": 300, "500-1999": 1000, "2000-2999": 2500, "3000-3999": 3500, "4000-7999": 5000, "8000+": 9000,
};

/** Every issue the engine gives over a grid of mobilities, groups and projects, with tables present and absent. */
async function everyIssue(): Promise<RuleIssue[]> {
  const issues: RuleIssue[] = [];
  const collect = (result: { errors: readonly RuleIssue[]; warnings: readonly RuleIssue[]; missing?: readonly RuleIssue[] }) =>
    issues.push(...result.errors, ...result.warnings, ...(result.missing ?? []));
  const base = (overrides: Partial<EstimateInput>): EstimateInput => ({
    callYear: 2024, naCode: "IS01", activityType: "SM-JOB-SHDW", startDate: "2024-10-07", endDate: "2024-10-11",
    travelDays: 2, destinationCountry: "AT", distanceKm: 800, ...overrides,
  });
  for (const rates of [UNCONFIRMED, DEFAULT_RATES]) {
    for (const activityType of ACTIVITY_TYPES) {
      for (const km of Object.values(BAND_KM)) {
        for (const [startDate, endDate] of [["2024-10-07", "2024-10-08"], ["2024-09-01", "2025-03-31"]] as const) {
          for (const flags of [{}, { accompanying: true, fewerOpportunities: true, linguisticSupport: true }, { greenTravel: true, fewerOpportunities: true, inclusionRealCostEur: 500, linguisticSupport: true, expensiveTravelRealCostEur: 5000, courseDays: 20, persons: 5 }]) {
            collect(await estimateMobilityGrant(base({ activityType, distanceKm: km, startDate, endDate, travelDays: 6, ...flags }), rates));
          }
        }
      }
    }
    collect(await estimateGroupMobilityGrant({ ...base({}), pupils: 30, accompanyingPersons: 0 }, rates));
    collect(await estimateGroupMobilityGrant({ ...base({}), pupils: 1, accompanyingPersons: 1 }, rates));
  }
  // missing tables and rates; unknown towns and countries
  collect(await estimateMobilityGrant(base({ callYear: 2031 })));
  collect(await estimateMobilityGrant(base({ naCode: "XX99" })));
  collect(await estimateMobilityGrant(base({ naCode: undefined, destinationCountry: "ZZ" })));
  collect(await estimateMobilityGrant(base({ distanceKm: undefined, origin: { name: "Brest" }, destination: { name: "Qwzxyville" } })));
  collect(await estimateMobilityGrant(base({ distanceKm: undefined })));
  collect(await estimateMobilityGrant(base({ distanceKm: 5, startDate: "2024-13-01" })));
  collect(await estimateMobilityGrant(base({ startDate: "2024-10-11", endDate: "2024-10-07" })));
  collect(await estimateMobilityGrant(base({ activityType: "PREP-VISIT", callYear: 2021 })));
  const projects: ProjectInput[] = [
    { callYear: 2024, action: "KA121-SCH", startDate: "2024-06-01", endDate: "2026-12-31" },
    { callYear: 2024, action: "KA122-SCH", startDate: "2024-06-01", endDate: "2026-12-31" },
    { callYear: 2024, action: "KA122-SCH", startDate: "2024-06-01", endDate: "2024-07-31" },
    { callYear: 2024, action: "KA210-SCH", startDate: "2024-09-01", endDate: "2026-12-31", organisations: [{ country: "SI" }], lumpSumEur: 45_000 },
    { callYear: 2024, action: "KA220-SCH", startDate: "2024-09-01", endDate: "2024-10-31", organisations: [{ country: "SI" }], lumpSumEur: 1 },
  ];
  const many = Array.from({ length: 110 }, (_, i) => ({
    kind: "individual" as const, id: String(i), participantId: `p${i}`, status: "planned" as const,
    input: base({ startDate: "2024-10-07", endDate: "2024-10-08", travelDays: 0, distanceKm: 50 }),
  }));
  for (const rates of [UNCONFIRMED, DEFAULT_RATES]) {
    for (const project of projects) {
      const budget = await computeProjectBudget(project, many, rates);
      collect(budget);
      for (const entry of budget.mobilities) collect(entry.estimate);
    }
  }
  return issues;
}

/** What must never reach a person: codes, figure keys, activity codes, empty placeholders. */
const RAW = [
  /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/, // RATE_MISSING
  /\b[a-z]+[A-Z]\w*\b/, // individualSupport, beyondStep
  /\b\w+\.\w+[a-zA-Z]/, // organisationalSupport.step
  /\b(?:SM|LM|OA)-[A-Z]+/, // SM-COUR-TRAIN
  /\{\w+/, // an unfilled placeholder
];

function rawPartOf(text: string): string | undefined {
  for (const pattern of RAW) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

describe("rule messages in human words", async () => {
  const issues = await everyIssue();
  const codes = new Set(issues.map((i) => i.code));
  const figureKeys = [...new Set(issues.flatMap((i) => (typeof i.params?.rate === "string" ? [i.params.rate] : [])))].sort();

  it("the grid reaches the figure keys and codes that matter", () => {
    expect(figureKeys.length).toBeGreaterThan(30);
    for (const key of ["individualSupport", "organisationalSupport.step", "durationLimits.SM-COUR-TRAIN", "travel.500-1999.green"]) {
      expect(figureKeys).toContain(key);
    }
    for (const code of ["RATE_MISSING", "RATE_TABLE_MISSING", "FIGURE_UNCONFIRMED", "DURATION_BELOW_MIN", "TOWN_AMBIGUOUS", "TOWN_NOT_FOUND"]) {
      expect(codes).toContain(code);
    }
  });

  it.each(LOCALES)("every issue the engine gave reads as words in %s", (locale) => {
    const tr = ruleTranslators(locale);
    const raw = issues.flatMap((i) => {
      const text = ruleIssueText(i, tr);
      const part = rawPartOf(text);
      return part === undefined ? [] : [`${i.code}: ${part} in “${text}”`];
    });
    expect([...new Set(raw)]).toEqual([]);
  });

  it.each(LOCALES)("every figure key the engine named has its own words in %s", (locale) => {
    const tr = ruleTranslators(locale);
    const generic = tr.figures("figure");
    for (const key of figureKeys) {
      const text = figureText(key, tr);
      expect([key, rawPartOf(text)]).toEqual([key, undefined]);
      expect([key, text]).not.toEqual([key, generic]);
    }
  });

  it.each(LOCALES)("every code has a message in %s, with any params in words", (locale) => {
    const tr = ruleTranslators(locale);
    for (const code of RULE_CODES) {
      const params = Object.fromEntries(
        [...RULE_MESSAGES_EN[code].matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => [name, SAMPLE_PARAMS[name] ?? 3]),
      );
      expect(tr.rules.has(code)).toBe(true);
      const text = ruleIssueText({ code, params }, tr);
      expect([code, rawPartOf(text)]).toEqual([code, undefined]);
    }
  });

  it("an unknown code or figure is described, never shown", () => {
    for (const locale of LOCALES) {
      const tr = ruleTranslators(locale);
      expect(rawPartOf(ruleIssueText({ code: "SOMETHING_NEW" }, tr))).toBeUndefined();
      expect(figureText("somethingNew.deeper", tr)).toBe(tr.figures("figure"));
      expect(figureText("courseFees.somethingNew", tr)).toBe(tr.figures("courseFees"));
    }
  });

  it("one name per activity, the same in every place that names it", () => {
    for (const locale of LOCALES) {
      const activities = messagesOf(locale, "app").activities as Record<string, string>;
      for (const activity of ACTIVITY_TYPES) expect(activities[activity]).toBeTruthy();
      // no second list of activity names elsewhere
      for (const file of ["rules", "figures", "calculator", "mobilityForm", "grant", "na", "dashboard"]) {
        expect(JSON.stringify(messagesOf(locale, file))).not.toMatch(/"activity_(SM|LM|OA|PREP)/);
      }
    }
  });
});

const SAMPLE_PARAMS: Record<string, string | number> = {
  activityType: "SM-COUR-TRAIN",
  rate: "organisationalSupport.step",
  country: "AT",
  countries: "BY, FR",
  town: "Brest",
  naCode: "SI01",
  action: "KA122-SCH",
  date: "2024-13-01",
  startDate: "2024-10-07",
  endDate: "2024-10-11",
  band: "500-1999",
  allowed: "30000, 60000",
};

describe("the NA's rate page names every figure of the tables in words", () => {
  /** Every figure's section and path, as server/services/na-rates lists them. */
  function figurePaths(node: unknown, path: string[], out: string[][]): string[][] {
    if (node === null || typeof node !== "object") return out;
    if ("value" in node && "confidence" in node) {
      out.push(path);
      return out;
    }
    for (const [key, child] of Object.entries(node)) figurePaths(child, [...path, key], out);
    return out;
  }

  it.each(LOCALES)("in %s", (locale) => {
    const tr = ruleTranslators(locale);
    const rows: [string, string[]][] = [];
    for (const [section, table] of Object.entries(DEFAULT_RATES)) {
      if (section === "project") {
        for (const path of figurePaths(table, [], [])) rows.push([section, path]);
      } else if (section === "individualSupport") {
        for (const path of figurePaths(table, [], [])) rows.push([section, path.slice(2)]);
      } else {
        for (const path of figurePaths(table, [], [])) rows.push([section, path.slice(1)]);
      }
    }
    expect(rows.length).toBeGreaterThan(50);
    const generic = tr.figures("figure");
    for (const [section, path] of rows) {
      const text = rateTableFigureText(section, path, tr);
      expect([section, path, rawPartOf(text)]).toEqual([section, path, undefined]);
      expect([section, path, text]).not.toEqual([section, path, generic]);
    }
  });
});
