/**
 * Shared types of the Erasmus+ rules engine. Money is integer euro cents everywhere inside the
 * engine (`Cents`); EUR numbers appear only in the public output.
 */
import type { RuleCode } from "./codes";
import type { GrantLines } from "./grant-lines";

/** Source quality, as in the domain doc: A official EU, B National Agency, C third party, U unconfirmed. */
export type Confidence = "A" | "B" | "C" | "U";

/**
 * Which layer of the rates a figure in force comes from (rates/index.ts resolveRates stamps it):
 * the project's own grant agreement, the National Agency's rate set, or the shipped tables (the EU
 * default of the Programme Guide and the domain doc), which carry no stamp.
 */
export const FIGURE_ORIGINS = ["agreement", "na", "default"] as const;
export type FigureOrigin = (typeof FIGURE_ORIGINS)[number];

/** Every figure in the rate tables carries where it comes from and how sure we are of it. */
export interface Figure<T> {
  readonly value: T;
  readonly source: string;
  readonly confidence: Confidence;
  /** Set by resolveRates on a figure of an NA set or a grant agreement; absent: the shipped default. */
  readonly origin?: Exclude<FigureOrigin, "default">;
}

/**
 * One figure a grant was computed with and where it came from, so a screen can say why a line is
 * what it is. `figure` is the engine's key (lib/rule-text figureText names it in words); `line` is
 * the grant line it feeds (null: an eligibility rule such as a duration limit).
 */
export interface FigureSource {
  figure: string;
  line: GrantLine | null;
  origin: FigureOrigin;
  source: string;
  confidence: Confidence;
}

/** An amount of money in integer euro cents. */
export type Cents = number;

export const ACTIVITY_TYPES = [
  "SM-JOB-SHDW",
  "SM-TTA",
  "SM-COUR-TRAIN",
  "LM-GRP-PUPIL",
  "LM-SHORT-PUPIL",
  "LM-LONG-PUPILS",
  "OA-INV-EXP",
  "OA-HOS-TTT",
  "PREP-VISIT",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
/** Activities that are mobilities of a person (everything except a preparatory visit). */
export type MobilityActivityType = Exclude<ActivityType, "PREP-VISIT">;

/** Call years the shipped tables cover; the engine accepts any year and reports missing rates. */
export const CALL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026] as const;
export type CallYear = (typeof CALL_YEARS)[number];

export const DISTANCE_BANDS = ["10-99", "100-499", "500-1999", "2000-2999", "3000-3999", "4000-7999", "8000+"] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export type CountryGroup = 1 | 2 | 3;

/** A town to locate in the offline geodata: a name and, optionally, its ISO 3166 alpha-2 country. */
export interface TownQuery {
  name: string;
  country?: string;
}

/** Input of `estimateMobilityGrant` (the public `rules.estimate` query). Validated by ZEstimateInput. */
export interface EstimateInput {
  callYear: number;
  /** National Agency code, e.g. "SI01"; needed for individual support (NAs set those rates). */
  naCode?: string;
  activityType: ActivityType;
  /** An accompanying person (staff rate; no organisational or linguistic support). */
  accompanying?: boolean;
  /** ISO date (YYYY-MM-DD), first activity day; travel days excluded. */
  startDate: string;
  /** ISO date (YYYY-MM-DD), last activity day (inclusive); travel days excluded. */
  endDate: string;
  /** Travel days the participant needs (before plus after the activity). */
  travelDays: number;
  /** ISO 3166 alpha-2 of the venue; for incoming activities, the hosting school's own country. */
  destinationCountry: string;
  /** One-way km from the EC distance calculator; wins over towns. */
  distanceKm?: number;
  origin?: TownQuery;
  destination?: TownQuery;
  greenTravel?: boolean;
  fewerOpportunities?: boolean;
  inclusionRealCostEur?: number;
  expensiveTravelRealCostEur?: number;
  /** Course days (SM-COUR-TRAIN only); defaults to the activity days. */
  courseDays?: number;
  linguisticSupport?: boolean;
  /** Persons on a preparatory visit (PREP-VISIT only), 1–3; defaults to 1. */
  persons?: number;
}

export type IssueParams = Readonly<Record<string, string | number>>;

export interface RuleIssue {
  code: RuleCode;
  /** English text; translate with `code` + `params` (messages/{en,sl}/rules.json). */
  message: string;
  params?: IssueParams;
  /** Input field the issue concerns, so a form can show it beside that field. */
  field?: string;
}

export { GRANT_LINES, type GrantLine, type GrantLines } from "./grant-lines";
import type { GrantLine } from "./grant-lines";

/** error: blocks the grant; warning: information; missing: a figure nobody has entered (its lines are unknown). */
export type IssueSeverity = "error" | "warning" | "missing";

/**
 * An issue as a grant is stored (mobilities.grant_issues) and sent to clients: the code with its
 * params and field (translated with messages/{en,sl}/rules.json), and whether it blocks the grant.
 */
export interface GrantIssue {
  severity: IssueSeverity;
  code: RuleCode;
  params?: IssueParams;
  field?: string;
}

export interface EstimateDetails {
  /** Activity days, start and end date included (null when the dates are invalid). */
  activityDays: number | null;
  /** Activity days + funded travel days (the days individual support pays). */
  fundedDays: number | null;
  fundedTravelDays: number | null;
  /** One-way km the band was taken from (entered, or great-circle from the towns). */
  distanceKm: number | null;
  distanceBand: DistanceBand | null;
  countryGroup: CountryGroup | null;
  /** Full daily individual support rate in EUR. */
  dailyRate: number | null;
  /** Daily rate in EUR from day 15 on. */
  reducedDailyRate: number | null;
  /** Course days the course-fee line pays (after the per-participant cap). */
  fundedCourseDays: number;
}

export interface MobilityEstimate {
  eligible: boolean;
  errors: RuleIssue[];
  warnings: RuleIssue[];
  /**
   * Figures nobody has entered yet (RATE_MISSING, RATE_TABLE_MISSING, NA_CODE_MISSING): not errors.
   * Each makes unknown only the lines that depend on it.
   */
  missing: RuleIssue[];
  /** Lines whose amount is unknown because a figure is missing (their cents are 0 in `linesCents`). */
  unknownLines: GrantLine[];
  /** True when every line is known: the total is the grant, not a lower bound ("at least"). */
  complete: boolean;
  /** EUR, at most two decimals: the known lines; 0 for unknown lines. All zero when there is any error. */
  lines: GrantLines;
  /** EUR; exactly totalCents / 100. */
  total: number;
  linesCents: GrantLines;
  /** The sum of the known lines; the grant is at least this much when `complete` is false. */
  totalCents: Cents;
  details: EstimateDetails;
  /** Every figure the lines were computed with, with its origin (agreement, NA or default) and source. */
  sources: FigureSource[];
}
