import type { RuleCode } from "@/server/rules/codes";
import type { Confidence } from "./types";

/*
 * What the pre-flight check ("what BM would say") makes of the rules engine's issues. BM validates an
 * import in three stages — file type, field format and content, Programme Guide rules (domain doc §11) —
 * and gives a status per mobility: the template's mandatory markers (row 2) are the second stage, the
 * engine's errors the third (BM refuses), its warnings what BM flags. A few engine warnings speak about
 * Mobilo's rate tables or how the grant was worked out, not about the mobility BM checks: they are left
 * out here. A new engine code is reported by default; this list only ever shrinks what is shown.
 */
export const BM_PREFLIGHT = {
  notAboutTheMobility: [
    "FIGURE_UNCONFIRMED",
    "GREEN_TRAVEL_NO_GREEN_RATE",
    "ORGANISATIONAL_SUPPORT_STEP_APPLIED",
    "GROUP_ORGANISATIONAL_SUPPORT_CAPPED",
    "COURSE_FEE_CAP_REACHED",
  ] as const satisfies readonly RuleCode[],
  source: "domain doc §11: BM validates file type → field format and content → Programme Guide rules (A)",
  confidence: "B" as Confidence,
};

const LEFT_OUT = new Set<string>(BM_PREFLIGHT.notAboutTheMobility);

/** Whether an engine issue is something BM would say about the mobility. */
export function bmWouldReport(code: string): boolean {
  return !LEFT_OUT.has(code);
}
