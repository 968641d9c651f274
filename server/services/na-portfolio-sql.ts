import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { AWARDED_COLUMN, GRANT_COLUMN, organisations, projects } from "@/db/schema";
import { COMPLIANCE_THRESHOLDS, DEFAULT_RATES, GRANT_LINES, mapLines, type GrantLine, type GrantLines } from "@/server/rules";
import { EVIDENCE_KINDS } from "@/server/schemas/evidence";
import type { TComplianceFlag, TPortfolioQuery } from "@/server/schemas/na";
import { capParticipantSql, capPupilsSql, COMMITTED_SQL as COMMITTED, REALISED_SQL as REALISED, sqlList } from "./compliance-sql";
import { EVIDENCE_RULES, missingEvidenceCountSql } from "./evidence";
import { effectiveFigureSql, projectAgreementFiguresSql, projectRateFiguresSql } from "./rates";

/*
 * The NA portfolio's statement: every project of an officer's NA(s) with its compliance flags,
 * computed in SQL, per project, in one statement (a LATERAL aggregate over the project's mobilities,
 * which uses the (project_id, …) indexes): the first page of the default order aggregates only the
 * projects on that page; sorting or filtering by risk aggregates the whole NA (the "full scan",
 * docs/benchmarks.md). Thresholds and the KA122 count come from the engine (server/rules/compliance.ts
 * through compliance-sql.ts); the duration limits, the cap and the final report's term from each
 * project's effective figures — its grant agreement, then its NA's rate set, then the shipped tables,
 * the precedence of services/rates.ts — read once per project (the `pf` CTE).
 * The officer's reads are in na-oversight.ts.
 */

/** The acting officer: `naCodes` are the NAs they oversee (server/api/trpc.ts naProcedure). */
export interface Officer {
  userId: string;
  naCodes: string[];
}


/**
 * The engine's duration limits (min/max activity days per activity and call year) as a VALUES list,
 * so SQL compares with the same figures the engine uses (never literals in the query).
 */
export function durationLimitsCte(): SQL {
  const rows: SQL[] = [];
  for (const [year, table] of Object.entries(DEFAULT_RATES.durations)) {
    if (!table) continue;
    for (const [activity, limit] of Object.entries(table)) {
      rows.push(sql`(${Number(year)}::int, ${activity}::text, ${limit.value.minDays}::int, ${limit.value.maxDays}::int)`);
    }
  }
  return sql`duration_limits(call_year, activity_type, min_days, max_days) as (values ${sql.join(rows, sql`, `)})`;
}

/**
 * The figures that apply to each project in `from` (a FROM over `projects` joined with
 * `organisations`): the NA set's and the grant agreement's, jsonb (null: none), and the call year.
 */
export function projectFiguresCte(from: SQL): SQL {
  return sql`pf as materialized (
      select projects.id as project_id, projects.call_year, ${projectRateFiguresSql} as na, ${projectAgreementFiguresSql} as agreement
      from ${from}
    )`;
}

const PROJECT_LAYERS = { agreement: sql`pf.agreement`, na: sql`pf.na` };

/**
 * The effective duration limits of a mobility (`alias`, joined with its project's `pf` row) as `lim`
 * (min_days, max_days; null where no layer has one): the agreement's, else the NA's, else the
 * shipped limit of the call year.
 */
export function effectiveLimitsJoin(alias: string): SQL {
  const activity = sql.raw(`${alias}.activity_type`);
  const bound = (field: "minDays" | "maxDays", shipped: SQL) =>
    effectiveFigureSql(PROJECT_LAYERS, ["durations", sql`pf.call_year`, activity], shipped, field);
  return sql`left join duration_limits l on l.call_year = pf.call_year and l.activity_type = ${activity}::text
      left join lateral (select ${bound("minDays", sql`l.min_days`)} as min_days, ${bound("maxDays", sql`l.max_days`)} as max_days) lim on true`;
}

/*
 * Per-mobility predicates, over a row of `mobilities` joined with its project (`projects`) and its
 * effective duration limits (`lim`). The aggregates count them and the drill-down lists the rows they
 * hold for, so a flag and the mobilities behind it always agree.
 */
export const notCancelled = sql`mobilities.status <> 'cancelled'`;
export const committed = sql`mobilities.status in (${COMMITTED})`;
export const durationDays = sql`(mobilities.end_date - mobilities.start_date + 1)`;
export const PREDICATE = {
  durationOutOfLimits: sql`(${notCancelled} and lim.min_days is not null and ${durationDays} not between lim.min_days and lim.max_days)`,
  missingEvidence: sql`(mobilities.status = 'completed' and ${missingEvidenceCountSql} > 0)`,
  overlappingMobilities: sql`(${notCancelled} and mobilities.participant_id is not null and exists (
    select 1 from mobilities other
    where other.participant_id = mobilities.participant_id and other.organisation_id = mobilities.organisation_id
      and other.id <> mobilities.id and other.status <> 'cancelled'
      and other.start_date <= mobilities.end_date and other.end_date >= mobilities.start_date))`,
  /** As the engine counts places under the KA122 cap (projects.ts participantsUsedSql). */
  countsForCap: sql`(${capParticipantSql("mobilities")} or ${capPupilsSql("mobilities")})`,
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
    return sql`case when m.activity_type::text in (${sqlList(rule.activityTypes)}) and ${accompanying}
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
        mobilities.pupil_count, mobilities.grant_total_cents, mobilities.grant_unknown_lines, ${sql.raw(GRANT_LINES.map((line) => `mobilities.${GRANT_COLUMN[line]}`).join(", "))}
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
        count(*) filter (where m.status <> 'cancelled' and lim.min_days is not null
          and (m.end_date - m.start_date + 1) not between lim.min_days and lim.max_days)::int as duration_count,
        count(*) filter (where m.status = 'completed' and (${missingEvidenceSetSql}) > 0)::int as missing_evidence_count,
        count(ov.id)::int as overlap_count,
        count(*) filter (where ${setCommitted} and m.activity_type <> 'PREP-VISIT')::int as travelling_count,
        count(*) filter (where ${setCommitted} and m.activity_type <> 'PREP-VISIT' and m.green_travel)::int as green_count,
        (count(*) filter (where ${setCommitted} and m.activity_type <> 'LM-GRP-PUPIL' and m.fewer_opportunities)
          + coalesce(sum(mem.fewer_pupils) filter (where ${setCommitted} and m.activity_type = 'LM-GRP-PUPIL'), 0))::int as fewer_count,
        -- As the engine counts places under the KA122 cap (compliance-sql.ts, as projects.ts participantsUsedSql).
        (count(distinct m.participant_id) filter (where ${capParticipantSql("m")})
          + coalesce(sum(m.pupil_count + coalesce(mem.pupils, 0)) filter (where ${capPupilsSql("m")}), 0))::int as participants_counted,
        coalesce(sum(m.grant_total_cents) filter (where ${setCommitted}), 0)::bigint as committed_total,
        -- Committed mobilities with a line a missing figure made unknown: committed_total is "at least".
        count(*) filter (where ${setCommitted} and cardinality(m.grant_unknown_lines) > 0)::int as committed_incomplete,
        coalesce(sum(m.grant_total_cents) filter (where m.status in (${REALISED})), 0)::bigint as realised_total,
        ${setLineSums(COMMITTED, "committed")},
        ${setLineSums(REALISED, "realised")}
      from m
      join pf on pf.project_id = m.project_id
      ${effectiveLimitsJoin("m")}
      left join ev on ev.mobility_id = m.id
      left join mem on mem.mobility_id = m.id
      left join ov on ov.id = m.id
      group by m.project_id
    )`;

/** Zero aggregates for a project without mobilities (LEFT JOIN agg finds nothing). */
const zeroIfMissing = (column: string) => sql.raw(`coalesce(a."${column}", 0) as "${column}"`);
const AGG_COLUMNS = [
  "mobility_count", "duration_count", "missing_evidence_count", "overlap_count", "travelling_count", "green_count", "fewer_count",
  "participants_counted", "committed_total", "committed_incomplete", "realised_total",
  ...GRANT_LINES.flatMap((line) => [`committed_${line}`, `realised_${line}`]),
];

/** The projects an officer may read: schools of one of their NAs (optionally narrowed by the query). */
export function scopeWhere(officer: Officer, q: Partial<TPortfolioQuery> & { projectId?: string }): SQL {
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
  // The cap and the final report's term come from each project's effective figures (rates.ts).
  const cap = effectiveFigureSql(PROJECT_LAYERS, ["project", "ka122MaxParticipants"], DEFAULT_RATES.project.ka122MaxParticipants.value);
  const dueDays = effectiveFigureSql(PROJECT_LAYERS, ["project", "finalReportDueDays"], DEFAULT_RATES.project.finalReportDueDays.value);
  const { targetCheckFromElapsedPercent: fromElapsed, targetFarOffPercent: farOff } = COMPLIANCE_THRESHOLDS;
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
    ${projectFiguresCte(sql`scope join projects on projects.id = scope.id join organisations on organisations.id = projects.organisation_id`)},
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
        case when projects.action = 'KA122' then ${cap} end as participant_cap,
        (projects.end_date + ${dueDays}) as final_report_due,
        round(${elapsed} * 100)::int as elapsed_percent,
        array_remove(array[${overCategories}]::text[], null) as over_categories
      from scope
      join projects on projects.id = scope.id
      join organisations on organisations.id = projects.organisation_id
      left join agg a on a.project_id = projects.id
      join pf on pf.project_id = projects.id
    ),
    flagged as (
      select computed.*,
        (duration_count > 0) as f_duration,
        (participants_used is not null and participants_used > participant_cap) as f_cap,
        (cardinality(over_categories) > 0) as f_over_award,
        (missing_evidence_count > 0) as f_missing_evidence,
        (overlap_count > 0) as f_overlap,
        (status <> 'closed' and final_report_due < current_date) as f_report_overdue,
        (action = 'KA121' and coalesce(target_fewer_opportunity_participants, 0) > 0
          and elapsed_percent >= ${fromElapsed.value}::int
          and fewer_count * 10000 < target_fewer_opportunity_participants * elapsed_percent * ${farOff.value}::int) as f_fewer_target,
        (action = 'KA121' and coalesce(target_green_travel_percent, 0) > 0 and travelling_count > 0
          and elapsed_percent >= ${fromElapsed.value}::int
          and green_count * 10000 < target_green_travel_percent * travelling_count * ${farOff.value}::int) as f_green_target
      from computed
    ),
    scored as (select flagged.*, (${riskSum}) as risk from flagged)
    select scored.*, ${pageFirst ? sql`scope_total` : sql`count(*) over ()::int`} as total
    from scored
    where true ${flagFilter}
    order by ${sort === "risk" ? sql`risk desc, duration_count + missing_evidence_count + overlap_count desc, school_name, project_number` : sql.raw(sort === "school" ? "school_name, project_number" : sort === "project" ? "project_number" : "end_date, project_number")}
    ${pageFirst ? sql`` : page}`;
}

/** A bigint or numeric column (postgres.js reads bigint as text) or an int. */
type SqlNumber = number | string;
/** A date column: postgres.js reads `date` as a Date, text as a string. */
type SqlDate = Date | string;

export const num = (value: SqlNumber | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));
export const iso = (value: SqlDate): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

type LineColumns<Prefix extends string> = { [K in `${Prefix}_${GrantLine}`]: SqlNumber };

/** One row of the portfolio statement (portfolioSql), as PostgreSQL returns it. */
export type PortfolioSqlRow = LineColumns<"committed"> & LineColumns<"realised"> & LineColumns<"awarded"> & {
  project_id: string;
  school_id: string;
  school_name: string;
  na_code: string;
  project_number: string;
  title: string;
  action: "KA121" | "KA122" | "KA210" | "KA220";
  call_year: number;
  start_date: SqlDate;
  end_date: SqlDate;
  status: "draft" | "running" | "reporting" | "closed";
  awarded_total_cents: SqlNumber;
  target_fewer_opportunity_participants: number | null;
  target_green_travel_percent: number | null;
  scope_total: number;
  mobility_count: number;
  duration_count: number;
  missing_evidence_count: number;
  overlap_count: number;
  travelling_count: number;
  green_count: number;
  fewer_count: number;
  participants_counted: number;
  committed_total: SqlNumber;
  committed_incomplete: number;
  realised_total: SqlNumber;
  participants_used: number | null;
  participant_cap: number | null;
  final_report_due: SqlDate;
  elapsed_percent: number;
  over_categories: GrantLine[] | null;
  f_duration: boolean;
  f_cap: boolean;
  f_over_award: boolean;
  f_missing_evidence: boolean;
  f_overlap: boolean;
  f_report_overdue: boolean;
  f_fewer_target: boolean;
  f_green_target: boolean;
  risk: number;
  total: number;
};

/** One row of a flag's drill-down (na-oversight.ts listFlagMobilities). */
export type FlagMobilitySqlRow = {
  id: string;
  activity_type: string;
  status: string;
  accompanying: boolean;
  start_date: SqlDate;
  end_date: SqlDate;
  destination_country: string;
  destination_town: string;
  grant_total_cents: SqlNumber;
  grant_eligible: boolean;
  days: number;
  min_days: number | null;
  max_days: number | null;
  missing_evidence: SqlNumber;
  first_name: string | null;
  last_name: string | null;
};

function linesOf(row: PortfolioSqlRow, prefix: "committed" | "realised" | "awarded"): GrantLines {
  return mapLines((line) => num(row[`${prefix}_${line}`]));
}

export function toPortfolioRow(row: PortfolioSqlRow) {
  const committedLines = linesOf(row, "committed");
  const awardedLines = linesOf(row, "awarded");
  const flags: Record<TComplianceFlag, boolean> = {
    durationOutOfLimits: row.f_duration,
    ka122CapExceeded: row.f_cap,
    overAward: row.f_over_award,
    missingEvidence: row.f_missing_evidence,
    overlappingMobilities: row.f_overlap,
    finalReportOverdue: row.f_report_overdue,
    fewerOpportunityTargetOff: row.f_fewer_target,
    greenTravelTargetOff: row.f_green_target,
  };
  return {
    projectId: row.project_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    naCode: row.na_code,
    projectNumber: row.project_number,
    title: row.title,
    action: row.action,
    callYear: num(row.call_year),
    startDate: iso(row.start_date),
    endDate: iso(row.end_date),
    status: row.status,
    awardedTotalCents: num(row.awarded_total_cents),
    awarded: awardedLines,
    committed: committedLines,
    realised: linesOf(row, "realised"),
    committedTotalCents: num(row.committed_total),
    /** Committed mobilities whose grant is incomplete (a missing figure): committedTotalCents is "at least". */
    committedIncomplete: num(row.committed_incomplete),
    realisedTotalCents: num(row.realised_total),
    mobilityCount: num(row.mobility_count),
    flags,
    risk: num(row.risk),
    details: {
      durationOutOfLimits: num(row.duration_count),
      missingEvidence: num(row.missing_evidence_count),
      overlappingMobilities: num(row.overlap_count),
      participantsUsed: row.participants_used === null ? null : num(row.participants_used),
      participantCap: row.participant_cap === null ? null : num(row.participant_cap),
      overCategories: row.over_categories ?? [],
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

