/**
 * The states of a mobility (the ONE list: the database enum and the zod schemas derive from it) and
 * which of them count. COMMITTED: planned or completed (not draft, not cancelled); REALISED: completed
 * (domain doc §2: only complete mobilities count as reported).
 */
export const MOBILITY_STATUSES = ["draft", "planned", "completed", "cancelled"] as const;
export type MobilityStatus = (typeof MOBILITY_STATUSES)[number];
export const COMMITTED_STATUSES: readonly MobilityStatus[] = ["planned", "completed"];
export const REALISED_STATUSES: readonly MobilityStatus[] = ["completed"];
