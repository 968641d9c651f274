import { eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { AWARDED_COLUMN, GRANT_COLUMN, mobilities, mobilityMembers, organisations, projects, type Project } from "@/db/schema";
import { notFound } from "@/server/errors";
import {
  assessBudgetTransfers,
  capWarning,
  COMMITTED_STATUSES,
  COMPLIANCE_THRESHOLDS,
  GRANT_LINES,
  mapLines,
  participantCap,
  REALISED_STATUSES,
  resolveRates,
  type BudgetTransferAssessment,
  type GrantLine,
  type GrantLines,
  type RateOverrides,
} from "@/server/rules";
import { capParticipantSql, capPupilsSql, COMMITTED_SQL as COMMITTED, REALISED_SQL as REALISED, sqlList } from "./compliance-sql";
import { missingEvidenceCountSql } from "./evidence";
import type { Actor } from "./memberships";
import { participantsUsedSql } from "./projects";
import { projectAgreementFiguresSql, projectRateFiguresSql } from "./rates";

/*
 * Where a project stands in money, places and time, and the same for every project of a school.
 *
 * Every figure is an SQL aggregate of what the rules engine stored per mobility (grant lines in
 * cents, written by storeProjectGrants for the whole project): the dashboard is ONE round trip
 * whatever the project's size (the NA's rate set comes in the same statement), and its cost depends
 * on the project's mobilities only (the (project_id, status) index), never on the whole table.
 * Committed = the engine's COMMITTED_STATUSES (planned, completed), realised = REALISED_STATUSES.
 */

/**
 * For every grant line: `sum(<line>) filter (where status in …) as <alias>_<line>`, and how many of
 * those mobilities have the line unknown (a missing figure), `<alias>_unknown_<line>`; plus the
 * mobilities with any unknown line, `<alias>_incomplete`. A sum with unknowns is a lower bound.
 */
function lineSums(alias: string, statuses: SQL): SQL {
  const counted = sql`mobilities.status in (${statuses})`;
  return sql.join(
    [
      ...GRANT_LINES.map(
        (line) => sql`coalesce(sum(${sql.raw(`mobilities.${GRANT_COLUMN[line]}`)}) filter (where ${counted}), 0)::bigint as ${sql.raw(`"${alias}_${line}"`)}`,
      ),
      ...GRANT_LINES.map(
        (line) => sql`count(*) filter (where ${counted} and ${line} = any(mobilities.grant_unknown_lines))::int as ${sql.raw(`"${alias}_unknown_${line}"`)}`,
      ),
      sql`count(*) filter (where ${counted} and cardinality(mobilities.grant_unknown_lines) > 0)::int as ${sql.raw(`"${alias}_incomplete"`)}`,
    ],
    sql`, `,
  );
}

/** postgres.js returns bigint as a string; sums of cents stay far below 2^53. */
const num = (value: string | number | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/** One column per grant line, `<alias>_<line>` (bigint sums come back as strings). */
type LineSums<A extends string> = Record<`${A}_${GrantLine}`, string | number>;
/** lineSums' counts of unknown lines and incomplete mobilities. */
type UnknownCounts<A extends string> = Record<`${A}_unknown_${GrantLine}` | `${A}_incomplete`, number>;

function unknownFrom<A extends string>(row: UnknownCounts<A>, alias: A): GrantLines {
  return mapLines((line) => num(row[`${alias}_unknown_${line}` as const]));
}

function linesFrom<A extends string>(row: LineSums<A>, alias: A): GrantLines {
  return mapLines((line) => num(row[`${alias}_${line}` as const]));
}

const DAY_MS = 86_400_000;
const daysBetween = (fromIso: string, toIso: string) => Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS);
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export type TDashboardWarning =
  | { code: "categoryOverAward"; severity: "error"; category: GrantLine; overCents: number }
  | { code: "totalOverAward"; severity: "error"; overCents: number }
  | { code: "transferBeyondLimit"; severity: "warning"; category: GrantLine; transferInCents: number; limitCents: number; limitPercent: number; unconfirmed: boolean }
  | { code: "capReached" | "capClose"; severity: "error" | "warning"; used: number; cap: number }
  | { code: "projectEndClose"; severity: "warning"; days: number; date: string }
  | { code: "finalReportClose" | "finalReportOverdue"; severity: "warning" | "error"; days: number; date: string }
  | { code: "missingEvidence"; severity: "warning"; count: number }
  | { code: "grantErrors"; severity: "error"; count: number }
  | { code: "grantIncomplete"; severity: "warning"; count: number; lines: GrantLine[] };

interface TimingInput {
  startDate: string;
  endDate: string;
  status: Project["status"];
  today: string;
  finalReportDueDays: number;
}

function timing({ startDate, endDate, status, today, finalReportDueDays }: TimingInput) {
  const totalDays = daysBetween(startDate, endDate) + 1;
  const elapsed = Math.min(Math.max(daysBetween(startDate, today) + 1, 0), totalDays);
  const finalReportDue = addDays(endDate, finalReportDueDays);
  return {
    today,
    durationElapsedPercent: percent(elapsed, totalDays) ?? 0,
    daysToEnd: daysBetween(today, endDate),
    finalReportDue,
    daysToFinalReport: daysBetween(today, finalReportDue),
    finalReportDone: status === "closed",
  };
}

interface WarningInput {
  awarded: GrantLines;
  committed: GrantLines;
  /** Committed mobilities per line whose amount is unknown (a missing figure). */
  committedUnknown: GrantLines;
  committedIncomplete: number;
  awardedTotalCents: number;
  committedTotalCents: number;
  transfers: BudgetTransferAssessment;
  participantsUsed: number;
  cap: number | null;
  time: ReturnType<typeof timing>;
  missingEvidence: number;
  grantErrors: number;
}

function warningsOf(input: WarningInput): TDashboardWarning[] {
  const warnings: TDashboardWarning[] = [];
  for (const line of GRANT_LINES) {
    const over = input.committed[line] - input.awarded[line];
    if (over > 0) warnings.push({ code: "categoryOverAward", severity: "error", category: line, overCents: over });
  }
  if (input.committedTotalCents > input.awardedTotalCents) {
    warnings.push({ code: "totalOverAward", severity: "error", overCents: input.committedTotalCents - input.awardedTotalCents });
  }
  const { limitPercent, limitConfidence } = input.transfers;
  for (const c of input.transfers.categories) {
    if (!c.overLimit || c.limitCents === null || limitPercent === null) continue;
    warnings.push({
      code: "transferBeyondLimit", severity: "warning", category: c.line, transferInCents: c.transferInCents,
      limitCents: c.limitCents, limitPercent, unconfirmed: limitConfidence === "U",
    });
  }
  const cap = capWarning(input.participantsUsed, input.cap);
  if (cap !== null && input.cap !== null) {
    warnings.push({ code: cap, severity: cap === "capReached" ? "error" : "warning", used: input.participantsUsed, cap: input.cap });
  }
  const { time } = input;
  if (time.daysToEnd >= 0 && time.daysToEnd <= COMPLIANCE_THRESHOLDS.deadlineCloseDays.value) {
    warnings.push({ code: "projectEndClose", severity: "warning", days: time.daysToEnd, date: addDays(time.today, time.daysToEnd) });
  }
  if (!time.finalReportDone && time.daysToFinalReport < 0) {
    warnings.push({ code: "finalReportOverdue", severity: "error", days: -time.daysToFinalReport, date: time.finalReportDue });
  } else if (!time.finalReportDone && time.daysToFinalReport <= COMPLIANCE_THRESHOLDS.deadlineCloseDays.value) {
    warnings.push({ code: "finalReportClose", severity: "warning", days: time.daysToFinalReport, date: time.finalReportDue });
  }
  if (input.missingEvidence > 0) warnings.push({ code: "missingEvidence", severity: "warning", count: input.missingEvidence });
  if (input.grantErrors > 0) warnings.push({ code: "grantErrors", severity: "error", count: input.grantErrors });
  if (input.committedIncomplete > 0) {
    const lines = GRANT_LINES.filter((line) => input.committedUnknown[line] > 0);
    warnings.push({ code: "grantIncomplete", severity: "warning", count: input.committedIncomplete, lines });
  }
  return warnings;
}

const awardedColumnsSql = sql.join(
  GRANT_LINES.map((line) => sql.raw(`"projects"."${AWARDED_COLUMN[line]}" as "awarded_${line}"`)),
  sql`, `,
);

const isGroup = sql.raw(`mobilities.activity_type = 'LM-GRP-PUPIL'`);
const isPersonal = sql.raw(`mobilities.activity_type not in ('PREP-VISIT', 'LM-GRP-PUPIL')`);

/**
 * Per-mobility columns the targets need, for `from mobilities` rows. Participants (and those of them
 * with fewer opportunities) are counted as the KA122 cap counts them when a mobility is saved — the
 * same fragments (compliance-sql.ts), among the given statuses.
 */
function targetAggregates(alias: string, statuses: readonly string[]): SQL {
  const st = sql`mobilities.status in (${sqlList(statuses)})`;
  const person = capParticipantSql("mobilities", statuses);
  const pupils = capPupilsSql("mobilities", statuses);
  return sql`
    (count(distinct mobilities.participant_id) filter (where ${person})
      + coalesce(sum(mobilities.pupil_count + members.pupils) filter (where ${pupils}), 0))::int as ${sql.raw(`${alias}_participants`)},
    (count(distinct mobilities.participant_id) filter (where ${person} and mobilities.fewer_opportunities)
      + coalesce(sum(members.fewer_pupils) filter (where ${pupils}), 0))::int as ${sql.raw(`${alias}_fewer`)},
    count(*) filter (where ${st} and mobilities.activity_type <> 'PREP-VISIT' and mobilities.green_travel)::int as ${sql.raw(`${alias}_green`)},
    count(*) filter (where ${st} and mobilities.activity_type <> 'PREP-VISIT')::int as ${sql.raw(`${alias}_travelling`)},
    avg(mobilities.end_date - mobilities.start_date + 1) filter (where ${st} and mobilities.activity_type <> 'PREP-VISIT' and not mobilities.accompanying)::float8
      as ${sql.raw(`${alias}_avg_days`)},
    (count(*) filter (where ${st} and ${isPersonal} and mobilities.accompanying)
      + coalesce(sum(1 + members.accompanying) filter (where ${st} and ${isGroup}), 0))::int as ${sql.raw(`${alias}_accompanying`)}`;
}

/** Named pupils and further accompanying persons of a group mobility (zero for other activities). */
const membersLateral = sql`left join lateral (
    select count(*) filter (where mm.role = 'pupil') as pupils,
           count(*) filter (where mm.role = 'pupil' and mm.fewer_opportunities) as fewer_pupils,
           count(*) filter (where mm.role = 'accompanying') as accompanying
    from ${mobilityMembers} mm
    where ${isGroup} and mm.mobility_id = mobilities.id and mm.organisation_id = mobilities.organisation_id
  ) members on true`;

type Id = string | Placeholder;

/** The project-dashboard aggregate: one statement, one row (none when the project is not the school's). */
export function projectDashboardSql(organisationId: Id, projectId: Id): SQL {
  return sql`
    with project as (
      select "projects"."id", "projects"."title", "projects"."project_number", "projects"."action", "projects"."call_year",
             "projects"."start_date"::text as start_date, "projects"."end_date"::text as end_date, "projects"."status",
             "projects"."awarded_lump_sum_cents" as awarded_lump_sum, "projects"."awarded_total_cents" as awarded_total,
             "projects"."target_participants", "projects"."target_fewer_opportunity_participants",
             "projects"."target_green_travel_percent", "projects"."target_average_duration_days", "projects"."target_accompanying_persons",
             ${awardedColumnsSql}, ${organisations.naCode} as na_code, ${projectRateFiguresSql} as rate_figures, ${projectAgreementFiguresSql} as agreement_figures,
             ${participantsUsedSql} as participants_used, current_date::text as today
      from ${projects} join ${organisations} on ${organisations.id} = "projects"."organisation_id"
      where "projects"."id" = ${projectId} and "projects"."organisation_id" = ${organisationId}
    ),
    aggregates as (
      select ${lineSums("committed", COMMITTED)}, ${lineSums("realised", REALISED)},
             coalesce(sum(mobilities.grant_total_cents) filter (where mobilities.status in (${COMMITTED})), 0)::bigint as committed_total,
             coalesce(sum(mobilities.grant_total_cents) filter (where mobilities.status in (${REALISED})), 0)::bigint as realised_total,
             count(*) filter (where mobilities.status = 'draft')::int as count_draft,
             count(*) filter (where mobilities.status = 'planned')::int as count_planned,
             count(*) filter (where mobilities.status = 'completed')::int as count_completed,
             count(*) filter (where mobilities.status = 'cancelled')::int as count_cancelled,
             ${targetAggregates("committed", COMMITTED_STATUSES)},
             ${targetAggregates("realised", REALISED_STATUSES)},
             count(*) filter (where mobilities.status = 'completed' and ${missingEvidenceCountSql} > 0)::int as missing_evidence,
             count(*) filter (where mobilities.status <> 'cancelled' and not mobilities.grant_eligible)::int as grant_errors
      from ${mobilities} ${membersLateral}
      where mobilities.project_id = ${projectId} and mobilities.organisation_id = ${organisationId}
    ),
    by_month as (
      select date_trunc('month', greatest(least(mobilities.start_date, project.end_date::date), project.start_date::date)::timestamp)::date as month,
             sum(mobilities.grant_total_cents) filter (where mobilities.status in (${REALISED})) as realised,
             sum(mobilities.grant_total_cents) filter (where mobilities.status in (${COMMITTED}) and mobilities.status not in (${REALISED})) as planned
      from ${mobilities} cross join project
      where mobilities.project_id = ${projectId} and mobilities.organisation_id = ${organisationId} and mobilities.status in (${COMMITTED})
      group by 1
    ),
    months as (
      select to_char(g.month, 'YYYY-MM') as month,
             coalesce(b.realised, 0)::float8 as realised,
             coalesce(b.planned, 0)::float8 as planned,
             sum(coalesce(b.realised, 0)) over (order by g.month)::float8 as cumulative_realised,
             sum(coalesce(b.realised, 0) + coalesce(b.planned, 0)) over (order by g.month)::float8 as cumulative_committed
      from project
      cross join generate_series(date_trunc('month', project.start_date::timestamp), date_trunc('month', project.end_date::timestamp), interval '1 month') g(month)
      left join by_month b on b.month = g.month::date
    )
    select project.*, aggregates.*,
           (select coalesce(json_agg(months order by months.month), '[]'::json) from months) as months
    from project cross join aggregates`;
}

type MonthRow = {
  month: string;
  realised: number;
  planned: number;
  cumulative_realised: number;
  cumulative_committed: number;
};

/** postgres.js returns bigint columns as strings. */
type BigintColumn = string | number;

type TargetColumns = {
  participants: number;
  fewer: number;
  green: number;
  travelling: number;
  avg_days: number | null;
  accompanying: number;
};
type Targets<A extends string> = { [K in keyof TargetColumns as `${A}_${K}`]: TargetColumns[K] };

/** The columns both the dashboard and the overview read per project. */
type ProjectAggregateRow = {
  id: string;
  title: string;
  project_number: string;
  action: Project["action"];
  call_year: number;
  start_date: string;
  end_date: string;
  status: Project["status"];
  awarded_total: BigintColumn;
  rate_figures: RateOverrides | null;
  agreement_figures: RateOverrides | null;
  participants_used: number;
  today: string;
  committed_total: BigintColumn;
  realised_total: BigintColumn;
  missing_evidence: number;
  grant_errors: number;
} & LineSums<"awarded"> & LineSums<"committed"> & UnknownCounts<"committed">;

/** A row of projectDashboardSql. */
type DashboardRow = ProjectAggregateRow & LineSums<"realised"> & UnknownCounts<"realised"> & Targets<"committed"> & Targets<"realised"> & {
  awarded_lump_sum: number;
  target_participants: number | null;
  target_fewer_opportunity_participants: number | null;
  target_green_travel_percent: number | null;
  target_average_duration_days: number | null;
  target_accompanying_persons: number | null;
  count_draft: number;
  count_planned: number;
  count_completed: number;
  count_cancelled: number;
  months: MonthRow[];
};

/** A row of the school overview's statement. */
type OverviewRow = ProjectAggregateRow & { mobility_count: number };

function targetsFrom(row: DashboardRow, alias: "committed" | "realised", specialCategory: boolean) {
  const avg = row[`${alias}_avg_days` as const];
  return {
    participants: num(row[`${alias}_participants` as const]),
    fewerOpportunityParticipants: specialCategory ? num(row[`${alias}_fewer` as const]) : null,
    greenTravelPercent: percent(num(row[`${alias}_green` as const]), num(row[`${alias}_travelling` as const])),
    averageDurationDays: avg === null ? null : Math.round(Number(avg) * 10) / 10,
    accompanyingPersons: num(row[`${alias}_accompanying` as const]),
  };
}

/** The dashboard statement, prepared: planned once per connection, not on every request (db/prepared.ts). */
export const projectDashboardStatement = preparedStatement<"organisationId" | "projectId", DashboardRow>(
  ["organisationId", "projectId"],
  (p) => projectDashboardSql(p.organisationId, p.projectId),
);

/** The project dashboard (any member of the school). */
export async function getProjectDashboard(db: Db, actor: Actor, projectId: string) {
  const rows = await projectDashboardStatement.execute(db, { organisationId: actor.orgId, projectId });
  const row = rows[0];
  if (!row) throw notFound("projectNotFound");

  const callYear = num(row.call_year);
  const action = row.action;
  const rates = resolveRates({ na: row.rate_figures, agreement: row.agreement_figures });
  const awarded = linesFrom(row, "awarded");
  const committed = linesFrom(row, "committed");
  const realised = linesFrom(row, "realised");
  const committedUnknown = unknownFrom(row, "committed");
  const realisedUnknown = unknownFrom(row, "realised");
  const committedIncomplete = num(row.committed_incomplete);
  const awardedTotalCents = num(row.awarded_total);
  const committedTotalCents = num(row.committed_total);
  const realisedTotalCents = num(row.realised_total);
  const transfers = assessBudgetTransfers(callYear, awarded, committed, rates);
  const cap = participantCap(action, rates);
  const participantsUsed = num(row.participants_used);
  const time = timing({
    startDate: String(row.start_date), endDate: String(row.end_date), status: row.status,
    today: String(row.today), finalReportDueDays: rates.project.finalReportDueDays.value,
  });
  const missingEvidence = num(row.missing_evidence);
  const grantErrors = num(row.grant_errors);

  return {
    project: {
      id: String(row.id),
      title: String(row.title),
      projectNumber: String(row.project_number),
      action,
      callYear,
      startDate: String(row.start_date),
      endDate: String(row.end_date),
      status: row.status,
    },
    budget: {
      lines: GRANT_LINES.map((line) => ({
        line,
        awardedCents: awarded[line],
        committedCents: committed[line],
        realisedCents: realised[line],
        /** Committed (realised) mobilities whose amount for this line is unknown: the sum is "at least". */
        committedUnknown: committedUnknown[line],
        realisedUnknown: realisedUnknown[line],
        remainingCents: awarded[line] - committed[line],
      })),
      lumpSumCents: num(row.awarded_lump_sum),
      total: {
        awardedCents: awardedTotalCents,
        committedCents: committedTotalCents,
        realisedCents: realisedTotalCents,
        /** Mobilities whose grant is incomplete: the committed (realised) total is a lower bound. */
        committedIncomplete,
        realisedIncomplete: num(row.realised_incomplete),
        remainingCents: awardedTotalCents - committedTotalCents,
      },
      usedPercent: percent(committedTotalCents, awardedTotalCents),
    },
    transfers: {
      limitPercent: transfers.limitPercent,
      limitConfidence: transfers.limitConfidence,
      transferInCents: transfers.transferInCents,
    },
    participants: { used: participantsUsed, cap },
    counts: {
      draft: num(row.count_draft),
      planned: num(row.count_planned),
      completed: num(row.count_completed),
      cancelled: num(row.count_cancelled),
    },
    months: row.months.map((m) => ({
      month: m.month,
      realisedCents: m.realised,
      plannedCents: m.planned,
      cumulativeRealisedCents: m.cumulative_realised,
      cumulativeCommittedCents: m.cumulative_committed,
    })),
    targets: {
      /** Fewer-opportunity counts are special-category data: null for members without that access. */
      specialCategoryVisible: actor.specialCategory,
      target: {
        participants: row.target_participants,
        fewerOpportunityParticipants: row.target_fewer_opportunity_participants,
        greenTravelPercent: row.target_green_travel_percent,
        averageDurationDays: row.target_average_duration_days,
        accompanyingPersons: row.target_accompanying_persons,
      },
      committed: targetsFrom(row, "committed", actor.specialCategory),
      realised: targetsFrom(row, "realised", actor.specialCategory),
    },
    time,
    warnings: warningsOf({
      awarded, committed, committedUnknown, committedIncomplete, awardedTotalCents, committedTotalCents, transfers, participantsUsed, cap, time,
      missingEvidence, grantErrors,
    }),
  };
}
export type ProjectDashboard = Awaited<ReturnType<typeof getProjectDashboard>>;

/** Every project of the school, across call years, with what a headteacher needs on one page. */
export async function getSchoolOverview(db: Db, actor: Actor) {
  const schoolQuery = db
    .select({ name: organisations.name, oid: organisations.oid })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const rowsQuery = db.execute<OverviewRow>(sql`
    select "projects"."id", "projects"."title", "projects"."project_number", "projects"."action", "projects"."call_year",
           "projects"."start_date"::text as start_date, "projects"."end_date"::text as end_date, "projects"."status",
           "projects"."awarded_total_cents" as awarded_total, ${awardedColumnsSql},
           ${projectRateFiguresSql} as rate_figures, ${projectAgreementFiguresSql} as agreement_figures, ${participantsUsedSql} as participants_used, current_date::text as today,
           a.*
    from ${projects} join ${organisations} on ${organisations.id} = "projects"."organisation_id"
    left join lateral (
      select ${lineSums("committed", COMMITTED)},
             coalesce(sum(mobilities.grant_total_cents) filter (where mobilities.status in (${COMMITTED})), 0)::bigint as committed_total,
             coalesce(sum(mobilities.grant_total_cents) filter (where mobilities.status in (${REALISED})), 0)::bigint as realised_total,
             count(*)::int as mobility_count,
             count(*) filter (where mobilities.status = 'completed' and ${missingEvidenceCountSql} > 0)::int as missing_evidence,
             count(*) filter (where mobilities.status <> 'cancelled' and not mobilities.grant_eligible)::int as grant_errors
      from ${mobilities}
      where mobilities.project_id = "projects"."id" and mobilities.organisation_id = "projects"."organisation_id"
    ) a on true
    where "projects"."organisation_id" = ${actor.orgId}
    order by "projects"."call_year" desc, "projects"."project_number"`);
  const [[school], rows] = await Promise.all([schoolQuery, rowsQuery]);
  if (!school) throw notFound("organisationNotFound");

  const projectsOut = rows.map((row) => {
    const callYear = num(row.call_year);
    const action = row.action;
    const status = row.status;
    const rates = resolveRates({ na: row.rate_figures, agreement: row.agreement_figures });
    const awarded = linesFrom(row, "awarded");
    const committed = linesFrom(row, "committed");
    const awardedTotalCents = num(row.awarded_total);
    const committedTotalCents = num(row.committed_total);
    const cap = participantCap(action, rates);
    const participantsUsed = num(row.participants_used);
    const time = timing({
      startDate: String(row.start_date), endDate: String(row.end_date), status, today: String(row.today),
      finalReportDueDays: rates.project.finalReportDueDays.value,
    });
    return {
      id: String(row.id),
      title: String(row.title),
      projectNumber: String(row.project_number),
      action,
      callYear,
      status,
      startDate: String(row.start_date),
      endDate: String(row.end_date),
      awardedCents: awardedTotalCents,
      committedCents: committedTotalCents,
      /** Committed mobilities whose grant is incomplete: committedCents is then "at least". */
      committedIncomplete: num(row.committed_incomplete),
      realisedCents: num(row.realised_total),
      budgetUsedPercent: percent(committedTotalCents, awardedTotalCents),
      durationElapsedPercent: time.durationElapsedPercent,
      participants: { used: participantsUsed, cap },
      mobilityCount: num(row.mobility_count),
      warnings: warningsOf({
        awarded, committed, committedUnknown: unknownFrom(row, "committed"), committedIncomplete: num(row.committed_incomplete),
        awardedTotalCents, committedTotalCents,
        transfers: assessBudgetTransfers(callYear, awarded, committed, rates),
        participantsUsed, cap, time, missingEvidence: num(row.missing_evidence), grantErrors: num(row.grant_errors),
      }),
    };
  });
  return { school, today: rows[0] ? String(rows[0].today) : new Date().toISOString().slice(0, 10), projects: projectsOut };
}
export type SchoolOverview = Awaited<ReturnType<typeof getSchoolOverview>>;
