import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import {
  files,
  findings,
  mobilities,
  mobilityEvidence,
  naRateSets,
  organisations,
  participants,
  projects,
} from "@/db/schema";
import { notFound } from "@/server/errors";
import { COMMITTED_STATUSES, DEFAULT_RATES, GRANT_LINES, REALISED_STATUSES, type GrantLine, type GrantLines } from "@/server/rules";
import { EVIDENCE_KINDS } from "@/server/schemas/evidence";
import type { TComplianceFlag, TFlagDrillDown, TPortfolioQuery } from "@/server/schemas/na";
import { EVIDENCE_RULES, isEvidenceRequired, missingEvidenceCountSql } from "./evidence";

/*
 * The national-agency officer's view of the schools of their NA(s). The tenant here is the NA code:
 * an officer reads every project of a school whose `na_code` is one of theirs; anything else is
 * NOT_FOUND, exactly as another school's row is for a member. Officers never edit school data, so
 * this file only reads.
 *
 * The compliance flags are computed in SQL, per project, in one statement (a LATERAL aggregate over
 * the project's mobilities, which uses the (project_id, …) indexes): the first page of the default
 * order aggregates only the projects on that page; sorting or filtering by risk aggregates the whole
 * NA (the "full scan", docs/benchmarks.md).
 */

/** The acting officer: `naCodes` are the NAs they oversee (server/api/trpc.ts naProcedure). */
export interface Officer {
  userId: string;
  naCodes: string[];
}

/**
 * When the KA121 target flags fire. These are thresholds of the app, not Erasmus+ rules (confidence U,
 * docs/decisions.md): a target is checked once half of the project period has passed, and it is "far
 * off" when what is committed is below half of what the elapsed share of the period would suggest
 * (fewer-opportunity participants, a count) or below half of the target share (green travel, a %).
 */
export const TARGET_CHECK = { fromElapsedPercent: 50, farOffPercent: 50 } as const;

const literalList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
const COMMITTED = literalList(COMMITTED_STATUSES);
const REALISED = literalList(REALISED_STATUSES);

const GRANT_COLUMN: Record<GrantLine, string> = {
  travel: "grant_travel_cents",
  individualSupport: "grant_individual_support_cents",
  organisationalSupport: "grant_organisational_support_cents",
  courseFees: "grant_course_fees_cents",
  inclusionSupport: "grant_inclusion_support_cents",
  linguisticSupport: "grant_linguistic_support_cents",
  exceptionalCosts: "grant_exceptional_costs_cents",
  preparatoryVisits: "grant_preparatory_visits_cents",
};
const AWARDED_COLUMN: Record<GrantLine, string> = {
  travel: "awarded_travel_cents",
  individualSupport: "awarded_individual_support_cents",
  organisationalSupport: "awarded_organisational_support_cents",
  courseFees: "awarded_course_fees_cents",
  inclusionSupport: "awarded_inclusion_support_cents",
  linguisticSupport: "awarded_linguistic_support_cents",
  exceptionalCosts: "awarded_exceptional_costs_cents",
  preparatoryVisits: "awarded_preparatory_visits_cents",
};

/**
 * The engine's duration limits (min/max activity days per activity and call year) as a VALUES list,
 * so SQL compares with the same figures the engine uses (never literals in the query).
 */
function durationLimitsCte(): SQL {
  const rows: SQL[] = [];
  for (const [year, table] of Object.entries(DEFAULT_RATES.durations)) {
    if (!table) continue;
    for (const [activity, limit] of Object.entries(table)) {
      rows.push(sql`(${Number(year)}::int, ${activity}::text, ${limit.value.minDays}::int, ${limit.value.maxDays}::int)`);
    }
  }
  return sql`duration_limits(call_year, activity_type, min_days, max_days) as (values ${sql.join(rows, sql`, `)})`;
}

/*
 * Per-mobility predicates, over a row of `mobilities` joined with its project (`projects`) and its
 * duration limits (`l`). The aggregates count them and the drill-down lists the rows they hold for,
 * so a flag and the mobilities behind it always agree.
 */
const notCancelled = sql`mobilities.status <> 'cancelled'`;
const committed = sql`mobilities.status in (${COMMITTED})`;
const durationDays = sql`(mobilities.end_date - mobilities.start_date + 1)`;
const PREDICATE = {
  durationOutOfLimits: sql`(${notCancelled} and l.activity_type is not null and ${durationDays} not between l.min_days and l.max_days)`,
  missingEvidence: sql`(mobilities.status = 'completed' and ${missingEvidenceCountSql} > 0)`,
  overlappingMobilities: sql`(${notCancelled} and mobilities.participant_id is not null and exists (
    select 1 from mobilities other
    where other.participant_id = mobilities.participant_id and other.organisation_id = mobilities.organisation_id
      and other.id <> mobilities.id and other.status <> 'cancelled'
      and other.start_date <= mobilities.end_date and other.end_date >= mobilities.start_date))`,
  /** As the engine counts places under the KA122 cap (projects.ts participantsUsedSql). */
  countsForCap: sql`(${committed} and ((not mobilities.accompanying and mobilities.activity_type not in ('PREP-VISIT', 'LM-GRP-PUPIL'))
    or mobilities.activity_type = 'LM-GRP-PUPIL'))`,
  committed,
  committedWithoutGreenTravel: sql`(${committed} and mobilities.activity_type <> 'PREP-VISIT' and not mobilities.green_travel)`,
} as const;

/*
 * The set-based aggregates of the portfolio: every mobility of the projects in scope is read once
 * (hash joins, one GROUP BY), the evidence and group members pre-aggregated per mobility, and the
 * overlaps found with one window over the participants' mobilities (sorted by start: a mobility
 * overlaps a later one iff the next one starts before it ends, an earlier one iff the latest end
 * before it is not before its start). The drill-down lists rows with the per-row PREDICATEs above;
 * the router tests check that both agree on every flag.
 */
const EVIDENCE_DONE_COLUMN = (kind: string) => sql.raw(`ev."${kind}"`);
const missingEvidenceSetSql = sql.join(
  EVIDENCE_KINDS.map((kind) => {
    const rule = EVIDENCE_RULES[kind];
    const accompanying = rule.accompanyingToo ? sql`true` : sql`not m.accompanying`;
    return sql`case when m.activity_type::text in (${literalList(rule.activityTypes)}) and ${accompanying}
      and not coalesce(${EVIDENCE_DONE_COLUMN(kind)}, false) then 1 else 0 end`;
  }),
  sql` + `,
);

const setLineSums = (statuses: SQL, prefix: string) =>
  sql.join(
    GRANT_LINES.map((line) => sql`coalesce(sum(${sql.raw(`m.${GRANT_COLUMN[line]}`)}) filter (where m.status in (${statuses})), 0)::bigint as ${sql.raw(`"${prefix}_${line}"`)}`),
    sql`, `,
  );

const setCommitted = sql`m.status in (${COMMITTED})`;
/**
 * `paged`: only a page of projects is in scope; the mobilities and their evidence are then reached
 * through the indexes (LATERAL, per project and per mobility) instead of hash joins over whole tables,
 * which the planner would otherwise pick (it cannot see that the page is small).
 */
const setAggregates = (paged: boolean) => sql`
    m as materialized (
      select mobilities.id, mobilities.project_id, mobilities.participant_id, mobilities.activity_type, mobilities.status,
        mobilities.accompanying, mobilities.start_date, mobilities.end_date, mobilities.green_travel, mobilities.fewer_opportunities,
        mobilities.pupil_count, mobilities.grant_total_cents, ${sql.raw(GRANT_LINES.map((line) => `mobilities.${GRANT_COLUMN[line]}`).join(", "))}
      from ${paged ? sql`scope cross join lateral (select * from mobilities where mobilities.project_id = scope.id offset 0) mobilities` : sql`mobilities join scope on scope.id = mobilities.project_id`}
    ),
    ev as (
      ${paged
        ? sql`select m.id as mobility_id, ${sql.join(EVIDENCE_KINDS.map((kind) => sql`bool_or(e.kind = ${kind}) as ${sql.raw(`"${kind}"`)}`), sql`, `)}
      from m cross join lateral (select e.kind from mobility_evidence e where e.mobility_id = m.id and e.done offset 0) e
      group by m.id`
        : sql`select e.mobility_id, ${sql.join(EVIDENCE_KINDS.map((kind) => sql`bool_or(e.kind = ${kind}) as ${sql.raw(`"${kind}"`)}`), sql`, `)}
      from mobility_evidence e join m on m.id = e.mobility_id
      where e.done
      group by e.mobility_id`}
    ),
    mem as (
      select mm.mobility_id, count(*) filter (where mm.role = 'pupil')::int as pupils,
        count(*) filter (where mm.role = 'pupil' and mm.fewer_opportunities)::int as fewer_pupils
      from mobility_members mm join m on m.id = mm.mobility_id
      group by mm.mobility_id
    ),
    ov as (
      select w.id from (
        select o.id, o.start_date, o.end_date,
          max(o.end_date) over (partition by o.participant_id order by o.start_date, o.id rows between unbounded preceding and 1 preceding) as prev_end,
          lead(o.start_date) over (partition by o.participant_id order by o.start_date, o.id) as next_start
        from ${paged
          ? sql`(select distinct m.participant_id from m where m.participant_id is not null) p
            cross join lateral (select * from mobilities where mobilities.participant_id = p.participant_id offset 0) o`
          : sql`mobilities o`}
        where o.status <> 'cancelled' and o.participant_id in (select m.participant_id from m where m.participant_id is not null)
      ) w
      where w.prev_end >= w.start_date or w.next_start <= w.end_date
    ),
    agg as (
      select m.project_id,
        count(*)::int as mobility_count,
        count(*) filter (where m.status <> 'cancelled' and l.activity_type is not null
          and (m.end_date - m.start_date + 1) not between l.min_days and l.max_days)::int as duration_count,
        count(*) filter (where m.status = 'completed' and (${missingEvidenceSetSql}) > 0)::int as missing_evidence_count,
        count(ov.id)::int as overlap_count,
        count(*) filter (where ${setCommitted} and m.activity_type <> 'PREP-VISIT')::int as travelling_count,
        count(*) filter (where ${setCommitted} and m.activity_type <> 'PREP-VISIT' and m.green_travel)::int as green_count,
        (count(*) filter (where ${setCommitted} and m.activity_type <> 'LM-GRP-PUPIL' and m.fewer_opportunities)
          + coalesce(sum(mem.fewer_pupils) filter (where ${setCommitted} and m.activity_type = 'LM-GRP-PUPIL'), 0))::int as fewer_count,
        -- As the engine counts places under the KA122 cap (projects.ts participantsUsedSql).
        (count(distinct m.participant_id) filter (where ${setCommitted} and not m.accompanying and m.activity_type not in ('PREP-VISIT', 'LM-GRP-PUPIL'))
          + coalesce(sum(m.pupil_count + coalesce(mem.pupils, 0)) filter (where ${setCommitted} and m.activity_type = 'LM-GRP-PUPIL'), 0))::int as participants_counted,
        coalesce(sum(m.grant_total_cents) filter (where ${setCommitted}), 0)::bigint as committed_total,
        coalesce(sum(m.grant_total_cents) filter (where m.status in (${REALISED})), 0)::bigint as realised_total,
        ${setLineSums(COMMITTED, "committed")},
        ${setLineSums(REALISED, "realised")}
      from m
      join projects on projects.id = m.project_id
      left join duration_limits l on l.call_year = projects.call_year and l.activity_type = m.activity_type::text
      left join ev on ev.mobility_id = m.id
      left join mem on mem.mobility_id = m.id
      left join ov on ov.id = m.id
      group by m.project_id
    )`;

/** Zero aggregates for a project without mobilities (LEFT JOIN agg finds nothing). */
const zeroIfMissing = (column: string) => sql.raw(`coalesce(a."${column}", 0) as "${column}"`);
const AGG_COLUMNS = [
  "mobility_count", "duration_count", "missing_evidence_count", "overlap_count", "travelling_count", "green_count", "fewer_count",
  "participants_counted", "committed_total", "realised_total",
  ...GRANT_LINES.flatMap((line) => [`committed_${line}`, `realised_${line}`]),
];

/** The projects an officer may read: schools of one of their NAs (optionally narrowed by the query). */
function scopeWhere(officer: Officer, q: Partial<TPortfolioQuery> & { projectId?: string }): SQL {
  const codes = q.naCode ? officer.naCodes.filter((c) => c === q.naCode) : officer.naCodes;
  const conditions: SQL[] = [codes.length > 0 ? inArray(organisations.naCode, codes) : sql`false`];
  if (q.schoolId) conditions.push(eq(organisations.id, q.schoolId));
  if (q.projectId) conditions.push(eq(projects.id, q.projectId));
  if (q.callYear) conditions.push(eq(projects.callYear, q.callYear));
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(projects.title ilike ${like} or projects.project_number ilike ${like} or organisations.name ilike ${like})`);
  }
  return sql.join(conditions, sql` and `);
}

const SIMPLE_ORDER: Record<"school" | "project" | "endDate", SQL> = {
  school: sql`organisations.name, projects.project_number`,
  project: sql`projects.project_number`,
  endDate: sql`projects.end_date, projects.project_number`,
};

const FLAG_COLUMNS: Record<TComplianceFlag, string> = {
  durationOutOfLimits: "f_duration",
  ka122CapExceeded: "f_cap",
  overAward: "f_over_award",
  missingEvidence: "f_missing_evidence",
  overlappingMobilities: "f_overlap",
  finalReportOverdue: "f_report_overdue",
  fewerOpportunityTargetOff: "f_fewer_target",
  greenTravelTargetOff: "f_green_target",
};

export interface PortfolioOptions {
  /** Page through the projects first and aggregate only the page (default orders, no flag filter). */
  limit?: number;
  offset?: number;
  projectId?: string;
}

/** The portfolio statement (exported for bench/na-portfolio.ts, which prints its plan). */
export function portfolioSql(officer: Officer, q: Partial<TPortfolioQuery>, options: PortfolioOptions): SQL {
  const cap = DEFAULT_RATES.project.ka122MaxParticipants.value;
  const dueDays = DEFAULT_RATES.project.finalReportDueDays.value;
  const where = scopeWhere(officer, { ...q, ...(options.projectId ? { projectId: options.projectId } : {}) });
  const sort = q.sort ?? "risk";
  const filtered = q.flag !== undefined || q.onlyFlagged === true;
  const pageFirst = sort !== "risk" && !filtered && options.limit !== undefined;
  const page = options.limit === undefined ? sql`` : sql`limit ${options.limit} offset ${options.offset ?? 0}`;
  const simpleOrder = SIMPLE_ORDER[sort === "risk" ? "school" : sort];

  const overCategories = sql.join(
    GRANT_LINES.map((line) => sql`case when coalesce(a.${sql.raw(`"committed_${line}"`)}, 0) > projects.${sql.raw(AWARDED_COLUMN[line])} then ${line} end`),
    sql`, `,
  );
  const elapsed = sql`least(greatest((current_date - projects.start_date + 1)::numeric / (projects.end_date - projects.start_date + 1), 0), 1)`;
  const flagFilter = q.flag ? sql`and ${sql.raw(FLAG_COLUMNS[q.flag])}` : q.onlyFlagged ? sql`and risk > 0` : sql``;
  const riskSum = sql.raw(Object.values(FLAG_COLUMNS).map((c) => `${c}::int`).join(" + "));

  return sql`
    with ${durationLimitsCte()},
    scope as (
      select projects.id, count(*) over ()::int as scope_total
      from projects join organisations on organisations.id = projects.organisation_id
      where ${where}
      ${pageFirst ? sql`order by ${simpleOrder} ${page}` : sql``}
    ),
    ${setAggregates(pageFirst)},
    -- Materialised: the flags below read its aggregates several times; inlined, each read would recompute them.
    computed as materialized (
      select
        projects.id as project_id, projects.organisation_id as school_id, organisations.name as school_name,
        organisations.na_code, projects.project_number, projects.title, projects.action, projects.call_year,
        projects.start_date, projects.end_date, projects.status, projects.awarded_total_cents,
        ${sql.join(GRANT_LINES.map((line) => sql`projects.${sql.raw(AWARDED_COLUMN[line])} as ${sql.raw(`"awarded_${line}"`)}`), sql`, `)},
        projects.target_fewer_opportunity_participants, projects.target_green_travel_percent,
        scope.scope_total, ${sql.join(AGG_COLUMNS.map(zeroIfMissing), sql`, `)},
        case when projects.action = 'KA122' then coalesce(a.participants_counted, 0) end as participants_used,
        (projects.end_date + ${dueDays}::int) as final_report_due,
        round(${elapsed} * 100)::int as elapsed_percent,
        array_remove(array[${overCategories}]::text[], null) as over_categories
      from scope
      join projects on projects.id = scope.id
      join organisations on organisations.id = projects.organisation_id
      left join agg a on a.project_id = projects.id
    ),
    flagged as (
      select computed.*,
        (duration_count > 0) as f_duration,
        (participants_used is not null and participants_used > ${cap}::int) as f_cap,
        (cardinality(over_categories) > 0) as f_over_award,
        (missing_evidence_count > 0) as f_missing_evidence,
        (overlap_count > 0) as f_overlap,
        (status <> 'closed' and final_report_due < current_date) as f_report_overdue,
        (action = 'KA121' and coalesce(target_fewer_opportunity_participants, 0) > 0
          and elapsed_percent >= ${TARGET_CHECK.fromElapsedPercent}::int
          and fewer_count * 10000 < target_fewer_opportunity_participants * elapsed_percent * ${TARGET_CHECK.farOffPercent}::int) as f_fewer_target,
        (action = 'KA121' and coalesce(target_green_travel_percent, 0) > 0 and travelling_count > 0
          and elapsed_percent >= ${TARGET_CHECK.fromElapsedPercent}::int
          and green_count * 10000 < target_green_travel_percent * travelling_count * ${TARGET_CHECK.farOffPercent}::int) as f_green_target
      from computed
    ),
    scored as (select flagged.*, (${riskSum}) as risk from flagged)
    select scored.*, ${pageFirst ? sql`scope_total` : sql`count(*) over ()::int`} as total
    from scored
    where true ${flagFilter}
    order by ${sort === "risk" ? sql`risk desc, duration_count + missing_evidence_count + overlap_count desc, school_name, project_number` : sql.raw(sort === "school" ? "school_name, project_number" : sort === "project" ? "project_number" : "end_date, project_number")}
    ${pageFirst ? sql`` : page}`;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const iso = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

function linesOf(row: Record<string, unknown>, prefix: string): GrantLines {
  return Object.fromEntries(GRANT_LINES.map((line) => [line, num(row[`${prefix}_${line}`])])) as GrantLines;
}

function toPortfolioRow(row: Record<string, unknown>) {
  const committedLines = linesOf(row, "committed");
  const awardedLines = linesOf(row, "awarded");
  const flags: Record<TComplianceFlag, boolean> = {
    durationOutOfLimits: row.f_duration === true,
    ka122CapExceeded: row.f_cap === true,
    overAward: row.f_over_award === true,
    missingEvidence: row.f_missing_evidence === true,
    overlappingMobilities: row.f_overlap === true,
    finalReportOverdue: row.f_report_overdue === true,
    fewerOpportunityTargetOff: row.f_fewer_target === true,
    greenTravelTargetOff: row.f_green_target === true,
  };
  const action = row.action as "KA121" | "KA122" | "KA210" | "KA220";
  return {
    projectId: String(row.project_id),
    schoolId: String(row.school_id),
    schoolName: String(row.school_name),
    naCode: String(row.na_code),
    projectNumber: String(row.project_number),
    title: String(row.title),
    action,
    callYear: num(row.call_year),
    startDate: iso(row.start_date),
    endDate: iso(row.end_date),
    status: row.status as "draft" | "running" | "reporting" | "closed",
    awardedTotalCents: num(row.awarded_total_cents),
    awarded: awardedLines,
    committed: committedLines,
    realised: linesOf(row, "realised"),
    committedTotalCents: num(row.committed_total),
    realisedTotalCents: num(row.realised_total),
    mobilityCount: num(row.mobility_count),
    flags,
    risk: num(row.risk),
    details: {
      durationOutOfLimits: num(row.duration_count),
      missingEvidence: num(row.missing_evidence_count),
      overlappingMobilities: num(row.overlap_count),
      participantsUsed: row.participants_used === null || row.participants_used === undefined ? null : num(row.participants_used),
      participantCap: action === "KA122" ? DEFAULT_RATES.project.ka122MaxParticipants.value : null,
      overCategories: (Array.isArray(row.over_categories) ? row.over_categories : []) as GrantLine[],
      finalReportDue: iso(row.final_report_due),
      elapsedPercent: num(row.elapsed_percent),
      fewerOpportunityParticipants: num(row.fewer_count),
      targetFewerOpportunityParticipants: row.target_fewer_opportunity_participants === null ? null : num(row.target_fewer_opportunity_participants),
      greenTravelPercent: num(row.travelling_count) > 0 ? Math.round((num(row.green_count) * 1000) / num(row.travelling_count)) / 10 : null,
      targetGreenTravelPercent: row.target_green_travel_percent === null ? null : num(row.target_green_travel_percent),
    },
  };
}
export type TPortfolioRow = ReturnType<typeof toPortfolioRow>;

/** One page of the officer's portfolio: projects with their flags, sorted and filtered as asked. */
export async function listPortfolio(db: Db, officer: Officer, q: TPortfolioQuery) {
  const offset = (q.page - 1) * q.pageSize;
  const rows = await db.execute<Record<string, unknown>>(portfolioSql(officer, q, { limit: q.pageSize, offset }));
  const total = rows[0] ? num(rows[0].total) : await countScope(db, officer, q);
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map(toPortfolioRow) };
}

async function countScope(db: Db, officer: Officer, q: TPortfolioQuery): Promise<number> {
  if (q.flag || q.onlyFlagged) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(scopeWhere(officer, q));
  return row?.n ?? 0;
}

/** Every project of the officer's NA(s) (or one school) with its flags: the full compliance scan. */
export async function scanCompliance(db: Db, officer: Officer, q: Partial<TPortfolioQuery> = {}, projectId?: string): Promise<TPortfolioRow[]> {
  const rows = await db.execute<Record<string, unknown>>(portfolioSql(officer, { sort: "risk", ...q }, projectId ? { projectId } : {}));
  return rows.map(toPortfolioRow);
}

/** The schools of the officer's NA(s), with how many projects each has. */
export async function listNaSchools(db: Db, officer: Officer, naCode?: string) {
  const codes = naCode ? officer.naCodes.filter((c) => c === naCode) : officer.naCodes;
  if (codes.length === 0) return [];
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      town: organisations.town,
      country: organisations.country,
      naCode: organisations.naCode,
      projectCount: sql<number>`(select count(*)::int from ${projects} p where p.organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .where(inArray(organisations.naCode, codes))
    .orderBy(organisations.name);
}

/** A project the officer may read (its school is in one of their NAs); anything else NOT_FOUND. */
export async function findOfficerProject(db: DbOrTx, officer: Officer, projectId: string) {
  if (officer.naCodes.length === 0) throw notFound("projectNotFound");
  const [row] = await db
    .select({
      project: projects,
      school: { id: organisations.id, name: organisations.name, town: organisations.town, country: organisations.country, naCode: organisations.naCode },
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(projects.id, projectId), inArray(organisations.naCode, officer.naCodes)));
  if (!row) throw notFound("projectNotFound");
  return row;
}

const mobilityColumns = {
  id: mobilities.id,
  activityType: mobilities.activityType,
  status: mobilities.status,
  accompanying: mobilities.accompanying,
  startDate: mobilities.startDate,
  endDate: mobilities.endDate,
  travelDays: mobilities.travelDays,
  greenTravel: mobilities.greenTravel,
  destinationCountry: mobilities.destinationCountry,
  destinationTown: mobilities.destinationTown,
  receivingOrganisation: mobilities.receivingOrganisation,
  pupilCount: mobilities.pupilCount,
  grantTotalCents: mobilities.grantTotalCents,
  grantEligible: mobilities.grantEligible,
  participantFirstName: participants.firstName,
  participantLastName: participants.lastName,
};

/** The mobilities behind one flag of a project (the drill-down), by the same predicate as the flag. */
export async function listFlagMobilities(db: Db, officer: Officer, input: TFlagDrillDown) {
  const { project } = await findOfficerProject(db, officer, input.projectId);
  let predicate: SQL;
  switch (input.flag) {
    case "durationOutOfLimits":
      predicate = PREDICATE.durationOutOfLimits;
      break;
    case "missingEvidence":
      predicate = PREDICATE.missingEvidence;
      break;
    case "overlappingMobilities":
      predicate = PREDICATE.overlappingMobilities;
      break;
    case "ka122CapExceeded":
      predicate = PREDICATE.countsForCap;
      break;
    case "fewerOpportunityTargetOff":
      predicate = PREDICATE.committed;
      break;
    case "greenTravelTargetOff":
      predicate = PREDICATE.committedWithoutGreenTravel;
      break;
    case "finalReportOverdue":
      predicate = notCancelled;
      break;
    case "overAward": {
      const [row] = await scanCompliance(db, officer, {}, project.id);
      const over = row?.details.overCategories ?? [];
      predicate = over.length
        ? sql`(${committed} and (${sql.join(over.map((line) => sql.raw(`mobilities.${GRANT_COLUMN[line]} > 0`)), sql` or `)}))`
        : sql`false`;
      break;
    }
  }
  const rows = await db.execute<Record<string, unknown>>(sql`
    with ${durationLimitsCte()}
    select mobilities.id, mobilities.activity_type, mobilities.status, mobilities.accompanying, mobilities.start_date, mobilities.end_date,
      mobilities.destination_country, mobilities.destination_town, mobilities.grant_total_cents, mobilities.grant_eligible,
      ${durationDays} as days, l.min_days, l.max_days,
      case when mobilities.status = 'completed' then ${missingEvidenceCountSql} else 0 end as missing_evidence,
      participants.first_name, participants.last_name
    from mobilities
    join projects on projects.id = mobilities.project_id and projects.organisation_id = mobilities.organisation_id
    left join duration_limits l on l.call_year = projects.call_year and l.activity_type = mobilities.activity_type::text
    left join participants on participants.id = mobilities.participant_id and participants.organisation_id = mobilities.organisation_id
    where mobilities.project_id = ${project.id} and mobilities.organisation_id = ${project.organisationId} and ${predicate}
    order by mobilities.start_date, mobilities.id`);
  return rows.map((r) => ({
    id: String(r.id),
    activityType: String(r.activity_type),
    status: String(r.status),
    accompanying: r.accompanying === true,
    startDate: iso(r.start_date),
    endDate: iso(r.end_date),
    destinationCountry: String(r.destination_country),
    destinationTown: String(r.destination_town),
    grantTotalCents: num(r.grant_total_cents),
    grantEligible: r.grant_eligible === true,
    days: num(r.days),
    minDays: r.min_days === null ? null : num(r.min_days),
    maxDays: r.max_days === null ? null : num(r.max_days),
    missingEvidence: num(r.missing_evidence),
    participantName: r.first_name ? `${String(r.first_name)} ${String(r.last_name)}` : null,
  }));
}

/** Stored grant lines of a mobility row (what the engine computed when it was last stored). */
function grantLinesOf(row: Record<string, unknown>): GrantLines {
  return {
    travel: num(row.grantTravelCents),
    individualSupport: num(row.grantIndividualSupportCents),
    organisationalSupport: num(row.grantOrganisationalSupportCents),
    courseFees: num(row.grantCourseFeesCents),
    inclusionSupport: num(row.grantInclusionSupportCents),
    linguisticSupport: num(row.grantLinguisticSupportCents),
    exceptionalCosts: num(row.grantExceptionalCostsCents),
    preparatoryVisits: num(row.grantPreparatoryVisitsCents),
  };
}

export interface TStoredIssue {
  severity: "error" | "warning";
  code: string;
  params?: Record<string, string | number>;
  field?: string;
}

async function rateSetVersion(db: DbOrTx, rateSetId: string | null) {
  if (!rateSetId) return null;
  const [set] = await db
    .select({ id: naRateSets.id, version: naRateSets.version, createdAt: naRateSets.createdAt })
    .from(naRateSets)
    .where(eq(naRateSets.id, rateSetId));
  return set ?? null;
}

/** Everything the school sees of a project, read-only, for an officer of its NA. */
export async function getOfficerProject(db: Db, officer: Officer, projectId: string) {
  const { project, school } = await findOfficerProject(db, officer, projectId);
  const [portfolio] = await scanCompliance(db, officer, {}, project.id);
  if (!portfolio) throw notFound("projectNotFound");
  const rows = await db
    .select({
      ...mobilityColumns,
      grantTravelCents: mobilities.grantTravelCents,
      grantIndividualSupportCents: mobilities.grantIndividualSupportCents,
      grantOrganisationalSupportCents: mobilities.grantOrganisationalSupportCents,
      grantCourseFeesCents: mobilities.grantCourseFeesCents,
      grantInclusionSupportCents: mobilities.grantInclusionSupportCents,
      grantLinguisticSupportCents: mobilities.grantLinguisticSupportCents,
      grantExceptionalCostsCents: mobilities.grantExceptionalCostsCents,
      grantPreparatoryVisitsCents: mobilities.grantPreparatoryVisitsCents,
      grantIssues: mobilities.grantIssues,
      missingEvidence: sql<number>`case when ${mobilities.status} = 'completed' then ${missingEvidenceCountSql} else 0 end`.mapWith(Number),
      requiredMissing: missingEvidenceCountSql,
    })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(and(eq(mobilities.projectId, project.id), eq(mobilities.organisationId, project.organisationId)))
    .orderBy(mobilities.startDate, mobilities.id);
  const projectFindings = await db
    .select({ id: findings.id, title: findings.title, status: findings.status, mobilityId: findings.mobilityId, updatedAt: findings.updatedAt })
    .from(findings)
    .where(and(eq(findings.projectId, project.id), eq(findings.organisationId, project.organisationId), inArray(findings.naCode, officer.naCodes)))
    .orderBy(findings.createdAt);
  return {
    project: {
      id: project.id,
      action: project.action,
      projectNumber: project.projectNumber,
      title: project.title,
      callYear: project.callYear,
      startDate: project.startDate,
      endDate: project.endDate,
      status: project.status,
      awardedTotalCents: project.awardedTotalCents,
      awardedLumpSumCents: project.awardedLumpSumCents,
      targetParticipants: project.targetParticipants,
      targetFewerOpportunityParticipants: project.targetFewerOpportunityParticipants,
      targetGreenTravelPercent: project.targetGreenTravelPercent,
    },
    school,
    rateSet: await rateSetVersion(db, project.rateSetId),
    budget: {
      awarded: portfolio.awarded,
      committed: portfolio.committed,
      realised: portfolio.realised,
    },
    portfolio,
    mobilities: rows.map((row) => {
      const lines = grantLinesOf(row);
      return {
        id: row.id,
        activityType: row.activityType,
        status: row.status,
        accompanying: row.accompanying,
        startDate: row.startDate,
        endDate: row.endDate,
        destinationCountry: row.destinationCountry,
        destinationTown: row.destinationTown,
        receivingOrganisation: row.receivingOrganisation,
        pupilCount: row.pupilCount,
        participantName: row.participantFirstName ? `${row.participantFirstName} ${row.participantLastName ?? ""}`.trim() : null,
        grantLines: lines,
        grantTotalCents: row.grantTotalCents,
        grantEligible: row.grantEligible,
        grantIssues: (Array.isArray(row.grantIssues) ? row.grantIssues : []) as TStoredIssue[],
        missingEvidence: row.missingEvidence,
        missingRequired: num(row.requiredMissing),
      };
    }),
    findings: projectFindings,
  };
}

/** One mobility, read-only, with its stored grant and evidence status, for an officer of its NA. */
export async function getOfficerMobility(db: Db, officer: Officer, mobilityId: string) {
  if (officer.naCodes.length === 0) throw notFound("mobilityNotFound");
  const [row] = await db
    .select({ mobility: mobilities, school: { id: organisations.id, name: organisations.name }, projectNumber: projects.projectNumber, projectTitle: projects.title })
    .from(mobilities)
    .innerJoin(projects, and(eq(projects.id, mobilities.projectId), eq(projects.organisationId, mobilities.organisationId)))
    .innerJoin(organisations, eq(organisations.id, mobilities.organisationId))
    .where(and(eq(mobilities.id, mobilityId), inArray(organisations.naCode, officer.naCodes)));
  if (!row) throw notFound("mobilityNotFound");
  const m = row.mobility;
  const [person] = m.participantId
    ? await db
        .select({ firstName: participants.firstName, lastName: participants.lastName, kind: participants.kind })
        .from(participants)
        .where(and(eq(participants.id, m.participantId), eq(participants.organisationId, m.organisationId)))
    : [];
  const evidenceRows = await db
    .select({ kind: mobilityEvidence.kind, done: mobilityEvidence.done, note: mobilityEvidence.note, checkedAt: mobilityEvidence.checkedAt, fileId: files.id, filename: files.filename })
    .from(mobilityEvidence)
    .leftJoin(files, and(eq(files.id, mobilityEvidence.fileId), eq(files.organisationId, mobilityEvidence.organisationId)))
    .where(and(eq(mobilityEvidence.mobilityId, m.id), eq(mobilityEvidence.organisationId, m.organisationId)));
  const byKind = new Map(evidenceRows.map((e) => [e.kind, e]));
  const evidence = EVIDENCE_KINDS.flatMap((kind) => {
    const required = isEvidenceRequired(kind, m);
    const item = byKind.get(kind);
    if (!required && !item) return [];
    return [{ kind, required, done: item?.done ?? false, note: item?.note ?? null, checkedAt: item?.checkedAt ?? null, file: item?.fileId ? { id: item.fileId, filename: item.filename ?? "" } : null }];
  });
  const lines = grantLinesOf(m);
  const issues = (Array.isArray(m.grantIssues) ? m.grantIssues : []) as TStoredIssue[];
  return {
    id: m.id,
    projectId: m.projectId,
    projectNumber: row.projectNumber,
    projectTitle: row.projectTitle,
    school: row.school,
    activityType: m.activityType,
    status: m.status,
    accompanying: m.accompanying,
    startDate: m.startDate,
    endDate: m.endDate,
    travelDays: m.travelDays,
    greenTravel: m.greenTravel,
    receivingOrganisation: m.receivingOrganisation,
    destinationCountry: m.destinationCountry,
    destinationTown: m.destinationTown,
    distanceKm: m.distanceKm,
    fewerOpportunities: m.fewerOpportunities,
    pupilCount: m.pupilCount,
    participant: person ? { name: `${person.firstName} ${person.lastName}`, kind: person.kind } : null,
    grant: { eligible: m.grantEligible, linesCents: lines, totalCents: m.grantTotalCents, issues, computedAt: m.grantComputedAt },
    evidence,
  };
}
