import { z } from "zod";
import { GRANT_LINES } from "@/server/rules/grant-lines";
import { ZCents, ZId, ZIsoDate, ZRequiredText, ZVersion, refineDateRange } from "./common";
import { ZEuroInput } from "./money";
import { ZAgreementFigures } from "./agreement-figures";
import { ZGroupRates } from "./na";

export const PROJECT_ACTIONS = ["KA121", "KA122", "KA210", "KA220"] as const;
export const PROJECT_STATUSES = ["draft", "running", "reporting", "closed"] as const;
/** The awarded categories: the engine's grant lines, plus the lump sum of a partnership (KA210/KA220). */
export const BUDGET_CATEGORIES = [...GRANT_LINES, "lumpSum"] as const;
export type TBudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** The official format: call year, round, NA code, action, field, 9-digit sequence (e.g. 2024-1-FR01-KA121-SCH-000005151). */
export const PROJECT_NUMBER_PATTERN = /^(20\d{2})-([1-9])-([A-Z]{2}\d{2})-(KA\d{3})-(SCH|VET|ADU|HED|YOU)-(\d{9})$/;

export function parseProjectNumber(value: string) {
  const match = PROJECT_NUMBER_PATTERN.exec(value);
  if (!match) return null;
  const [, year, round, naCode, action, field, sequence] = match;
  return { callYear: Number(year), round: Number(round), naCode: naCode!, action: action!, field: field!, sequence: sequence! };
}

export const ZProjectNumber = z
  .string({ error: "required" })
  .trim()
  .toUpperCase()
  .regex(PROJECT_NUMBER_PATTERN, { error: "projectNumberFormat" });

const awardedShape = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, ZCents])) as Record<
  TBudgetCategory,
  typeof ZCents
>;
export const ZAwarded = z.object(awardedShape);
export type TAwarded = z.infer<typeof ZAwarded>;

const projectFields = {
  action: z.enum(PROJECT_ACTIONS, { error: "required" }),
  projectNumber: ZProjectNumber,
  title: ZRequiredText(300),
  callYear: z.number({ error: "required" }).int().min(2021, { error: "callYearRange" }).max(2027, { error: "callYearRange" }),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
};

function refineProject(value: { projectNumber: string; callYear: number; action: string; startDate: string; endDate: string }, ctx: z.RefinementCtx) {
  refineDateRange(value, ctx);
  const parsed = parseProjectNumber(value.projectNumber);
  if (!parsed) return;
  if (parsed.callYear !== value.callYear) {
    ctx.addIssue({ code: "custom", path: ["projectNumber"], message: "projectNumberYearMismatch" });
  }
  if (parsed.action !== value.action) {
    ctx.addIssue({ code: "custom", path: ["projectNumber"], message: "projectNumberActionMismatch" });
  }
  if (parsed.field !== "SCH") {
    ctx.addIssue({ code: "custom", path: ["projectNumber"], message: "projectNumberFieldSch" });
  }
}

export const ZCreateProject = z.object({ ...projectFields, awarded: ZAwarded }).superRefine(refineProject);
export type TCreateProject = z.infer<typeof ZCreateProject>;

/** The form: amounts typed in euros; parses to the same shape the API takes. */
export const ZCreateProjectForm = z
  .object({
    ...projectFields,
    awarded: z.object(
      Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, ZEuroInput])) as Record<TBudgetCategory, typeof ZEuroInput>,
    ),
  })
  .superRefine(refineProject);
export type TCreateProjectFormInput = z.input<typeof ZCreateProjectForm>;

export const ZUpdateProject = z
  .object({ projectId: ZId, version: ZVersion, ...projectFields, status: z.enum(PROJECT_STATUSES), awarded: ZAwarded })
  .superRefine(refineProject);
export type TUpdateProject = z.infer<typeof ZUpdateProject>;

export const ZProjectRef = z.object({ projectId: ZId });

/** Daily rates for groups 1–3, or none: three empty fields mean "not in the agreement" (null). */
const ZOptionalGroupRates = z
  .tuple([z.string(), z.string(), z.string()])
  .transform((texts, ctx) => {
    if (texts.every((text) => text.trim() === "")) return null;
    const parsed = ZGroupRates.safeParse(texts);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });

/**
 * A project's grant-agreement figures (issue 11): the daily rates for staff and pupils by country
 * group, and every other figure of the catalogue (server/schemas/agreement-figures.ts). Each save is
 * the agreement's complete set of figures; at least one must be given.
 */
export const ZSetAgreementRates = z
  .object({
    projectId: ZId,
    /** The newest version the coordinator saw (null: none yet): a newer one saved meanwhile is CONFLICT. */
    baseVersion: ZVersion.nullable(),
    source: ZRequiredText(200),
    staff: ZOptionalGroupRates,
    pupil: ZOptionalGroupRates,
    figures: ZAgreementFigures.default({}),
  })
  .superRefine((value, ctx) => {
    if (value.staff === null && value.pupil === null && Object.keys(value.figures).length === 0) {
      ctx.addIssue({ code: "custom", message: "agreementEmpty", path: ["source"] });
    }
  });
export type TSetAgreementRates = z.infer<typeof ZSetAgreementRates>;
export type TSetAgreementRatesInput = z.input<typeof ZSetAgreementRates>;
