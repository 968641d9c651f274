import { describe, expect, it } from "vitest";
import {
  capCountOf,
  capWarning,
  COMPLIANCE_THRESHOLDS,
  DEFAULT_RATES,
  GRANT_LINES,
  grantLineStem,
  mapLines,
  participantCap,
  resolveRates,
  type RateOverrides,
} from "@/server/rules";

const cap = (value: number, source: string): RateOverrides => ({ project: { ka122MaxParticipants: { value, source, confidence: "B" } } });

describe("grant lines", () => {
  it("maps every line in order and names its column stem in snake_case", () => {
    expect(Object.keys(mapLines(() => 0))).toEqual([...GRANT_LINES]);
    expect(mapLines(grantLineStem)).toMatchObject({ travel: "travel", individualSupport: "individual_support", exceptionalCosts: "exceptional_costs" });
  });
});

describe("resolveRates", () => {
  it("layers the NA's figures over the shipped tables and the agreement's over both", () => {
    expect(resolveRates({})).toBe(DEFAULT_RATES);
    expect(resolveRates({ na: null, agreement: null })).toBe(DEFAULT_RATES);
    expect(resolveRates({ na: cap(20, "NA") }).project.ka122MaxParticipants).toMatchObject({ value: 20, source: "NA" });
    expect(resolveRates({ agreement: cap(25, "agreement") }).project.ka122MaxParticipants.value).toBe(25);
    const both = resolveRates({ na: cap(20, "NA"), agreement: cap(25, "agreement") });
    expect(both.project.ka122MaxParticipants).toMatchObject({ value: 25, source: "agreement" });
    expect(both.project.ka122Months).toBe(DEFAULT_RATES.project.ka122Months);
  });
});

describe("participant cap", () => {
  it("applies to KA122 only, from the rates that apply", () => {
    expect(participantCap("KA122", DEFAULT_RATES)).toBe(DEFAULT_RATES.project.ka122MaxParticipants.value);
    expect(participantCap("KA122", resolveRates({ na: cap(12, "NA") }))).toBe(12);
    expect(participantCap("KA121", DEFAULT_RATES)).toBeNull();
  });

  it("counts committed participants and group pupils, never accompanying persons or visits", () => {
    expect(capCountOf({ status: "planned", activityType: "SM-JOB-SHDW" })).toBe("participant");
    expect(capCountOf({ status: "completed", activityType: "SM-TTA", accompanying: false })).toBe("participant");
    expect(capCountOf({ status: "planned", activityType: "SM-JOB-SHDW", accompanying: true })).toBe("none");
    expect(capCountOf({ status: "planned", activityType: "PREP-VISIT" })).toBe("none");
    expect(capCountOf({ status: "planned", activityType: "LM-GRP-PUPIL" })).toBe("pupils");
    expect(capCountOf({ status: "draft", activityType: "SM-JOB-SHDW" })).toBe("none");
    expect(capCountOf({ status: "cancelled", activityType: "LM-GRP-PUPIL" })).toBe("none");
  });

  it("warns from the threshold share of the cap and errs at the cap", () => {
    const close = COMPLIANCE_THRESHOLDS.capClosePercent.value;
    expect(capWarning(5, null)).toBeNull();
    expect(capWarning(30, 30)).toBe("capReached");
    expect(capWarning(31, 30)).toBe("capReached");
    expect(capWarning(Math.ceil((30 * close) / 100), 30)).toBe("capClose");
    expect(capWarning(Math.ceil((30 * close) / 100) - 1, 30)).toBeNull();
  });
});
