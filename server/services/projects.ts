import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { mobilities, mobilityMembers, organisations, projects, type Project } from "@/db/schema";
import { AppError, conflict, notFound } from "@/server/errors";
import { BUDGET_CATEGORIES, parseProjectNumber, type TAwarded, type TBudgetCategory, type TCreateProject, type TUpdateProject } from "@/server/schemas/projects";
import { calculateProjectBudget, checkKa122GrantLimit, COMMITTED_STATUSES } from "@/server/rules";
import { toEngineProject } from "./mobility-grants";
import { ratesFor } from "./rates";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";

const AWARDED_COLUMN: Record<TBudgetCategory, keyof Project> = {
  travel: "awardedTravelCents",
  individualSupport: "awardedIndividualSupportCents",
  organisationalSupport: "awardedOrganisationalSupportCents",
  courseFees: "awardedCourseFeesCents",
  inclusionSupport: "awardedInclusionSupportCents",
  linguisticSupport: "awardedLinguisticSupportCents",
  exceptionalCosts: "awardedExceptionalCostsCents",
  preparatoryVisits: "awardedPreparatoryVisitsCents",
  lumpSum: "awardedLumpSumCents",
};

function awardedToColumns(awarded: TAwarded) {
  return {
    awardedTravelCents: awarded.travel,
    awardedIndividualSupportCents: awarded.individualSupport,
    awardedOrganisationalSupportCents: awarded.organisationalSupport,
    awardedCourseFeesCents: awarded.courseFees,
    awardedInclusionSupportCents: awarded.inclusionSupport,
    awardedLinguisticSupportCents: awarded.linguisticSupport,
    awardedExceptionalCostsCents: awarded.exceptionalCosts,
    awardedPreparatoryVisitsCents: awarded.preparatoryVisits,
    awardedLumpSumCents: awarded.lumpSum,
  };
}

export function awardedFromProject(project: Project): TAwarded {
  return Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, project[AWARDED_COLUMN[c]] as number])) as TAwarded;
}

/**
 * Participants as the rules engine counts them for the KA122 cap, in SQL so lists stay one query:
 * distinct people in committed individual mobilities (the engine's COMMITTED_STATUSES: drafts reserve
 * no place), without accompanying persons and preparatory visits, plus every pupil of committed group
 * mobilities (counted and named). The router tests check it against the engine's count.
 */
const committedStatuses = sql.raw(COMMITTED_STATUSES.map((s) => `'${s}'`).join(", "));
// The outer reference is spelled out: drizzle may print a column without its table, which would bind to m.
export const participantsUsedSql = sql<number>`((
  select count(distinct m.participant_id)::int from ${mobilities} m
  where m.project_id = "projects"."id" and m.status in (${committedStatuses}) and not m.accompanying
    and m.activity_type not in ('PREP-VISIT', 'LM-GRP-PUPIL')
) + (
  select coalesce(sum(m.pupil_count + (
    select count(*) from ${mobilityMembers} mm where mm.mobility_id = m.id and mm.role = 'pupil')), 0)::int
  from ${mobilities} m
  where m.project_id = "projects"."id" and m.status in (${committedStatuses}) and m.activity_type = 'LM-GRP-PUPIL'
))`;

function toView(row: Project & { participantsUsed: number; mobilityCount: number }) {
  return {
    id: row.id,
    action: row.action,
    field: row.field,
    projectNumber: row.projectNumber,
    title: row.title,
    callYear: row.callYear,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status,
    awarded: awardedFromProject(row),
    awardedTotalCents: row.awardedTotalCents,
    version: row.version,
    participantsUsed: row.participantsUsed,
    mobilityCount: row.mobilityCount,
  };
}
export type ProjectView = ReturnType<typeof toView>;

export async function listProjects(db: Db, actor: Actor): Promise<ProjectView[]> {
  const rows = await db
    .select({
      project: projects,
      participantsUsed: participantsUsedSql,
      mobilityCount: sql<number>`(select count(*)::int from ${mobilities} m where m.project_id = "projects"."id")`,
    })
    .from(projects)
    .where(eq(projects.organisationId, actor.orgId))
    .orderBy(desc(projects.callYear), asc(projects.projectNumber));
  return rows.map((r) => toView({ ...r.project, participantsUsed: r.participantsUsed, mobilityCount: r.mobilityCount }));
}

export async function getProject(db: Db, actor: Actor, projectId: string): Promise<ProjectView> {
  const [row] = await db
    .select({
      project: projects,
      participantsUsed: participantsUsedSql,
      mobilityCount: sql<number>`(select count(*)::int from ${mobilities} m where m.project_id = "projects"."id")`,
    })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!row) throw notFound("projectNotFound");
  return toView({ ...row.project, participantsUsed: row.participantsUsed, mobilityCount: row.mobilityCount });
}

/** Engine errors about a project's own fields, and the form field each belongs to. */
const PROJECT_RULE_FIELDS: Partial<Record<string, string>> = {
  PROJECT_DURATION_BELOW_MIN: "endDate",
  PROJECT_DURATION_ABOVE_MAX: "endDate",
  LUMP_SUM_INVALID: "awarded.lumpSum",
  KA122_GRANT_LIMIT: "callYear",
};

/**
 * The project rules of the engine (durations per action, the KA2 lump sums, at most 3 KA122 grants in
 * 5 consecutive call years), as per-field errors. Messages are engine codes with their parameters,
 * `rules:CODE:{json}`, which the form translates with the `rules` namespace.
 */
async function assertProjectRules(db: DbOrTx, actor: Actor, input: TCreateProject, projectId?: string) {
  const organisation = await db
    .select({ country: organisations.country })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const engineProject = toEngineProject({
    action: input.action,
    callYear: input.callYear,
    startDate: input.startDate,
    endDate: input.endDate,
    schoolCountry: organisation[0]?.country ?? "",
    awardedLumpSumCents: input.awarded.lumpSum,
  });
  const rates = await ratesFor(db, actor.naCode, input.callYear);
  const issues = [...calculateProjectBudget(engineProject, [], rates).errors];
  if (input.action === "KA122") {
    const others = await db
      .select({ callYear: projects.callYear })
      .from(projects)
      .where(and(eq(projects.organisationId, actor.orgId), eq(projects.action, "KA122"), projectId ? ne(projects.id, projectId) : sql`true`));
    issues.push(...checkKa122GrantLimit([...others.map((o) => o.callYear), input.callYear], rates));
  }
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = PROJECT_RULE_FIELDS[issue.code];
    if (field) (fieldErrors[field] ??= []).push(`rules:${issue.code}:${JSON.stringify(issue.params ?? {})}`);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("BAD_REQUEST", "invalidInput", fieldErrors);
}

function assertNumberMatchesSchool(actor: Actor, projectNumber: string) {
  const parsed = parseProjectNumber(projectNumber);
  if (parsed && parsed.naCode !== actor.naCode) {
    throw new AppError("BAD_REQUEST", "invalidInput", { projectNumber: ["projectNumberNaMismatch"] });
  }
}

export async function createProject(db: Db, actor: Actor, input: TCreateProject): Promise<ProjectView> {
  assertNumberMatchesSchool(actor, input.projectNumber);
  await assertProjectRules(db, actor, input);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        organisationId: actor.orgId,
        action: input.action,
        projectNumber: input.projectNumber,
        title: input.title,
        callYear: input.callYear,
        startDate: input.startDate,
        endDate: input.endDate,
        ...awardedToColumns(input.awarded),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "project.create", entityType: "project", entityId: row.id, after: row });
    return row;
  });
  return toView({ ...created, participantsUsed: 0, mobilityCount: 0 });
}

export async function updateProject(db: Db, actor: Actor, input: TUpdateProject): Promise<ProjectView> {
  assertNumberMatchesSchool(actor, input.projectNumber);
  await assertProjectRules(db, actor, input, input.projectId);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)))
      .for("update");
    if (!before) throw notFound("projectNotFound");
    if (before.version !== input.version) throw conflict();
    const [after] = await tx
      .update(projects)
      .set({
        action: input.action,
        projectNumber: input.projectNumber,
        title: input.title,
        callYear: input.callYear,
        startDate: input.startDate,
        endDate: input.endDate,
        status: input.status,
        ...awardedToColumns(input.awarded),
        version: sql`${projects.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)))
      .returning();
    await recordAudit(tx, actor, { action: "project.update", entityType: "project", entityId: input.projectId, before, after });
  });
  return getProject(db, actor, input.projectId);
}
