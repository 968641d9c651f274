import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { schoolRolesWith } from "@/lib/capabilities";
import { findingMessages, findings, memberships, mobilities, naOfficers, organisations, projects, users } from "@/db/schema";
import enNa from "@/messages/en/na.json";
import slNa from "@/messages/sl/na.json";
import { AppError, conflict, notFound } from "@/server/errors";
import { appUrl, composeMail, fill, sendMail } from "@/server/mail/mailer";
import { isMailLocale, type TMailLocale } from "@/server/schemas/members";
import type { TCloseFinding, TCreateFinding, TFindingMessage, TOfficerFindingList } from "@/server/schemas/na";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { findOfficerProject, type Officer } from "./na-oversight";

/*
 * Findings: a thread between an NA officer and a school about a project or one of its mobilities.
 * open → answered (the school's coordinator replied) → closed (the officer closed it); an officer's
 * follow-up on an answered finding opens it again. Officers create, write and close; the school's
 * coordinator answers; the coordinator and the headteacher read. Every change is one transaction
 * with its audit entry, which carries the school's organisation id (the school sees it in its trail).
 * The notification e-mails are handed over inside the transaction (as invitations are): a finding
 * whose notice could not be sent is not left behind.
 */

const MAIL = { en: enNa.mail, sl: slNa.mail } as const;

const findingColumns = {
  id: findings.id,
  naCode: findings.naCode,
  organisationId: findings.organisationId,
  projectId: findings.projectId,
  mobilityId: findings.mobilityId,
  title: findings.title,
  status: findings.status,
  createdBy: findings.createdBy,
  version: findings.version,
  createdAt: findings.createdAt,
  updatedAt: findings.updatedAt,
};

const listColumns = {
  ...findingColumns,
  schoolName: organisations.name,
  projectNumber: projects.projectNumber,
  projectTitle: projects.title,
  messageCount: sql<number>`(select count(*)::int from ${findingMessages} fm where fm.finding_id = ${findings.id})`,
};

async function messagesOf(db: DbOrTx, findingId: string) {
  return db
    .select({ id: findingMessages.id, body: findingMessages.body, createdAt: findingMessages.createdAt, authorName: users.name, authorId: findingMessages.authorId })
    .from(findingMessages)
    .leftJoin(users, eq(users.id, findingMessages.authorId))
    .where(eq(findingMessages.findingId, findingId))
    .orderBy(asc(findingMessages.createdAt), asc(findingMessages.id));
}

/** Which side wrote each message: an officer of the finding's NA, or someone of the school. */
async function withSides(db: DbOrTx, naCode: string, messages: Awaited<ReturnType<typeof messagesOf>>) {
  const authorIds = [...new Set(messages.flatMap((m) => (m.authorId ? [m.authorId] : [])))];
  const officers = authorIds.length
    ? await db.select({ userId: naOfficers.userId }).from(naOfficers).where(and(eq(naOfficers.naCode, naCode), inArray(naOfficers.userId, authorIds)))
    : [];
  const officerIds = new Set(officers.map((o) => o.userId));
  return messages.map(({ authorId, ...m }) => ({ ...m, fromAgency: authorId !== null && officerIds.has(authorId) }));
}

async function schoolRecipients(tx: DbOrTx, organisationId: string) {
  return tx
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, schoolRolesWith("findings.read"))));
}

/** The officer who opened the finding; if that account is gone, every officer of the NA. */
async function agencyRecipients(tx: DbOrTx, naCode: string, createdBy: string | null) {
  const creator = createdBy
    ? await tx
        .select({ email: users.email, name: users.name, locale: users.locale })
        .from(naOfficers)
        .innerJoin(users, eq(users.id, naOfficers.userId))
        .where(and(eq(naOfficers.userId, createdBy), eq(naOfficers.naCode, naCode)))
    : [];
  if (creator.length > 0) return creator;
  return tx.select({ email: users.email, name: users.name, locale: users.locale }).from(naOfficers).innerJoin(users, eq(users.id, naOfficers.userId)).where(eq(naOfficers.naCode, naCode));
}

/** Each recipient in the language they chose (users.locale); one who never chose gets the sender's. */
async function notify(
  recipients: { email: string; locale: string | null }[],
  senderLocale: TMailLocale,
  kind: "toSchool" | "toAgency",
  values: Record<string, string>,
  link: string,
) {
  for (const recipient of recipients) {
    const locale = isMailLocale(recipient.locale) ? recipient.locale : senderLocale;
    const text = MAIL[locale][kind];
    await sendMail(
      composeMail(
        recipient.email,
        {
          subject: fill(text.subject, values),
          greeting: text.greeting,
          body: fill(text.body, values),
          action: text.action,
          footer: MAIL[locale].footer,
        },
        appUrl(link),
      ),
    );
  }
}

/* ---------- the officer's side ---------- */

async function findOfficerFinding(db: DbOrTx, officer: Officer, findingId: string, lock = false) {
  if (officer.naCodes.length === 0) throw notFound("findingNotFound");
  const query = db
    .select(findingColumns)
    .from(findings)
    .where(and(eq(findings.id, findingId), inArray(findings.naCode, officer.naCodes)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("findingNotFound");
  return row;
}

export async function listOfficerFindings(db: Db, officer: Officer, input: TOfficerFindingList) {
  const codes = input.naCode ? officer.naCodes.filter((c) => c === input.naCode) : officer.naCodes;
  if (codes.length === 0) return [];
  return db
    .select(listColumns)
    .from(findings)
    .innerJoin(organisations, eq(organisations.id, findings.organisationId))
    .innerJoin(projects, and(eq(projects.id, findings.projectId), eq(projects.organisationId, findings.organisationId)))
    .where(
      and(
        inArray(findings.naCode, codes),
        input.projectId ? eq(findings.projectId, input.projectId) : undefined,
        input.status ? eq(findings.status, input.status) : undefined,
      ),
    )
    .orderBy(desc(findings.updatedAt));
}

export async function getOfficerFinding(db: Db, officer: Officer, findingId: string) {
  const finding = await findOfficerFinding(db, officer, findingId);
  return { ...(await describe(db, finding)), messages: await withSides(db, finding.naCode, await messagesOf(db, finding.id)) };
}

async function describe(db: DbOrTx, finding: Awaited<ReturnType<typeof findOfficerFinding>>) {
  const [context] = await db
    .select({ schoolName: organisations.name, projectNumber: projects.projectNumber, projectTitle: projects.title })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(projects.id, finding.projectId), eq(projects.organisationId, finding.organisationId)));
  const [mobility] = finding.mobilityId
    ? await db
        .select({ id: mobilities.id, activityType: mobilities.activityType, startDate: mobilities.startDate, endDate: mobilities.endDate })
        .from(mobilities)
        .where(and(eq(mobilities.id, finding.mobilityId), eq(mobilities.organisationId, finding.organisationId)))
    : [];
  return { ...finding, schoolName: context?.schoolName ?? "", projectNumber: context?.projectNumber ?? "", projectTitle: context?.projectTitle ?? "", mobility: mobility ?? null };
}

export async function createFinding(db: Db, officer: Officer, input: TCreateFinding) {
  return db.transaction(async (tx) => {
    const { project, school } = await findOfficerProject(tx, officer, input.projectId);
    if (input.mobilityId) {
      const [mobility] = await tx
        .select({ id: mobilities.id })
        .from(mobilities)
        .where(and(eq(mobilities.id, input.mobilityId), eq(mobilities.projectId, project.id), eq(mobilities.organisationId, project.organisationId)));
      if (!mobility) throw new AppError("NOT_FOUND", "mobilityNotFound", { mobilityId: ["mobilityNotFound"] });
    }
    const [finding] = await tx
      .insert(findings)
      .values({
        naCode: school.naCode,
        organisationId: project.organisationId,
        projectId: project.id,
        mobilityId: input.mobilityId ?? null,
        title: input.title,
        createdBy: officer.userId,
      })
      .returning();
    if (!finding) throw new Error("insert returned no row");
    const [message] = await tx.insert(findingMessages).values({ findingId: finding.id, authorId: officer.userId, body: input.body }).returning();
    await recordAudit(tx, { userId: officer.userId, orgId: project.organisationId }, {
      action: "finding.create",
      entityType: "finding",
      entityId: finding.id,
      after: { ...finding, message },
    });
    await notify(
      await schoolRecipients(tx, project.organisationId),
      input.locale,
      "toSchool",
      { title: input.title, project: project.projectNumber, school: school.name },
      `/s/${project.organisationId}/findings/${finding.id}`,
    );
    return finding;
  });
}

/** An officer's message; on an answered finding it asks the school again (→ open). */
export async function postOfficerMessage(db: Db, officer: Officer, input: TFindingMessage) {
  return db.transaction(async (tx) => {
    const before = await findOfficerFinding(tx, officer, input.findingId, true);
    if (before.version !== input.version) throw conflict();
    if (before.status === "closed") throw new AppError("CONFLICT", "findingClosed");
    const [message] = await tx.insert(findingMessages).values({ findingId: before.id, authorId: officer.userId, body: input.body }).returning();
    const [after] = await tx
      .update(findings)
      .set({ status: "open", version: sql`${findings.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(findings.id, before.id), eq(findings.version, before.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, { userId: officer.userId, orgId: before.organisationId }, {
      action: "finding.message",
      entityType: "finding",
      entityId: before.id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, message },
    });
    const [project] = await tx.select({ projectNumber: projects.projectNumber }).from(projects).where(eq(projects.id, before.projectId));
    const [school] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, before.organisationId));
    await notify(
      await schoolRecipients(tx, before.organisationId),
      input.locale,
      "toSchool",
      { title: before.title, project: project?.projectNumber ?? "", school: school?.name ?? "" },
      `/s/${before.organisationId}/findings/${before.id}`,
    );
    return after;
  });
}

export async function closeFinding(db: Db, officer: Officer, input: TCloseFinding) {
  return db.transaction(async (tx) => {
    const before = await findOfficerFinding(tx, officer, input.findingId, true);
    if (before.version !== input.version) throw conflict();
    if (before.status === "closed") throw new AppError("CONFLICT", "findingClosed");
    const [after] = await tx
      .update(findings)
      .set({ status: "closed", version: sql`${findings.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(findings.id, before.id), eq(findings.version, before.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, { userId: officer.userId, orgId: before.organisationId }, {
      action: "finding.close",
      entityType: "finding",
      entityId: before.id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

/* ---------- the school's side ---------- */

async function findSchoolFinding(db: DbOrTx, actor: Actor, findingId: string, lock = false) {
  // The school's NA too: a finding only exists for the agency the school belongs to.
  const query = db
    .select(findingColumns)
    .from(findings)
    .where(and(eq(findings.id, findingId), eq(findings.organisationId, actor.orgId), eq(findings.naCode, actor.naCode)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("findingNotFound");
  return row;
}

export async function listSchoolFindings(db: Db, actor: Actor) {
  return db
    .select(listColumns)
    .from(findings)
    .innerJoin(organisations, eq(organisations.id, findings.organisationId))
    .innerJoin(projects, and(eq(projects.id, findings.projectId), eq(projects.organisationId, findings.organisationId)))
    .where(and(eq(findings.organisationId, actor.orgId), eq(findings.naCode, actor.naCode)))
    .orderBy(desc(findings.updatedAt));
}

export async function getSchoolFinding(db: Db, actor: Actor, findingId: string) {
  const finding = await findSchoolFinding(db, actor, findingId);
  return { ...(await describe(db, finding)), messages: await withSides(db, finding.naCode, await messagesOf(db, finding.id)) };
}

/** The coordinator's answer: → answered, and the officer is told. */
export async function replyToFinding(db: Db, actor: Actor, input: TFindingMessage) {
  return db.transaction(async (tx) => {
    const before = await findSchoolFinding(tx, actor, input.findingId, true);
    if (before.version !== input.version) throw conflict();
    if (before.status === "closed") throw new AppError("CONFLICT", "findingClosed");
    const [message] = await tx.insert(findingMessages).values({ findingId: before.id, authorId: actor.userId, body: input.body }).returning();
    const [after] = await tx
      .update(findings)
      .set({ status: "answered", version: sql`${findings.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(findings.id, before.id), eq(findings.organisationId, actor.orgId), eq(findings.version, before.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, {
      action: "finding.reply",
      entityType: "finding",
      entityId: before.id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, message },
    });
    const [school] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.orgId));
    await notify(
      await agencyRecipients(tx, before.naCode, before.createdBy),
      input.locale,
      "toAgency",
      { title: before.title, school: school?.name ?? "" },
      `/na/findings/${before.id}`,
    );
    return after;
  });
}
