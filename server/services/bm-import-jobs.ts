import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { insertManyAsJson } from "@/db/bulk";
import { can } from "@/lib/capabilities";
import { auditLog, bmImports, mobilities, mobilityMembers, participants, partnerOrganisations, projects } from "@/db/schema";
import type { BmField } from "@/server/bm";
import { AppError, conflict, notFound } from "@/server/errors";
import { recordAudit } from "./audit";
import { BmFileError, readBmSheet, writeFeedbackXlsx, type BmSheet } from "./bm-files";
import { analyseBmImport, type BmDryRun, type BmPlan } from "./bm-import";
import { resolveActor, type Actor } from "./memberships";
import { lockProject, mobilityRowValues } from "./mobilities";
import { storeProjectGrants } from "./mobility-grants";
import { log } from "@/server/log";

/*
 * The import of a Beneficiary Module file as a job on the app's own PostgreSQL.
 *
 * Upload → dry run (nothing but the upload row is written) → commit requested (status `queued`) → a
 * worker claims the row with `FOR UPDATE SKIP LOCKED`, marks it `running` with a lease, and applies the
 * whole file in ONE transaction: under the project lock it runs the dry run again, refuses if anything
 * differs from what the user saw (someone edited a mobility meanwhile: the versions moved), inserts in
 * bulk, recomputes the project's grants once (storeProjectGrants), writes the audit entries and marks the
 * row `committed` — all or nothing. A process killed mid-import rolls the transaction back; the row stays
 * `running` until its lease expires, and the next worker claims it again. Why all-or-nothing rather than a
 * per-row journal, and why not pg-boss: docs/decisions.md.
 */

const LEASE = sql`now() + interval '10 minutes'`;
const CHUNK = 2000;

export type BmUploadResult =
  | { ok: true; importId: string; status: "analysed" | "rejected"; dryRun: BmDryRun }
  | { ok: false; fileError: { code: string; params: Record<string, string | number> } };

/** Upload and dry run. A file that cannot be read is refused with a file-level message and nothing is stored. */
export async function uploadBmImport(
  db: Db,
  actor: Actor,
  input: { projectId: string; fileName: string; bytes: Uint8Array; headerOverrides?: Record<string, BmField | null> },
): Promise<BmUploadResult> {
  let sheet: BmSheet;
  try {
    sheet = await readBmSheet(input.bytes);
  } catch (error) {
    if (error instanceof BmFileError) return { ok: false, fileError: { code: `bm.file.${error.code}`, params: error.params } };
    throw error;
  }
  const { dryRun } = await analyseBmImport(db, actor, { projectId: input.projectId, sheet, headerOverrides: input.headerOverrides });
  const status = dryRun.errors > 0 ? "rejected" : "analysed";
  const [row] = await db
    .insert(bmImports)
    .values({
      organisationId: actor.orgId,
      projectId: input.projectId,
      createdBy: actor.userId,
      fileName: input.fileName.slice(0, 200),
      fileFormat: sheet.format,
      fileBytes: Buffer.from(input.bytes),
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      headerOverrides: input.headerOverrides ?? {},
      status,
      totalRows: dryRun.dataRows,
      dryRun,
    })
    .returning({ id: bmImports.id });
  if (!row) throw new Error("insert returned no row");
  return { ok: true, importId: row.id, status, dryRun };
}

const importColumns = {
  id: bmImports.id,
  projectId: bmImports.projectId,
  fileName: bmImports.fileName,
  fileFormat: bmImports.fileFormat,
  status: bmImports.status,
  totalRows: bmImports.totalRows,
  progress: bmImports.progress,
  dryRun: bmImports.dryRun,
  outcome: bmImports.outcome,
  createdAt: bmImports.createdAt,
  finishedAt: bmImports.finishedAt,
};

export interface BmOutcome {
  created?: number;
  updated?: number;
  unchanged?: number;
  participantsCreated?: number;
  partnersCreated?: number;
  error?: string;
  /** The commit's own dry run when it refused (what differs from the one the user saw). */
  dryRun?: BmDryRun;
}

export async function getBmImport(db: DbOrTx, actor: Actor, importId: string) {
  const [row] = await db
    .select(importColumns)
    .from(bmImports)
    .where(and(eq(bmImports.id, importId), eq(bmImports.organisationId, actor.orgId)));
  if (!row) throw notFound("importNotFound");
  return { ...row, dryRun: row.dryRun as BmDryRun, outcome: row.outcome as BmOutcome | null };
}

export async function listBmImports(db: DbOrTx, actor: Actor, projectId: string) {
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
  const rows = await db
    .select({ id: bmImports.id, fileName: bmImports.fileName, status: bmImports.status, totalRows: bmImports.totalRows, createdAt: bmImports.createdAt, finishedAt: bmImports.finishedAt })
    .from(bmImports)
    .where(and(eq(bmImports.projectId, projectId), eq(bmImports.organisationId, actor.orgId)))
    .orderBy(desc(bmImports.createdAt))
    .limit(20);
  return rows;
}

/**
 * The feedback file: the uploaded sheet with each refused cell marked and a comment in the user's language
 * (a message about the whole file goes on the first header cell). After a refused commit, its own issues.
 */
export async function bmImportFeedbackFile(
  db: DbOrTx,
  actor: Actor,
  input: { importId: string; translations: { message: (code: string, params?: Record<string, string | number>) => string } },
) {
  const [row] = await db
    .select({ fileName: bmImports.fileName, fileBytes: bmImports.fileBytes, dryRun: bmImports.dryRun, outcome: bmImports.outcome })
    .from(bmImports)
    .where(and(eq(bmImports.id, input.importId), eq(bmImports.organisationId, actor.orgId)));
  if (!row) throw notFound("importNotFound");
  const sheet = await readBmSheet(new Uint8Array(row.fileBytes));
  const issues = ((row.outcome as BmOutcome | null)?.dryRun ?? (row.dryRun as BmDryRun)).issues;
  const marks = issues.map((issue) => ({
    row: issue.row ?? 0,
    column: issue.row === null ? 0 : issue.column,
    severity: issue.severity,
    message: input.translations.message(issue.code, issue.params),
  }));
  const base = row.fileName.replace(/\.[^.]*$/, "").slice(0, 80) || "import";
  return { fileName: `${base}-feedback.xlsx`, bytes: await writeFeedbackXlsx(sheet, marks) };
}

/** Asks for the commit: the job is queued once; a refused dry run cannot be committed. */
export async function requestBmImportCommit(db: Db, actor: Actor, importId: string) {
  const current = await getBmImport(db, actor, importId);
  if (current.status === "rejected") throw new AppError("BAD_REQUEST", "importHasErrors");
  if (current.status !== "analysed") return { status: current.status };
  const [busy] = await db
    .select({ id: bmImports.id })
    .from(bmImports)
    .where(and(eq(bmImports.projectId, current.projectId), eq(bmImports.organisationId, actor.orgId), inArray(bmImports.status, ["queued", "running"])));
  if (busy) throw new AppError("CONFLICT", "importRunning");
  await db
    .update(bmImports)
    .set({ status: "queued", progress: 0 })
    .where(and(eq(bmImports.id, importId), eq(bmImports.organisationId, actor.orgId), eq(bmImports.status, "analysed")));
  return { status: "queued" as const };
}

interface ClaimedJob {
  id: string;
  organisationId: string;
  projectId: string;
  createdBy: string | null;
  fileBytes: Buffer;
  headerOverrides: unknown;
  dryRun: unknown;
}

/** One queued job (or a running one whose worker died), claimed so no other worker takes it. */
export async function claimBmImportJob(db: Db): Promise<ClaimedJob | null> {
  const rows = await db.execute<{ id: string }>(sql`
    update ${bmImports} set status = 'running', lease_until = ${LEASE}
    where id = (
      select id from ${bmImports}
      where status = 'queued' or (status = 'running' and lease_until < now())
      order by created_at
      for update skip locked
      limit 1)
    returning id`);
  const id = rows[0]?.id;
  if (!id) return null;
  const [job] = await db
    .select({
      id: bmImports.id,
      organisationId: bmImports.organisationId,
      projectId: bmImports.projectId,
      createdBy: bmImports.createdBy,
      fileBytes: bmImports.fileBytes,
      headerOverrides: bmImports.headerOverrides,
      dryRun: bmImports.dryRun,
    })
    .from(bmImports)
    .where(eq(bmImports.id, id));
  return job ?? null;
}

/** What the user agreed to: the same counts and the same changes (jsonb reorders keys, so not JSON text). */
const decisionOf = (d: BmDryRun) =>
  [d.create, d.update, d.unchanged, ...d.changes.map((c) => `${c.action}|${c.activityId}|${c.fields.map((f) => `${f.field}=${JSON.stringify(f.before)}>${JSON.stringify(f.after)}`).join(";")}`)].join("\n");
const sameDecision = (a: BmDryRun, b: BmDryRun) => decisionOf(a) === decisionOf(b);

async function finish(db: DbOrTx, id: string, status: "committed" | "failed", outcome: BmOutcome) {
  await db.update(bmImports).set({ status, outcome, finishedAt: new Date(), leaseUntil: null }).where(eq(bmImports.id, id));
}

export interface RunOptions {
  /** Called after each chunk written (inside the transaction); a test throws here to play a crash. */
  onChunk?: (written: number) => Promise<void> | void;
}

/** Applies one claimed job, all or nothing. */
export async function runBmImportJob(db: Db, job: ClaimedJob, options: RunOptions = {}): Promise<BmOutcome> {
  let actor: Actor;
  try {
    if (!job.createdBy) throw notFound();
    actor = await resolveActor(db, job.createdBy, job.organisationId);
    // The creator may have lost the right to import since the upload (a role change, removal).
    if (!can(actor.role, "bm.import")) throw notFound();
  } catch {
    const outcome = { error: "bm.commit.notAllowed" };
    await finish(db, job.id, "failed", outcome);
    return outcome;
  }
  const sheet = await readBmSheet(new Uint8Array(job.fileBytes));
  const seen = job.dryRun as BmDryRun;
  const refused = await db.transaction(async (tx) => {
    await lockProject(tx, actor, job.projectId);
    const analysis = await analyseBmImport(tx, actor, {
      projectId: job.projectId,
      sheet,
      headerOverrides: job.headerOverrides as Record<string, BmField | null>,
    });
    if (analysis.dryRun.errors > 0 || !sameDecision(seen, analysis.dryRun)) {
      return { error: analysis.dryRun.errors > 0 ? "bm.commit.errors" : "bm.commit.changedSinceDryRun", dryRun: analysis.dryRun } satisfies BmOutcome;
    }
    const outcome = await applyPlan(db, tx, actor, job.id, analysis.plan, options);
    await tx
      .update(bmImports)
      .set({ status: "committed", outcome, progress: analysis.plan.mobilities.length, finishedAt: new Date(), leaseUntil: null })
      .where(eq(bmImports.id, job.id));
    return null;
  });
  if (refused) {
    await finish(db, job.id, "failed", refused);
    return refused;
  }
  return (await getOutcome(db, job.id)) ?? {};
}

async function getOutcome(db: Db, id: string) {
  const [row] = await db.select({ outcome: bmImports.outcome }).from(bmImports).where(eq(bmImports.id, id));
  return row?.outcome as BmOutcome | null;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function applyPlan(db: Db, tx: DbOrTx, actor: Actor, jobId: string, plan: BmPlan, options: RunOptions): Promise<BmOutcome> {
  const orgId = actor.orgId;
  const idOf = new Map<string, string>();
  const resolve = (key: string | null) => {
    if (key === null) return null;
    if (key.startsWith("id:")) return key.slice(3);
    const id = idOf.get(key.slice(4));
    if (!id) throw new Error(`planned row missing for ${key}`);
    return id;
  };

  const newPeople = plan.participants.filter((p) => !p.existingId).map((p) => ({ ...p, id: randomUUID() }));
  for (const p of newPeople) idOf.set(p.key, p.id);
  await insertManyAsJson(
    tx,
    participants,
    newPeople.map((p) => ({ id: p.id, organisationId: orgId, kind: p.kind, firstName: p.firstName, lastName: p.lastName, email: p.email })),
  );
  const newPartners = plan.partners.filter((p) => !p.existingId).map((p) => ({ ...p, id: randomUUID() }));
  for (const p of newPartners) idOf.set(p.key, p.id);
  await insertManyAsJson(
    tx,
    partnerOrganisations,
    newPartners.map((p) => ({ id: p.id, organisationId: orgId, oid: p.oid, name: p.name, country: p.country, town: p.town })),
  );

  const toCreate = plan.mobilities.filter((m) => m.action === "create");
  const toUpdate = plan.mobilities.filter((m) => m.action === "update");
  const values = (m: (typeof plan.mobilities)[number]) => ({
    ...mobilityRowValues({ ...m.fields, participantId: resolve(m.participantKey) ?? "" }, { km: m.distanceKm, source: m.distanceSource }),
    activityId: m.fields.activityId,
    partnerOrganisationId: resolve(m.partnerKey),
  });
  let written = 0;
  const progress = async () => {
    await db.update(bmImports).set({ progress: written }).where(eq(bmImports.id, jobId));
    await options.onChunk?.(written);
  };
  for (const part of chunks(toCreate)) {
    await insertManyAsJson(tx, mobilities, part.map((m) => ({ id: m.id, organisationId: orgId, projectId: plan.project.id, ...values(m) })));
    written += part.length;
    await progress();
  }
  for (const part of chunks(toUpdate)) {
    for (const m of part) {
      const updated = await tx
        .update(mobilities)
        .set({ ...values(m), version: sql`${mobilities.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(mobilities.id, m.id), eq(mobilities.organisationId, orgId), eq(mobilities.version, m.version ?? 0)))
        .returning({ id: mobilities.id });
      if (updated.length !== 1) throw conflict();
    }
    written += part.length;
    await progress();
  }

  const groups = [...toCreate, ...toUpdate].filter((m) => m.fields.activityType === "LM-GRP-PUPIL");
  const updatedGroups = groups.filter((m) => m.action === "update").map((m) => m.id);
  for (const part of chunks(updatedGroups)) {
    await tx.delete(mobilityMembers).where(and(eq(mobilityMembers.organisationId, orgId), inArray(mobilityMembers.mobilityId, part)));
  }
  const members = groups.flatMap((m) =>
    m.fields.members.map((member, index) => ({
      organisationId: orgId,
      mobilityId: m.id,
      participantId: resolve(m.memberParticipantKeys[index] ?? null),
      role: member.role,
      fewerOpportunities: member.role === "pupil" ? member.fewerOpportunities : false,
      startDate: member.startDate ?? null,
      endDate: member.endDate ?? null,
      inclusionRealCostCents: member.inclusionRealCostCents ?? null,
    })),
  );
  await insertManyAsJson(tx, mobilityMembers, members);

  // Once for the whole file, under the project lock: the engine's lines for every mobility.
  await storeProjectGrants(tx, plan.project);

  const changed = [...toCreate, ...toUpdate];
  await insertManyAsJson(
    tx,
    auditLog,
    changed.map((m) => ({
        organisationId: orgId,
        actorUserId: actor.userId,
        action: m.action === "create" ? "mobility.import.create" : "mobility.import.update",
        entityType: "mobility",
        entityId: m.id,
      after: { activityId: m.fields.activityId, importId: jobId },
    })),
  );
    const outcome: BmOutcome = {
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged: plan.mobilities.length - changed.length,
    participantsCreated: newPeople.length,
    partnersCreated: newPartners.length,
  };
  await recordAudit(tx, actor, { action: "bm.import", entityType: "project", entityId: plan.project.id, after: { importId: jobId, ...outcome } });
  return outcome;
}

let draining: Promise<void> | null = null;

/** Runs queued jobs until none is left; one drain per process at a time (others wait for the same one). */
export function drainBmImportQueue(db: Db): Promise<void> {
  draining ??= (async () => {
    try {
      for (let job = await claimBmImportJob(db); job; job = await claimBmImportJob(db)) {
        try {
          await runBmImportJob(db, job);
        } catch (error) {
          // The transaction rolled back, so nothing of the file is written; the job is marked failed. (A
          // process that dies here never gets this far: its job is claimed again once the lease expires.)
          log.error({ err: error, importId: job.id }, "BM import job failed");
          await finish(db, job.id, "failed", { error: error instanceof AppError && error.code === "CONFLICT" ? "bm.commit.changedSinceDryRun" : "bm.commit.failed" });
        }
      }
    } catch (error) {
      log.error({ err: error }, "BM import queue failed");
    } finally {
      draining = null;
    }
  })();
  return draining;
}
