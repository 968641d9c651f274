import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { mobilities, mobilityMembers, participants, projects } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { GrantLine } from "@/server/rules";
import type { TActivityType, TMobilityStatus } from "@/server/schemas/mobilities";
import { CSV_BOM, csvAmount, csvLine } from "@/lib/csv";
import { CSV_COLUMNS, CSV_SPECIAL_COLUMNS, type TCsvColumn, type TCsvLabels, type TListMobilities, type TMobilityListFilters, type TMobilityListQuery, type TMobilitySortField } from "@/server/schemas/mobility-list";
import type { Actor } from "./memberships";

/*
 * The project's mobility list for projects with thousands of mobilities: one statement per page. The
 * inner select filters, sorts (id as the tiebreaker, so paging is stable) and cuts the page; the
 * window `count(*) over ()` carries the total. The outer select adds, for the page's rows only, what
 * costs a lookup per row: named pupils of groups and the counts of the engine's stored issues.
 */

export interface TMobilityListRow {
  id: string;
  activityType: TActivityType;
  status: TMobilityStatus;
  startDate: string;
  endDate: string;
  accompanying: boolean;
  greenTravel: boolean;
  /** The participant; for a group mobility of pupils the lead accompanying person. */
  participant: { id: string; firstName: string; lastName: string } | null;
  /** Group mobility: pupils counted without names plus named pupils; 0 otherwise. */
  pupilCount: number;
  /** Group mobility: accompanying persons besides the lead. */
  otherAccompanyingCount: number;
  destination: { country: string; town: string; receivingOrganisation: string };
  /** The known lines' sum; with unknown lines a lower bound ("at least"). */
  grantTotalCents: number;
  grantEligible: boolean;
  /** Lines a missing figure made unknown (empty: the grant is complete). */
  grantUnknownLines: GrantLine[];
  errorCount: number;
  warningCount: number;
  version: number;
}

export interface TMobilityListPage {
  rows: TMobilityListRow[];
  total: number;
  pageCount: number;
  page: number;
  pageSize: number;
}

/** `%`, `_` and `\` typed by a user are literal characters, not patterns. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const member = alias(participants, "member_participant");

function filterConditions(actor: Actor, projectId: string, filters: TMobilityListFilters): SQL[] {
  const conditions: SQL[] = [eq(mobilities.organisationId, actor.orgId), eq(mobilities.projectId, projectId)];
  if (filters.activityTypes?.length) conditions.push(inArray(mobilities.activityType, filters.activityTypes));
  if (filters.statuses?.length) conditions.push(inArray(mobilities.status, filters.statuses));
  if (filters.destinationCountry) conditions.push(eq(mobilities.destinationCountry, filters.destinationCountry));
  if (filters.dateFrom) conditions.push(gte(mobilities.endDate, filters.dateFrom));
  if (filters.dateTo) conditions.push(lte(mobilities.startDate, filters.dateTo));
  if (filters.participantId) {
    const asMember = sql`select ${mobilityMembers.mobilityId} from ${mobilityMembers}
      where ${mobilityMembers.organisationId} = ${actor.orgId} and ${mobilityMembers.participantId} = ${filters.participantId}`;
    const either = or(eq(mobilities.participantId, filters.participantId), sql`${mobilities.id} in (${asMember})`);
    if (either) conditions.push(either);
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    type TNames = { firstName: typeof participants.firstName | typeof member.firstName; lastName: typeof participants.lastName | typeof member.lastName };
    const fullName = (t: TNames) => sql`(${t.firstName} || ' ' || ${t.lastName})`;
    const reversed = (t: TNames) => sql`(${t.lastName} || ' ' || ${t.firstName})`;
    // Uncorrelated, so PostgreSQL evaluates it once (a hashed subplan), not once per mobility.
    const namedMembers = sql`select ${mobilityMembers.mobilityId} from ${mobilityMembers}
      join ${participants} as ${sql.identifier("member_participant")} on ${member.id} = ${mobilityMembers.participantId} and ${member.organisationId} = ${mobilityMembers.organisationId}
      where ${mobilityMembers.organisationId} = ${actor.orgId}
        and (${fullName(member)} ilike ${pattern} or ${reversed(member)} ilike ${pattern})`;
    const any = or(
      sql`${fullName(participants)} ilike ${pattern}`,
      sql`${reversed(participants)} ilike ${pattern}`,
      sql`${mobilities.receivingOrganisation} ilike ${pattern}`,
      sql`${mobilities.destinationTown} ilike ${pattern}`,
      sql`${mobilities.id} in (${namedMembers})`,
    );
    if (any) conditions.push(any);
  }
  return conditions;
}

/**
 * Names sort as people expect (Čretnik between Cankar and Dolenc) whatever the database's own locale:
 * ICU's root collation, present in every PostgreSQL built with ICU (the default since 16).
 */
const ROOT_COLLATION = sql.identifier("und-x-icu");

function sortKeys(field: TMobilitySortField): SQL[] {
  switch (field) {
    case "startDate":
      return [sql`${mobilities.startDate}`];
    case "endDate":
      return [sql`${mobilities.endDate}`];
    case "activityType":
      return [sql`${mobilities.activityType}`];
    case "status":
      return [sql`${mobilities.status}`];
    case "participant":
      return [sql`${participants.lastName} collate ${ROOT_COLLATION}`, sql`${participants.firstName} collate ${ROOT_COLLATION}`];
    case "destination":
      return [sql`${mobilities.destinationCountry}`, sql`${mobilities.destinationTown} collate ${ROOT_COLLATION}`];
    case "grantTotal":
      return [sql`${mobilities.grantTotalCents}`];
    case "createdAt":
      return [sql`${mobilities.createdAt}`];
  }
}

function orderBy(query: Pick<TMobilityListQuery, "sort">): SQL[] {
  const direction = query.sort.direction === "desc" ? desc : asc;
  return [...sortKeys(query.sort.field).map((key) => direction(key)), asc(mobilities.id)];
}

/** One page (offset/limit) of the filtered, sorted list, with the total of the filtered list (exported for bench/). */
export function selectPage(db: Db, actor: Actor, query: TMobilityListQuery, offset: number, limit: number) {
  const order = orderBy(query);
  const page = db
    .select({
      id: mobilities.id,
      activityType: mobilities.activityType,
      status: mobilities.status,
      startDate: mobilities.startDate,
      endDate: mobilities.endDate,
      accompanying: mobilities.accompanying,
      greenTravel: mobilities.greenTravel,
      fewerOpportunities: mobilities.fewerOpportunities,
      participantId: sql<string | null>`${participants.id}`.as("participant_id"),
      firstName: participants.firstName,
      lastName: participants.lastName,
      pupilCount: mobilities.pupilCount,
      destinationCountry: mobilities.destinationCountry,
      destinationTown: mobilities.destinationTown,
      receivingOrganisation: mobilities.receivingOrganisation,
      distanceKm: mobilities.distanceKm,
      grantTotalCents: mobilities.grantTotalCents,
      grantEligible: mobilities.grantEligible,
      grantUnknownLines: mobilities.grantUnknownLines,
      grantIssues: mobilities.grantIssues,
      version: mobilities.version,
      total: sql<number>`count(*) over ()`.as("total"),
      ordinal: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as("ordinal"),
    })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(and(...filterConditions(actor, query.projectId, query.filters)))
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .as("page");

  const members = (role: "pupil" | "accompanying", extra?: SQL) =>
    sql<number>`(select count(*) from ${mobilityMembers}
      where ${mobilityMembers.mobilityId} = ${page.id} and ${mobilityMembers.organisationId} = ${actor.orgId}
        and ${mobilityMembers.role} = ${role} ${extra ? sql`and ${extra}` : sql``})`.mapWith(Number);
  const issues = (severity: "error" | "warning") =>
    sql<number>`(select count(*) from jsonb_array_elements(${page.grantIssues}) as issue where issue->>'severity' = ${severity})`.mapWith(Number);

  return db
    .select({
      id: page.id,
      activityType: page.activityType,
      status: page.status,
      startDate: page.startDate,
      endDate: page.endDate,
      accompanying: page.accompanying,
      greenTravel: page.greenTravel,
      fewerOpportunities: page.fewerOpportunities,
      participantId: page.participantId,
      firstName: page.firstName,
      lastName: page.lastName,
      pupilCount: page.pupilCount,
      namedPupils: sql<number>`case when ${page.activityType} = 'LM-GRP-PUPIL' then ${members("pupil")} else 0 end`.mapWith(Number),
      fewerOpportunityPupils: sql<number>`case when ${page.activityType} = 'LM-GRP-PUPIL' then ${members("pupil", sql`${mobilityMembers.fewerOpportunities}`)} else 0 end`.mapWith(Number),
      otherAccompanying: sql<number>`case when ${page.activityType} = 'LM-GRP-PUPIL' then ${members("accompanying")} else 0 end`.mapWith(Number),
      destinationCountry: page.destinationCountry,
      destinationTown: page.destinationTown,
      receivingOrganisation: page.receivingOrganisation,
      distanceKm: page.distanceKm,
      grantTotalCents: page.grantTotalCents,
      grantEligible: page.grantEligible,
      grantUnknownLines: page.grantUnknownLines,
      errorCount: issues("error"),
      warningCount: issues("warning"),
      version: page.version,
      total: sql<number>`${page.total}`.mapWith(Number),
    })
    .from(page)
    .orderBy(asc(page.ordinal));
}

type TPageRecord = Awaited<ReturnType<typeof selectPage>>[number];

function toRow(r: TPageRecord): TMobilityListRow {
  return {
    id: r.id,
    activityType: r.activityType,
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    accompanying: r.accompanying,
    greenTravel: r.greenTravel,
    participant: r.participantId && r.firstName !== null && r.lastName !== null ? { id: r.participantId, firstName: r.firstName, lastName: r.lastName } : null,
    pupilCount: r.activityType === "LM-GRP-PUPIL" ? r.pupilCount + r.namedPupils : 0,
    otherAccompanyingCount: r.otherAccompanying,
    destination: { country: r.destinationCountry, town: r.destinationTown, receivingOrganisation: r.receivingOrganisation },
    grantTotalCents: r.grantTotalCents,
    grantEligible: r.grantEligible,
    grantUnknownLines: r.grantUnknownLines,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    version: r.version,
  };
}

async function assertProject(db: Db, actor: Actor, projectId: string): Promise<void> {
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
}

async function countMobilities(db: Db, actor: Actor, query: TMobilityListQuery): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(and(...filterConditions(actor, query.projectId, query.filters)));
  return row?.total ?? 0;
}

/**
 * A page of the project's mobilities. Rows can only be the school's (the where names `actor.orgId`),
 * so the project is looked up only when the page comes back empty: another school's project and a
 * missing one are both NOT_FOUND.
 */
export async function listMobilities(db: Db, actor: Actor, input: TListMobilities): Promise<TMobilityListPage> {
  const records = await selectPage(db, actor, input, (input.page - 1) * input.pageSize, input.pageSize);
  let total = records[0]?.total;
  if (total === undefined) {
    await assertProject(db, actor, input.projectId);
    // Past the last page the window has no row to ride on: count on its own, so the UI can step back.
    total = input.page > 1 ? await countMobilities(db, actor, input) : 0;
  }
  return { rows: records.map(toRow), total, pageCount: Math.ceil(total / input.pageSize), page: input.page, pageSize: input.pageSize };
}

/* ---------------------------------------------------------------------------------------------- */
/* CSV                                                                                            */
/* ---------------------------------------------------------------------------------------------- */

export const CSV_CHUNK_SIZE = 1000;


function csvRecord(r: TPageRecord, labels: TCsvLabels, special: boolean): (string | number)[] {
  const isGroup = r.activityType === "LM-GRP-PUPIL";
  const fields: (string | number)[] = [
    r.activityType,
    labels.activity(r.activityType),
    labels.status(r.status),
    r.startDate,
    r.endDate,
    r.firstName !== null && r.lastName !== null ? `${r.firstName} ${r.lastName}` : "",
    isGroup ? r.pupilCount + r.namedPupils : "",
    isGroup ? 1 + r.otherAccompanying : r.accompanying ? 1 : "",
    r.receivingOrganisation,
    r.destinationCountry,
    r.destinationTown,
    r.distanceKm ?? "",
    r.greenTravel ? labels.yes : labels.no,
    csvAmount(r.grantTotalCents, labels.decimalSeparator),
    r.grantUnknownLines.map(labels.line).join(", "),
    r.grantEligible ? labels.yes : labels.no,
    r.errorCount,
    r.warningCount,
  ];
  if (special) fields.push(isGroup ? r.fewerOpportunityPupils : r.fewerOpportunities ? labels.yes : labels.no);
  return fields;
}

/**
 * The filtered, sorted list as CSV (lib/csv.ts writes the lines), in chunks of a thousand mobilities
 * (the first chunk carries the BOM and the header). NOT_FOUND at once, before a chunk exists, when the
 * project is not the school's.
 */
export async function exportMobilitiesCsv(db: Db, actor: Actor, query: TMobilityListQuery, labels: TCsvLabels): Promise<AsyncGenerator<string>> {
  await assertProject(db, actor, query.projectId);
  return csvChunks(db, actor, query, labels);
}

async function* csvChunks(db: Db, actor: Actor, query: TMobilityListQuery, labels: TCsvLabels): AsyncGenerator<string> {
  const special = actor.specialCategory;
  const columns: TCsvColumn[] = [...CSV_COLUMNS, ...(special ? CSV_SPECIAL_COLUMNS : [])];
  let chunk = CSV_BOM + csvLine(columns.map(labels.column), labels.separator);
  for (let offset = 0; ; offset += CSV_CHUNK_SIZE) {
    const records = await selectPage(db, actor, query, offset, CSV_CHUNK_SIZE);
    for (const record of records) chunk += csvLine(csvRecord(record, labels, special), labels.separator);
    yield chunk;
    chunk = "";
    if (records.length < CSV_CHUNK_SIZE) return;
  }
}
