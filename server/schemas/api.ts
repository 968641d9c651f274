import { z } from "zod";
import { GRANT_LINES, type GrantLine } from "@/server/rules/grant-lines";
import { ZCountryCode, ZId, ZIsoDate, ZSafeString } from "./common";
import { ACTIVITY_TYPES, MEANS_OF_TRANSPORT, MOBILITY_STATUSES, mobilityFields, refineMobility } from "./mobilities";
import { MAX_MOBILITY_PAGE_SIZE, MOBILITY_SORT_FIELDS, SORT_DIRECTIONS } from "./mobility-list";
import { COMPLIANCE_FLAGS, PORTFOLIO_PAGE_SIZES, PORTFOLIO_SORTS, ZCallYear, ZNaCode } from "./na";
import { BUDGET_CATEGORIES, PROJECT_ACTIONS, PROJECT_STATUSES } from "./projects";

/*
 * The public REST API's contract (/api/v1, docs/api.md): what its operations answer and the query
 * strings they read. Request bodies are the tRPC procedures' own field schemas (mobilityFields), so the
 * API validates exactly as the app does. The OpenAPI document (server/api/rest/openapi.ts) is generated
 * from these schemas with z.toJSONSchema; the contract tests validate every answer against it.
 * Output objects are strict in the document (additionalProperties: false): a field not listed here
 * cannot leak through an answer without failing the contract tests.
 */

const ZInt = z.number().int();
const ZCentsOut = z.number().int();
const ZDateOut = z.iso.date();
const ZTimestamp = z.iso.datetime();

const linesShape = Object.fromEntries(GRANT_LINES.map((line) => [line, ZCentsOut])) as Record<GrantLine, typeof ZCentsOut>;
/**
 * A mobility's grant lines. `inclusionSupport` is special-category data (it is paid only for
 * participants with fewer opportunities, server/services/permissions.ts): absent without the
 * permission, and on a pupil's mobility always (as the other special-category fields).
 */
export const ZApiGrantLines = z.object({ ...linesShape, inclusionSupport: ZCentsOut.optional() });
const budgetShape = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, ZCentsOut])) as Record<(typeof BUDGET_CATEGORIES)[number], typeof ZCentsOut>;

/** The one error body of every answer that is not a success (server/api/route-errors.ts). */
export const ZApiError = z.object({
  /** An `errors.*` key (messages/en/app.json), e.g. `notFound`, `insufficientScope`, `rateLimited`. */
  message: z.string(),
  /** Per field (dotted path): `validation.*` keys. */
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

export const ZApiProject = z.object({
  id: ZId,
  action: z.enum(PROJECT_ACTIONS),
  projectNumber: z.string(),
  title: z.string(),
  callYear: ZInt,
  startDate: ZDateOut,
  endDate: ZDateOut,
  status: z.enum(PROJECT_STATUSES),
  awarded: z.object(budgetShape),
  awardedTotalCents: ZCentsOut,
  participantsUsed: ZInt,
  /** The KA122 participant cap of the rates that apply (null: none); only on a single project. */
  participantCap: ZInt.nullable().optional(),
  mobilityCount: ZInt,
  version: ZInt,
});
export const ZApiProjectList = z.object({ data: z.array(ZApiProject) });

export const ZApiGrant = z.object({
  eligible: z.boolean(),
  /** The known lines' sum; with unknown lines it is a lower bound ("at least"). */
  totalCents: ZCentsOut,
  lines: ZApiGrantLines,
  unknownLines: z.array(z.enum(GRANT_LINES)),
});

/** A named person of a group mobility: pupils appear only as an id and their dates (no names, no special-category data). */
export const ZApiMobilityMember = z.object({
  role: z.enum(["pupil", "accompanying"]),
  participantId: ZId.nullable(),
  startDate: ZDateOut.nullable(),
  endDate: ZDateOut.nullable(),
});

export const ZApiMobility = z.object({
  id: ZId,
  projectId: ZId,
  activityId: z.string(),
  erasmusMobilityId: z.string().nullable(),
  activityType: z.enum(ACTIVITY_TYPES),
  status: z.enum(MOBILITY_STATUSES),
  participantId: ZId.nullable(),
  accompanying: z.boolean(),
  startDate: ZDateOut,
  endDate: ZDateOut,
  travelDays: ZInt,
  greenTravel: z.boolean(),
  meansOfTransport: z.enum(MEANS_OF_TRANSPORT).nullable(),
  receivingOrganisation: z.string(),
  destinationCountry: z.string(),
  destinationTown: z.string(),
  originTown: z.string().nullable(),
  distanceKm: ZInt.nullable(),
  distanceSource: z.enum(["calculated", "official"]),
  courseDays: ZInt.nullable(),
  expensiveTravelRealCostCents: ZCentsOut.nullable(),
  linguisticSupport: z.boolean(),
  pupilCount: ZInt,
  persons: ZInt,
  forceMajeure: z.boolean(),
  notes: z.string().nullable(),
  /** Special-category data: present only for keys with `read:special-category`, never for a pupil's mobility. */
  fewerOpportunities: z.boolean().optional(),
  inclusionRealCostCents: ZCentsOut.nullable().optional(),
  members: z.array(ZApiMobilityMember),
  grant: ZApiGrant,
  version: ZInt,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZApiMobilityListItem = z.object({
  id: ZId,
  activityType: z.enum(ACTIVITY_TYPES),
  status: z.enum(MOBILITY_STATUSES),
  startDate: ZDateOut,
  endDate: ZDateOut,
  accompanying: z.boolean(),
  greenTravel: z.boolean(),
  participantId: ZId.nullable(),
  pupilCount: ZInt,
  otherAccompanyingCount: ZInt,
  destinationCountry: z.string(),
  destinationTown: z.string(),
  receivingOrganisation: z.string(),
  grantTotalCents: ZCentsOut,
  grantEligible: z.boolean(),
  grantUnknownLines: z.array(z.enum(GRANT_LINES)),
  errorCount: ZInt,
  warningCount: ZInt,
  version: ZInt,
});

const ZPaging = { page: ZInt, pageSize: ZInt, total: ZInt, pageCount: ZInt };
export const ZApiMobilityPage = z.object({ data: z.array(ZApiMobilityListItem), ...ZPaging });

const ZBudgetLine = z.object({
  line: z.enum(GRANT_LINES),
  awardedCents: ZCentsOut,
  committedCents: ZCentsOut,
  realisedCents: ZCentsOut,
  committedUnknown: ZInt,
  realisedUnknown: ZInt,
  remainingCents: ZCentsOut,
});

export const ZApiBudget = z.object({
  projectId: ZId,
  lines: z.array(ZBudgetLine),
  lumpSumCents: ZCentsOut,
  total: z.object({
    awardedCents: ZCentsOut,
    committedCents: ZCentsOut,
    realisedCents: ZCentsOut,
    committedIncomplete: ZInt,
    realisedIncomplete: ZInt,
    remainingCents: ZCentsOut,
  }),
  usedPercent: z.number().nullable(),
  participants: z.object({ used: ZInt, cap: ZInt.nullable() }),
  mobilityCounts: z.object({ draft: ZInt, planned: ZInt, completed: ZInt, cancelled: ZInt }),
  /** The dashboard's warnings, as codes (texts are the app's, in the reader's language). */
  warnings: z.array(z.object({ code: z.string(), severity: z.enum(["error", "warning"]) })),
});

export const ZApiPortfolioItem = z.object({
  projectId: ZId,
  schoolId: ZId,
  schoolName: z.string(),
  naCode: z.string(),
  projectNumber: z.string(),
  title: z.string(),
  action: z.enum(PROJECT_ACTIONS),
  callYear: ZInt,
  startDate: ZDateOut,
  endDate: ZDateOut,
  status: z.enum(PROJECT_STATUSES),
  awardedTotalCents: ZCentsOut,
  committedTotalCents: ZCentsOut,
  committedIncomplete: ZInt,
  realisedTotalCents: ZCentsOut,
  mobilityCount: ZInt,
  flags: z.object(Object.fromEntries(COMPLIANCE_FLAGS.map((flag) => [flag, z.boolean()])) as Record<(typeof COMPLIANCE_FLAGS)[number], z.ZodBoolean>),
  risk: ZInt,
});
export const ZApiPortfolioPage = z.object({ data: z.array(ZApiPortfolioItem), page: ZInt, pageSize: ZInt, total: ZInt });

export const ZApiSchool = z.object({ id: ZId, name: z.string(), town: z.string(), country: z.string(), naCode: z.string(), projectCount: ZInt });
export const ZApiSchoolList = z.object({ data: z.array(ZApiSchool) });

/* ---------- inputs: query strings and bodies ---------- */

/** `a,b,c` in a query string: each item one of `values`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(1000, { error: "tooLong" })
    .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: "invalidInput" })));

const queryInt = (min: number, max: number) => z.coerce.number({ error: "invalidInput" }).int({ error: "invalidInput" }).min(min, { error: "invalidInput" }).max(max, { error: "invalidInput" });

/** GET /projects/{projectId}/mobilities: the list's paging, sort and filters (mobilities.list's input). */
export const ZApiMobilityQuery = z.object({
  page: queryInt(1, 1_000_000).optional(),
  pageSize: queryInt(1, MAX_MOBILITY_PAGE_SIZE).optional(),
  sort: z.enum(MOBILITY_SORT_FIELDS).optional(),
  direction: z.enum(SORT_DIRECTIONS).optional(),
  status: csvOf(MOBILITY_STATUSES).optional(),
  activityType: csvOf(ACTIVITY_TYPES).optional(),
  destinationCountry: ZCountryCode.optional(),
  dateFrom: ZIsoDate.optional(),
  dateTo: ZIsoDate.optional(),
  participantId: ZId.optional(),
  q: ZSafeString(100).optional(),
});

/** GET /na/portfolio (na.portfolio's input). */
export const ZApiPortfolioQuery = z.object({
  naCode: ZNaCode.optional(),
  schoolId: ZId.optional(),
  callYear: z.coerce.number({ error: "callYearRange" }).pipe(ZCallYear).optional(),
  flag: z.enum(COMPLIANCE_FLAGS).optional(),
  onlyFlagged: z.enum(["true", "false"]).optional(),
  search: ZSafeString(100).optional(),
  sort: z.enum(PORTFOLIO_SORTS).optional(),
  page: queryInt(1, 100_000).optional(),
  pageSize: z.coerce.number().pipe(z.union(PORTFOLIO_PAGE_SIZES.map((n) => z.literal(n)))).optional(),
});

/** The body of POST /projects/{projectId}/mobilities and PUT /mobilities/{mobilityId}: the app's form fields. */
export const ZApiMobilityBody = z.object(mobilityFields).superRefine(refineMobility);
