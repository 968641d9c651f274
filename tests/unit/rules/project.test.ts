import { describe, expect, it } from "vitest";
import {
  checkKa122GrantLimit,
  type EstimateInput,
  type MobilityStatus,
  type ProjectInput,
  type ProjectMobility,
} from "@/server/rules";
import { computeProjectBudget } from "../../helpers/rules";
import { baseInput, codes } from "./fixtures";

/** 2024, IS01, Austria (group 1); 2 days, no travel days, 50 km: 28 + 2 × 191 + 350 = 760 EUR. */
function jobShadowing(id: string, status: MobilityStatus = "planned", overrides: Partial<EstimateInput> = {}): ProjectMobility {
  return {
    kind: "individual",
    id,
    participantId: `p-${id}`,
    status,
    input: baseInput({ startDate: "2024-10-07", endDate: "2024-10-08", travelDays: 0, distanceKm: 50, ...overrides }),
  };
}

const KA121: ProjectInput = { callYear: 2024, action: "KA121-SCH", startDate: "2024-06-01", endDate: "2025-08-31" };
const KA122: ProjectInput = { callYear: 2024, action: "KA122-SCH", startDate: "2024-06-01", endDate: "2025-05-31" };

describe("computeProjectBudget — organisational support step", () => {
  it("pays 350 EUR up to the 100th participant and 200 EUR to the 101st", async () => {
    const mobilities = Array.from({ length: 101 }, (_, i) => jobShadowing(String(i)));
    const budget = await computeProjectBudget(KA121, mobilities);
    // 100 × 350 + 200 = 35200
    expect(budget.committed.lines.organisationalSupport).toBe(35_200);
    expect(budget.mobilities[99]?.estimate.lines.organisationalSupport).toBe(350);
    expect(budget.mobilities[100]?.estimate.lines.organisationalSupport).toBe(200);
    expect(codes(budget.mobilities[100]?.estimate.warnings ?? [])).toContain("ORGANISATIONAL_SUPPORT_STEP_APPLIED");
    // 101 × (28 + 382) + 35200
    expect(budget.committed.total).toBe(101 * 410 + 35_200);
    expect(budget.committed.totalCents).toBe((101 * 410 + 35_200) * 100);
  });

  it("does not let drafts, cancelled mobilities or accompanying persons take a place below the step", async () => {
    const mobilities = [
      jobShadowing("draft", "draft", { startDate: "2024-09-02", endDate: "2024-09-03" }),
      jobShadowing("cancelled", "cancelled", { startDate: "2024-09-02", endDate: "2024-09-03" }),
      { ...jobShadowing("acc", "planned", { activityType: "LM-GRP-PUPIL", accompanying: true }) },
      ...Array.from({ length: 100 }, (_, i) => jobShadowing(String(i))),
    ];
    const budget = await computeProjectBudget(KA121, mobilities);
    expect(budget.committed.lines.organisationalSupport).toBe(35_000);
    // the draft is estimated (at the position it would take) but not counted
    expect(budget.mobilities[0]?.committed).toBe(false);
    expect(budget.mobilities[0]?.estimate.lines.organisationalSupport).toBe(350);
  });
});

describe("computeProjectBudget — course-fee cap across the project", () => {
  it("funds 6 + 4 course days for one participant's two 6-day courses, warning on the second", async () => {
    const course = (id: string, startDate: string, endDate: string): ProjectMobility => ({
      kind: "individual",
      id,
      participantId: "teacher-1",
      status: "completed",
      input: baseInput({ activityType: "SM-COUR-TRAIN", startDate, endDate, courseDays: 6 }),
    });
    // given out of order: the earlier course is funded first
    const budget = await computeProjectBudget(KA121, [course("b", "2025-03-03", "2025-03-08"), course("a", "2024-11-04", "2024-11-09")]);
    // 6 × 80 + 4 × 80 = 800
    expect(budget.committed.lines.courseFees).toBe(800);
    expect(budget.realised.lines.courseFees).toBe(800);
    expect(budget.mobilities[1]?.estimate.lines.courseFees).toBe(480);
    expect(budget.mobilities[0]?.estimate.lines.courseFees).toBe(320);
    expect(budget.mobilities[0]?.estimate.eligible).toBe(true);
    expect(budget.mobilities[0]?.estimate.warnings).toContainEqual(
      expect.objectContaining({ code: "COURSE_FEE_CAP_REACHED", params: { courseDays: 6, funded: 4, max: 10 } }),
    );
  });
});

describe("computeProjectBudget — committed and realised", () => {
  it("counts planned and completed as committed, completed as realised, ignores drafts and cancelled", async () => {
    const budget = await computeProjectBudget(KA122, [
      jobShadowing("1", "completed"),
      jobShadowing("2", "planned"),
      jobShadowing("3", "draft"),
      jobShadowing("4", "cancelled"),
    ]);
    expect(budget.committed.total).toBe(2 * 760);
    expect(budget.realised.total).toBe(760);
    expect(budget.participantCount).toBe(2);
    expect(budget.lumpSum).toBeNull();
    expect(budget.eligible).toBe(true);
  });

  it("an ineligible mobility adds nothing", async () => {
    const budget = await computeProjectBudget(KA122, [jobShadowing("1", "planned", { endDate: "2024-10-06" })]);
    expect(budget.committed.totalCents).toBe(0);
    expect(budget.eligible).toBe(true);
  });

  it("adds the known lines of an incomplete mobility and says which lines are lower bounds", async () => {
    const budget = await computeProjectBudget(KA122, [jobShadowing("1"), jobShadowing("2", "planned", { naCode: "SI01" })]);
    // 760 EUR complete + 28 + 350 known of the SI01 one (no SI01 daily rates).
    expect(budget.committed.totalCents).toBe(76_000 + 2_800 + 35_000);
    expect(budget.committed.unknownLines).toEqual(["individualSupport"]);
    expect(budget.committed.incompleteCount).toBe(1);
    expect(budget.realised).toMatchObject({ totalCents: 0, unknownLines: [], incompleteCount: 0 });
  });
});

describe("computeProjectBudget — KA122 participant cap", () => {
  const accompanying = jobShadowing("acc", "planned", { activityType: "LM-GRP-PUPIL", accompanying: true });
  const prepVisit = jobShadowing("prep", "planned", { activityType: "PREP-VISIT", persons: 3 });

  it("allows 30 participants, not counting accompanying persons and preparatory visits", async () => {
    const mobilities = [...Array.from({ length: 30 }, (_, i) => jobShadowing(String(i))), accompanying, prepVisit];
    const budget = await computeProjectBudget(KA122, mobilities);
    expect(budget.participantCount).toBe(30);
    expect(budget.errors).toEqual([]);
  });

  it("rejects the 31st participant", async () => {
    const mobilities = Array.from({ length: 31 }, (_, i) => jobShadowing(String(i)));
    const budget = await computeProjectBudget(KA122, mobilities);
    expect(budget.eligible).toBe(false);
    expect(budget.errors).toEqual([expect.objectContaining({ code: "KA122_PARTICIPANT_CAP", params: { count: 31, max: 30 } })]);
  });

  it("counts a participant with two mobilities once and group pupils one by one", async () => {
    const twice = [jobShadowing("a"), { ...jobShadowing("b"), participantId: "p-a" }];
    const groupMobility: ProjectMobility = {
      kind: "group",
      id: "g",
      status: "planned",
      input: { ...baseInput({ activityType: "LM-GRP-PUPIL" }), pupils: 26, accompanyingPersons: 3 },
    };
    const listedGroup: ProjectMobility = { ...groupMobility, id: "g2", input: { ...groupMobility.input, pupils: [{}, {}] } };
    const draftGroup: ProjectMobility = { ...groupMobility, id: "g3", status: "draft" };
    const budget = await computeProjectBudget(KA122, [...twice, groupMobility, listedGroup, draftGroup]);
    // 1 + 26 + 2; a draft group reserves no place
    expect(budget.participantCount).toBe(29);
    // group: 26 pupils' organisational support capped at 1000, accompanying persons none
    expect(budget.mobilities[2]?.estimate.lines.organisationalSupport).toBe(1000);
  });
});

describe("computeProjectBudget — durations", () => {
  it.each([
    ["2024-06-01", "2024-11-30", []],
    ["2024-06-01", "2024-11-29", ["PROJECT_DURATION_BELOW_MIN"]],
    ["2024-06-01", "2025-11-30", []],
    ["2024-06-01", "2025-12-01", ["PROJECT_DURATION_ABOVE_MAX"]],
    ["2024-06-15", "2025-12-14", []],
  ])("KA122 %s..%s → %j", async (startDate, endDate, expected) => {
    const budget = await computeProjectBudget({ callYear: 2024, action: "KA122-SCH", startDate, endDate }, []);
    expect(codes(budget.errors)).toEqual(expected);
  });

  it.each([
    ["2025-08-31", false, []],
    ["2025-09-30", false, ["KA121_EXTENSION_REQUIRED"]],
    ["2025-09-30", true, []],
    ["2026-05-31", true, []],
    ["2026-06-01", true, ["PROJECT_DURATION_ABOVE_MAX"]],
  ] as const)("KA121 2024-06-01..%s extended=%s → %j", async (endDate, extended, expected) => {
    const budget = await computeProjectBudget({ callYear: 2024, action: "KA121-SCH", startDate: "2024-06-01", endDate, extended }, []);
    expect(codes(budget.errors)).toEqual(expected);
    expect(budget.months).not.toBeNull();
  });

  it("reports invalid project dates", async () => {
    const invalid = await computeProjectBudget({ callYear: 2024, action: "KA122-SCH", startDate: "2024-06-31", endDate: "x" }, []);
    expect(codes(invalid.errors)).toEqual(["DATE_INVALID", "DATE_INVALID"]);
    const reversed = await computeProjectBudget({ callYear: 2024, action: "KA121-SCH", startDate: "2025-06-01", endDate: "2024-06-01" }, []);
    expect(codes(reversed.errors)).toEqual(["DATE_END_BEFORE_START"]);
    expect(reversed.months).toBeNull();
  });
});

describe("computeProjectBudget — partnerships", () => {
  const SI = { country: "SI" };
  const AT = { country: "at" };
  const HR = { country: "HR" };

  it("accepts a KA210 with 2 organisations from 2 countries, 12 months, 30 000 EUR", async () => {
    const budget = await computeProjectBudget(
      { callYear: 2024, action: "KA210-SCH", startDate: "2024-09-01", endDate: "2025-08-31", organisations: [SI, AT], lumpSumEur: 30_000 },
      [],
    );
    expect(budget.errors).toEqual([]);
    expect(budget.lumpSum).toBe(30_000);
    expect(budget.lumpSumCents).toBe(3_000_000);
  });

  it("rejects a KA210 with one country, 25 months and 45 000 EUR", async () => {
    const budget = await computeProjectBudget(
      { callYear: 2024, action: "KA210-SCH", startDate: "2024-09-01", endDate: "2026-09-30", organisations: [SI, SI], lumpSumEur: 45_000 },
      [],
    );
    expect(codes(budget.errors)).toEqual(["PROJECT_DURATION_ABOVE_MAX", "PARTNERSHIP_TOO_FEW_COUNTRIES", "LUMP_SUM_INVALID"]);
    expect(budget.errors.at(-1)?.params).toEqual({ action: "KA210-SCH", lumpSumEur: 45_000, allowed: "30000, 60000" });
  });

  it("accepts a KA220 with 3 organisations from 3 countries, 36 months, 250 000 EUR", async () => {
    const budget = await computeProjectBudget(
      { callYear: 2024, action: "KA220-SCH", startDate: "2024-09-01", endDate: "2027-08-31", organisations: [SI, AT, HR], lumpSumEur: 250_000 },
      [],
    );
    expect(budget.errors).toEqual([]);
  });

  it("rejects a KA220 with 2 organisations and 11 months; invalid dates are reported as such", async () => {
    const budget = await computeProjectBudget(
      { callYear: 2024, action: "KA220-SCH", startDate: "2024-09-01", endDate: "2025-07-31", organisations: [SI, AT], lumpSumEur: 120_000 },
      [],
    );
    expect(codes(budget.errors)).toEqual([
      "PROJECT_DURATION_BELOW_MIN",
      "PARTNERSHIP_TOO_FEW_ORGANISATIONS",
      "PARTNERSHIP_TOO_FEW_COUNTRIES",
    ]);
    const undated = await computeProjectBudget(
      { callYear: 2024, action: "KA220-SCH", startDate: "", endDate: "", organisations: [SI, AT, HR], lumpSumEur: 400_000 },
      [],
    );
    expect(codes(undated.errors)).toEqual(["DATE_INVALID", "DATE_INVALID"]);
  });
});

describe("checkKa122GrantLimit — at most 3 KA122-SCH grants in 5 consecutive call years", () => {
  it.each([
    [[2021, 2022, 2023], []],
    [[2021, 2022, 2023, 2026], []],
    [[2021, 2022, 2023, 2025], [{ fromYear: 2021, toYear: 2025, count: 4 }]],
    [[2024, 2024, 2025, 2026], [{ fromYear: 2024, toYear: 2028, count: 4 }]],
  ])("%j → %j", (years, windows) => {
    const issues = checkKa122GrantLimit(years);
    expect(issues.map((i) => ({ fromYear: i.params?.fromYear, toYear: i.params?.toYear, count: i.params?.count }))).toEqual(windows);
    expect(issues.every((i) => i.code === "KA122_GRANT_LIMIT")).toBe(true);
  });
});
