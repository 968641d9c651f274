/**
 * Organisational support (domain doc §5) and the other cost categories (§6), per call year.
 */
import type {
  CourseFeeRates,
  ExpensiveTravelRules,
  InclusionSupportRates,
  LinguisticSupportRates,
  OrganisationalSupportRates,
  PreparatoryVisitRates,
} from "./types";
import { euros, figure, forCallYears } from "./figure";

const ALL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const YEARS_2021_TO_2023 = [2021, 2022, 2023];
const YEARS_2024_TO_2026 = [2024, 2025, 2026];

const OS_2022 = "erasmus-school-rules.md §5 (CMEPIUS 2022)";
const OS_2024 = "erasmus-school-rules.md §5 (NA, calls from 2024)";

function organisationalSupport(source: string, cap2024Unconfirmed: boolean): OrganisationalSupportRates {
  // The group cap and the 100th-participant step are confirmed for 2022 (B) but not for 2024+ (U).
  const laterRule = cap2024Unconfirmed ? "U" : "B";
  return {
    groupPupil: euros(100, "B", source),
    groupCap: euros(1000, laterRule, `${source}, cap per group`),
    coursesExpertsHosted: euros(100, "B", source),
    standard: euros(350, "B", source),
    beyondStep: euros(200, "B", source),
    step: figure(100, laterRule, `${source}, step after the 100th participant`),
    longTermPupil: euros(500, "B", source),
  };
}

export const ORGANISATIONAL_SUPPORT_RATES = {
  ...forCallYears(YEARS_2021_TO_2023, organisationalSupport(OS_2022, false)),
  ...forCallYears(YEARS_2024_TO_2026, organisationalSupport(OS_2024, true)),
};

/** 80 EUR per course day (C, consistent); at most 10 days per participant per project (A). */
export const COURSE_FEE_RATES = forCallYears<CourseFeeRates>(ALL_YEARS, {
  perDay: euros(80, "C", "erasmus-school-rules.md §6, course fees"),
  maxDaysPerParticipant: figure(10, "A", "erasmus-school-rules.md §6, course-fee cap per participant per project"),
});

const INCLUSION_REAL_COSTS = figure(100, "B", "erasmus-school-rules.md §6, participants' real costs at 100 %");

/** Organisational inclusion support: 100 EUR (2021–23, B); 125 EUR from call 2024 (A elsewhere, SCH U). */
export const INCLUSION_SUPPORT_RATES = {
  ...forCallYears<InclusionSupportRates>(YEARS_2021_TO_2023, {
    organisationalPerParticipant: euros(100, "B", "erasmus-school-rules.md §6, inclusion support 2021–2023"),
    realCostPercent: INCLUSION_REAL_COSTS,
  }),
  ...forCallYears<InclusionSupportRates>(YEARS_2024_TO_2026, {
    organisationalPerParticipant: euros(125, "U", "erasmus-school-rules.md §6, inclusion support from call 2024"),
    realCostPercent: INCLUSION_REAL_COSTS,
  }),
};

/** 150 EUR where OLS does not cover the language (C); +150 for long-term pupils (C/U → U). */
export const LINGUISTIC_SUPPORT_RATES = forCallYears<LinguisticSupportRates>(ALL_YEARS, {
  perParticipant: euros(150, "C", "erasmus-school-rules.md §6, linguistic support"),
  longTermPupilExtra: euros(150, "U", "erasmus-school-rules.md §6, linguistic support for long-term pupils"),
});

/** Expensive travel: unit cost covers < 70 % of real cost → 80 % of real cost instead (A). */
export const EXPENSIVE_TRAVEL_RULES = forCallYears<ExpensiveTravelRules>(ALL_YEARS, {
  thresholdPercent: figure(70, "A", "erasmus-school-rules.md §3, expensive travel threshold"),
  grantPercent: figure(80, "A", "erasmus-school-rules.md §3, expensive travel grant"),
});

/** Preparatory visits: unit cost × persons, at most 3 persons (A); the unit cost, often quoted as 575 EUR, is U. */
export const PREPARATORY_VISIT_RATES = forCallYears<PreparatoryVisitRates>(ALL_YEARS, {
  perPerson: euros(575, "U", "erasmus-school-rules.md §6, preparatory visit unit cost (often quoted)"),
  maxPersons: figure(3, "A", "erasmus-school-rules.md §2/§6, persons per preparatory visit"),
});
