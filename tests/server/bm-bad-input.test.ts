import { randomBytes } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, bmImports, memberships, mobilities, participants, partnerOrganisations } from "@/db/schema";
import { claimBmImportJob, drainBmImportQueue, requestBmImportCommit, runBmImportJob } from "@/server/services/bm-import-jobs";
import { resolveActor } from "@/server/services/memberships";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

/*
 * Every kind of bad file gets a per-file or per-row message, and a refused dry run writes nothing but
 * the upload itself (no mobility, participant, partner or audit entry). A commit interrupted half-way
 * leaves nothing behind and runs again from the start.
 */
describe("BM import: bad input and crash safety", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let project: { id: string; number: string };

  const HEADERS = ["Data type", "Grant Agreement No.", "Mobility activity ID", "Activity type", "Participant first name", "Participant last name", "Participant email", "Receiving Organisation Name", "Receiving country", "Receiving city", "Start date", "End date", "Travel days", "Distance (km)"];
  const row = (n: number, patch: Partial<Record<string, string>> = {}) => {
    const values: Record<string, string> = {
      "Data type": "Mobility activity", "Grant Agreement No.": project.number, "Mobility activity ID": `${project.number.slice(-6)}-MOB-${String(n).padStart(5, "0")}`,
      "Activity type": "SM-JOB-SHDW", "Participant first name": "Ana", "Participant last name": `Novak${n}`, "Participant email": "",
      "Receiving Organisation Name": "Schule Wien", "Receiving country": "AT", "Receiving city": "Vienna", "Start date": "06.10.2025", "End date": "10.10.2025",
      "Travel days": "2", "Distance (km)": "380", ...patch,
    };
    return HEADERS.map((h) => values[h] ?? "");
  };
  const csv = (rows: string[][], separator = ",", bom = false) => {
    const text = [HEADERS, ...rows].map((r) => r.map((v) => (v.includes(separator) ? `"${v}"` : v)).join(separator)).join("\r\n");
    return new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${text}\r\n`);
  };
  const xlsx = async (build: (workbook: ExcelJS.Workbook) => void) => {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  };
  const upload = (bytes: Uint8Array, fileName = "file.csv") => callerFor(getDb(), coordinator).bm.upload({ orgId, projectId: project.id, fileName, bytes });

  async function written() {
    const db = getDb();
    const [m] = await db.select({ n: count() }).from(mobilities).where(eq(mobilities.organisationId, orgId));
    const [p] = await db.select({ n: count() }).from(participants).where(eq(participants.organisationId, orgId));
    const [o] = await db.select({ n: count() }).from(partnerOrganisations).where(eq(partnerOrganisations.organisationId, orgId));
    const [a] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organisationId, orgId), sql`${auditLog.action} like 'mobility.import%' or ${auditLog.action} = 'bm.import'`));
    return { mobilities: m?.n, participants: p?.n, partners: o?.n, audit: a?.n };
  }

  beforeAll(async () => {
    const db = getDb();
    orgId = (await createSchool(db, { country: "SI", town: "Ljubljana", naCode: "SI01" })).id;
    coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
    const number = projectNumber(2025, "KA121", "SI01");
    const created = await callerFor(db, coordinator).projects.create({
      orgId, action: "KA121", projectNumber: number, title: "P", callYear: 2025, startDate: "2025-06-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    project = { id: created.id, number };
    await createStaff(db, orgId, "Existing");
  });

  it.each([
    ["a PDF", Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(100)]), "bm.file.wrongType"],
    ["an image", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), randomBytes(100)]), "bm.file.wrongType"],
    ["a corrupt XLSX", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(500)]), "bm.file.corrupt"],
    ["a password-protected XLSX", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(500)]), "bm.file.encryptedOrXls"],
    ["an empty file", Buffer.alloc(0), "bm.file.empty"],
    ["a 50 MB file", Buffer.alloc(50 * 1024 * 1024, 0x41), "bm.file.tooLarge"],
  ])("refuses %s with a file-level message and stores nothing", async (_name, bytes, code) => {
    const before = await written();
    const [imports] = await getDb().select({ n: count() }).from(bmImports).where(eq(bmImports.organisationId, orgId));
    const result = await upload(new Uint8Array(bytes));
    expect(result).toMatchObject({ ok: false, fileError: { code } });
    expect(await written()).toEqual(before);
    const [after] = await getDb().select({ n: count() }).from(bmImports).where(eq(bmImports.organisationId, orgId));
    expect(after?.n).toBe(imports?.n);
  });

  it.each([
    [",", false],
    [",", true],
    [";", false],
    [";", true],
  ] as const)("reads CSV separated by '%s' (BOM: %s)", async (separator, bom) => {
    const result = await upload(csv([row(1), row(2, { "Receiving Organisation Name": "Liceo; Roma, Centro" })], separator, bom));
    expect(result.ok && result.dryRun).toMatchObject({ dataRows: 2, create: 2, errors: 0 });
  });

  it("reads Windows-1250 text and says so", async () => {
    const header = HEADERS.join(";");
    const line = row(1, { "Participant first name": "Žiga", "Participant last name": "Šešok", "Receiving city": "Vienna" }).join(";");
    // "Ž" is 0x8E and "Š" 0x8A, "š" 0x9A in Windows-1250; the rest is ASCII.
    const encode = (text: string) => Uint8Array.from([...text].map((c) => ({ Ž: 0x8e, Š: 0x8a, š: 0x9a })[c] ?? c.charCodeAt(0)));
    const result = await upload(encode(`${header}\r\n${line}\r\n`));
    if (!result.ok) throw new Error("refused");
    expect(result.dryRun.issues).toContainEqual(expect.objectContaining({ code: "bm.file.readAsWindows1250", severity: "warning" }));
    expect(result.dryRun.errors).toBe(0);
    const feedback = await callerFor(getDb(), coordinator).bm.feedbackFile({ orgId, importId: result.importId, translations: { message: (code) => code } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(feedback.bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(2).getCell(5).value).toBe("Žiga");
    expect(sheet?.getRow(2).getCell(6).value).toBe("Šešok");
    // The file-level warning is the first header cell's comment.
    expect(JSON.stringify(sheet?.getRow(1).getCell(1).note)).toContain("bm.file.readAsWindows1250");
  });

  it("reads Excel serial dates, date cells and dd.mm.yyyy text; refuses formulas per cell; skips empty rows and hidden sheets", async () => {
    const bytes = await xlsx((workbook) => {
      const hidden = workbook.addWorksheet("Old");
      hidden.state = "hidden";
      hidden.addRow(["nothing"]);
      const sheet = workbook.addWorksheet("Mobility activities");
      sheet.addRow(HEADERS);
      const serial = row(1);
      sheet.addRow([...serial.slice(0, 10), 45936, new Date(Date.UTC(2025, 9, 10)), 2, 380]);
      sheet.addRow([]);
      sheet.addRow(row(2));
      const withFormula = sheet.addRow(row(3));
      withFormula.getCell(13).value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    });
    const result = await upload(bytes, "file.xlsx");
    if (!result.ok) throw new Error("refused");
    expect(result.dryRun).toMatchObject({ dataRows: 3, skippedEmptyRows: 1, create: 2, errors: 1 });
    expect(result.dryRun.issues).toContainEqual(expect.objectContaining({ code: "bm.file.hiddenSheetSkipped", params: { sheet: "Old" } }));
    expect(result.dryRun.issues).toContainEqual({ row: 4, column: 12, severity: "error", code: "bm.cell.formula" });
    expect(result.status).toBe("rejected");
    await expect(callerFor(getDb(), coordinator).bm.commit({ orgId, importId: result.importId })).rejects.toThrow();
  });

  it("reports per row: duplicate IDs, another project's IDs and number, bad cells, a missing mandatory column; writes nothing", async () => {
    const before = await written();
    const other = "2025-1-SI01-KA121-SCH-000999999";
    const result = await upload(csv([
      row(1),
      row(1, { "Participant last name": "Twin" }),
      row(2, { "Mobility activity ID": "999999-MOB-00002" }),
      row(3, { "Grant Agreement No.": other }),
      row(4, { "Start date": "31.02.2025", "Receiving country": "Atlantis", "Travel days": "9" }),
      row(5, { "Activity type": "" }),
    ]));
    if (!result.ok) throw new Error("refused");
    const codes = result.dryRun.issues.map((i) => [i.row, i.code]);
    expect(codes).toEqual(expect.arrayContaining([
      [2, "bm.row.duplicateId"],
      [3, "bm.row.idOfOtherProject"],
      [4, "bm.row.otherProject"],
      [5, "bm.cell.date"],
      [5, "bm.cell.dictionary"],
      [5, "bm.cell.range"],
      [6, "bm.cell.required"],
    ]));
    expect(result.status).toBe("rejected");
    expect(await written()).toEqual(before);

    const missing = await upload(new TextEncoder().encode("Data type,Grant Agreement No.\r\nMobility activity,x\r\n"));
    expect(missing.ok && missing.dryRun.issues).toContainEqual(expect.objectContaining({ row: null, code: "bm.file.missingColumn", params: { column: "Mobility activity ID" } }));
  });

  it("a commit interrupted half-way leaves nothing, and runs again from the start", async () => {
    const db = getDb();
    const before = await written();
    const rows = Array.from({ length: 1200 }, (_, i) => row(100 + i, { "Participant email": `p${i}@school.si` }));
    const result = await upload(csv(rows));
    if (!result.ok) throw new Error("refused");
    expect(result.dryRun).toMatchObject({ create: 1200, newParticipants: 1200, errors: 0 });
    // Queued as the commit button does, without starting a worker: this test plays the worker.
    await requestBmImportCommit(db, await resolveActor(db, coordinator.id, orgId), result.importId);
    const job = await claimBmImportJob(db);
    expect(job?.id).toBe(result.importId);
    if (!job) return;
    await expect(runBmImportJob(db, job, { onChunk: (n) => { if (n >= 500) throw new Error("killed"); } })).rejects.toThrow("killed");
    expect(await written()).toEqual(before);
    const [state] = await db.select().from(bmImports).where(eq(bmImports.id, result.importId));
    expect(state?.status).toBe("running");
    // Not claimed again while the lease runs; once the dead worker's lease expires, the next worker applies all of it.
    expect(await claimBmImportJob(db)).toBeNull();
    await db.update(bmImports).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(bmImports.id, result.importId));
    const again = await claimBmImportJob(db);
    expect(again?.id).toBe(result.importId);
    if (!again) return;
    expect(await runBmImportJob(db, again)).toMatchObject({ created: 1200, participantsCreated: 1200 });
    const after = await written();
    expect(after.mobilities).toBe((before.mobilities ?? 0) + 1200);
    expect(after.participants).toBe((before.participants ?? 0) + 1200);
  });

  it("refuses the commit when a mobility changed after the dry run", async () => {
    const db = getDb();
    const caller = callerFor(db, coordinator);
    const first = await upload(csv([row(5000)]));
    if (!first.ok) throw new Error("refused");
    await caller.bm.commit({ orgId, importId: first.importId });
    await drainBmImportQueue(db);
    const dry = await upload(csv([row(5000, { "Travel days": "1" })]));
    if (!dry.ok) throw new Error("refused");
    expect(dry.dryRun).toMatchObject({ update: 1, changes: [expect.objectContaining({ action: "update", fields: [{ field: "travelDays", before: 2, after: 1 }] })] });
    // Someone edits the mobility in the form meanwhile.
    const [stored] = await db.select().from(mobilities).where(and(eq(mobilities.projectId, project.id), eq(mobilities.activityId, `${project.number.slice(-6)}-MOB-05000`)));
    await db.update(mobilities).set({ travelDays: 0, version: (stored?.version ?? 1) + 1 }).where(eq(mobilities.id, stored?.id ?? ""));
    await caller.bm.commit({ orgId, importId: dry.importId });
    await drainBmImportQueue(db);
    const outcome = await caller.bm.get({ orgId, importId: dry.importId });
    expect(outcome).toMatchObject({ status: "failed", outcome: { error: "bm.commit.changedSinceDryRun" } });
    const [unchanged] = await db.select().from(mobilities).where(eq(mobilities.id, stored?.id ?? ""));
    expect(unchanged?.travelDays).toBe(0);
  });

  it("does not apply a queued import whose creator may no longer import (a capability, not a role name)", async () => {
    const db = getDb();
    const importer = await createMember(db, orgId, "coordinator");
    const result = await callerFor(db, importer).bm.upload({ orgId, projectId: project.id, fileName: "later.csv", bytes: csv([row(7000)]) });
    if (!result.ok) throw new Error("refused");
    expect(result.dryRun).toMatchObject({ create: 1, errors: 0 });
    await requestBmImportCommit(db, await resolveActor(db, importer.id, orgId), result.importId);
    // Made a teacher before the worker got to it: teachers have no `bm.import`.
    await db.update(memberships).set({ role: "teacher" }).where(and(eq(memberships.userId, importer.id), eq(memberships.organisationId, orgId)));
    const before = await written();
    const job = await claimBmImportJob(db);
    expect(job?.id).toBe(result.importId);
    if (!job) return;
    expect(await runBmImportJob(db, job)).toEqual({ error: "bm.commit.notAllowed" });
    expect(await written()).toEqual(before);
    const [state] = await db.select({ status: bmImports.status }).from(bmImports).where(eq(bmImports.id, result.importId));
    expect(state?.status).toBe("failed");
  });
});
