import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, auditLog, findings, mobilities, participants, projects, users } from "@/db/schema";
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

/**
 * Machine values nobody reads: references (`…Id`: the entry's subject and link say what they point at),
 * hashes, storage keys, tokens. A person reading the trail sees names, amounts, dates and states.
 */
function isMachineField(field: string): boolean {
  return /(Id|Ids|Hash|hash|Key|Token|token)$/.test(field) || field === "sha256";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A snapshot value as a reader sees it: machine fields dropped at every depth, bare UUIDs too. */
function readable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readable).filter((v) => v !== undefined);
  const record = asRecord(value);
  if (record) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) {
      if (NOISE.has(key) || isMachineField(key)) continue;
      const clean = readable(inner);
      if (clean !== undefined) out[key] = clean;
    }
    return out;
  }
  return typeof value === "string" && UUID.test(value) ? undefined : value;
}

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
    .filter((field) => !NOISE.has(field) && !isMachineField(field))
    .map((field) => ({ field, before: readable(b[field]) ?? null, after: readable(a[field]) ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

/**
 * What an entry is about, in words, and where it lives in the app: the project's title, the mobility's
 * participant, the finding's title … Looked up in the school's own rows (a mobility deleted since is
 * named from its snapshot), so the trail reads "Mobility of Ana Novak", not a UUID.
 */
export interface TAuditSubject {
  name: string | null;
  /** The page of the entity, relative to the school (`/s/<orgId>`); null when it is gone or has none. */
  path: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}

function nameFromSnapshot(snapshot: Record<string, unknown> | null): string | null {
  if (!snapshot) return null;
  const person = [text(snapshot.firstName), text(snapshot.lastName)].filter(Boolean).join(" ");
  return text(snapshot.title) ?? text(snapshot.name) ?? (person || null) ?? text(snapshot.email) ?? text(snapshot.fileName) ?? text(snapshot.projectNumber);
}

async function subjectsOf(
  db: Db,
  actor: Actor,
  rows: { entityType: string; entityId: string; before: unknown; after: unknown }[],
): Promise<Map<string, TAuditSubject>> {
  const snapshot = (row: (typeof rows)[number]) => asRecord(row.after) ?? asRecord(row.before);
  const mobilityOf = (row: (typeof rows)[number]) =>
    row.entityType === "mobility" ? row.entityId : row.entityType === "mobility_evidence" ? text(snapshot(row)?.mobilityId) : null;
  const mobilityIds = [...new Set(rows.map(mobilityOf).filter((id): id is string => id !== null && UUID.test(id)))];
  const projectIds = [...new Set(rows.filter((r) => r.entityType === "project" && UUID.test(r.entityId)).map((r) => r.entityId))];
  const findingIds = [...new Set(rows.filter((r) => r.entityType === "finding" && UUID.test(r.entityId)).map((r) => r.entityId))];
  const keyIds = [...new Set(rows.filter((r) => r.entityType === "api_key" && UUID.test(r.entityId)).map((r) => r.entityId))];
  const mobilityRows = mobilityIds.length
    ? await db
        .select({ id: mobilities.id, projectId: mobilities.projectId, firstName: participants.firstName, lastName: participants.lastName, activityType: mobilities.activityType, destinationTown: mobilities.destinationTown })
        .from(mobilities)
        .leftJoin(participants, eq(participants.id, mobilities.participantId))
        .where(and(eq(mobilities.organisationId, actor.orgId), inArray(mobilities.id, mobilityIds)))
    : [];
  const projectRows = projectIds.length
    ? await db.select({ id: projects.id, title: projects.title }).from(projects).where(and(eq(projects.organisationId, actor.orgId), inArray(projects.id, projectIds)))
    : [];
  const findingRows = findingIds.length
    ? await db.select({ id: findings.id, title: findings.title }).from(findings).where(and(eq(findings.organisationId, actor.orgId), inArray(findings.id, findingIds)))
    : [];
  const keyRows = keyIds.length
    ? await db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(and(eq(apiKeys.organisationId, actor.orgId), inArray(apiKeys.id, keyIds)))
    : [];
  const keyById = new Map(keyRows.map((k) => [k.id, k]));
  const mobilityById = new Map(mobilityRows.map((m) => [m.id, m]));
  const projectById = new Map(projectRows.map((p) => [p.id, p]));
  const findingById = new Map(findingRows.map((f) => [f.id, f]));

  const out = new Map<string, TAuditSubject>();
  for (const row of rows) {
    const key = `${row.entityType}:${row.entityId}`;
    if (out.has(key)) continue;
    const snap = snapshot(row);
    let subject: TAuditSubject = { name: nameFromSnapshot(snap), path: null };
    const mobilityId = mobilityOf(row);
    if (mobilityId) {
      const m = mobilityById.get(mobilityId);
      const person = m && m.firstName !== null && m.lastName !== null ? `${m.firstName} ${m.lastName}` : null;
      subject = {
        name: person ?? (m ? m.destinationTown : null) ?? (row.entityType === "mobility" ? text(snap?.destinationTown) : subject.name),
        path: m ? `/projects/${m.projectId}/mobilities/${m.id}` : null,
      };
    } else if (row.entityType === "project") {
      const p = projectById.get(row.entityId);
      subject = { name: p?.title ?? subject.name, path: p ? `/projects/${p.id}` : null };
    } else if (row.entityType === "finding") {
      const f = findingById.get(row.entityId);
      subject = { name: f?.title ?? subject.name, path: f ? `/findings/${f.id}` : null };
    } else if (row.entityType === "api_key") {
      subject = { name: keyById.get(row.entityId)?.name ?? subject.name, path: "/integrations" };
    } else if (row.entityType === "participant") {
      subject = { ...subject, path: "/participants" };
    } else if (row.entityType === "partner_organisation") {
      subject = { ...subject, path: "/partners" };
    } else if (row.entityType === "membership" || row.entityType === "invitation") {
      subject = { ...subject, path: "/members" };
    }
    out.set(key, subject);
  }
  return out;
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
  const subjects = await subjectsOf(db, actor, rows);
  return rows.map(({ before, after, ...row }) => ({
    ...row,
    kind: before === null ? ("create" as const) : after === null ? ("delete" as const) : ("update" as const),
    subject: subjects.get(`${row.entityType}:${row.entityId}`) ?? { name: null, path: null },
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
