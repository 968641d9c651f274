import { z } from "zod";
import { ACTIVITY_TYPES, DISTANCE_BANDS } from "@/server/rules/types";
import { parseEuroToCents } from "./money";

/*
 * Every figure a project's grant agreement can set besides the daily rates (issue 11): the figures
 * of the rate tables that are per participant, per day, per band or a share — organisational support,
 * course fees, inclusion and linguistic support, travel by distance band (standard and green), the
 * shares of exceptional costs, the preparatory visit amount and the activities' duration limits.
 * One catalogue for the form, the service that stores them and the NA's comparison: each entry is a
 * figure of the engine's rate tables (section, call year, path). Form fields are flat text, keyed by
 * `id`; an empty field means "not in the agreement" (the NA's figure or the default applies).
 */

export type TAgreementFigureUnit = "cents" | "percent" | "days";
export const AGREEMENT_FIGURE_GROUPS = [
  "organisationalSupport",
  "courseFees",
  "inclusionSupport",
  "linguisticSupport",
  "travel",
  "exceptionalCosts",
  "preparatoryVisits",
  "durations",
] as const;
export type TAgreementFigureGroup = (typeof AGREEMENT_FIGURE_GROUPS)[number];

/** The call-year sections of the rate tables an agreement may hold figures of. */
export type TAgreementSection =
  | "organisationalSupport" | "courseFees" | "inclusionSupport" | "linguisticSupport" | "travel" | "expensiveTravel" | "preparatoryVisits" | "durations";

export interface TAgreementFigure {
  /** Form field and stable key: the section and path joined by "_". */
  id: string;
  group: TAgreementFigureGroup;
  section: TAgreementSection;
  /** Path under the call year; for a duration limit [activity, "minDays" | "maxDays"]. */
  path: readonly string[];
  unit: TAgreementFigureUnit;
}

const entry = (group: TAgreementFigureGroup, section: TAgreementSection, path: readonly string[], unit: TAgreementFigureUnit): TAgreementFigure => ({
  id: [section, ...path].join("_"),
  group,
  section,
  path,
  unit,
});

export const AGREEMENT_FIGURES: readonly TAgreementFigure[] = [
  ...(["standard", "beyondStep", "coursesExpertsHosted", "groupPupil", "groupCap", "longTermPupil"] as const).map((key) =>
    entry("organisationalSupport", "organisationalSupport", [key], "cents"),
  ),
  entry("courseFees", "courseFees", ["perDay"], "cents"),
  entry("courseFees", "courseFees", ["maxDaysPerParticipant"], "days"),
  entry("inclusionSupport", "inclusionSupport", ["organisationalPerParticipant"], "cents"),
  entry("linguisticSupport", "linguisticSupport", ["perParticipant"], "cents"),
  entry("linguisticSupport", "linguisticSupport", ["longTermPupilExtra"], "cents"),
  ...DISTANCE_BANDS.flatMap((band) => (["standard", "green"] as const).map((kind) => entry("travel", "travel", [band, kind], "cents"))),
  entry("exceptionalCosts", "expensiveTravel", ["grantPercent"], "percent"),
  entry("exceptionalCosts", "expensiveTravel", ["thresholdPercent"], "percent"),
  entry("preparatoryVisits", "preparatoryVisits", ["perPerson"], "cents"),
  ...ACTIVITY_TYPES.filter((type) => type !== "PREP-VISIT").flatMap((activity) =>
    (["minDays", "maxDays"] as const).map((bound) => entry("durations", "durations", [activity, bound], "days")),
  ),
];

/** At most 10 000 € for one unit cost (above every figure of the programme; catches a misplaced digit). */
export const MAX_AGREEMENT_FIGURE_CENTS = 1_000_000;
export const MAX_AGREEMENT_DAYS = 365;

const BY_ID = new Map(AGREEMENT_FIGURES.map((figure) => [figure.id, figure]));

/** One figure as typed: empty → not in the agreement (null); else cents, a whole percentage or days; or an error key. */
function parseFigure(unit: TAgreementFigureUnit, value: string): number | null | { error: string } {
  const text = value.trim();
  if (text === "") return null;
  if (unit === "cents") {
    const cents = parseEuroToCents(text);
    return cents === null || cents > MAX_AGREEMENT_FIGURE_CENTS ? { error: "agreementAmountInvalid" } : cents;
  }
  const whole = /^\d{1,3}$/.test(text) ? Number(text) : null;
  const [min, max, error] = unit === "percent" ? [0, 100, "agreementPercentInvalid"] : [1, MAX_AGREEMENT_DAYS, "agreementDaysInvalid"];
  return whole === null || whole < min || whole > max ? { error } : whole;
}

/** Figure id → value (cents, percent or days); only the figures the agreement sets. */
export type TAgreementFigureValues = Record<string, number>;

/**
 * The form's figures: one text field per catalogue entry (unknown ids refused); duration limits both
 * or neither, min ≤ max.
 */
export const ZAgreementFigures = z.record(z.string(), z.string().max(20, { error: "agreementFigureInvalid" })).transform((texts, ctx) => {
  const values: TAgreementFigureValues = {};
  for (const [id, text] of Object.entries(texts)) {
    const figure = BY_ID.get(id);
    if (!figure) {
      ctx.addIssue({ code: "custom", message: "invalidInput", path: [id] });
      continue;
    }
    const parsed = parseFigure(figure.unit, text);
    if (parsed !== null && typeof parsed === "object") ctx.addIssue({ code: "custom", message: parsed.error, path: [id] });
    else if (parsed !== null) values[id] = parsed;
  }
  for (const figure of AGREEMENT_FIGURES) {
    if (figure.section !== "durations" || figure.path[1] !== "minDays") continue;
    const maxId = `durations_${figure.path[0]}_maxDays`;
    const min = values[figure.id];
    const max = values[maxId];
    const given = (id: string) => (texts[id] ?? "").trim() !== "";
    if (given(figure.id) !== given(maxId)) ctx.addIssue({ code: "custom", message: "agreementDurationPair", path: [given(figure.id) ? maxId : figure.id] });
    else if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: "custom", message: "agreementDurationOrder", path: [maxId] });
  }
  return values;
});

/** The figures as form text (cents as "85" / "84,50", other units as whole numbers). */
export function agreementFigureText(figure: TAgreementFigure, value: number | null | undefined, decimal: string): string {
  if (value === null || value === undefined) return "";
  if (figure.unit !== "cents") return String(value);
  const euros = Math.floor(value / 100);
  const rest = value % 100;
  return rest === 0 ? String(euros) : `${euros}${decimal}${String(rest).padStart(2, "0")}`;
}
