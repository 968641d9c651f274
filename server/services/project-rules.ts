import type { Project } from "@/db/schema";
import { DEFAULT_RATES } from "@/server/rules/rates";

/**
 * The project-level limits the services enforce, read from the rules engine's tables (never
 * literals here). KA122 is the only action with a participant cap (domain doc §1).
 */
export function projectParticipantCap(action: Project["action"], _callYear: number): number | null {
  return action === "KA122" ? DEFAULT_RATES.project.ka122MaxParticipants.value : null;
}
