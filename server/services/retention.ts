import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { participants } from "@/db/schema";
import { env } from "@/server/env";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";

/*
 * Retention (docs/decisions.md, "Retention"). A pupil's personal data is kept while any project they
 * travelled in (alone or in a group) is not closed; once all of them are closed it is anonymised
 * RETENTION_YEARS after the last of those projects' end dates. Anonymising replaces the name, e-mail,
 * date of birth and the fewer-opportunities justification with neutral values, redacts the same fields
 * in the audit trail's earlier snapshots of that pupil (the one controlled exception to its
 * append-only rule, migration 0009), and writes an audit entry without personal data. Mobilities,
 * members, grants and the fewer-opportunities flag (a count in the statistics) stay as they are.
 * Staff are never touched: their data is kept under the school's employment records, not here.
 */

/** The neutral values an anonymised pupil gets (the same in the audit snapshots). */
export const ANONYMISED = { firstName: "Anonymised", lastName: "Pupil", email: null, dateOfBirth: null, fewerOpportunitiesNote: null } as const;

/** The school's "today" (its time zone), as an ISO date. */
export function schoolToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: env.MOBILO_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

interface TRetentionRow extends Record<string, unknown> {
  id: string;
  first_name: string;
  last_name: string;
  projects: number;
  open_projects: number;
  last_end_date: string;
  due_date: string | null;
}

/** Pupils of the school not yet anonymised who travelled in a project, with their due date (null while a project is open). */
async function retentionRows(db: DbOrTx, orgId: string, years: number, onlyDueBy?: string): Promise<TRetentionRow[]> {
  const rows = await db.execute<TRetentionRow>(sql`
    with links as (
      select m.participant_id, m.project_id from mobilities m
       where m.organisation_id = ${orgId} and m.participant_id is not null
      union
      select mm.participant_id, m.project_id from mobility_members mm
        join mobilities m on m.id = mm.mobility_id and m.organisation_id = mm.organisation_id
       where mm.organisation_id = ${orgId} and mm.participant_id is not null
    ), per_pupil as (
      select p.id, p.first_name, p.last_name,
             count(distinct pr.id)::int as projects,
             (count(distinct pr.id) filter (where pr.status <> 'closed'))::int as open_projects,
             max(pr.end_date)::text as last_end_date
        from participants p
        join links l on l.participant_id = p.id
        join projects pr on pr.id = l.project_id and pr.organisation_id = p.organisation_id
       where p.organisation_id = ${orgId} and p.kind = 'pupil' and p.anonymised_at is null
       group by p.id
    )
    select id, first_name, last_name, projects, open_projects, last_end_date,
           case when open_projects = 0 then (last_end_date::date + make_interval(years => ${years}))::date::text end as due_date
      from per_pupil
     where ${onlyDueBy === undefined ? sql`true` : sql`open_projects = 0 and (last_end_date::date + make_interval(years => ${years}))::date <= ${onlyDueBy}::date`}
     order by due_date nulls last, last_name, first_name, id`);
  return [...rows];
}

/** What will be anonymised and when, for the actor's school (the headteacher's, coordinator's and school admin's view). */
export async function listRetention(db: Db, actor: Actor, today: string = schoolToday()) {
  const rows = await retentionRows(db, actor.orgId, env.RETENTION_YEARS);
  const [counts] = await db
    .select({ anonymised: sql<number>`count(*)::int` })
    .from(participants)
    .where(and(eq(participants.organisationId, actor.orgId), sql`${participants.anonymisedAt} is not null`));
  return {
    retentionYears: env.RETENTION_YEARS,
    today,
    anonymisedCount: counts?.anonymised ?? 0,
    pupils: rows.map((row) => ({
      participantId: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      projects: row.projects,
      openProjects: row.open_projects,
      lastProjectEndDate: row.last_end_date,
      /** Null while one of the pupil's projects is not closed. */
      dueDate: row.due_date,
      due: row.due_date !== null && row.due_date <= today,
    })),
  };
}

/**
 * Anonymises the school's pupils whose due date has come, in one transaction with one audit entry per
 * pupil (ids and dates only). Idempotent: an anonymised pupil is never picked again.
 */
export async function anonymiseDueForSchool(
  db: Db,
  actor: { userId: string | null; orgId: string },
  today: string = schoolToday(),
): Promise<{ anonymised: number }> {
  return db.transaction(async (tx) => {
    const due = await retentionRows(tx, actor.orgId, env.RETENTION_YEARS, today);
    if (due.length === 0) return { anonymised: 0 };
    const ids = due.map((row) => row.id);
    // Locked so a concurrent edit of the same pupil waits and then meets the new version (CONFLICT).
    await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.organisationId, actor.orgId), inArray(participants.id, ids)))
      .for("update");
    const updated = await tx
      .update(participants)
      .set({ ...ANONYMISED, anonymisedAt: sql`now()`, version: sql`${participants.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(participants.organisationId, actor.orgId), inArray(participants.id, ids), sql`${participants.anonymisedAt} is null`))
      .returning({ id: participants.id, anonymisedAt: participants.anonymisedAt });
    const replacement = JSON.stringify(ANONYMISED);
    for (const row of updated) {
      const pupil = due.find((candidate) => candidate.id === row.id);
      await tx.execute(sql`select audit_log_redact_participant(${actor.orgId}::uuid, ${row.id}::uuid, ${replacement}::jsonb)`);
      await recordAudit(tx, actor, {
        action: "participant.anonymise",
        entityType: "participant",
        entityId: row.id,
        after: { anonymisedAt: row.anonymisedAt, retentionYears: env.RETENTION_YEARS, lastProjectEndDate: pupil?.last_end_date ?? null, dueDate: pupil?.due_date ?? null },
      });
    }
    return { anonymised: updated.length };
  });
}

/** The school member's run (coordinator or school admin): anonymises what is due now. */
export function anonymiseDue(db: Db, actor: Actor) {
  return anonymiseDueForSchool(db, { userId: actor.userId, orgId: actor.orgId });
}

/** The start-up run (server/startup.ts): every school with a pupil due, each in its own transaction. */
export async function anonymiseDueEverywhere(db: Db, today: string = schoolToday()): Promise<number> {
  const schools = await db.execute<{ organisation_id: string } & Record<string, unknown>>(
    sql`select distinct organisation_id from participants where kind = 'pupil' and anonymised_at is null`,
  );
  let total = 0;
  for (const school of schools) {
    const { anonymised } = await anonymiseDueForSchool(db, { userId: null, orgId: school.organisation_id }, today);
    total += anonymised;
  }
  return total;
}
