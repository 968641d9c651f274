/**
 * Project level (domain doc §1, §5, §6): the budget of a project from its mobilities, with the rules
 * that depend on more than one mobility, and the project checks (KA121, KA122, KA210, KA220).
 *
 * Status filter (explicit): a mobility is COMMITTED when planned or completed (not draft, not
 * cancelled) and REALISED when completed (domain doc §2: only complete mobilities count as reported). Only committed mobilities count toward the totals and
 * the limits (KA122 participant cap, the 100th-participant step, the course-fee cap); drafts and
 * cancelled ones are still estimated, at the position they would take, but consume nothing.
 * Mobilities are taken in start-date order (then input order) so caps fall on the later ones.
 */
import { CAP_COUNTING, capCountOf } from "./compliance";
import { projectMonths, parseIsoDate } from "./dates";
import type { DistanceResolution } from "./geo";
import { calculateGroupMobilityGrant, type GroupEstimate, type GroupEstimateInput } from "./group";
import { IssueCollector, issue } from "./issues";
import { mapLines, type GrantLine } from "./grant-lines";
import { calculateMobilityGrant, paysSteppedOrganisationalSupport, sumLines, zeroLines } from "./mobility";
import { centsToEur, eurToCents } from "./money";
import type { MonthRange, RateTables } from "./rates/types";
import { GRANT_LINES, type Cents, type EstimateInput, type GrantLines, type MobilityEstimate, type RuleIssue } from "./types";

import { COMMITTED_STATUSES, REALISED_STATUSES, type MobilityStatus } from "./statuses";

export { COMMITTED_STATUSES, MOBILITY_STATUSES, REALISED_STATUSES, type MobilityStatus } from "./statuses";

export type ProjectMobility =
  | { kind: "individual"; id: string; participantId: string; status: MobilityStatus; input: EstimateInput }
  | { kind: "group"; id: string; status: MobilityStatus; input: GroupEstimateInput };

interface ProjectDates {
  callYear: number;
  /** ISO date, first day of the project. */
  startDate: string;
  /** ISO date, last day of the project (inclusive). */
  endDate: string;
}

export type ProjectInput =
  | (ProjectDates & { action: "KA121-SCH"; /** The NA granted the extension beyond 15 months. */ extended?: boolean })
  | (ProjectDates & { action: "KA122-SCH" })
  | (ProjectDates & {
      action: "KA210-SCH" | "KA220-SCH";
      /** Every participating organisation, the coordinator included. */
      organisations: { country: string }[];
      lumpSumEur: number;
    });

export interface BudgetTotals {
  lines: GrantLines;
  linesCents: GrantLines;
  total: number;
  totalCents: Cents;
  /** Lines unknown in at least one of the mobilities added up: their sums are lower bounds. */
  unknownLines: GrantLine[];
  /** Mobilities added up whose grant is incomplete (a missing figure). */
  incompleteCount: number;
}

export interface MobilityBudgetEntry {
  id: string;
  status: MobilityStatus;
  committed: boolean;
  realised: boolean;
  estimate: MobilityEstimate | GroupEstimate;
}

export interface ProjectBudget {
  eligible: boolean;
  errors: RuleIssue[];
  warnings: RuleIssue[];
  committed: BudgetTotals;
  realised: BudgetTotals;
  /** KA210/KA220 lump sum; null for KA121/KA122. */
  lumpSum: number | null;
  lumpSumCents: Cents | null;
  /** Participants as the KA122 cap counts them (committed; no accompanying persons, no preparatory visits). */
  participantCount: number;
  months: number | null;
  mobilities: MobilityBudgetEntry[];
}

function totals(estimates: readonly MobilityEstimate[]): BudgetTotals {
  const linesCents = zeroLines();
  for (const estimate of estimates) for (const line of GRANT_LINES) linesCents[line] += estimate.linesCents[line];
  const totalCents = sumLines(linesCents);
  return {
    lines: mapLines((line) => centsToEur(linesCents[line])),
    linesCents,
    total: centsToEur(totalCents),
    totalCents,
    unknownLines: GRANT_LINES.filter((line) => estimates.some((estimate) => estimate.unknownLines.includes(line))),
    incompleteCount: estimates.filter((estimate) => !estimate.complete).length,
  };
}

function pupilCount(input: GroupEstimateInput): number {
  return typeof input.pupils === "number" ? input.pupils : input.pupils.length;
}

/** Participants toward the KA122 cap (compliance.ts capCountOf): distinct participants; group pupils one by one. */
function countParticipants(estimated: readonly EstimatedMobility[]): number {
  const individuals = new Set<string>();
  let groupPupils = 0;
  for (const { mobility } of estimated) {
    if (mobility.kind === "group") {
      if (capCountOf({ status: mobility.status, activityType: CAP_COUNTING.countsPupils }) === "pupils") groupPupils += pupilCount(mobility.input);
    } else if (capCountOf({ status: mobility.status, ...mobility.input }) === "participant") {
      individuals.add(mobility.participantId);
    }
  }
  return individuals.size + groupPupils;
}

function checkMonths(action: string, months: { complete: number; started: number }, range: MonthRange, issues: IssueCollector) {
  if (months.complete < range.minMonths) {
    issues.error("PROJECT_DURATION_BELOW_MIN", { action, months: months.complete, min: range.minMonths }, "endDate");
  }
  if (months.started > range.maxMonths) {
    issues.error("PROJECT_DURATION_ABOVE_MAX", { action, months: months.started, max: range.maxMonths }, "endDate");
  }
}

/** KA121: 15 months, extendable to 24 in total (domain doc §1, B). */
function checkKa121(project: ProjectInput & { action: "KA121-SCH" }, months: number, rates: RateTables, issues: IssueCollector) {
  const initialMonths = issues.use("project.ka121InitialMonths", rates.project.ka121InitialMonths);
  const maxMonths = issues.use("project.ka121MaxMonths", rates.project.ka121MaxMonths);
  if (months > maxMonths) {
    issues.error("PROJECT_DURATION_ABOVE_MAX", { action: project.action, months, max: maxMonths }, "endDate");
  } else if (months > initialMonths && !project.extended) {
    issues.error("KA121_EXTENSION_REQUIRED", { months, initialMonths, maxMonths }, "extended");
  }
}

/** KA210/KA220: organisations, countries and the lump sum (domain doc §1, B/C). */
function checkPartnership(
  project: ProjectInput & { action: "KA210-SCH" | "KA220-SCH" },
  months: { complete: number; started: number } | null,
  rates: RateTables,
  issues: IssueCollector,
): Cents {
  const small = project.action === "KA210-SCH";
  const rules = rates.project;
  const minOrganisations = issues.use("project.minOrganisations", small ? rules.ka210MinOrganisations : rules.ka220MinOrganisations);
  const minCountries = issues.use("project.minCountries", small ? rules.ka210MinCountries : rules.ka220MinCountries);
  const lumpSums = issues.use("project.lumpSums", small ? rules.ka210LumpSums : rules.ka220LumpSums);
  const range = issues.use("project.months", small ? rules.ka210Months : rules.ka220Months);
  if (months) checkMonths(project.action, months, range, issues);

  const organisations = project.organisations.length;
  const countries = new Set(project.organisations.map((organisation) => organisation.country.toUpperCase())).size;
  if (organisations < minOrganisations) {
    issues.error("PARTNERSHIP_TOO_FEW_ORGANISATIONS", { action: project.action, count: organisations, min: minOrganisations }, "organisations");
  }
  if (countries < minCountries) {
    issues.error("PARTNERSHIP_TOO_FEW_COUNTRIES", { action: project.action, count: countries, min: minCountries }, "organisations");
  }
  const lumpSumCents = eurToCents(project.lumpSumEur);
  if (!lumpSums.includes(lumpSumCents)) {
    const allowed = lumpSums.map((cents) => centsToEur(cents)).join(", ");
    issues.error("LUMP_SUM_INVALID", { action: project.action, lumpSumEur: project.lumpSumEur, allowed }, "lumpSumEur");
  }
  return lumpSumCents;
}

function projectLength(project: ProjectInput, issues: IssueCollector): { complete: number; started: number } | null {
  const start = parseIsoDate(project.startDate);
  const end = parseIsoDate(project.endDate);
  if (!start) issues.error("DATE_INVALID", { date: project.startDate }, "startDate");
  if (!end) issues.error("DATE_INVALID", { date: project.endDate }, "endDate");
  if (!start || !end) return null;
  if (project.endDate < project.startDate) {
    issues.error("DATE_END_BEFORE_START", { startDate: project.startDate, endDate: project.endDate }, "endDate");
    return null;
  }
  return projectMonths(start, end);
}

/** A mobility with its one-way distance already resolved. */
export interface ResolvedMobility {
  mobility: ProjectMobility;
  distance: DistanceResolution;
}

interface EstimatedMobility {
  mobility: ProjectMobility;
  entry: MobilityBudgetEntry;
}

/** Estimates every mobility in start-date order (stable), applying the caps that span the project. */
function estimateMobilities(resolved: readonly ResolvedMobility[], rates: RateTables): EstimatedMobility[] {
  const byStart = [...resolved.entries()].sort(
    ([, a], [, b]) => a.mobility.input.startDate.localeCompare(b.mobility.input.startDate),
  );
  const estimated: (EstimatedMobility & { index: number })[] = [];
  const courseDaysFunded = new Map<string, number>();
  let steppedParticipants = 0;

  for (const [index, { mobility, distance }] of byStart) {
    const committed = COMMITTED_STATUSES.includes(mobility.status);
    const realised = REALISED_STATUSES.includes(mobility.status);
    const entry = (estimate: MobilityEstimate | GroupEstimate) =>
      ({ id: mobility.id, status: mobility.status, committed, realised, estimate });
    if (mobility.kind === "group") {
      estimated.push({ index, mobility, entry: entry(calculateGroupMobilityGrant(mobility.input, distance, rates)) });
      continue;
    }
    const alreadyFunded = courseDaysFunded.get(mobility.participantId) ?? 0;
    const estimate = calculateMobilityGrant(mobility.input, distance, rates, {
      steppedOrdinal: steppedParticipants + 1,
      courseDaysAlreadyFunded: alreadyFunded,
    });
    if (committed && estimate.eligible) {
      if (paysSteppedOrganisationalSupport(mobility.input)) steppedParticipants += 1;
      courseDaysFunded.set(mobility.participantId, alreadyFunded + estimate.details.fundedCourseDays);
    }
    estimated.push({ index, mobility, entry: entry(estimate) });
  }
  return estimated.sort((a, b) => a.index - b.index);
}

/**
 * The budget of a project: committed and realised totals per grant line (cents and EUR), the
 * per-mobility estimates (in input order), and the project checks. index.ts resolves towns first.
 */
export function calculateProjectBudget(
  project: ProjectInput,
  resolved: readonly ResolvedMobility[],
  rates: RateTables,
): ProjectBudget {
  const issues = new IssueCollector();
  const months = projectLength(project, issues);
  const estimated = estimateMobilities(resolved, rates);
  const entries = estimated.map(({ entry }) => entry);
  const participantCount = countParticipants(estimated);
  let lumpSumCents: Cents | null = null;

  if (project.action === "KA122-SCH") {
    const max = issues.use("project.ka122MaxParticipants", rates.project.ka122MaxParticipants);
    if (participantCount > max) issues.error("KA122_PARTICIPANT_CAP", { count: participantCount, max });
    if (months) checkMonths(project.action, months, issues.use("project.ka122Months", rates.project.ka122Months), issues);
  } else if (project.action === "KA121-SCH") {
    if (months) checkKa121(project, months.started, rates, issues);
  } else {
    lumpSumCents = checkPartnership(project, months, rates, issues);
  }

  const committed = entries.filter((entry) => entry.committed).map((entry) => entry.estimate);
  const realised = entries.filter((entry) => entry.realised).map((entry) => entry.estimate);
  const errors = issues.finalErrors();
  return {
    eligible: errors.length === 0,
    errors,
    warnings: issues.finalWarnings(project.callYear),
    committed: totals(committed),
    realised: totals(realised),
    lumpSum: lumpSumCents === null ? null : centsToEur(lumpSumCents),
    lumpSumCents,
    participantCount,
    months: months?.started ?? null,
    mobilities: entries,
  };
}

/**
 * At most 3 KA122-SCH grants in any 5 consecutive call years (domain doc §1, B). `callYears` lists
 * the organisation's KA122-SCH grants (one entry per grant; a year may appear twice, for two rounds),
 * including the one being checked. Returns one KA122_GRANT_LIMIT error per window over the limit.
 */
export function checkKa122GrantLimit(callYears: readonly number[], rates: RateTables): RuleIssue[] {
  const max = rates.project.ka122MaxGrants.value;
  const windowYears = rates.project.ka122WindowYears.value;
  const windowStarts = [...new Set(callYears)].sort((a, b) => a - b);
  return windowStarts.flatMap((fromYear) => {
    const toYear = fromYear + windowYears - 1;
    const count = callYears.filter((year) => year >= fromYear && year <= toYear).length;
    return count > max ? [issue("KA122_GRANT_LIMIT", { max, windowYears, fromYear, toYear, count })] : [];
  });
}
