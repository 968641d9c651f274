/**
 * The shape of the rate tables. Tables that change by call year are keyed by call year; individual
 * support is keyed by NA code, then call year (each NA sets those rates, domain doc §4). A figure
 * that is not known is absent (the key is missing) and the engine reports RATE_MISSING.
 */
import type { Cents, CountryGroup, DistanceBand, Figure, MobilityActivityType } from "../types";

/** Per call year; `Partial` because an absent year means "not known", never "zero". */
export type ByCallYear<T> = Readonly<Partial<Record<number, T>>>;

export interface TravelBandRate {
  standard: Figure<Cents>;
  /** Absent where the Programme Guide has no green amount for the band. */
  green?: Figure<Cents>;
}
export type TravelRates = Readonly<Record<DistanceBand, TravelBandRate>>;

export interface TravelDayRules {
  /** Funded travel days without green travel (one before, one after). */
  standard: Figure<number>;
  /** Funded travel days in total with green travel. */
  green: Figure<number>;
}

/** ISO alpha-2 country → country group. */
export type CountryGroups = Readonly<Partial<Record<string, Figure<CountryGroup>>>>;

export interface DailyRate {
  full: Figure<Cents>;
  /** The NA's published rate from day 15; absent → 70 % of `full` rounded to the whole euro. */
  reduced?: Figure<Cents>;
}
export type DailyRatesByGroup = Readonly<Record<CountryGroup, DailyRate>>;
export interface IndividualSupportRates {
  /** Staff, accompanying persons, invited experts, hosted teachers. */
  staff: DailyRatesByGroup;
  pupil: DailyRatesByGroup;
}
/** NA code → call year → daily rates. */
export type IndividualSupportByNa = Readonly<Partial<Record<string, ByCallYear<IndividualSupportRates>>>>;

export interface IndividualSupportReduction {
  /** First funded day paid at the reduced rate. */
  fromDay: Figure<number>;
  /** Reduced rate as a percentage of the full rate. */
  percent: Figure<number>;
}

export interface OrganisationalSupportRates {
  /** Per pupil in a group mobility. */
  groupPupil: Figure<Cents>;
  /** Per group of pupils. */
  groupCap: Figure<Cents>;
  /** Staff on a course, invited expert, hosted teacher in training. */
  coursesExpertsHosted: Figure<Cents>;
  /** Job shadowing, teaching assignment, short-term individual pupil, up to the step. */
  standard: Figure<Cents>;
  /** The same participants beyond the step. */
  beyondStep: Figure<Cents>;
  /** Last participant paid the standard amount (the 100th). */
  step: Figure<number>;
  longTermPupil: Figure<Cents>;
}

export interface CourseFeeRates {
  perDay: Figure<Cents>;
  maxDaysPerParticipant: Figure<number>;
}

export interface InclusionSupportRates {
  /** Organisational inclusion support per participant with fewer opportunities. */
  organisationalPerParticipant: Figure<Cents>;
  /** Share of the participant's justified real costs. */
  realCostPercent: Figure<number>;
}

export interface LinguisticSupportRates {
  perParticipant: Figure<Cents>;
  /** Added for long-term individual pupil mobility. */
  longTermPupilExtra: Figure<Cents>;
}

export interface ExpensiveTravelRules {
  /** Expensive travel only when the unit cost covers less than this % of the real cost. */
  thresholdPercent: Figure<number>;
  /** Share of the real cost granted. */
  grantPercent: Figure<number>;
}

export interface DurationLimit {
  minDays: number;
  maxDays: number;
}
export type DurationLimits = Readonly<Record<MobilityActivityType, Figure<DurationLimit>>>;

export interface PreparatoryVisitRates {
  perPerson?: Figure<Cents>;
  maxPersons: Figure<number>;
}

export interface MonthRange {
  minMonths: number;
  maxMonths: number;
}

/** Project-level rules of the 2021–2027 programme (not call-year dependent in any source). */
export interface ProjectRules {
  groupMinPupils: Figure<number>;
  ka122MaxParticipants: Figure<number>;
  ka122Months: Figure<MonthRange>;
  ka122MaxGrants: Figure<number>;
  ka122WindowYears: Figure<number>;
  ka121InitialMonths: Figure<number>;
  ka121MaxMonths: Figure<number>;
  ka210MinOrganisations: Figure<number>;
  ka210MinCountries: Figure<number>;
  ka210Months: Figure<MonthRange>;
  ka210LumpSums: Figure<readonly Cents[]>;
  ka220MinOrganisations: Figure<number>;
  ka220MinCountries: Figure<number>;
  ka220Months: Figure<MonthRange>;
  ka220LumpSums: Figure<readonly Cents[]>;
  /** Days after the project's last day by which the final report is due. */
  finalReportDueDays: Figure<number>;
}

/**
 * Transfers between budget categories (domain doc §6: set in each NA contract, percentages U): a
 * category's award may be increased with funds moved from other categories by at most this share of
 * its own award. Keyed by call year; an NA's own figure comes in through `withOverrides`.
 */
export interface BudgetTransferRules {
  maxIncreasePercent: Figure<number>;
}

export interface RateTables {
  travel: ByCallYear<TravelRates>;
  travelDays: ByCallYear<TravelDayRules>;
  countryGroups: ByCallYear<CountryGroups>;
  individualSupport: IndividualSupportByNa;
  individualSupportReduction: ByCallYear<IndividualSupportReduction>;
  organisationalSupport: ByCallYear<OrganisationalSupportRates>;
  courseFees: ByCallYear<CourseFeeRates>;
  inclusionSupport: ByCallYear<InclusionSupportRates>;
  linguisticSupport: ByCallYear<LinguisticSupportRates>;
  expensiveTravel: ByCallYear<ExpensiveTravelRules>;
  durations: ByCallYear<DurationLimits>;
  preparatoryVisits: ByCallYear<PreparatoryVisitRates>;
  budgetTransfers: ByCallYear<BudgetTransferRules>;
  project: ProjectRules;
}
