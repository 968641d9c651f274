import type { z } from "zod";
import { linesOfRow } from "@/db/schema";
import type { TApiScope } from "@/server/schemas/api-keys";
import {
  ZApiBudget,
  ZApiMobility,
  ZApiMobilityBody,
  ZApiMobilityPage,
  ZApiMobilityQuery,
  ZApiPortfolioPage,
  ZApiPortfolioQuery,
  ZApiProject,
  ZApiProjectList,
  ZApiSchoolList,
} from "@/server/schemas/api";
import { PUPIL_ACTIVITIES } from "@/server/schemas/mobilities";
import { appRouter, type createCaller } from "../root";
import type { Meta } from "../trpc";

/*
 * THE table of the public REST API (/api/v1, docs/api.md). Each operation is a thin mapping onto tRPC
 * procedures called through the request's caller (server/api/route-handler.ts, `auth: "apiKey"`): the
 * procedure's zod input, tenancy, role and scope checks, services and transactions are the app's own.
 * An operation adds only HTTP: path and query in, `If-Match`, and the answer in the API's contract
 * (server/schemas/api.ts), which leaves out everything the contract does not list (names of people,
 * pupils' special-category data). The scopes an operation needs are its procedure's `meta.api.scopes`,
 * the same the tRPC middleware enforces; the OpenAPI document (openapi.ts) is generated from this table.
 */

type Caller = ReturnType<typeof createCaller>;
type MobilityOut = Awaited<ReturnType<Caller["mobilities"]["log"]>>;
// Bodies are unchecked JSON until the procedure's input schema (ZLogMobility / ZUpdateMobility) parses them.
type LogInput = Parameters<Caller["mobilities"]["log"]>[0];
type UpdateInput = Parameters<Caller["mobilities"]["update"]>[0];
type ProjectOut = Awaited<ReturnType<Caller["projects"]["list"]>>[number] & { participantCap?: number | null };

export interface TOperationArgs<Q> {
  caller: Caller;
  /** The key's school (school operations). */
  orgId: string;
  params: Record<string, string>;
  query: Q;
  body: Record<string, unknown>;
  /** From `If-Match` (operations with `ifMatch`). */
  version: number;
}

export interface TOperation<Q = unknown> {
  operationId: string;
  method: "GET" | "POST" | "PUT";
  /** OpenAPI path template under /api/v1; every `{param}` is an id (uuid). */
  path: string;
  tenant: "school" | "na";
  /** The procedure whose `meta.api.scopes` the operation needs (any one of them). */
  procedure: string;
  summary: string;
  description?: string;
  tag: string;
  query?: z.ZodType<Q>;
  body?: z.ZodType;
  /** The answer carries the mobility's version as an ETag; a PUT needs it in `If-Match`. */
  etag?: boolean;
  ifMatch?: boolean;
  status: 200 | 201;
  response: z.ZodType;
  handle: (args: TOperationArgs<Q>) => Promise<unknown>;
}

const op = <Q>(operation: TOperation<Q>): TOperation => operation as unknown as TOperation;

/** A pupil (a minor) is never described through the API: no special-category field of theirs, ever. */
const isPupilMobility = (activityType: string) => (PUPIL_ACTIVITIES as readonly string[]).includes(activityType);

/** A mobility's grant lines; the inclusion-support line only where the special-category fields are given. */
function apiGrantLines(m: MobilityOut, withSpecial: boolean): z.infer<typeof ZApiMobility>["grant"]["lines"] {
  const { inclusionSupport, ...lines } = linesOfRow("grant", { ...m, grantInclusionSupportCents: m.grantInclusionSupportCents ?? 0 });
  return withSpecial && m.grantInclusionSupportCents !== undefined ? { ...lines, inclusionSupport } : lines;
}

export function toApiMobility(m: MobilityOut): z.infer<typeof ZApiMobility> {
  const special =
    "fewerOpportunities" in m && !isPupilMobility(m.activityType)
      ? { fewerOpportunities: m.fewerOpportunities ?? false, inclusionRealCostCents: m.inclusionRealCostCents ?? null }
      : {};
  return {
    id: m.id,
    projectId: m.projectId,
    activityId: m.activityId,
    erasmusMobilityId: m.erasmusMobilityId,
    activityType: m.activityType,
    status: m.status,
    participantId: m.participantId,
    accompanying: m.accompanying,
    startDate: m.startDate,
    endDate: m.endDate,
    travelDays: m.travelDays,
    greenTravel: m.greenTravel,
    meansOfTransport: (m.meansOfTransport as z.infer<typeof ZApiMobility>["meansOfTransport"]) ?? null,
    receivingOrganisation: m.receivingOrganisation,
    destinationCountry: m.destinationCountry,
    destinationTown: m.destinationTown,
    originTown: m.originTown,
    distanceKm: m.distanceKm,
    distanceSource: m.distanceSource,
    courseDays: m.courseDays,
    expensiveTravelRealCostCents: m.expensiveTravelRealCostCents,
    linguisticSupport: m.linguisticSupport,
    pupilCount: m.pupilCount,
    persons: m.persons,
    forceMajeure: m.forceMajeure,
    notes: m.notes,
    ...special,
    members: m.members.map((member) => ({
      role: member.role,
      participantId: member.participantId,
      startDate: member.startDate,
      endDate: member.endDate,
    })),
    grant: { eligible: m.grantEligible, totalCents: m.grantTotalCents, lines: apiGrantLines(m, "fewerOpportunities" in special), unknownLines: m.grantUnknownLines },
    version: m.version,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
  };
}

function toApiProject(p: ProjectOut): z.infer<typeof ZApiProject> {
  return {
    id: p.id,
    action: p.action,
    projectNumber: p.projectNumber,
    title: p.title,
    callYear: p.callYear,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    awarded: p.awarded,
    awardedTotalCents: p.awardedTotalCents,
    participantsUsed: p.participantsUsed,
    ...(p.participantCap !== undefined ? { participantCap: p.participantCap } : {}),
    mobilityCount: p.mobilityCount,
    version: p.version,
  };
}

const mobilityBody = (args: TOperationArgs<unknown>) => {
  // The body's own orgId/projectId/mobilityId/version mean nothing: the key and the URL say which.
  const { orgId: _o, projectId: _p, mobilityId: _m, version: _v, ...fields } = args.body;
  return fields;
};

export const OPERATIONS: TOperation[] = [
  op({
    operationId: "listProjects",
    method: "GET",
    path: "/projects",
    tenant: "school",
    procedure: "projects.list",
    tag: "Projects",
    summary: "The school's projects",
    status: 200,
    response: ZApiProjectList,
    handle: async ({ caller, orgId }) => ({ data: (await caller.projects.list({ orgId })).map(toApiProject) }),
  }),
  op({
    operationId: "getProject",
    method: "GET",
    path: "/projects/{projectId}",
    tenant: "school",
    procedure: "projects.get",
    tag: "Projects",
    summary: "One project, with its KA122 participant cap",
    status: 200,
    response: ZApiProject,
    handle: async ({ caller, orgId, params }) => toApiProject(await caller.projects.get({ orgId, projectId: params.projectId ?? "" })),
  }),
  op({
    operationId: "getProjectBudget",
    method: "GET",
    path: "/projects/{projectId}/budget",
    tenant: "school",
    procedure: "dashboards.project",
    tag: "Budgets",
    summary: "The project's budget: awarded, committed and realised per grant line, the cap and the dashboard's warnings",
    status: 200,
    response: ZApiBudget,
    handle: async ({ caller, orgId, params }) => {
      const d = await caller.dashboards.project({ orgId, projectId: params.projectId ?? "" });
      return {
        projectId: d.project.id,
        lines: d.budget.lines,
        lumpSumCents: d.budget.lumpSumCents,
        total: d.budget.total,
        usedPercent: d.budget.usedPercent,
        participants: d.participants,
        mobilityCounts: d.counts,
        warnings: d.warnings.map((w) => ({ code: w.code, severity: w.severity })),
      };
    },
  }),
  op({
    operationId: "listMobilities",
    method: "GET",
    path: "/projects/{projectId}/mobilities",
    tenant: "school",
    procedure: "mobilities.list",
    tag: "Mobilities",
    summary: "The project's mobilities, paged, sorted and filtered",
    description: "Filters combine with AND; `status` and `activityType` take comma-separated lists. The date range selects mobilities that overlap it.",
    query: ZApiMobilityQuery,
    status: 200,
    response: ZApiMobilityPage,
    handle: async ({ caller, orgId, params, query }) => {
      const page = await caller.mobilities.list({
        orgId,
        projectId: params.projectId ?? "",
        ...(query.page ? { page: query.page } : {}),
        ...(query.pageSize ? { pageSize: query.pageSize } : {}),
        ...(query.sort ? { sort: { field: query.sort, direction: query.direction ?? "asc" } } : {}),
        filters: {
          ...(query.status ? { statuses: query.status } : {}),
          ...(query.activityType ? { activityTypes: query.activityType } : {}),
          ...(query.destinationCountry ? { destinationCountry: query.destinationCountry } : {}),
          ...(query.dateFrom ? { dateFrom: query.dateFrom } : {}),
          ...(query.dateTo ? { dateTo: query.dateTo } : {}),
          ...(query.participantId ? { participantId: query.participantId } : {}),
          ...(query.q ? { q: query.q } : {}),
        },
      });
      return {
        data: page.rows.map((r) => ({
          id: r.id,
          activityType: r.activityType,
          status: r.status,
          startDate: r.startDate,
          endDate: r.endDate,
          accompanying: r.accompanying,
          greenTravel: r.greenTravel,
          participantId: r.participant?.id ?? null,
          pupilCount: r.pupilCount,
          otherAccompanyingCount: r.otherAccompanyingCount,
          destinationCountry: r.destination.country,
          destinationTown: r.destination.town,
          receivingOrganisation: r.destination.receivingOrganisation,
          grantTotalCents: r.grantTotalCents,
          grantEligible: r.grantEligible,
          grantUnknownLines: r.grantUnknownLines,
          errorCount: r.errorCount,
          warningCount: r.warningCount,
          version: r.version,
        })),
        page: page.page,
        pageSize: page.pageSize,
        total: page.total,
        pageCount: page.pageCount,
      };
    },
  }),
  op({
    operationId: "createMobility",
    method: "POST",
    path: "/projects/{projectId}/mobilities",
    tenant: "school",
    procedure: "mobilities.log",
    tag: "Mobilities",
    summary: "Log a mobility",
    description:
      "The same fields, validation, KA122 participant cap and grant computation as the app's form. Special-category fields cannot be written through the API (a new mobility has none).",
    body: ZApiMobilityBody,
    etag: true,
    status: 201,
    response: ZApiMobility,
    // The body is validated by the procedure's own input schema (ZLogMobility), as for the app's form.
    handle: async (args) =>
      toApiMobility(await args.caller.mobilities.log({ ...mobilityBody(args), orgId: args.orgId, projectId: args.params.projectId ?? "" } as LogInput)),
  }),
  op({
    operationId: "getMobility",
    method: "GET",
    path: "/mobilities/{mobilityId}",
    tenant: "school",
    procedure: "mobilities.get",
    tag: "Mobilities",
    summary: "One mobility; its version is the ETag",
    etag: true,
    status: 200,
    response: ZApiMobility,
    handle: async ({ caller, orgId, params }) => toApiMobility(await caller.mobilities.get({ orgId, mobilityId: params.mobilityId ?? "" })),
  }),
  op({
    operationId: "updateMobility",
    method: "PUT",
    path: "/mobilities/{mobilityId}",
    tenant: "school",
    procedure: "mobilities.update",
    tag: "Mobilities",
    summary: "Replace a mobility's fields (If-Match: its version)",
    description:
      "`If-Match` must carry the version the change is based on (the ETag of GET); another version answers 412. The same validation, cap and status rules as the app. Special-category fields keep their stored values.",
    body: ZApiMobilityBody,
    etag: true,
    ifMatch: true,
    status: 200,
    response: ZApiMobility,
    handle: async (args) => {
      const mobilityId = args.params.mobilityId ?? "";
      const current = await args.caller.mobilities.get({ orgId: args.orgId, mobilityId });
      const updated = await args.caller.mobilities.update({
        ...mobilityBody(args),
        orgId: args.orgId,
        projectId: current.projectId,
        mobilityId,
        version: args.version,
      } as UpdateInput);
      return toApiMobility(updated);
    },
  }),
  op({
    operationId: "listNaSchools",
    method: "GET",
    path: "/na/schools",
    tenant: "na",
    procedure: "na.schools",
    tag: "National agency",
    summary: "The schools of the key's national agency",
    status: 200,
    response: ZApiSchoolList,
    handle: async ({ caller }) => ({ data: await caller.na.schools({}) }),
  }),
  op({
    operationId: "listNaPortfolio",
    method: "GET",
    path: "/na/portfolio",
    tenant: "na",
    procedure: "na.portfolio",
    tag: "National agency",
    summary: "The NA's portfolio: every project of its schools with its compliance flags, paged",
    query: ZApiPortfolioQuery,
    status: 200,
    response: ZApiPortfolioPage,
    handle: async ({ caller, query }) => {
      const page = await caller.na.portfolio({
        ...query,
        onlyFlagged: query.onlyFlagged === "true",
      });
      return {
        data: page.rows.map((r) => ({
          projectId: r.projectId,
          schoolId: r.schoolId,
          schoolName: r.schoolName,
          naCode: r.naCode,
          projectNumber: r.projectNumber,
          title: r.title,
          action: r.action,
          callYear: r.callYear,
          startDate: r.startDate,
          endDate: r.endDate,
          status: r.status,
          awardedTotalCents: r.awardedTotalCents,
          committedTotalCents: r.committedTotalCents,
          committedIncomplete: r.committedIncomplete,
          realisedTotalCents: r.realisedTotalCents,
          mobilityCount: r.mobilityCount,
          flags: r.flags,
          risk: r.risk,
        })),
        page: page.page,
        pageSize: page.pageSize,
        total: page.total,
      };
    },
  }),
];

/** The scopes an operation needs: its procedure's (one source for the door, the middleware and the document). */
export function scopesOf(operation: TOperation): readonly TApiScope[] {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } } | undefined>)[operation.procedure];
  const scopes = procedure?._def.meta?.api?.scopes;
  if (!scopes) throw new Error(`${operation.procedure} is not open to the API (meta.api)`);
  return scopes;
}
