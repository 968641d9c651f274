/**
 * Individual support daily rates. Each NA sets them within the Programme Guide's ranges (which are
 * U), so only the NA tables the domain doc gives are shipped (§4); every other NA/call year is
 * absent and an NA officer enters it in the app (passed in through `withOverrides`).
 */
import type { CountryGroup } from "../types";
import type { DailyRatesByGroup, IndividualSupportByNa, IndividualSupportReduction, IndividualSupportRates } from "./types";
import type { Confidence } from "../types";
import { euros, figure, forCallYears } from "./figure";

/** Whole-euro daily rates for groups 1/2/3, with the NA's published day-15+ figure where known. */
function dailyRates(
  full: readonly [number, number, number],
  confidence: Confidence,
  source: string,
  publishedReduced: Partial<Record<CountryGroup, number>> = {},
): DailyRatesByGroup {
  const rate = (group: CountryGroup, fullEur: number) => {
    const reducedEur = publishedReduced[group];
    return {
      full: euros(fullEur, confidence, source),
      ...(reducedEur === undefined ? {} : { reduced: euros(reducedEur, confidence, `${source}, published 70 % rate`) }),
    };
  };
  return { 1: rate(1, full[0]), 2: rate(2, full[1]), 3: rate(3, full[2]) };
}

const ICELAND = "erasmus-school-rules.md §4, Iceland NA, calls from 2024";
const IS01: IndividualSupportRates = {
  staff: dailyRates([191, 169, 148], "B", ICELAND),
  pupil: dailyRates([85, 74, 64], "B", ICELAND),
};

const SWEDEN = "erasmus-school-rules.md §4, Sweden NA, KA122-SCH call 2026";
const SE01: IndividualSupportRates = {
  staff: dailyRates([172, 152, 133], "C", SWEDEN),
  pupil: dailyRates([85, 74, 64], "C", SWEDEN),
};

// Poland publishes the 70 % figures as whole euros: 117 → 82, 64 → 45 (domain doc §4, C).
const POLAND = "erasmus-school-rules.md §4, Poland NA, old country groups (likely calls 2021–2022)";
const PL01: IndividualSupportRates = {
  staff: dailyRates([117, 104, 91], "C", POLAND, { 1: 82 }),
  pupil: dailyRates([64, 56, 48], "C", POLAND, { 1: 45 }),
};

export const INDIVIDUAL_SUPPORT_RATES: IndividualSupportByNa = {
  IS01: forCallYears([2024, 2025, 2026], IS01),
  SE01: { 2026: SE01 },
  PL01: forCallYears([2021, 2022], PL01),
};

/** The first 14 funded days at the full rate, every further day at 70 % (domain doc §4, B/C). */
export const INDIVIDUAL_SUPPORT_REDUCTION = forCallYears<IndividualSupportReduction>(
  [2021, 2022, 2023, 2024, 2025, 2026],
  {
    fromDay: figure(15, "B", "erasmus-school-rules.md §4, reduced rate from day 15"),
    percent: figure(70, "B", "erasmus-school-rules.md §4, 70 % of the daily rate"),
  },
);
