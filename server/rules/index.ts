/**
 * The Erasmus+ rules engine for school education (KA1 mobility, KA121/KA122 projects, KA210/KA220
 * partnerships): the only place in the app that computes grant money. Pure TypeScript; the only
 * dependency is the offline geodata package, imported lazily when towns must be located.
 *
 * Money is integer cents inside; outputs give EUR (at most two decimals) and cents side by side.
 * Rate tables are data (`DEFAULT_RATES`); NA figures from the database are layered on with
 * `withOverrides` and passed as `rates`.
 */
import { resolveDistance } from "./geo";
import { calculateMobilityGrant } from "./mobility";
import { checkKa122GrantLimit as checkGrantLimit } from "./project";
import { DEFAULT_RATES } from "./rates";
import type { RateTables } from "./rates/types";
import type { EstimateInput, MobilityEstimate, RuleIssue } from "./types";

export { RULE_CODES, RULE_MESSAGES_EN, type RuleCode } from "./codes";
export { DEFAULT_RATES, resolveRates, withOverrides, type RateLayers, type RateOverrides } from "./rates";
export type * from "./rates/types";
export * from "./types";
export { grantLineStem, mapLines } from "./grant-lines";
export { CAP_COUNTING, capCountOf, capWarning, COMPLIANCE_THRESHOLDS, participantCap, type CapCount, type ProjectAction } from "./compliance";
export { distanceBandFor, MIN_TRAVEL_KM } from "./distance-bands";
// Unit conversions at the engine's boundary (stored cents ↔ the EUR figures of its input and output).
export { centsToEur, eurToCents } from "./money";
export { EARTH_RADIUS_KM, findTown, greatCircleKm, lookupTown, normaliseTownName, resolveDistance, searchTowns } from "./geo";
export type { Coordinates, DistanceResolution, ResolvedTown, TownLookup, TownSuggestion } from "./geo";
export type { GroupAccompanyingPerson, GroupEstimate, GroupEstimateInput, GroupPupil, PersonEstimate } from "./group";
export { COMMITTED_STATUSES, MOBILITY_STATUSES, REALISED_STATUSES } from "./project";
// Synchronous cores, for callers that already hold the one-way km (e.g. stored mobilities).
export { calculateMobilityGrant, type ProjectPosition } from "./mobility";
export { calculateGroupMobilityGrant } from "./group";
export { calculateProjectBudget } from "./project";
export { assessBudgetTransfers, type BudgetTransferAssessment, type CategoryTransfer } from "./budget-transfers";
export type { BudgetTotals, MobilityBudgetEntry, MobilityStatus, ProjectBudget, ProjectInput, ProjectMobility, ResolvedMobility } from "./project";

/** The grant of one mobility (the public `rules.estimate` query). Async only to locate towns. */
export async function estimateMobilityGrant(input: EstimateInput, rates: RateTables = DEFAULT_RATES): Promise<MobilityEstimate> {
  return calculateMobilityGrant(input, await resolveDistance(input), rates);
}

/** At most 3 KA122-SCH grants in any 5 consecutive call years; pass every KA122-SCH call year of the organisation. */
export function checkKa122GrantLimit(callYears: readonly number[], rates: RateTables = DEFAULT_RATES): RuleIssue[] {
  return checkGrantLimit(callYears, rates);
}
