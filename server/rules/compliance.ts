/**
 * What decides a compliance flag or a dashboard warning: the participant cap that applies to a
 * project, which mobilities count toward it, and the app's warning thresholds. The SQL builders
 * (services/na-portfolio-sql.ts, services/projects.ts) and the dashboards read these, never their
 * own copies; the Erasmus+ figures themselves (the cap, the final report term) come from the rate
 * tables that apply to the project.
 */
import type { RateTables } from "./rates/types";
import { COMMITTED_STATUSES, type MobilityStatus } from "./statuses";
import type { ActivityType, Figure } from "./types";

/**
 * Thresholds of the app, not Erasmus+ rules (confidence U, docs/decisions.md): when a dashboard
 * warns and when the NA console flags a KA121 target as far off.
 */
export const COMPLIANCE_THRESHOLDS = {
  /** KA122 participant cap: warn from this share of the cap on. */
  capClosePercent: { value: 90, confidence: "U", source: "Mobilo: warn at 90 % of the KA122 cap" },
  /** Project end and final report: warn this many days ahead. */
  deadlineCloseDays: { value: 60, confidence: "U", source: "Mobilo: warn 60 days before a deadline" },
  /** A KA121 target is checked once this share of the project period has passed. */
  targetCheckFromElapsedPercent: { value: 50, confidence: "U", source: "Mobilo: check KA121 targets from half-time" },
  /**
   * A target is far off when what is committed is below this share of what the elapsed share of the
   * period would suggest (a count) or of the target share (a percentage).
   */
  targetFarOffPercent: { value: 50, confidence: "U", source: "Mobilo: far off below half of the expected progress" },
} as const satisfies Readonly<Record<string, Figure<number>>>;

/** The project actions as the database stores them. */
export type ProjectAction = "KA121" | "KA122" | "KA210" | "KA220";

/** The KA122 participant cap from the rates that apply to the project; null for actions without a cap (domain doc §1). */
export function participantCap(action: ProjectAction, rates: RateTables): number | null {
  return action === "KA122" ? rates.project.ka122MaxParticipants.value : null;
}

/**
 * Which mobilities take places under the KA122 cap (domain doc §1): committed ones; accompanying
 * persons and preparatory visits do not count; a group mobility counts each of its pupils (its lead
 * accompanying person does not), every other mobility its participant (once per person).
 */
export const CAP_COUNTING = {
  statuses: COMMITTED_STATUSES,
  notCounted: ["PREP-VISIT"] as const satisfies readonly ActivityType[],
  countsPupils: "LM-GRP-PUPIL" as const satisfies ActivityType,
};

export type CapCount = "none" | "participant" | "pupils";

/** How a mobility counts toward the cap: not at all, its participant, or its pupils. */
export function capCountOf(mobility: { status: MobilityStatus; activityType: ActivityType; accompanying?: boolean }): CapCount {
  if (!CAP_COUNTING.statuses.includes(mobility.status)) return "none";
  if (mobility.activityType === CAP_COUNTING.countsPupils) return "pupils";
  if ((CAP_COUNTING.notCounted as readonly ActivityType[]).includes(mobility.activityType) || mobility.accompanying) return "none";
  return "participant";
}

/** The warning a participant count gives against a cap (null: none). */
export function capWarning(used: number, cap: number | null): "capReached" | "capClose" | null {
  if (cap === null) return null;
  if (used >= cap) return "capReached";
  return used * 100 >= cap * COMPLIANCE_THRESHOLDS.capClosePercent.value ? "capClose" : null;
}
