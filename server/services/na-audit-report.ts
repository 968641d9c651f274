import ExcelJS from "exceljs";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { findingMessages, findings, lineColumnsOf, linesOfRow, mobilities, participants, users } from "@/db/schema";
import { GRANT_LINES } from "@/server/rules";
import { COMPLIANCE_FLAGS, type TNaAuditReportInput, type TReportLabels } from "@/server/schemas/na";
import { missingEvidenceCountSql } from "./evidence";
import { listNaSchools, scanCompliance, type Officer, type TPortfolioRow } from "./na-oversight";
import { notFound } from "@/server/errors";
import { env } from "@/server/env";
import { zonedDate, zonedDateTime } from "@/lib/zoned-time";

/*
 * The audit report an officer downloads (XLSX): a summary sheet with one row per project and its
 * flags, then one sheet per project with its mobilities and their stored grant lines, its flags and
 * its findings (with every message). Scope: one school, or every school of one of the officer's NAs.
 * Money is written as euros with a currency format (cents / 100: a change of unit for the spreadsheet).
 */


const EURO_FORMAT = '#,##0.00 "€"';
const euros = (cents: number) => cents / 100;

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
function sheetName(base: string, taken: Set<string>): string {
  const clean = base.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
  let name = clean;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

async function loadDetails(db: Db, rows: TPortfolioRow[]) {
  const projectIds = rows.map((r) => r.projectId);
  if (projectIds.length === 0) return { mobilityRows: [], findingRows: [], messageRows: [] };
  const mobilityRows = await db
    .select({
      projectId: mobilities.projectId,
      id: mobilities.id,
      activityType: mobilities.activityType,
      status: mobilities.status,
      startDate: mobilities.startDate,
      endDate: mobilities.endDate,
      destinationCountry: mobilities.destinationCountry,
      destinationTown: mobilities.destinationTown,
      firstName: participants.firstName,
      lastName: participants.lastName,
      ...lineColumnsOf(mobilities),
      total: mobilities.grantTotalCents,
      unknownLines: mobilities.grantUnknownLines,
      eligible: mobilities.grantEligible,
      issues: mobilities.grantIssues,
      missingEvidence: missingEvidenceCountSql,
    })
    .from(mobilities)
    .leftJoin(participants, and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)))
    .where(inArray(mobilities.projectId, projectIds))
    .orderBy(asc(mobilities.startDate), asc(mobilities.id));
  const findingRows = await db.select().from(findings).where(inArray(findings.projectId, projectIds)).orderBy(asc(findings.createdAt));
  const messageRows = findingRows.length
    ? await db
        .select({ findingId: findingMessages.findingId, body: findingMessages.body, createdAt: findingMessages.createdAt, author: users.name })
        .from(findingMessages)
        .leftJoin(users, eq(users.id, findingMessages.authorId))
        .where(inArray(findingMessages.findingId, findingRows.map((f) => f.id)))
        .orderBy(asc(findingMessages.createdAt))
    : [];
  return { mobilityRows, findingRows, messageRows };
}

async function buildNaAuditReport(db: Db, officer: Officer, scope: { naCode?: string; schoolId?: string }, labels: TReportLabels): Promise<Buffer> {
  const rows = await scanCompliance(db, officer, { ...scope, sort: "school" });
  const { mobilityRows, findingRows, messageRows } = await loadDetails(db, rows);
  const L = labels.report;
  const flagsText = (row: TPortfolioRow) => COMPLIANCE_FLAGS.filter((f) => row.flags[f]).map(labels.flag).join("; ");

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Mobilo";
  workbook.created = new Date();
  const taken = new Set<string>();

  const summary = workbook.addWorksheet(sheetName(L("summary"), taken));
  summary.columns = [
    { header: L("school"), key: "school", width: 32 },
    { header: L("projectNumber"), key: "number", width: 33 },
    { header: L("projectTitle"), key: "title", width: 40 },
    { header: L("action"), key: "action", width: 8 },
    { header: L("callYear"), key: "year", width: 8 },
    { header: L("status"), key: "status", width: 14 },
    { header: L("mobilities"), key: "mobilities", width: 10 },
    { header: L("awarded"), key: "awarded", width: 14, style: { numFmt: EURO_FORMAT } },
    { header: L("committed"), key: "committed", width: 14, style: { numFmt: EURO_FORMAT } },
    { header: L("incomplete"), key: "incomplete", width: 14 },
    { header: L("realised"), key: "realised", width: 14, style: { numFmt: EURO_FORMAT } },
    { header: L("risk"), key: "risk", width: 8 },
    { header: L("flags"), key: "flags", width: 60 },
    { header: L("findings"), key: "findings", width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  summary.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of rows) {
    summary.addRow({
      school: row.schoolName,
      number: row.projectNumber,
      title: row.title,
      action: row.action,
      year: row.callYear,
      status: labels.projectStatus(row.status),
      mobilities: row.mobilityCount,
      awarded: euros(row.awardedTotalCents),
      committed: euros(row.committedTotalCents),
      incomplete: row.committedIncomplete,
      realised: euros(row.realisedTotalCents),
      risk: row.risk,
      flags: flagsText(row),
      findings: findingRows.filter((f) => f.projectId === row.projectId).length,
    });
  }

  for (const row of rows) {
    const sheet = workbook.addWorksheet(sheetName(row.projectNumber, taken));
    sheet.addRow([L("school"), row.schoolName]);
    sheet.addRow([L("projectNumber"), row.projectNumber]);
    sheet.addRow([L("projectTitle"), row.title]);
    sheet.addRow([L("period"), `${row.startDate} – ${row.endDate}`]);
    sheet.addRow([L("status"), labels.projectStatus(row.status)]);
    sheet.addRow([]);
    const budgetHeader = sheet.addRow([L("category"), L("awarded"), L("committed"), L("realised")]);
    budgetHeader.font = { bold: true };
    for (const line of GRANT_LINES) {
      const r = sheet.addRow([labels.category(line), euros(row.awarded[line]), euros(row.committed[line]), euros(row.realised[line])]);
      for (const c of [2, 3, 4]) r.getCell(c).numFmt = EURO_FORMAT;
    }
    sheet.addRow([]);
    sheet.addRow([L("flags")]).font = { bold: true };
    const raised = COMPLIANCE_FLAGS.filter((f) => row.flags[f]);
    if (raised.length === 0) sheet.addRow([L("noFlags")]);
    for (const f of raised) sheet.addRow([labels.flag(f)]);
    sheet.addRow([]);
    sheet.addRow([L("mobilities")]).font = { bold: true };
    const header = sheet.addRow([
      L("participant"), L("activity"), L("status"), L("start"), L("end"), L("destination"),
      ...GRANT_LINES.map(labels.category), L("total"), L("complete"), L("eligible"), L("issues"), L("missingEvidence"),
    ]);
    header.font = { bold: true };
    for (const m of mobilityRows.filter((x) => x.projectId === row.projectId)) {
      const lines = linesOfRow("grant", m);
      const r = sheet.addRow([
        m.firstName ? `${m.firstName} ${m.lastName ?? ""}`.trim() : "",
        labels.activity(m.activityType),
        labels.mobilityStatus(m.status),
        m.startDate,
        m.endDate,
        `${m.destinationTown}, ${m.destinationCountry}`,
        // An unknown line (a missing figure) is named, never shown as 0 €; the total is then "at least".
        ...GRANT_LINES.map((line) => (m.unknownLines.includes(line) ? L("unknownLine") : euros(lines[line]))),
        euros(m.total),
        m.unknownLines.length === 0 ? L("yes") : L("atLeast"),
        m.eligible ? L("yes") : L("no"),
        m.issues.map((i) => labels.issue({ code: i.code, params: i.params })).join("\n"),
        m.status === "completed" ? m.missingEvidence : 0,
      ]);
      for (let c = 7; c <= 7 + GRANT_LINES.length; c++) r.getCell(c).numFmt = EURO_FORMAT;
    }
    sheet.addRow([]);
    sheet.addRow([L("findings")]).font = { bold: true };
    const own = findingRows.filter((f) => f.projectId === row.projectId);
    if (own.length === 0) sheet.addRow([L("noFindings")]);
    for (const finding of own) {
      sheet.addRow([finding.title, labels.findingStatus(finding.status), zonedDate(finding.createdAt, env.MOBILO_TIME_ZONE)]).font = { italic: true };
      for (const message of messageRows.filter((x) => x.findingId === finding.id)) {
        sheet.addRow(["", message.author ?? "", zonedDateTime(message.createdAt, env.MOBILO_TIME_ZONE).slice(0, 16), message.body]);
      }
    }
    sheet.getColumn(1).width = 30;
    sheet.getColumn(2).width = 28;
    sheet.getColumn(6).width = 24;
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The report for one of the officer's schools or NAs, with its file name. A school or an NA that is not
 * the officer's is NOT_FOUND, like anything else that is not theirs.
 */
export async function naAuditReportFile(db: Db, officer: Officer, input: TNaAuditReportInput): Promise<{ bytes: Buffer; filename: string }> {
  let scope: { schoolId?: string; naCode?: string };
  let name: string;
  if (input.schoolId !== undefined) {
    const school = (await listNaSchools(db, officer)).find((s) => s.id === input.schoolId);
    if (!school) throw notFound();
    scope = { schoolId: school.id };
    name = school.name;
  } else {
    const naCode = input.naCode ?? officer.naCodes[0];
    if (naCode === undefined || !officer.naCodes.includes(naCode)) throw notFound();
    scope = { naCode };
    name = naCode;
  }
  const bytes = await buildNaAuditReport(db, officer, scope, input.labels);
  const day = zonedDate(new Date(), env.MOBILO_TIME_ZONE);
  const slug = name.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/-+/g, "-").toLowerCase();
  return { bytes, filename: `audit-${slug}-${day}.xlsx` };
}
