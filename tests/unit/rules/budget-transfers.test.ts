import { describe, expect, it } from "vitest";
import { assessBudgetTransfers, DEFAULT_RATES, GRANT_LINES, withOverrides, type GrantLines } from "@/server/rules";

const lines = (values: Partial<GrantLines> = {}): GrantLines =>
  ({ ...Object.fromEntries(GRANT_LINES.map((line) => [line, 0])), ...values }) as GrantLines;

// No limit is shipped (domain doc §6: U); an NA enters its contract's percentage. These tests set one.
const contract = { maxIncreasePercent: { value: 20, source: "NA contract (test), Annex 2", confidence: "B" as const } };
const RATES = withOverrides(DEFAULT_RATES, { budgetTransfers: { 2024: contract, 2025: contract } });

describe("assessBudgetTransfers", () => {
  it("ships no transfer limit: without the NA's figure none applies", () => {
    expect(DEFAULT_RATES.budgetTransfers).toEqual({});
  });

  it("needs no transfer while every category stays within its award", () => {
    const result = assessBudgetTransfers(2025, lines({ travel: 100_000, individualSupport: 200_000 }), lines({ travel: 100_000, individualSupport: 150_000 }), RATES);
    expect(result).toMatchObject({ limitPercent: 20, limitConfidence: "B", transferInCents: 0, overTotal: false, overLimit: false });
    expect(result.limitSource).toBe("NA contract (test), Annex 2");
    expect(result.categories.find((c) => c.line === "travel")).toEqual({
      line: "travel", awardedCents: 100_000, committedCents: 100_000, transferInCents: 0, limitCents: 20_000, overLimit: false,
    });
  });

  it("allows a category to grow by up to the limit of its own award, and flags one cent more", () => {
    const awarded = lines({ travel: 100_000, individualSupport: 300_000 });
    const within = assessBudgetTransfers(2025, awarded, lines({ travel: 120_000, individualSupport: 100_000 }), RATES);
    expect(within.overLimit).toBe(false);
    expect(within.transferInCents).toBe(20_000);
    const beyond = assessBudgetTransfers(2025, awarded, lines({ travel: 120_001, individualSupport: 100_000 }), RATES);
    expect(beyond.overLimit).toBe(true);
    expect(beyond.overTotal).toBe(false);
    expect(beyond.categories.find((c) => c.line === "travel")).toMatchObject({ transferInCents: 20_001, limitCents: 20_000, overLimit: true });
  });

  it("flags a committed total above the awarded total, and any spend in a category with no award", () => {
    const result = assessBudgetTransfers(2024, lines({ travel: 50_000 }), lines({ travel: 40_000, courseFees: 16_000 }), RATES);
    expect(result.overTotal).toBe(true);
    expect(result.overLimit).toBe(true);
    expect(result.categories.find((c) => c.line === "courseFees")).toMatchObject({ limitCents: 0, transferInCents: 16_000 });
  });

  it("takes an NA's own limit for the call year, and reports an unknown limit as unknown, never as zero", () => {
    const rates = withOverrides(DEFAULT_RATES, {
      budgetTransfers: { 2027: { maxIncreasePercent: { value: 10, source: "NA contract 2027, Annex 2", confidence: "B" } } },
    });
    const ownLimit = assessBudgetTransfers(2027, lines({ travel: 100_000 }), lines({ travel: 110_000 }), rates);
    expect(ownLimit).toMatchObject({ limitPercent: 10, limitConfidence: "B", limitSource: "NA contract 2027, Annex 2", overLimit: false, overTotal: true });
    const unknown = assessBudgetTransfers(2030, lines({ travel: 100_000 }), lines({ travel: 500_000 }), DEFAULT_RATES);
    expect(unknown).toMatchObject({ limitPercent: null, limitConfidence: null, limitSource: null, overLimit: false, overTotal: true });
    expect(unknown.categories[0]).toMatchObject({ limitCents: null, transferInCents: 400_000 });
  });

  it("ships the final report's due date as data with its source", () => {
    expect(DEFAULT_RATES.project.finalReportDueDays).toMatchObject({ value: 60, confidence: "U" });
  });
});
