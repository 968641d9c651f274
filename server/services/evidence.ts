import { createHash } from "node:crypto";
import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { files, memberships, mobilities, mobilityEvidence, naOfficers, organisations, participants, users } from "@/db/schema";
import { AppError, conflict, notFound } from "@/server/errors";
import {
  EVIDENCE_KINDS,
  type TEvidenceKind,
  type TMobilityEvidenceRef,
  type TRemoveEvidenceFile,
  type TSetEvidenceDone,
} from "@/server/schemas/evidence";
import { ACTIVITY_TYPES, type TActivityType } from "@/server/schemas/mobilities";
import { createFileStorage, inFileTransaction, type FileStorageOptions, type StoredFile } from "@/server/storage";
import { detectContentType, hasValidStructure, MAX_EVIDENCE_FILE_BYTES, storedFilename } from "@/server/storage/file-type";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { assertCanEditMobility, canEditMobility } from "./permissions";

/*
 * The evidence checklist of a mobility: which supporting documents it needs, which are done, and the
 * uploaded file of each. Items are rows of `mobility_evidence`, created the first time they change;
 * an item never saved is shown with `version: null`.
 */

/**
 * Which evidence each activity needs (domain doc §2, §7; the Programme Guide's supporting documents):
 * - attendance certificate: every activity, accompanying persons included (the receiving or hosting
 *   organisation's confirmation of the dates is the proof of the activity, for a preparatory visit too);
 * - travel proof: every activity with funded travel, i.e. all but preparatory visits (their unit cost
 *   covers the visit as a whole);
 * - learning agreement (or Europass Mobility): long-term individual pupil mobility only (§2);
 * - participant report (EU Survey, sent when a mobility ends, §7): every participant except accompanying
 *   persons (§2) and preparatory visits (not a mobility activity of a participant). A group mobility of
 *   pupils is one record for the group, so it needs one report per record.
 * A mobility is "missing evidence" when it is completed and a required item is not done
 * (`missingEvidenceCountSql`, for dashboards).
 */
export const EVIDENCE_RULES: Record<TEvidenceKind, { activityTypes: readonly TActivityType[]; accompanyingToo: boolean }> = {
  attendance_certificate: { activityTypes: ACTIVITY_TYPES, accompanyingToo: true },
  travel_proof: { activityTypes: ACTIVITY_TYPES.filter((t) => t !== "PREP-VISIT"), accompanyingToo: true },
  learning_agreement: { activityTypes: ["LM-LONG-PUPILS"], accompanyingToo: false },
  participant_report: { activityTypes: ACTIVITY_TYPES.filter((t) => t !== "PREP-VISIT"), accompanyingToo: false },
};

export function isEvidenceRequired(kind: TEvidenceKind, mobility: { activityType: TActivityType; accompanying: boolean }): boolean {
  const rule = EVIDENCE_RULES[kind];
  return rule.activityTypes.includes(mobility.activityType) && (rule.accompanyingToo || !mobility.accompanying);
}

const literalList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));

/**
 * For a query over `mobilities`: how many of the row's required evidence items are not done, by the
 * same rules as `EVIDENCE_RULES`. Dashboards flag `status = 'completed' and <this> > 0`.
 */
export const missingEvidenceCountSql: SQL<number> = (() => {
  const conditions = EVIDENCE_KINDS.map((kind) => {
    const rule = EVIDENCE_RULES[kind];
    const accompanying = rule.accompanyingToo ? sql`true` : sql`not ${mobilities.accompanying}`;
    return sql`case when ${mobilities.activityType}::text in (${literalList(rule.activityTypes)}) and ${accompanying}
      and not exists (select 1 from ${mobilityEvidence} where ${mobilityEvidence.mobilityId} = ${mobilities.id}
        and ${mobilityEvidence.organisationId} = ${mobilities.organisationId}
        and ${mobilityEvidence.kind} = ${sql.raw(`'${kind}'`)} and ${mobilityEvidence.done})
      then 1 else 0 end`;
  });
  return sql<number>`(${sql.join(conditions, sql` + `)})`.mapWith(Number);
})();

async function findMobility(db: DbOrTx, actor: Actor, mobilityId: string) {
  const [row] = await db
    .select({
      id: mobilities.id,
      organisationId: mobilities.organisationId,
      activityType: mobilities.activityType,
      accompanying: mobilities.accompanying,
      status: mobilities.status,
      participantEmail: participants.email,
    })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(and(eq(mobilities.id, mobilityId), eq(mobilities.organisationId, actor.orgId)));
  if (!row) throw notFound("mobilityNotFound");
  return row;
}

const fileSummary = {
  id: files.id,
  filename: files.filename,
  contentType: files.contentType,
  sizeBytes: files.sizeBytes,
  sha256: files.sha256,
  createdAt: files.createdAt,
};

export async function listMobilityEvidence(db: Db, actor: Actor, input: TMobilityEvidenceRef) {
  const mobility = await findMobility(db, actor, input.mobilityId);
  const rows = await db
    .select({
      kind: mobilityEvidence.kind,
      done: mobilityEvidence.done,
      note: mobilityEvidence.note,
      version: mobilityEvidence.version,
      checkedAt: mobilityEvidence.checkedAt,
      checkedByName: users.name,
      file: fileSummary,
    })
    .from(mobilityEvidence)
    .leftJoin(files, and(eq(files.id, mobilityEvidence.fileId), eq(files.organisationId, mobilityEvidence.organisationId)))
    .leftJoin(users, eq(users.id, mobilityEvidence.checkedBy))
    .where(and(eq(mobilityEvidence.mobilityId, mobility.id), eq(mobilityEvidence.organisationId, actor.orgId)));
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  const items = EVIDENCE_KINDS.flatMap((kind) => {
    const row = byKind.get(kind);
    const required = isEvidenceRequired(kind, mobility);
    // An item the activity does not need is shown only while it still holds something (e.g. after the
    // activity type changed), so it can be cleaned up.
    if (!required && !(row && (row.done || row.note || row.file))) return [];
    return [
      {
        kind,
        required,
        done: row?.done ?? false,
        note: row?.note ?? null,
        version: row?.version ?? null,
        checkedAt: row?.checkedAt ?? null,
        checkedByName: row?.checkedByName ?? null,
        file: row?.file ?? null,
      },
    ];
  });
  return {
    mobilityId: mobility.id,
    activityType: mobility.activityType,
    accompanying: mobility.accompanying,
    status: mobility.status,
    canEdit: canEditMobility(actor, mobility),
    missingRequired: items.filter((item) => item.required && !item.done).length,
    items,
  };
}

type EvidenceRow = typeof mobilityEvidence.$inferSelect;

/**
 * Locks the item (if it exists) and checks the version the client saw: `undefined` means "never
 * saved"; anything else must equal the row's version. A mismatch either way is CONFLICT.
 */
async function lockItem(tx: DbOrTx, actor: Actor, mobilityId: string, kind: TEvidenceKind, version: number | undefined) {
  const [row] = await tx
    .select()
    .from(mobilityEvidence)
    .where(and(eq(mobilityEvidence.mobilityId, mobilityId), eq(mobilityEvidence.organisationId, actor.orgId), eq(mobilityEvidence.kind, kind)))
    .for("update");
  if ((row?.version ?? undefined) !== version) throw conflict();
  return row;
}

type ItemChange = Partial<Pick<EvidenceRow, "done" | "note" | "fileId" | "checkedBy" | "checkedAt">>;

/** Inserts or updates the item with the change; a concurrent first save of the same item is CONFLICT. */
async function saveItem(tx: DbOrTx, actor: Actor, mobilityId: string, kind: TEvidenceKind, existing: EvidenceRow | undefined, change: ItemChange) {
  if (existing) {
    const [row] = await tx
      .update(mobilityEvidence)
      .set({ ...change, version: existing.version + 1, updatedAt: new Date() })
      .where(and(eq(mobilityEvidence.id, existing.id), eq(mobilityEvidence.organisationId, actor.orgId), eq(mobilityEvidence.version, existing.version)))
      .returning();
    if (!row) throw conflict();
    return row;
  }
  const [row] = await tx
    .insert(mobilityEvidence)
    .values({ organisationId: actor.orgId, mobilityId, kind, ...change })
    .onConflictDoNothing({ target: [mobilityEvidence.mobilityId, mobilityEvidence.kind] })
    .returning();
  if (!row) throw conflict();
  return row;
}

const notApplicable = () => new AppError("BAD_REQUEST", "evidenceNotApplicable", { kind: ["evidenceNotApplicable"] });

const doneChange = (actor: Actor, done: boolean): ItemChange =>
  done ? { done: true, checkedBy: actor.userId, checkedAt: new Date() } : { done: false, checkedBy: null, checkedAt: null };

/** Ticks or unticks one item (and sets its note). Ticking an item the activity does not need is refused. */
export async function setEvidenceDone(db: Db, actor: Actor, input: TSetEvidenceDone) {
  return db.transaction(async (tx) => {
    await assertCanEditMobility(tx, actor, input.mobilityId);
    const mobility = await findMobility(tx, actor, input.mobilityId);
    if (input.done && !isEvidenceRequired(input.kind, mobility)) throw notApplicable();
    const existing = await lockItem(tx, actor, mobility.id, input.kind, input.version);
    const change: ItemChange = existing?.done === input.done ? {} : doneChange(actor, input.done);
    if (input.note !== undefined) change.note = input.note ? input.note : null;
    const row = await saveItem(tx, actor, mobility.id, input.kind, existing, change);
    await recordAudit(tx, actor, { action: "evidence.setDone", entityType: "mobility_evidence", entityId: row.id, before: existing ?? null, after: row });
    return row;
  });
}

export interface EvidenceUpload {
  mobilityId: string;
  kind: TEvidenceKind;
  version?: number | undefined;
  /** The name the browser sent: kept for display only, never part of a path. */
  filename: string;
  bytes: Buffer;
}

const fileError = (key: string, code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE" = "BAD_REQUEST") => new AppError(code, key, { file: [key] });

/** The audit trail keeps what was stored, never the bytes. */
const fileForAudit = (file: StoredFile) => ({
  id: file.id,
  filename: file.filename,
  contentType: file.contentType,
  sizeBytes: file.sizeBytes,
  sha256: file.sha256,
  storage: file.storage,
});

/**
 * Stores a file and links it to the item in one transaction (with its audit entry), replacing the
 * item's previous file. The type is judged by the bytes alone; the item counts as done once its
 * evidence is uploaded (the uploader is recorded as the one who checked it).
 */
export async function uploadEvidenceFile(db: Db, actor: Actor, input: EvidenceUpload, storage: FileStorageOptions = {}) {
  if (input.bytes.length === 0) throw fileError("fileEmpty");
  if (input.bytes.length > MAX_EVIDENCE_FILE_BYTES) throw fileError("fileTooLarge", "PAYLOAD_TOO_LARGE");
  const contentType = detectContentType(input.bytes.subarray(0, 16));
  if (!contentType) throw fileError("fileTypeNotAllowed");
  if (!hasValidStructure(input.bytes, contentType)) throw fileError("fileDamaged");

  return inFileTransaction(db, storage, async (tx, fileStorage) => {
    await assertCanEditMobility(tx, actor, input.mobilityId);
    const mobility = await findMobility(tx, actor, input.mobilityId);
    if (!isEvidenceRequired(input.kind, mobility)) throw notApplicable();
    const existing = await lockItem(tx, actor, mobility.id, input.kind, input.version);
    const previous = existing?.fileId ? await fileRef(tx, actor, existing.fileId) : undefined;

    const stored = await fileStorage.put(actor.orgId, input.bytes, {
      filename: storedFilename(input.filename, contentType),
      contentType,
      uploadedBy: actor.userId,
    });
    const row = await saveItem(tx, actor, mobility.id, input.kind, existing, { fileId: stored.id, ...doneChange(actor, true) });
    if (previous) await fileStorage.delete(previous);
    await recordAudit(tx, actor, {
      action: "evidence.upload",
      entityType: "mobility_evidence",
      entityId: row.id,
      before: existing ? { ...existing, file: previous ? fileForAudit(previous) : null } : null,
      after: { ...row, file: fileForAudit(stored) },
    });
    return { item: row, file: fileForAudit(stored) };
  });
}

async function fileRef(db: DbOrTx, actor: Actor, fileId: string) {
  const [row] = await db
    .select({ ...fileSummary, organisationId: files.organisationId, storage: files.storage, diskPath: files.diskPath })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.organisationId, actor.orgId)));
  return row;
}

/** Unlinks and deletes the item's file; the item is no longer done (its evidence is gone). */
export async function removeEvidenceFile(db: Db, actor: Actor, input: TRemoveEvidenceFile, storage: FileStorageOptions = {}) {
  return inFileTransaction(db, storage, async (tx, fileStorage) => {
    await assertCanEditMobility(tx, actor, input.mobilityId);
    const existing = await lockItem(tx, actor, input.mobilityId, input.kind, input.version);
    const previous = existing?.fileId ? await fileRef(tx, actor, existing.fileId) : undefined;
    if (!existing || !previous) throw notFound("fileNotFound");
    const row = await saveItem(tx, actor, input.mobilityId, input.kind, existing, { fileId: null, ...doneChange(actor, false) });
    await fileStorage.delete(previous);
    await recordAudit(tx, actor, {
      action: "evidence.removeFile",
      entityType: "mobility_evidence",
      entityId: row.id,
      before: { ...existing, file: fileForAudit(previous) },
      after: row,
    });
    return row;
  });
}

/**
 * A file for download, if this user may have it: a member of the file's school, or an officer of the
 * school's national agency. Anyone else (and a file that does not exist) gets the same NOT_FOUND.
 */
export async function getFileForDownload(db: Db, userId: string, fileId: string, storage: FileStorageOptions = {}) {
  const isMember = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, files.organisationId)));
  const isOfficer = db
    .select({ one: sql`1` })
    .from(naOfficers)
    .where(and(eq(naOfficers.userId, userId), eq(naOfficers.naCode, organisations.naCode)));
  const [row] = await db
    .select({ ...fileSummary, organisationId: files.organisationId, storage: files.storage, diskPath: files.diskPath })
    .from(files)
    .innerJoin(organisations, eq(organisations.id, files.organisationId))
    .where(and(eq(files.id, fileId), or(exists(isMember), exists(isOfficer))));
  if (!row) throw notFound("fileNotFound");
  const bytes = await createFileStorage(db, storage).get(row);
  // A file changed behind our back (on disk, say) is not handed out as if it were the evidence.
  if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
    throw new Error(`file ${row.id}: content does not match its sha256`);
  }
  return { filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes, bytes };
}
