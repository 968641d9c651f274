import { and, asc, count, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, auditLog, projects, users } from "@/db/schema";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import type { TAuditFilters, TAuditList } from "@/server/schemas/audit";
import type { Actor } from "./memberships";
import { redactAuditSnapshot } from "./permissions";

/*
 * The audit trail as people read it: who, when, what, and a field-by-field before/after. Entries are
 * only ever read here; nothing in the app changes or deletes them, and the database refuses it too
 * (db/migrations/0002: a trigger on audit_log). Special-category values stay hidden from members
 * without that permission, as everywhere else.
 */

/** Bookkeeping columns every change touches: they would only clutter the diff. */
const NOISE = new Set(["id", "updatedAt", "createdAt", "version", "grantComputedAt", "organisationId"]);

export interface TAuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The fields that differ between before and after (all of them for a creation or a deletion). Both
 * snapshots are redacted first (permissions.ts: special-category fields at every depth, so a group's
 * `members[].fewerOpportunities` goes too), so nothing the member may not see reaches list, export or CSV.
 */
export function diffEntry(actor: Pick<Actor, "specialCategory">, before: unknown, after: unknown): TAuditChange[] {
  const b = asRecord(redactAuditSnapshot(actor, before)) ?? {};
  const a = asRecord(redactAuditSnapshot(actor, after)) ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => !NOISE.has(field))
    .filter((field) => JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

async function assertProject(db: Db, actor: Actor, projectId: string) {
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
}

/** Entries about a project: the project itself and every row that names it (mobilities, evidence of its mobilities …). */
function projectCondition(projectId: string): SQL {
  const mobilityOfProject = sql`(select m.id::text from mobilities m where m.project_id = ${projectId}::uuid)`;
  return or(
    and(eq(auditLog.entityType, "project"), eq(auditLog.entityId, projectId)),
    sql`${auditLog.after} ->> 'projectId' = ${projectId}`,
    sql`${auditLog.before} ->> 'projectId' = ${projectId}`,
    and(eq(auditLog.entityType, "mobility"), sql`${auditLog.entityId} in ${mobilityOfProject}`),
    sql`${auditLog.after} ->> 'mobilityId' in ${mobilityOfProject}`,
    sql`${auditLog.before} ->> 'mobilityId' in ${mobilityOfProject}`,
  ) as SQL;
}

async function whereFor(db: Db, actor: Actor, filters: TAuditFilters): Promise<SQL> {
  const conditions: SQL[] = [eq(auditLog.organisationId, actor.orgId)];
  if (filters.projectId) {
    await assertProject(db, actor, filters.projectId);
    conditions.push(projectCondition(filters.projectId));
  }
  if (filters.actorUserId) conditions.push(eq(auditLog.actorUserId, filters.actorUserId));
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  // Dates are whole days in the school's time zone.
  if (filters.from) conditions.push(gte(auditLog.createdAt, sql`(${filters.from}::date)::timestamp at time zone ${env.MOBILO_TIME_ZONE}`));
  if (filters.to) conditions.push(lt(auditLog.createdAt, sql`(${filters.to}::date + 1)::timestamp at time zone ${env.MOBILO_TIME_ZONE}`));
  return and(...conditions) as SQL;
}

async function selectEntries(db: Db, actor: Actor, where: SQL, limit: number, offset: number) {
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      /** A call through the public API: the key's name (actorName is then null). */
      actorApiKeyName: apiKeys.name,
      actorEmail: users.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ before, after, ...row }) => ({
    ...row,
    kind: before === null ? ("create" as const) : after === null ? ("delete" as const) : ("update" as const),
    changes: diffEntry(actor, before, after),
  }));
}

export type TAuditEntry = Awaited<ReturnType<typeof selectEntries>>[number];

/** One page of the trail, newest first, with the total for the pager. */
export async function listAuditEntries(db: Db, actor: Actor, input: TAuditList) {
  const where = await whereFor(db, actor, input);
  const [total] = await db.select({ value: count() }).from(auditLog).where(where);
  const entries = await selectEntries(db, actor, where, input.pageSize, (input.page - 1) * input.pageSize);
  return { entries, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

export const AUDIT_EXPORT_LIMIT = 10_000;

/** Everything the filters match (newest first, at most AUDIT_EXPORT_LIMIT rows) for the CSV download. */
export async function exportAuditEntries(db: Db, actor: Actor, filters: TAuditFilters) {
  const where = await whereFor(db, actor, filters);
  return selectEntries(db, actor, where, AUDIT_EXPORT_LIMIT, 0);
}

/** The people and entity types that occur in the school's trail, for the filter menus. */
export async function listAuditFilterOptions(db: Db, actor: Actor) {
  const people = await db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.organisationId, actor.orgId))
    .orderBy(asc(users.name), asc(users.id));
  const types = await db
    .selectDistinct({ entityType: auditLog.entityType })
    .from(auditLog)
    .where(eq(auditLog.organisationId, actor.orgId))
    .orderBy(asc(auditLog.entityType));
  return { people, entityTypes: types.map((t) => t.entityType) };
}
