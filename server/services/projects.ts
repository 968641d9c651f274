import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { lineColumnValues, linesOfRow, mobilities, mobilityMembers, organisations, projects, type Project } from "@/db/schema";
import { AppError, conflict, notFound } from "@/server/errors";
import { parseProjectNumber, type TAwarded, type TCreateProject, type TUpdateProject } from "@/server/schemas/projects";
import { calculateProjectBudget, checkKa122GrantLimit, participantCap } from "@/server/rules";
import { toEngineProject } from "./mobility-grants";
import { capParticipantSql, capPupilsSql } from "./compliance-sql";
import { rateSetFor } from "./rates";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";

function awardedToColumns(awarded: TAwarded) {
  return { ...lineColumnValues("awarded", awarded), awardedLumpSumCents: awarded.lumpSum };
}

export function awardedFromProject(project: Project): TAwarded {
  return { ...linesOfRow("awarded", project), lumpSum: project.awardedLumpSumCents };
}

/**
 * Participants as the rules engine counts them for the KA122 cap, in SQL so lists stay one query:
 * distinct people in committed individual mobilities (the engine's COMMITTED_STATUSES: drafts reserve
 * no place), without accompanying persons and preparatory visits, plus every pupil of committed group
 * mobilities (counted and named). The router tests check it against the engine's count.
 */
// The outer reference is spelled out: drizzle may print a column without its table, which would bind to m.
export const participantsUsedSql = sql<number>`((
  select count(distinct m.participant_id)::int from ${mobilities} m
  where m.project_id = "projects"."id" and ${capParticipantSql("m")}
) + (
  select coalesce(sum(m.pupil_count + (
    select count(*) from ${mobilityMembers} mm where mm.mobility_id = m.id and mm.role = 'pupil')), 0)::int
  from ${mobilities} m
  where m.project_id = "projects"."id" and ${capPupilsSql("m")}
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

/** One project, with the participant cap of the rates that apply to it (null: no cap). */
export async function getProject(db: Db, actor: Actor, projectId: string): Promise<ProjectView & { participantCap: number | null }> {
  const [row] = await db
    .select({
      project: projects,
      participantsUsed: participantsUsedSql,
      mobilityCount: sql<number>`(select count(*)::int from ${mobilities} m where m.project_id = "projects"."id")`,
    })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!row) throw notFound("projectNotFound");
  const { rates } = await rateSetFor(db, { naCode: actor.naCode, callYear: row.project.callYear, rateSetId: row.project.rateSetId });
  return {
    ...toView({ ...row.project, participantsUsed: row.participantsUsed, mobilityCount: row.mobilityCount }),
    participantCap: participantCap(row.project.action, rates),
  };
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
  const [pinned] = projectId
    ? await db.select({ rateSetId: projects.rateSetId }).from(projects).where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)))
    : [];
  const { rates } = await rateSetFor(db, { naCode: actor.naCode, callYear: input.callYear, rateSetId: pinned?.rateSetId ?? null });
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
