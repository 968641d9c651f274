/**
 * The grant of one mobility (one person), from its input, its resolved distance and the rate
 * tables. Synchronous and pure; `estimateMobilityGrant` in index.ts resolves towns first.
 *
 * Any error makes the mobility ineligible and all its money zero. A missing figure (say, the daily
 * rates of an NA that has not entered them) is not an error: the lines that depend on it are unknown,
 * every other line is computed, and the estimate says it is incomplete and which figures are missing,
 * so a total is never mistaken for the whole grant.
 */
import { MIN_TRAVEL_KM, distanceBandFor } from "./distance-bands";
import { inclusiveDays, parseIsoDate } from "./dates";
import type { DistanceResolution } from "./geo";
import { IssueCollector } from "./issues";
import { mapLines, type GrantLine } from "./grant-lines";
import { centsToEur, divideRoundHalfUp, eurToCents, percentOfCents, percentOfCentsToWholeEuro } from "./money";
import type { ByCallYear, DailyRate, OrganisationalSupportRates, RateTables } from "./rates/types";
import {
  GRANT_LINES,
  type Cents,
  type CountryGroup,
  type DistanceBand,
  type EstimateDetails,
  type EstimateInput,
  type FigureSource,
  type GrantLines,
  type MobilityActivityType,
  type MobilityEstimate,
  type RuleIssue,
} from "./types";

/** Where a mobility stands in its project, for the rules that depend on earlier mobilities. */
export interface ProjectPosition {
  /** 1-based rank among participants paid the stepped organisational support (350 → 200). */
  steppedOrdinal?: number;
  /** Course days already funded for the same participant earlier in the project. */
  courseDaysAlreadyFunded?: number;
}

type OrganisationalSupportCategory = keyof Pick<
  OrganisationalSupportRates,
  "groupPupil" | "coursesExpertsHosted" | "standard" | "longTermPupil"
>;

/** Which organisational support amount each activity's participant gets (domain doc §5). */
const ORGANISATIONAL_SUPPORT_CATEGORY: Readonly<Record<MobilityActivityType, OrganisationalSupportCategory>> = {
  "SM-JOB-SHDW": "standard",
  "SM-TTA": "standard",
  "LM-SHORT-PUPIL": "standard",
  "SM-COUR-TRAIN": "coursesExpertsHosted",
  "OA-INV-EXP": "coursesExpertsHosted",
  "OA-HOS-TTT": "coursesExpertsHosted",
  "LM-GRP-PUPIL": "groupPupil",
  "LM-LONG-PUPILS": "longTermPupil",
};

/** True for the participants whose organisational support steps down after the 100th. */
export function paysSteppedOrganisationalSupport(input: Pick<EstimateInput, "activityType" | "accompanying">): boolean {
  return (
    input.activityType !== "PREP-VISIT" &&
    !input.accompanying &&
    ORGANISATIONAL_SUPPORT_CATEGORY[input.activityType] === "standard"
  );
}

export function zeroLines(): GrantLines {
  return mapLines(() => 0);
}

export function sumLines(lines: GrantLines): Cents {
  return GRANT_LINES.reduce((sum, line) => sum + lines[line], 0);
}

/** The figures nobody has entered and the lines they make unknown; the figures that were used. */
export interface Completeness {
  missing: RuleIssue[];
  unknownLines: GrantLine[];
  sources: FigureSource[];
}

/** The output boundary: cents to EUR, unknown lines 0, and no money at all when there is an error. */
export function buildEstimate(
  linesCents: GrantLines,
  errors: RuleIssue[],
  warnings: RuleIssue[],
  details: EstimateDetails,
  { missing, unknownLines, sources }: Completeness,
): MobilityEstimate {
  const eligible = errors.length === 0;
  const paid = mapLines((line) => (eligible && !unknownLines.includes(line) ? linesCents[line] : 0));
  const totalCents = sumLines(paid);
  const lines = mapLines((line) => centsToEur(paid[line]));
  const complete = unknownLines.length === 0;
  return { eligible, errors, warnings, missing, unknownLines, complete, lines, total: centsToEur(totalCents), linesCents: paid, totalCents, details, sources };
}

/**
 * A call-year table. When it is absent: the lines that depend on it are unknown (RATE_TABLE_MISSING as
 * a missing figure), or, for a table that decides eligibility (no `dependents`), an error.
 */
function tableFor<T>(
  table: ByCallYear<T>,
  rate: string,
  callYear: number,
  issues: IssueCollector,
  dependents?: readonly GrantLine[],
): T | undefined {
  const found = table[callYear];
  if (found === undefined && dependents) issues.missing("RATE_TABLE_MISSING", { rate, callYear }, "callYear", dependents);
  else if (found === undefined) issues.error("RATE_TABLE_MISSING", { rate, callYear }, "callYear");
  return found;
}

function activityDays(input: EstimateInput, issues: IssueCollector): number | null {
  const start = parseIsoDate(input.startDate);
  const end = parseIsoDate(input.endDate);
  if (!start) issues.error("DATE_INVALID", { date: input.startDate }, "startDate");
  if (!end) issues.error("DATE_INVALID", { date: input.endDate }, "endDate");
  if (!start || !end) return null;
  const days = inclusiveDays(start, end);
  if (days < 1) {
    issues.error("DATE_END_BEFORE_START", { startDate: input.startDate, endDate: input.endDate }, "endDate");
    return null;
  }
  return days;
}

function checkDuration(
  activity: MobilityActivityType,
  days: number,
  input: EstimateInput,
  rates: RateTables,
  issues: IssueCollector,
): void {
  const limits = tableFor(rates.durations, "durationLimits", input.callYear, issues);
  if (!limits) return;
  const { minDays, maxDays } = issues.use(`durationLimits.${activity}`, limits[activity]);
  const params = { days, activityType: activity };
  if (days < minDays) issues.error("DURATION_BELOW_MIN", { ...params, min: minDays }, "endDate");
  if (days > maxDays) issues.error("DURATION_ABOVE_MAX", { ...params, max: maxDays }, "endDate");
}

/** Travel days paid: up to 2, or up to 6 in total with green travel (domain doc §3, A). */
function fundedTravelDays(input: EstimateInput, rates: RateTables, issues: IssueCollector): number {
  const rules = tableFor(rates.travelDays, "travelDays", input.callYear, issues, ["individualSupport"]);
  if (!rules) return 0;
  const max = input.greenTravel ? issues.use("travelDays.green", rules.green) : issues.use("travelDays.standard", rules.standard);
  if (input.travelDays > max) issues.warn("TRAVEL_DAYS_EXCEED", { travelDays: input.travelDays, max }, "travelDays");
  return Math.min(input.travelDays, max);
}

interface TravelResult {
  band: DistanceBand | null;
  /** null: the call year's travel table is missing. */
  unitCostCents: Cents | null;
}

function travelUnitCost(input: EstimateInput, km: number, rates: RateTables, issues: IssueCollector): TravelResult {
  const band = distanceBandFor(km);
  if (band === null) {
    issues.warn("DISTANCE_BELOW_MIN", { km, min: MIN_TRAVEL_KM }, "distanceKm");
    return { band, unitCostCents: 0 };
  }
  // Expensive travel replaces the unit cost by comparing with it: unknown too when it is asked for.
  const dependents: GrantLine[] = input.expensiveTravelRealCostEur === undefined ? ["travel"] : ["travel", "exceptionalCosts"];
  const table = tableFor(rates.travel, "travel", input.callYear, issues, dependents);
  if (!table) return { band, unitCostCents: null };
  const bandRate = table[band];
  if (input.greenTravel && bandRate.green) {
    return { band, unitCostCents: issues.use(`travel.${band}.green`, bandRate.green) };
  }
  if (input.greenTravel) issues.warn("GREEN_TRAVEL_NO_GREEN_RATE", { band, callYear: input.callYear }, "greenTravel");
  return { band, unitCostCents: issues.use(`travel.${band}.standard`, bandRate.standard) };
}

/**
 * Expensive travel (domain doc §3, A): only when the unit cost covers less than 70 % of the real
 * cost, i.e. unit × 100 < 70 × real (integer comparison, no rounding); then 80 % of the real cost,
 * rounded half up to the cent, replaces the travel unit cost.
 */
function expensiveTravel(
  input: EstimateInput,
  unitCostCents: Cents,
  rates: RateTables,
  issues: IssueCollector,
): { travelCents: Cents; exceptionalCents: Cents } {
  const unchanged = { travelCents: unitCostCents, exceptionalCents: 0 };
  if (input.expensiveTravelRealCostEur === undefined) return unchanged;
  const rules = tableFor(rates.expensiveTravel, "expensiveTravel", input.callYear, issues, ["travel", "exceptionalCosts"]);
  if (!rules) return unchanged;
  const realCents = eurToCents(input.expensiveTravelRealCostEur);
  const thresholdPercent = issues.use("expensiveTravel.threshold", rules.thresholdPercent);
  if (unitCostCents * 100 < thresholdPercent * realCents) {
    return { travelCents: 0, exceptionalCents: percentOfCents(realCents, issues.use("expensiveTravel.grant", rules.grantPercent)) };
  }
  // Shown to two decimals, for the message only.
  const coveredPercent = divideRoundHalfUp(unitCostCents * 10_000, realCents) / 100;
  issues.warn("EXPENSIVE_TRAVEL_NOT_ELIGIBLE", { coveredPercent, thresholdPercent }, "expensiveTravelRealCostEur");
  return unchanged;
}

function countryGroupOf(input: EstimateInput, rates: RateTables, issues: IssueCollector): CountryGroup | null {
  const groups = tableFor(rates.countryGroups, "countryGroups", input.callYear, issues, ["individualSupport"]);
  if (!groups) return null;
  const group = groups[input.destinationCountry];
  if (!group) {
    issues.error("COUNTRY_UNKNOWN", { country: input.destinationCountry, callYear: input.callYear }, "destinationCountry");
    return null;
  }
  return issues.use(`countryGroups.${input.destinationCountry}`, group);
}

interface DailyRateCents {
  fullCents: Cents;
  reducedCents: Cents;
  fromDay: number;
}

/**
 * The NA's daily rate for the person type and country group. The rate from day 15 is the NA's
 * published whole-euro figure where the table has one, else 70 % of the full rate rounded half up
 * to the whole euro (domain doc §4: PL 117 → 82, 64 → 45).
 */
function dailyRateFor(
  input: EstimateInput,
  group: CountryGroup,
  rates: RateTables,
  issues: IssueCollector,
): DailyRateCents | null {
  const reduction = tableFor(rates.individualSupportReduction, "individualSupportReduction", input.callYear, issues, ["individualSupport"]);
  if (input.naCode === undefined) {
    issues.missing("NA_CODE_MISSING", undefined, "naCode", ["individualSupport"]);
    return null;
  }
  // Accompanying persons get the staff rate (domain doc §4, C); so do invited experts and hosted teachers.
  const person = input.activityType.startsWith("LM-") && !input.accompanying ? "pupil" : "staff";
  // A layer may hold one person type only (a grant agreement with staff rates alone): the other is missing.
  const rate: DailyRate | undefined = rates.individualSupport[input.naCode]?.[input.callYear]?.[person]?.[group];
  if (!rate) {
    const params = { rate: "individualSupport", naCode: input.naCode, callYear: input.callYear };
    issues.missing("RATE_MISSING", params, "naCode", ["individualSupport"]);
    return null;
  }
  if (!reduction) return null;
  const name = `individualSupport.${input.naCode}.${person}.group${group}`;
  const fullCents = issues.use(name, rate.full);
  const reducedCents = rate.reduced
    ? issues.use(`${name}.reduced`, rate.reduced)
    : percentOfCentsToWholeEuro(fullCents, issues.use("individualSupportReduction.percent", reduction.percent));
  return { fullCents, reducedCents, fromDay: issues.use("individualSupportReduction.fromDay", reduction.fromDay) };
}

/** The first 14 funded days at the full rate, every further day at the reduced rate. */
function individualSupportCents(fundedDays: number, rate: DailyRateCents): Cents {
  const fullDays = Math.min(fundedDays, rate.fromDay - 1);
  return fullDays * rate.fullCents + (fundedDays - fullDays) * rate.reducedCents;
}

function organisationalSupportCents(
  input: EstimateInput,
  activity: MobilityActivityType,
  position: ProjectPosition,
  rates: RateTables,
  issues: IssueCollector,
): Cents {
  // Accompanying persons get no organisational support (domain doc §2/§5, A).
  if (input.accompanying) return 0;
  const table = tableFor(rates.organisationalSupport, "organisationalSupport", input.callYear, issues, ["organisationalSupport"]);
  if (!table) return 0;
  const category = ORGANISATIONAL_SUPPORT_CATEGORY[activity];
  const ordinal = position.steppedOrdinal ?? 1;
  if (category === "standard" && ordinal > issues.use("organisationalSupport.step", table.step)) {
    const beyondCents = issues.use("organisationalSupport.beyondStep", table.beyondStep);
    issues.warn("ORGANISATIONAL_SUPPORT_STEP_APPLIED", {
      step: table.step.value,
      beyondEur: centsToEur(beyondCents),
      standardEur: centsToEur(table.standard.value),
    });
    return beyondCents;
  }
  return issues.use(`organisationalSupport.${category}`, table[category]);
}

/** Course fees per course day, at most 10 days per participant across the project (domain doc §6). */
function courseFees(
  input: EstimateInput,
  days: number | null,
  position: ProjectPosition,
  rates: RateTables,
  issues: IssueCollector,
): { cents: Cents; fundedDays: number } {
  const none = { cents: 0, fundedDays: 0 };
  if (input.activityType !== "SM-COUR-TRAIN") {
    if (input.courseDays !== undefined) issues.warn("COURSE_DAYS_ONLY_FOR_COURSES", undefined, "courseDays");
    return none;
  }
  if (days === null) return none;
  const courseDays = input.courseDays ?? days;
  if (courseDays > days) issues.error("COURSE_DAYS_EXCEED_ACTIVITY", { courseDays, days }, "courseDays");
  const table = tableFor(rates.courseFees, "courseFees", input.callYear, issues, ["courseFees"]);
  if (!table) return none;
  const max = issues.use("courseFees.maxDaysPerParticipant", table.maxDaysPerParticipant);
  const fundedDays = Math.min(courseDays, Math.max(0, max - (position.courseDaysAlreadyFunded ?? 0)));
  if (fundedDays < courseDays) issues.warn("COURSE_FEE_CAP_REACHED", { courseDays, funded: fundedDays, max }, "courseDays");
  return { cents: fundedDays * issues.use("courseFees.perDay", table.perDay), fundedDays };
}

/** Organisational inclusion support per participant with fewer opportunities + 100 % of real costs. */
function inclusionSupportCents(input: EstimateInput, rates: RateTables, issues: IssueCollector): Cents {
  if (!input.fewerOpportunities) {
    if (input.inclusionRealCostEur) {
      issues.warn("INCLUSION_REQUIRES_FEWER_OPPORTUNITIES", undefined, "inclusionRealCostEur");
    }
    return 0;
  }
  const table = tableFor(rates.inclusionSupport, "inclusionSupport", input.callYear, issues, ["inclusionSupport"]);
  if (!table) return 0;
  const organisational = issues.use("inclusionSupport.organisationalPerParticipant", table.organisationalPerParticipant);
  const realCents = eurToCents(input.inclusionRealCostEur ?? 0);
  return organisational + percentOfCents(realCents, issues.use("inclusionSupport.realCostPercent", table.realCostPercent));
}

/** 150 EUR where OLS does not cover the language, +150 for long-term pupils; never for accompanying persons. */
function linguisticSupportCents(input: EstimateInput, rates: RateTables, issues: IssueCollector): Cents {
  if (!input.linguisticSupport) return 0;
  if (input.accompanying) {
    issues.warn("LINGUISTIC_SUPPORT_NOT_FOR_ACCOMPANYING", undefined, "linguisticSupport");
    return 0;
  }
  const table = tableFor(rates.linguisticSupport, "linguisticSupport", input.callYear, issues, ["linguisticSupport"]);
  if (!table) return 0;
  const base = issues.use("linguisticSupport.perParticipant", table.perParticipant);
  if (input.activityType !== "LM-LONG-PUPILS") return base;
  return base + issues.use("linguisticSupport.longTermPupilExtra", table.longTermPupilExtra);
}

const EMPTY_DETAILS: EstimateDetails = {
  activityDays: null,
  fundedDays: null,
  fundedTravelDays: null,
  distanceKm: null,
  distanceBand: null,
  countryGroup: null,
  dailyRate: null,
  reducedDailyRate: null,
  fundedCourseDays: 0,
};

/** Preparatory visit: unit cost × persons, at most 3 persons (domain doc §6; the unit cost is U). */
function preparatoryVisit(input: EstimateInput, days: number | null, rates: RateTables, issues: IssueCollector) {
  const linesCents = zeroLines();
  const table = tableFor(rates.preparatoryVisits, "preparatoryVisits", input.callYear, issues, ["preparatoryVisits"]);
  if (table) {
    const persons = input.persons ?? 1;
    const max = issues.use("preparatoryVisits.maxPersons", table.maxPersons);
    if (persons > max) issues.error("PREP_VISIT_TOO_MANY_PERSONS", { persons, max }, "persons");
    if (table.perPerson) linesCents.preparatoryVisits = persons * issues.use("preparatoryVisits.perPerson", table.perPerson);
    else issues.missing("RATE_TABLE_MISSING", { rate: "preparatoryVisits.perPerson", callYear: input.callYear }, "callYear", ["preparatoryVisits"]);
  }
  const details = { ...EMPTY_DETAILS, activityDays: days };
  return finish(linesCents, issues, input.callYear, details);
}

/**
 * The grant of one mobility. Incoming activities (OA-INV-EXP, OA-HOS-TTT): the school hosts, so
 * `destinationCountry` is the school's own country; the engine funds the guest's travel (from the
 * guest's town), individual support at the staff rate of that country's group, and 100 EUR
 * organisational support (domain doc §5), like any other mobility.
 */
export function calculateMobilityGrant(
  input: EstimateInput,
  distance: DistanceResolution,
  rates: RateTables,
  position: ProjectPosition = {},
): MobilityEstimate {
  const issues = new IssueCollector();
  for (const error of distance.errors) issues.errors.push(error);
  const days = activityDays(input, issues);
  if (input.activityType === "PREP-VISIT") return preparatoryVisit(input, days, rates, issues);
  const activity = input.activityType;

  if (days !== null) checkDuration(activity, days, input, rates, issues);
  // Accompanying persons cannot be "fewer opportunities" (domain doc §2, A).
  if (input.accompanying && input.fewerOpportunities) {
    issues.error("ACCOMPANYING_FEWER_OPPORTUNITIES", undefined, "fewerOpportunities");
  }

  const travelDays = fundedTravelDays(input, rates, issues);
  const linesCents = zeroLines();
  let band: DistanceBand | null = null;
  if (distance.km === null) {
    if (distance.errors.length === 0) issues.error("DISTANCE_MISSING", undefined, "distanceKm");
  } else {
    const travel = travelUnitCost(input, distance.km, rates, issues);
    band = travel.band;
    if (travel.unitCostCents !== null) {
      const { travelCents, exceptionalCents } = expensiveTravel(input, travel.unitCostCents, rates, issues);
      linesCents.travel = travelCents;
      linesCents.exceptionalCosts = exceptionalCents;
    }
  }

  const group = countryGroupOf(input, rates, issues);
  const rate = group === null ? null : dailyRateFor(input, group, rates, issues);
  const fundedDays = days === null ? null : days + travelDays;
  if (rate !== null && fundedDays !== null) linesCents.individualSupport = individualSupportCents(fundedDays, rate);

  linesCents.organisationalSupport = organisationalSupportCents(input, activity, position, rates, issues);
  const course = courseFees(input, days, position, rates, issues);
  linesCents.courseFees = course.cents;
  linesCents.inclusionSupport = inclusionSupportCents(input, rates, issues);
  linesCents.linguisticSupport = linguisticSupportCents(input, rates, issues);

  const details: EstimateDetails = {
    activityDays: days,
    fundedDays,
    fundedTravelDays: travelDays,
    distanceKm: distance.km,
    distanceBand: band,
    countryGroup: group,
    dailyRate: rate === null ? null : centsToEur(rate.fullCents),
    reducedDailyRate: rate === null ? null : centsToEur(rate.reducedCents),
    fundedCourseDays: course.fundedDays,
  };
  return finish(linesCents, issues, input.callYear, details);
}

function finish(linesCents: GrantLines, issues: IssueCollector, callYear: number, details: EstimateDetails): MobilityEstimate {
  const completeness = { missing: issues.finalMissing(), unknownLines: issues.unknownLines(), sources: issues.sources() };
  return buildEstimate(linesCents, issues.finalErrors(), issues.finalWarnings(callYear), details, completeness);
}
