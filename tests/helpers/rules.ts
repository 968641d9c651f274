import {
  calculateGroupMobilityGrant,
  calculateProjectBudget,
  DEFAULT_RATES,
  resolveDistance,
  type GroupEstimate,
  type GroupEstimateInput,
  type ProjectBudget,
  type ProjectInput,
  type ProjectMobility,
  type RateTables,
} from "@/server/rules";

/*
 * The engine's synchronous cores with the towns located first, as the tests call them (the app locates
 * a mobility's towns once, when it is saved, and calls the cores with the stored distance).
 */

/** A group mobility of pupils as one record, with a per-person breakdown and the 1 000 EUR cap. */
export async function estimateGroupMobilityGrant(input: GroupEstimateInput, rates: RateTables = DEFAULT_RATES): Promise<GroupEstimate> {
  return calculateGroupMobilityGrant(input, await resolveDistance(input), rates);
}

/** A project's committed and realised budget per grant line, with the project checks. */
export async function computeProjectBudget(
  project: ProjectInput,
  mobilities: readonly ProjectMobility[],
  rates: RateTables = DEFAULT_RATES,
): Promise<ProjectBudget> {
  const resolved = await Promise.all(mobilities.map(async (mobility) => ({ mobility, distance: await resolveDistance(mobility.input) })));
  return calculateProjectBudget(project, resolved, rates);
}
