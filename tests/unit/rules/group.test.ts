import { describe, expect, it } from "vitest";
import type { GroupEstimateInput } from "@/server/rules";
import { estimateGroupMobilityGrant } from "../../helpers/rules";
import { codes } from "./fixtures";

/** Call 2022, PL01, Germany (group 2): pupils 56/day, staff 104/day; 600 km → 275 EUR travel. */
function group(overrides: Partial<GroupEstimateInput> = {}): GroupEstimateInput {
  return {
    callYear: 2022,
    naCode: "PL01",
    startDate: "2022-10-03",
    endDate: "2022-10-07",
    travelDays: 2,
    destinationCountry: "DE",
    distanceKm: 600,
    pupils: 12,
    accompanyingPersons: 2,
    ...overrides,
  };
}

describe("estimateGroupMobilityGrant", () => {
  it("funds 12 pupils and 2 accompanying persons as one record, organisational support capped at 1 000 EUR", async () => {
    const result = await estimateGroupMobilityGrant(group());
    // travel 14 × 275 = 3850; individual 12 × (7 × 56 = 392) + 2 × (7 × 104 = 728) = 4704 + 1456 = 6160;
    // organisational 12 × 100 = 1200 → capped 1000
    expect(result.lines).toMatchObject({ travel: 3850, individualSupport: 6160, organisationalSupport: 1000 });
    expect(result.total).toBe(11010);
    expect(result.persons).toHaveLength(14);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "GROUP_ORGANISATIONAL_SUPPORT_CAPPED", params: { capEur: 1000, pupils: 12, uncappedEur: 1200 } }),
    );
    // pupils 1–10 get 100 each, 11 and 12 nothing; accompanying persons never any
    const organisational = result.persons.map((p) => `${p.role}${p.index}:${p.lines.organisationalSupport}`);
    expect(organisational.slice(9, 14)).toEqual(["pupil10:100", "pupil11:0", "pupil12:0", "accompanying1:0", "accompanying2:0"]);
    const sumOfPersons = result.persons.reduce((sum, p) => sum + p.totalCents, 0);
    expect(sumOfPersons).toBe(result.totalCents);
  });

  it("does not cap 10 pupils (exactly 1 000 EUR)", async () => {
    const result = await estimateGroupMobilityGrant(group({ pupils: 10 }));
    expect(result.lines.organisationalSupport).toBe(1000);
    expect(codes(result.warnings)).not.toContain("GROUP_ORGANISATIONAL_SUPPORT_CAPPED");
  });

  it("funds each listed person with their own dates and flags", async () => {
    const result = await estimateGroupMobilityGrant(
      group({
        pupils: [{ fewerOpportunities: true, inclusionRealCostEur: 40 }, { endDate: "2022-10-05", startDate: undefined }],
        accompanyingPersons: [{ travelDays: 1 }],
      }),
    );
    const [first, second, accompanying] = result.persons;
    // pupil 1: 275 + 392 + 100 + inclusion 100 + 40
    expect(first?.total).toBe(907);
    // pupil 2: 3 days + 2 travel: 275 + 5 × 56 = 280 + 100
    expect(second?.total).toBe(655);
    // accompanying: 275 + (5 + 1) × 104 = 624
    expect(accompanying?.total).toBe(899);
    expect(result.total).toBe(907 + 655 + 899);
    expect(result.pupilCount).toBe(2);
    expect(result.accompanyingCount).toBe(1);
  });

  it("needs at least 2 pupils and an accompanying person; then no money at all", async () => {
    const result = await estimateGroupMobilityGrant(group({ pupils: 1, accompanyingPersons: 0 }));
    expect(result.eligible).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: "GROUP_TOO_FEW_PUPILS", params: { pupils: 1, min: 2 }, field: "pupils" }),
      expect.objectContaining({ code: "GROUP_WITHOUT_ACCOMPANYING", field: "accompanyingPersons" }),
    ]);
    expect(result.total).toBe(0);
    expect(result.persons.every((p) => p.totalCents === 0 && !p.eligible)).toBe(true);
  });

  it("collects a person's error and missing figure once for the group", async () => {
    const result = await estimateGroupMobilityGrant(group({ callYear: 2027 }));
    expect(result.errors.filter((e) => e.code === "RATE_TABLE_MISSING" && e.params?.rate === "durationLimits")).toHaveLength(1);
    expect(result.missing.filter((e) => e.code === "RATE_TABLE_MISSING" && e.params?.rate === "travel")).toHaveLength(1);
    expect(result.total).toBe(0);
  });

  it("is incomplete, with the known lines, when the NA has no daily rates", async () => {
    const known = await estimateGroupMobilityGrant(group({}));
    const result = await estimateGroupMobilityGrant(group({ naCode: "SI01" }));
    expect(result.eligible).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.unknownLines).toEqual(["individualSupport"]);
    expect(result.linesCents.travel).toBe(known.linesCents.travel);
    expect(result.linesCents.organisationalSupport).toBe(known.linesCents.organisationalSupport);
    expect(result.persons.every((p) => !p.complete)).toBe(true);
  });
});
