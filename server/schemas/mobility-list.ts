import { z } from "zod";
import { csvDialect, type TCsvDialect } from "@/lib/csv";
import type { GrantLine } from "@/server/rules/grant-lines";
import { ZCountryCode, ZId, ZIsoDate, ZSafeString, ZTranslations } from "./common";
import { ACTIVITY_TYPES, MOBILITY_STATUSES, type TActivityType, type TMobilityStatus } from "./mobilities";

/*
 * The project's mobility list: paging, sorting and filtering done by the database. The same query
 * state lives in the page's URL (so a filtered view can be shared and survives a reload) and in the
 * CSV link; `parseMobilityListSearch` / `mobilityListSearch` translate between the two.
 */

export const MOBILITY_SORT_FIELDS = [
  "startDate",
  "endDate",
  "activityType",
  "status",
  "participant",
  "destination",
  "grantTotal",
  "createdAt",
] as const;
export type TMobilitySortField = (typeof MOBILITY_SORT_FIELDS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type TSortDirection = (typeof SORT_DIRECTIONS)[number];

export const MOBILITY_PAGE_SIZES = [10, 25, 50, 100] as const;
export const MAX_MOBILITY_PAGE_SIZE = 100;
export const DEFAULT_MOBILITY_PAGE_SIZE = 25;
export const DEFAULT_MOBILITY_SORT = { field: "startDate", direction: "asc" } as const satisfies {
  field: TMobilitySortField;
  direction: TSortDirection;
};

export const ZMobilitySort = z.object({
  field: z.enum(MOBILITY_SORT_FIELDS),
  direction: z.enum(SORT_DIRECTIONS).default("asc"),
});

/**
 * Filters, all optional and combined with AND. The date range selects the mobilities that overlap it
 * (ending on or after `dateFrom`, starting on or before `dateTo`). `participantId` matches the
 * mobility's participant and the named members of a group; `q` searches participant names (members
 * included), the receiving organisation and the town.
 */
export const ZMobilityListFilters = z
  .object({
    activityTypes: z.array(z.enum(ACTIVITY_TYPES)).max(ACTIVITY_TYPES.length).optional(),
    statuses: z.array(z.enum(MOBILITY_STATUSES)).max(MOBILITY_STATUSES.length).optional(),
    destinationCountry: ZCountryCode.optional(),
    dateFrom: ZIsoDate.optional(),
    dateTo: ZIsoDate.optional(),
    participantId: ZId.optional(),
    q: ZSafeString(100).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.dateFrom && value.dateTo && value.dateTo < value.dateFrom) {
      ctx.addIssue({ code: "custom", path: ["dateTo"], message: "endBeforeStart" });
    }
  });
export type TMobilityListFilters = z.infer<typeof ZMobilityListFilters>;

/** What to list, without paging: the CSV download uses this one. */
export const ZMobilityListQuery = z.object({
  projectId: ZId,
  sort: ZMobilitySort.default(DEFAULT_MOBILITY_SORT),
  filters: ZMobilityListFilters.default({}),
});
export type TMobilityListQuery = z.infer<typeof ZMobilityListQuery>;

export const ZListMobilities = ZMobilityListQuery.extend({
  /** 1-based. */
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_MOBILITY_PAGE_SIZE).default(DEFAULT_MOBILITY_PAGE_SIZE),
});
export type TListMobilities = z.infer<typeof ZListMobilities>;

/** The list's state as the page keeps it (what the URL holds). */
export interface TMobilityListState {
  page: number;
  pageSize: number;
  sort: { field: TMobilitySortField; direction: TSortDirection };
  filters: {
    activityTypes: TActivityType[];
    statuses: TMobilityStatus[];
    destinationCountry: string | undefined;
    dateFrom: string | undefined;
    dateTo: string | undefined;
    participantId: string | undefined;
    q: string | undefined;
  };
}

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function readAll(search: SearchInput, key: string): string[] {
  const raw = search instanceof URLSearchParams ? search.getAll(key) : ([] as string[]).concat(search[key] ?? []);
  return raw.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
}

function readOne(search: SearchInput, key: string): string | undefined {
  return readAll(search, key)[0];
}

function pick<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return [...new Set(values.filter((value): value is T => (allowed as readonly string[]).includes(value)))];
}

function valid<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Reads the list's state from a URL query; anything invalid is ignored rather than refused. */
export function parseMobilityListSearch(search: SearchInput): TMobilityListState {
  const pageSize = Number(readOne(search, "size"));
  const page = Number(readOne(search, "page"));
  const field = pick(MOBILITY_SORT_FIELDS, readAll(search, "sort"))[0] ?? DEFAULT_MOBILITY_SORT.field;
  const direction = pick(SORT_DIRECTIONS, readAll(search, "dir"))[0] ?? DEFAULT_MOBILITY_SORT.direction;
  let dateFrom = valid(ZIsoDate, readOne(search, "from"));
  let dateTo = valid(ZIsoDate, readOne(search, "to"));
  if (dateFrom && dateTo && dateTo < dateFrom) [dateFrom, dateTo] = [dateTo, dateFrom];
  const q = readOne(search, "q")?.slice(0, 100);
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    pageSize: (MOBILITY_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_MOBILITY_PAGE_SIZE,
    sort: { field, direction },
    filters: {
      activityTypes: pick(ACTIVITY_TYPES, readAll(search, "activity")),
      statuses: pick(MOBILITY_STATUSES, readAll(search, "status")),
      destinationCountry: valid(ZCountryCode, readOne(search, "country")),
      dateFrom,
      dateTo,
      participantId: valid(ZId, readOne(search, "participant")),
      q: q || undefined,
    },
  };
}

/** The URL query of a state; defaults are left out so the plain list has a plain URL. */
export function mobilityListSearch(state: TMobilityListState, options: { paging?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  const { filters, sort } = state;
  if (filters.q) params.set("q", filters.q);
  if (filters.activityTypes.length) params.set("activity", filters.activityTypes.join(","));
  if (filters.statuses.length) params.set("status", filters.statuses.join(","));
  if (filters.destinationCountry) params.set("country", filters.destinationCountry);
  if (filters.dateFrom) params.set("from", filters.dateFrom);
  if (filters.dateTo) params.set("to", filters.dateTo);
  if (filters.participantId) params.set("participant", filters.participantId);
  if (sort.field !== DEFAULT_MOBILITY_SORT.field || sort.direction !== DEFAULT_MOBILITY_SORT.direction) {
    params.set("sort", sort.field);
    params.set("dir", sort.direction);
  }
  if (options.paging !== false) {
    if (state.page > 1) params.set("page", String(state.page));
    if (state.pageSize !== DEFAULT_MOBILITY_PAGE_SIZE) params.set("size", String(state.pageSize));
  }
  return params;
}

/** The procedure's input for a state (empty filters left out, so equal views share a cache key). */
export function mobilityListInput(orgId: string, projectId: string, state: TMobilityListState) {
  const f = state.filters;
  return {
    orgId,
    projectId,
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    filters: {
      ...(f.activityTypes.length ? { activityTypes: f.activityTypes } : {}),
      ...(f.statuses.length ? { statuses: f.statuses } : {}),
      ...(f.destinationCountry ? { destinationCountry: f.destinationCountry } : {}),
      ...(f.dateFrom ? { dateFrom: f.dateFrom } : {}),
      ...(f.dateTo ? { dateTo: f.dateTo } : {}),
      ...(f.participantId ? { participantId: f.participantId } : {}),
      ...(f.q ? { q: f.q } : {}),
    },
  };
}

/* The CSV export's columns and words (services/mobility-list.ts writes it, the route translates). */

export const CSV_COLUMNS = [
  "activityCode",
  "activity",
  "status",
  "startDate",
  "endDate",
  "participant",
  "pupils",
  "accompanyingPersons",
  "receivingOrganisation",
  "country",
  "town",
  "distanceKm",
  "greenTravel",
  "grantTotal",
  "grantUnknownLines",
  "eligible",
  "errors",
  "warnings",
] as const;
/** Special-category data: only for members with special-category access. */
export const CSV_SPECIAL_COLUMNS = ["fewerOpportunities"] as const;
export type TCsvColumn = (typeof CSV_COLUMNS)[number] | (typeof CSV_SPECIAL_COLUMNS)[number];

export interface TCsvLabels {
  column: (column: TCsvColumn) => string;
  activity: (code: TActivityType) => string;
  status: (status: TMobilityStatus) => string;
  /** A grant line's name (the lines a missing figure left unknown). */
  line: (line: GrantLine) => string;
  yes: string;
  no: string;
  /** The reader's CSV dialect (lib/csv.ts `csvDialect`): `;` and `,` for Slovenian, `,` and `.` for English. */
  separator: TCsvDialect["separator"];
  decimalSeparator: TCsvDialect["decimalSeparator"];
}

/** The CSV's words in the user's language, from the app's messages (`translate` takes full keys). */
export function csvLabels(translate: (key: string) => string, locale: string): TCsvLabels {
  return {
    column: (column) => translate(`mobilityList.csv.columns.${column}`),
    activity: (code) => translate(`activities.${code}`),
    status: (status) => translate(`mobilityStatus.${status}`),
    line: (line) => translate(`budgetCategories.${line}`),
    yes: translate("mobilityList.csv.yes"),
    no: translate("mobilityList.csv.no"),
    ...csvDialect(locale),
  };
}

/** The CSV export (route-only: the labels are the route's translators). */
export const ZExportMobilitiesCsv = ZMobilityListQuery.extend({ labels: ZTranslations<TCsvLabels>() });
