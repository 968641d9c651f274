import { z } from "zod";
import { ZId, ZRequiredText, ZSafeString, ZTranslations, ZVersion } from "./common";
import { MAIL_LOCALES } from "./members";

/*
 * Inputs of the national-agency officer's console (na.*) and of the school's side of findings
 * (findings.*). Messages are i18n keys under `validation.*`.
 */

export const ZNaCode = z
  .string({ error: "required" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}[0-9]{2}$/, { error: "naCodeFormat" });

export const ZCallYear = z.number({ error: "callYearRange" }).int({ error: "callYearRange" }).min(2021, { error: "callYearRange" }).max(2027, { error: "callYearRange" });

/** The compliance flags of the portfolio (server/services/na-oversight.ts computes them in SQL). */
export const COMPLIANCE_FLAGS = [
  "durationOutOfLimits",
  "ka122CapExceeded",
  "overAward",
  "missingEvidence",
  "overlappingMobilities",
  "finalReportOverdue",
  "fewerOpportunityTargetOff",
  "greenTravelTargetOff",
] as const;
export type TComplianceFlag = (typeof COMPLIANCE_FLAGS)[number];

export const PORTFOLIO_SORTS = ["risk", "school", "project", "endDate"] as const;
export const PORTFOLIO_PAGE_SIZES = [10, 25, 50, 100] as const;

export const ZPortfolioQuery = z.object({
  /** One of the officer's NAs; all of them when absent. */
  naCode: ZNaCode.optional(),
  /** One school of the NA. */
  schoolId: ZId.optional(),
  callYear: ZCallYear.optional(),
  /** Only projects that raise this flag. */
  flag: z.enum(COMPLIANCE_FLAGS).optional(),
  /** Only projects that raise at least one flag. */
  onlyFlagged: z.boolean().default(false),
  search: ZSafeString(100).optional(),
  // The default order pages first (≤ 150 ms with 200 000 mobilities); "risk" aggregates the whole NA first.
  sort: z.enum(PORTFOLIO_SORTS).default("school"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z
    .number()
    .int()
    .refine((n) => (PORTFOLIO_PAGE_SIZES as readonly number[]).includes(n), { error: "invalidInput" })
    .default(25),
});
export type TPortfolioQuery = z.infer<typeof ZPortfolioQuery>;
export type TPortfolioQueryInput = z.input<typeof ZPortfolioQuery>;

export const ZNaScope = z.object({ naCode: ZNaCode.optional() });
export const ZNaProjectRef = z.object({ projectId: ZId });
export const ZNaMobilityRef = z.object({ mobilityId: ZId });
export const ZFlagDrillDown = z.object({ projectId: ZId, flag: z.enum(COMPLIANCE_FLAGS) });
export type TFlagDrillDown = z.infer<typeof ZFlagDrillDown>;

/* ---------- findings ---------- */

export const FINDING_STATUSES = ["open", "answered", "closed"] as const;
export type TFindingStatus = (typeof FINDING_STATUSES)[number];

const ZMessageBody = ZRequiredText(5000, { multiline: true });
/** The language of the notification e-mail (the writer's interface language: school and NA share one). */
const ZMailLocale = z.enum(MAIL_LOCALES).default("en");

export const ZCreateFinding = z.object({
  projectId: ZId,
  /** A finding about one mobility of the project; absent: about the project as a whole. */
  mobilityId: ZId.optional(),
  title: ZRequiredText(200),
  body: ZMessageBody,
  locale: ZMailLocale,
});
export type TCreateFinding = z.infer<typeof ZCreateFinding>;
export type TCreateFindingInput = z.input<typeof ZCreateFinding>;

export const ZFindingRef = z.object({ findingId: ZId });
export const ZFindingMessage = z.object({ findingId: ZId, version: ZVersion, body: ZMessageBody, locale: ZMailLocale });
export type TFindingMessage = z.infer<typeof ZFindingMessage>;
export type TFindingMessageInput = z.input<typeof ZFindingMessage>;
export const ZCloseFinding = z.object({ findingId: ZId, version: ZVersion });
export type TCloseFinding = z.infer<typeof ZCloseFinding>;

export const ZOfficerFindingList = z.object({
  naCode: ZNaCode.optional(),
  projectId: ZId.optional(),
  status: z.enum(FINDING_STATUSES).optional(),
});
export type TOfficerFindingList = z.infer<typeof ZOfficerFindingList>;

/* ---------- the NA's rate tables ---------- */

export const ZNaRatesRef = z.object({ naCode: ZNaCode, callYear: ZCallYear });
export type TNaRatesRef = z.infer<typeof ZNaRatesRef>;

/**
 * A daily rate typed in whole euros ("85", "85,00") or euros and cents ("84,50"): positive, and at
 * most 1 000 € a day (far above any NA's rate; catches a misplaced digit). Becomes integer cents.
 */
export const MAX_DAILY_RATE_CENTS = 100_000;
export const ZDailyRateInput = z.string({ error: "required" }).transform((value, ctx) => {
  const compact = value.replace(/[\s\u00a0€]/g, "");
  const match = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (compact === "") {
    ctx.addIssue({ code: "custom", message: "required" });
    return z.NEVER;
  }
  const cents = match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : null;
  if (cents === null || cents <= 0 || cents > MAX_DAILY_RATE_CENTS) {
    ctx.addIssue({ code: "custom", message: "dailyRateInvalid" });
    return z.NEVER;
  }
  return cents;
});

/** Daily rates for country groups 1, 2 and 3, in that order. */
const ZGroupRates = z.tuple([ZDailyRateInput, ZDailyRateInput, ZDailyRateInput]);

export const ZSetIndividualSupportRates = z.object({
  naCode: ZNaCode,
  callYear: ZCallYear,
  /** The newest version the officer saw (null: none yet): a newer one saved meanwhile is CONFLICT. */
  baseVersion: ZVersion.nullable(),
  staff: ZGroupRates,
  pupil: ZGroupRates,
  note: ZSafeString(500, { multiline: true }).optional(),
});
export type TSetIndividualSupportRates = z.infer<typeof ZSetIndividualSupportRates>;
export type TSetIndividualSupportRatesInput = z.input<typeof ZSetIndividualSupportRates>;

export const ZReapplyRates = ZNaRatesRef;

/** The words of the officer's audit report (XLSX), translated by the route handler. */
export interface TReportLabels {
  /** `na.report.*` */
  report: (key: string) => string;
  flag: (flag: string) => string;
  category: (line: string) => string;
  projectStatus: (status: string) => string;
  mobilityStatus: (status: string) => string;
  findingStatus: (status: string) => string;
  activity: (type: string) => string;
  /** An engine issue in words (lib/rule-text), never its code. */
  issue: (issue: { code: string; params?: Record<string, string | number> }) => string;
}

/** The officer's audit report: one school (`schoolId`) or one of the officer's NAs (`naCode`, default the first). */
export const ZNaAuditReport = z.object({
  schoolId: ZId.optional(),
  naCode: ZNaCode.optional(),
  labels: ZTranslations<TReportLabels>(),
});
export type TNaAuditReportInput = z.infer<typeof ZNaAuditReport>;
