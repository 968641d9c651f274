import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, files, mobilities, mobilityEvidence, participants, projects } from "@/db/schema";
import type { TActivityType } from "@/server/schemas/mobilities";
import {
  getFileForDownload,
  missingEvidenceCountSql,
  uploadEvidenceFile,
  type EvidenceUpload,
} from "@/server/services/evidence";
import { resolveActor } from "@/server/services/memberships";
import type { FileStorageOptions } from "@/server/storage";
import { detectContentType, hasValidStructure, MAX_EVIDENCE_FILE_BYTES } from "@/server/storage/file-type";
import { setupTestDatabase } from "../helpers/db";
import { minimalJpeg, minimalPdf, minimalPng, pdfOfSize } from "../helpers/files";
import { callerFor, createMember, createOfficer, createSchool, createStaff, projectNumber } from "../helpers/factories";

const getDb = setupTestDatabase();

const PDF = minimalPdf(2000);
const PNG = minimalPng(500);
const JPEG = minimalJpeg(500);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      return { code: error.code, message: error.message, fieldErrors: (error as { fieldErrors?: Record<string, string[]> }).fieldErrors };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("evidence checklist", () => {
  let diskRoot: string;
  const disk = (): FileStorageOptions => ({ kind: "disk", root: diskRoot });
  const postgresStorage: FileStorageOptions = { kind: "postgres" };

  let orgId: string;
  let otherOrgId: string;
  let projectId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;

  beforeAll(async () => {
    diskRoot = mkdtempSync(path.join(tmpdir(), "mobilo-evidence-"));
    const db = getDb();
    orgId = (await createSchool(db)).id;
    otherOrgId = (await createSchool(db, { country: "AT", town: "Wien", naCode: "AT01" })).id;
    coordinator = await createMember(db, orgId, "coordinator");
    const [project] = await db
      .insert(projects)
      .values({
        organisationId: orgId, action: "KA122", projectNumber: projectNumber(), title: "Evidence",
        callYear: 2025, startDate: "2025-09-01", endDate: "2026-08-31",
      })
      .returning();
    projectId = project!.id;
  });

  afterAll(() => rmSync(diskRoot, { recursive: true, force: true }));

  async function newMobility(
    activityType: TActivityType = "SM-JOB-SHDW",
    options: { accompanying?: boolean; participantEmail?: string; status?: "planned" | "completed" } = {},
  ) {
    const db = getDb();
    const staff = await createStaff(db, orgId, `P${randomBytes(3).toString("hex")}`);
    if (options.participantEmail) await db.update(participants).set({ email: options.participantEmail }).where(eq(participants.id, staff.id));
    const [row] = await db
      .insert(mobilities)
      .values({
        organisationId: orgId, projectId, participantId: staff.id, activityType, accompanying: options.accompanying ?? false,
        status: options.status ?? "planned", startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2,
        receivingOrganisation: "Schule am Park", destinationCountry: "AT", destinationTown: "Wien",
      })
      .returning();
    return row!.id;
  }

  const upload = async (mobilityId: string, bytes: Buffer, filename: string, storage: FileStorageOptions, extra: Partial<EvidenceUpload> = {}) =>
    uploadEvidenceFile(getDb(), await resolveActor(getDb(), coordinator.id, orgId), { mobilityId, kind: "attendance_certificate", filename, bytes, ...extra }, storage);

  const filesOfOrg = async () => getDb().select({ id: files.id }).from(files).where(eq(files.organisationId, orgId));
  const diskFiles = () => {
    const dir = path.join(diskRoot, "files", orgId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it("lists the items each activity needs", async () => {
    const caller = callerFor(getDb(), coordinator);
    const kinds = async (mobilityId: string) => (await caller.evidence.list({ orgId, mobilityId })).items.map((i) => i.kind);
    expect(await kinds(await newMobility("SM-JOB-SHDW"))).toEqual(["attendance_certificate", "travel_proof", "participant_report"]);
    expect(await kinds(await newMobility("LM-LONG-PUPILS"))).toEqual(["attendance_certificate", "travel_proof", "learning_agreement", "participant_report"]);
    expect(await kinds(await newMobility("SM-TTA", { accompanying: true }))).toEqual(["attendance_certificate", "travel_proof"]);
    expect(await kinds(await newMobility("PREP-VISIT"))).toEqual(["attendance_certificate"]);
    const list = await caller.evidence.list({ orgId, mobilityId: await newMobility() });
    expect(list.missingRequired).toBe(3);
    expect(list.canEdit).toBe(true);
    expect(list.items[0]).toMatchObject({ required: true, done: false, version: null, file: null, note: null });
  });

  it("stores an upload in PostgreSQL with its sha256, links it and marks the item done, audited", async () => {
    const mobilityId = await newMobility();
    const result = await upload(mobilityId, PDF, "Potrdilo o udeležbi.pdf", postgresStorage);
    expect(result.file).toMatchObject({ contentType: "application/pdf", filename: "Potrdilo o udeležbi.pdf", sizeBytes: PDF.length, sha256: sha256(PDF), storage: "postgres" });
    const [row] = await getDb().select().from(files).where(eq(files.id, result.file.id));
    expect(row?.storage).toBe("postgres");
    expect(row?.diskPath).toBeNull();
    expect(row?.sha256).toBe(sha256(PDF));
    expect(Buffer.compare(row!.content!, PDF)).toBe(0);

    const list = await callerFor(getDb(), coordinator).evidence.list({ orgId, mobilityId });
    const item = list.items.find((i) => i.kind === "attendance_certificate");
    expect(item).toMatchObject({ done: true, version: 1, file: { id: result.file.id, sha256: sha256(PDF) } });
    expect(item?.checkedByName).toBe(coordinator.name);

    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, result.item.id), eq(auditLog.action, "evidence.upload")));
    expect(audit).toHaveLength(1);
    // The audit trail records what was stored, never the bytes.
    expect(JSON.stringify(audit[0]?.after)).toContain(sha256(PDF));
    expect(JSON.stringify(audit[0]?.after)).not.toMatch(/"content"\s*:/);
    expect(JSON.stringify(audit[0]?.after)).not.toContain(PDF.subarray(9, 60).toString("base64"));
  });

  it("stores an upload on disk under files/<orgId>/<uuid>, outside the database, and serves it back", async () => {
    const mobilityId = await newMobility();
    const result = await upload(mobilityId, JPEG, "../../etc/passwd.jpg", disk());
    const [row] = await getDb().select().from(files).where(eq(files.id, result.file.id));
    expect(row?.storage).toBe("disk");
    expect(row?.content).toBeNull();
    expect(row?.diskPath).toBe(`files/${orgId}/${result.file.id}`);
    // The user's name is a label only: it reached no path.
    expect(row?.filename).toBe("passwd.jpg");
    expect(existsSync(path.join(diskRoot, row!.diskPath!))).toBe(true);
    const download = await getFileForDownload(getDb(), coordinator.id, result.file.id, disk());
    expect(Buffer.compare(download.bytes, JPEG)).toBe(0);
    expect(download.contentType).toBe("image/jpeg");
  });

  it("checks the structure behind the signature: `%PDF-` followed by HTML, a truncated PNG or JPEG are refused", async () => {
    const mobilityId = await newMobility();
    const before = (await filesOfOrg()).length;
    const fakes = [
      Buffer.from("%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n"),
      Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2000), Buffer.from("\n%%EOF\n")]),
      Buffer.concat([Buffer.from("%PDF-1.4\n<html>"), Buffer.from("\nstartxref\n3\n%%EOF\n")]),
      PNG.subarray(0, PNG.length - 12),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("<html></html>")]),
      JPEG.subarray(0, JPEG.length - 2),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)]),
    ];
    for (const fake of fakes) {
      expect(await failure(upload(mobilityId, fake, "x.pdf", postgresStorage))).toMatchObject({ code: "BAD_REQUEST", message: "fileDamaged" });
    }
    expect(await filesOfOrg()).toHaveLength(before);
    for (const real of [PDF, PNG, JPEG]) expect(hasValidStructure(real, detectContentType(real) ?? "application/pdf")).toBe(true);
  });

  it("judges the type by the bytes: a PNG named .pdf and declared PDF is stored as a PNG", async () => {
    const result = await upload(await newMobility(), PNG, "scan.pdf", postgresStorage);
    expect(result.file.contentType).toBe("image/png");
    expect(result.file.filename).toBe("scan.png");
  });

  it.each([
    ["random bytes", randomBytes(4096), "certificate.pdf"],
    ["an HTML page", Buffer.from("<!doctype html><script>alert(1)</script>"), "certificate.pdf"],
    ["a ZIP archive", Buffer.concat([Buffer.from("PK\u0003\u0004"), randomBytes(100)]), "ticket.png"],
  ])("refuses %s, writing nothing", async (_label, bytes, filename) => {
    const mobilityId = await newMobility();
    const before = (await filesOfOrg()).length;
    const error = await failure(upload(mobilityId, bytes, filename, disk()));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "fileTypeNotAllowed", fieldErrors: { file: ["fileTypeNotAllowed"] } });
    expect(await filesOfOrg()).toHaveLength(before);
    expect(await getDb().select().from(mobilityEvidence).where(eq(mobilityEvidence.mobilityId, mobilityId))).toHaveLength(0);
  });

  it("refuses a file over the size limit and an empty one, writing nothing in either storage", async () => {
    const mobilityId = await newMobility();
    const before = (await filesOfOrg()).length;
    const diskBefore = diskFiles().length;
    const tooLarge = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(MAX_EVIDENCE_FILE_BYTES)]);
    for (const storage of [postgresStorage, disk()]) {
      expect(await failure(upload(mobilityId, tooLarge, "big.pdf", storage))).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "fileTooLarge" });
      expect(await failure(upload(mobilityId, Buffer.alloc(0), "empty.pdf", storage))).toMatchObject({ code: "BAD_REQUEST", message: "fileEmpty" });
    }
    // Exactly at the limit is fine.
    const atLimit = pdfOfSize(MAX_EVIDENCE_FILE_BYTES);
    expect(atLimit.length).toBe(MAX_EVIDENCE_FILE_BYTES);
    await upload(mobilityId, atLimit, "limit.pdf", postgresStorage);
    expect(await filesOfOrg()).toHaveLength(before + 1);
    expect(diskFiles()).toHaveLength(diskBefore);
  });

  it("replaces a file: the old one is deleted from the database and the disk once committed", async () => {
    const mobilityId = await newMobility();
    const first = await upload(mobilityId, PDF, "first.pdf", disk());
    const firstPath = path.join(diskRoot, "files", orgId, first.file.id);
    expect(existsSync(firstPath)).toBe(true);
    const second = await upload(mobilityId, PNG, "second.png", disk(), { version: 1 });
    expect(second.item.version).toBe(2);
    expect(existsSync(firstPath)).toBe(false);
    expect(await getDb().select().from(files).where(eq(files.id, first.file.id))).toHaveLength(0);
    expect(existsSync(path.join(diskRoot, "files", orgId, second.file.id))).toBe(true);
  });

  it("a stale upload is CONFLICT and leaves no file behind on disk", async () => {
    const mobilityId = await newMobility();
    await upload(mobilityId, PDF, "first.pdf", disk());
    const before = diskFiles().length;
    const filesBefore = (await filesOfOrg()).length;
    // The client saw the item as never saved, but it has been saved since.
    expect(await failure(upload(mobilityId, PNG, "second.png", disk()))).toMatchObject({ code: "CONFLICT", message: "staleVersion" });
    expect(await failure(upload(mobilityId, PNG, "second.png", disk(), { version: 7 }))).toMatchObject({ code: "CONFLICT" });
    expect(diskFiles()).toHaveLength(before);
    expect(await filesOfOrg()).toHaveLength(filesBefore);
  });

  it("refuses evidence the activity does not need", async () => {
    const mobilityId = await newMobility("SM-JOB-SHDW");
    expect(await failure(upload(mobilityId, PDF, "la.pdf", postgresStorage, { kind: "learning_agreement" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "evidenceNotApplicable",
    });
    const accompanying = await newMobility("LM-GRP-PUPIL", { accompanying: true });
    expect(
      await failure(callerFor(getDb(), coordinator).evidence.setDone({ orgId, mobilityId: accompanying, kind: "participant_report", done: true })),
    ).toMatchObject({ code: "BAD_REQUEST", message: "evidenceNotApplicable" });
  });

  describe("download", () => {
    let fileId: string;
    beforeAll(async () => {
      fileId = (await upload(await newMobility(), PDF, "ticket.pdf", postgresStorage, { kind: "travel_proof" })).file.id;
    });

    it("serves the school's members, whatever their role", async () => {
      for (const role of ["coordinator", "teacher", "headteacher", "school_admin"] as const) {
        const member = await createMember(getDb(), orgId, role);
        const file = await getFileForDownload(getDb(), member.id, fileId);
        expect(Buffer.compare(file.bytes, PDF)).toBe(0);
        expect(file).toMatchObject({ filename: "ticket.pdf", contentType: "application/pdf", sizeBytes: PDF.length });
      }
    });

    it("serves an officer of the school's national agency", async () => {
      const officer = await createOfficer(getDb(), "SI01");
      expect(Buffer.compare((await getFileForDownload(getDb(), officer.id, fileId)).bytes, PDF)).toBe(0);
    });

    it("is NOT_FOUND for another school's member, another agency's officer, and an unknown id", async () => {
      const stranger = await createMember(getDb(), otherOrgId, "coordinator");
      const otherOfficer = await createOfficer(getDb(), "AT01");
      expect(await failure(getFileForDownload(getDb(), stranger.id, fileId))).toMatchObject({ code: "NOT_FOUND", message: "fileNotFound" });
      expect(await failure(getFileForDownload(getDb(), otherOfficer.id, fileId))).toMatchObject({ code: "NOT_FOUND" });
      expect(await failure(getFileForDownload(getDb(), coordinator.id, "00000000-0000-4000-8000-000000000000"))).toMatchObject({ code: "NOT_FOUND" });
    });
  });

  it("setDone ticks an item with its note, audited in the same transaction", async () => {
    const mobilityId = await newMobility();
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.evidence.setDone({ orgId, mobilityId, kind: "participant_report", done: true, note: "  Sent on 12 Oct.  " });
    expect(row).toMatchObject({ done: true, note: "Sent on 12 Oct.", version: 1, checkedBy: coordinator.id });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "evidence.setDone")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisationId: orgId, actorUserId: coordinator.id, before: null, entityType: "mobility_evidence" });
    expect(audit[0]?.after).toMatchObject({ done: true, note: "Sent on 12 Oct." });

    const undone = await caller.evidence.setDone({ orgId, mobilityId, kind: "participant_report", done: false, version: 1 });
    expect(undone).toMatchObject({ done: false, note: "Sent on 12 Oct.", version: 2, checkedBy: null, checkedAt: null });
    const cleared = await caller.evidence.setDone({ orgId, mobilityId, kind: "participant_report", done: false, note: "", version: 2 });
    expect(cleared.note).toBeNull();
  });

  it("a stale setDone is CONFLICT and overwrites nothing", async () => {
    const mobilityId = await newMobility();
    const caller = callerFor(getDb(), coordinator);
    await caller.evidence.setDone({ orgId, mobilityId, kind: "travel_proof", done: true, note: "Boarding passes" });
    await caller.evidence.setDone({ orgId, mobilityId, kind: "travel_proof", done: true, note: "Boarding passes, both ways", version: 1 });
    expect(await failure(caller.evidence.setDone({ orgId, mobilityId, kind: "travel_proof", done: false, note: "stale", version: 1 }))).toMatchObject({
      code: "CONFLICT",
      message: "staleVersion",
    });
    // Someone saved the item first while this client still saw it as never saved.
    expect(await failure(caller.evidence.setDone({ orgId, mobilityId, kind: "travel_proof", done: false }))).toMatchObject({ code: "CONFLICT" });
    const item = (await caller.evidence.list({ orgId, mobilityId })).items.find((i) => i.kind === "travel_proof");
    expect(item).toMatchObject({ done: true, note: "Boarding passes, both ways", version: 2 });
  });

  it("removeFile deletes the file and unticks the item, audited", async () => {
    const mobilityId = await newMobility();
    const uploaded = await upload(mobilityId, PDF, "cert.pdf", postgresStorage);
    const caller = callerFor(getDb(), coordinator);
    const row = await caller.evidence.removeFile({ orgId, mobilityId, kind: "attendance_certificate", version: 1 });
    expect(row).toMatchObject({ fileId: null, done: false, version: 2 });
    expect(await getDb().select().from(files).where(eq(files.id, uploaded.file.id))).toHaveLength(0);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "evidence.removeFile")));
    expect(audit).toHaveLength(1);
    expect(await failure(caller.evidence.removeFile({ orgId, mobilityId, kind: "attendance_certificate", version: 2 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(caller.evidence.removeFile({ orgId, mobilityId, kind: "travel_proof", version: 1 }))).toMatchObject({ code: "CONFLICT" });
  });

  it("another school's mobility is NOT_FOUND through every door", async () => {
    const mobilityId = await newMobility();
    const stranger = await createMember(getDb(), otherOrgId, "coordinator");
    const caller = callerFor(getDb(), stranger);
    expect(await failure(caller.evidence.list({ orgId: otherOrgId, mobilityId }))).toMatchObject({ code: "NOT_FOUND", message: "mobilityNotFound" });
    expect(await failure(caller.evidence.setDone({ orgId: otherOrgId, mobilityId, kind: "travel_proof", done: true }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(caller.evidence.removeFile({ orgId: otherOrgId, mobilityId, kind: "travel_proof", version: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    const actor = await resolveActor(getDb(), stranger.id, otherOrgId);
    expect(
      await failure(uploadEvidenceFile(getDb(), actor, { mobilityId, kind: "travel_proof", filename: "x.pdf", bytes: PDF }, postgresStorage)),
    ).toMatchObject({ code: "NOT_FOUND" });
    // Naming the other school's id is not a way in either: not a member there.
    expect(await failure(caller.evidence.list({ orgId, mobilityId }))).toMatchObject({ code: "NOT_FOUND", message: "organisationNotFound" });
    expect(await getDb().select().from(mobilityEvidence).where(eq(mobilityEvidence.mobilityId, mobilityId))).toHaveLength(0);
  });

  it("a teacher edits the evidence of their own mobility only; a headteacher none", async () => {
    const teacher = await createMember(getDb(), orgId, "teacher");
    const own = await newMobility("SM-JOB-SHDW", { participantEmail: teacher.email.toUpperCase() });
    const others = await newMobility();
    const caller = callerFor(getDb(), teacher);
    expect((await caller.evidence.list({ orgId, mobilityId: own })).canEdit).toBe(true);
    expect((await caller.evidence.list({ orgId, mobilityId: others })).canEdit).toBe(false);
    await expect(caller.evidence.setDone({ orgId, mobilityId: own, kind: "travel_proof", done: true })).resolves.toMatchObject({ done: true });
    expect(await failure(caller.evidence.setDone({ orgId, mobilityId: others, kind: "travel_proof", done: true }))).toMatchObject({ code: "FORBIDDEN" });
    const teacherActor = await resolveActor(getDb(), teacher.id, orgId);
    await expect(uploadEvidenceFile(getDb(), teacherActor, { mobilityId: own, kind: "attendance_certificate", filename: "c.pdf", bytes: PDF }, postgresStorage)).resolves.toBeTruthy();
    expect(
      await failure(uploadEvidenceFile(getDb(), teacherActor, { mobilityId: others, kind: "attendance_certificate", filename: "c.pdf", bytes: PDF }, postgresStorage)),
    ).toMatchObject({ code: "FORBIDDEN" });

    const head = await createMember(getDb(), orgId, "headteacher");
    expect((await callerFor(getDb(), head).evidence.list({ orgId, mobilityId: own })).canEdit).toBe(false);
    expect(await failure(callerFor(getDb(), head).evidence.setDone({ orgId, mobilityId: own, kind: "travel_proof", done: false, version: 1 }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const headActor = await resolveActor(getDb(), head.id, orgId);
    expect(
      await failure(uploadEvidenceFile(getDb(), headActor, { mobilityId: own, kind: "participant_report", filename: "r.pdf", bytes: PDF }, postgresStorage)),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts a mobility's missing required evidence in SQL by the same rules", async () => {
    const jobShadowing = await newMobility("SM-JOB-SHDW", { status: "completed" });
    const accompanying = await newMobility("SM-TTA", { accompanying: true, status: "completed" });
    const longTerm = await newMobility("LM-LONG-PUPILS", { status: "completed" });
    const caller = callerFor(getDb(), coordinator);
    await caller.evidence.setDone({ orgId, mobilityId: jobShadowing, kind: "attendance_certificate", done: true });
    // An item that exists but is not done still counts as missing.
    await caller.evidence.setDone({ orgId, mobilityId: jobShadowing, kind: "travel_proof", done: false, note: "Asked for the tickets" });
    await caller.evidence.setDone({ orgId, mobilityId: accompanying, kind: "attendance_certificate", done: true });
    await caller.evidence.setDone({ orgId, mobilityId: accompanying, kind: "travel_proof", done: true });

    const rows = await getDb()
      .select({ id: mobilities.id, missing: missingEvidenceCountSql })
      .from(mobilities)
      .where(and(eq(mobilities.organisationId, orgId), eq(mobilities.status, "completed")));
    const missing = Object.fromEntries(rows.map((r) => [r.id, r.missing]));
    expect(missing[jobShadowing]).toBe(2);
    expect(missing[accompanying]).toBe(0);
    expect(missing[longTerm]).toBe(4);
    for (const id of [jobShadowing, accompanying, longTerm]) {
      expect((await caller.evidence.list({ orgId, mobilityId: id })).missingRequired).toBe(missing[id]);
    }
  });
});
