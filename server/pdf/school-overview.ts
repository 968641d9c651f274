import path from "node:path";
import PDFDocument from "pdfkit";

/*
 * The headteacher's school overview as a PDF file (A4 landscape), drawn with pdfkit.
 *
 * Layout only: the route handler (app/api/s/[orgId]/overview.pdf) translates and formats every
 * figure exactly as the page does, so the file says what the page says. The font is DejaVu Sans from
 * the npm package `dejavu-fonts-ttf`, embedded (subset) so that č, š, ž, ð, þ … print on any machine.
 */

const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const REGULAR = path.join(FONT_DIR, "DejaVuSans.ttf");
const BOLD = path.join(FONT_DIR, "DejaVuSans-Bold.ttf");

export interface OverviewPdfRisk {
  text: string;
  severity: "error" | "warning";
}

export interface OverviewPdfRow {
  title: string;
  projectNumber: string;
  /** e.g. "KA122-SCH · 1. 9. 2025 – 30. 11. 2026" */
  meta: string;
  status: string;
  /** Committed ÷ awarded in %, or null without an award. */
  budgetUsedPercent: number | null;
  budgetUsedLabel: string;
  budgetUsedDetail: string;
  durationElapsedPercent: number;
  durationElapsedLabel: string;
  participants: string;
  risks: OverviewPdfRisk[];
}

export interface OverviewPdf {
  /** Document language (BCP 47), title and the lines under it. */
  locale: string;
  title: string;
  subtitle: string[];
  headers: { project: string; status: string; budgetUsed: string; durationElapsed: string; participants: string; risks: string };
  noRisks: string;
  empty: string;
  /** "Page {page} of {pages}" as a function, so the caller translates it. */
  pageLabel: (page: number, pages: number) => string;
  rows: OverviewPdfRow[];
}

const MARGIN = 36;
const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const COLUMNS = [
  { key: "project", width: 236 },
  { key: "status", width: 78 },
  { key: "budgetUsed", width: 150 },
  { key: "durationElapsed", width: 84 },
  { key: "participants", width: 64, align: "right" as const },
  { key: "risks", width: 158 },
] as const;
const GAP = 8;
const COLOURS = {
  text: "#0f172a",
  muted: "#64748b",
  rule: "#cbd5e1",
  track: "#e2e8f0",
  bar: "#0f172a",
  warning: "#b45309",
  error: "#b91c1c",
};

function columnX(index: number): number {
  let x = MARGIN;
  for (let i = 0; i < index; i += 1) x += (COLUMNS[i]?.width ?? 0) + GAP;
  return x;
}

/** The budget bar's colour, as on the page: over the award red, from 90 % amber. */
function barColour(percent: number): string {
  if (percent > 100) return COLOURS.error;
  if (percent >= 90) return COLOURS.warning;
  return COLOURS.bar;
}

export function renderSchoolOverviewPdf(input: OverviewPdf): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: MARGIN,
    bufferPages: true,
    lang: input.locale,
    info: { Title: input.title, Subject: input.subtitle.join(" · "), Creator: "Mobilo" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const bottom = PAGE.height - MARGIN - 18; // room for the page number

  doc.font("bold").fontSize(16).fillColor(COLOURS.text).text(input.title, MARGIN, MARGIN);
  doc.font("regular").fontSize(9).fillColor(COLOURS.muted);
  for (const line of input.subtitle) doc.text(line);
  let y = doc.y + 12;

  const header = () => {
    doc.font("bold").fontSize(8).fillColor(COLOURS.muted);
    let height = 0;
    COLUMNS.forEach((column, i) => {
      const text = input.headers[column.key];
      doc.text(text, columnX(i), y, { width: column.width, align: "align" in column ? column.align : "left" });
      height = Math.max(height, doc.heightOfString(text, { width: column.width }));
    });
    y += height + 4;
    doc.moveTo(MARGIN, y).lineTo(PAGE.width - MARGIN, y).lineWidth(0.8).strokeColor(COLOURS.rule).stroke();
    y += 6;
  };
  header();

  if (input.rows.length === 0) {
    doc.font("regular").fontSize(9).fillColor(COLOURS.muted).text(input.empty, MARGIN, y);
  }

  for (const row of input.rows) {
    const rowHeight = measureRow(doc, row, input.noRisks);
    if (y + rowHeight > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    drawRow(doc, row, y, input.noRisks);
    y += rowHeight + 6;
    doc.moveTo(MARGIN, y - 3).lineTo(PAGE.width - MARGIN, y - 3).lineWidth(0.4).strokeColor(COLOURS.rule).stroke();
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    doc.font("regular").fontSize(7).fillColor(COLOURS.muted);
    // Writing below the bottom margin would start a new page: lift the margin for the footer line.
    doc.page.margins.bottom = 0;
    doc.text(input.pageLabel(i + 1, range.count), MARGIN, PAGE.height - MARGIN, { width: PAGE.width - 2 * MARGIN, align: "right", lineBreak: false });
  }
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function projectCellHeight(doc: Doc, row: OverviewPdfRow): number {
  const width = COLUMNS[0].width;
  doc.font("bold").fontSize(9);
  let h = doc.heightOfString(row.title, { width });
  doc.font("regular").fontSize(7.5);
  h += doc.heightOfString(row.projectNumber, { width }) + doc.heightOfString(row.meta, { width }) + 2;
  return h;
}

function risksHeight(doc: Doc, row: OverviewPdfRow, noRisks: string): number {
  const width = COLUMNS[5].width;
  doc.font("regular").fontSize(7.5);
  if (row.risks.length === 0) return doc.heightOfString(noRisks, { width });
  return row.risks.reduce((sum, risk) => sum + doc.heightOfString(`• ${risk.text}`, { width }) + 1.5, 0);
}

function budgetHeight(doc: Doc, row: OverviewPdfRow): number {
  const width = COLUMNS[2].width;
  doc.font("bold").fontSize(9);
  let h = doc.heightOfString(row.budgetUsedLabel, { width });
  if (row.budgetUsedPercent !== null) {
    doc.font("regular").fontSize(7.5);
    h += 8 + doc.heightOfString(row.budgetUsedDetail, { width });
  }
  return h;
}

function measureRow(doc: Doc, row: OverviewPdfRow, noRisks: string): number {
  return Math.max(projectCellHeight(doc, row), budgetHeight(doc, row), risksHeight(doc, row, noRisks), 22);
}

function bar(doc: Doc, x: number, y: number, width: number, percent: number, colour: string) {
  doc.roundedRect(x, y, width, 4, 2).fill(COLOURS.track);
  const filled = Math.max(0, Math.min(percent, 100)) / 100;
  if (filled > 0) doc.roundedRect(x, y, width * filled, 4, 2).fill(colour);
}

function drawRow(doc: Doc, row: OverviewPdfRow, y: number, noRisks: string) {
  // Project
  const [project, status, budget, duration, participants, risks] = COLUMNS.map((_, i) => columnX(i)) as [number, number, number, number, number, number];
  doc.font("bold").fontSize(9).fillColor(COLOURS.text).text(row.title, project, y, { width: COLUMNS[0].width });
  doc.font("regular").fontSize(7.5).fillColor(COLOURS.muted).text(row.projectNumber, project, doc.y + 1, { width: COLUMNS[0].width });
  doc.text(row.meta, project, doc.y, { width: COLUMNS[0].width });

  doc.font("regular").fontSize(8.5).fillColor(COLOURS.text).text(row.status, status, y, { width: COLUMNS[1].width });

  if (row.budgetUsedPercent === null) {
    doc.font("regular").fontSize(8.5).fillColor(COLOURS.muted).text(row.budgetUsedLabel, budget, y, { width: COLUMNS[2].width });
  } else {
    doc.font("bold").fontSize(9).fillColor(COLOURS.text).text(row.budgetUsedLabel, budget, y, { width: COLUMNS[2].width });
    const barY = doc.y + 1;
    bar(doc, budget, barY, COLUMNS[2].width, row.budgetUsedPercent, barColour(row.budgetUsedPercent));
    doc.font("regular").fontSize(7.5).fillColor(COLOURS.muted).text(row.budgetUsedDetail, budget, barY + 7, { width: COLUMNS[2].width });
  }

  doc.font("regular").fontSize(9).fillColor(COLOURS.text).text(row.durationElapsedLabel, duration, y, { width: COLUMNS[3].width });
  bar(doc, duration, doc.y + 1, COLUMNS[3].width, row.durationElapsedPercent, COLOURS.bar);

  doc.font("regular").fontSize(9).fillColor(COLOURS.text).text(row.participants, participants, y, { width: COLUMNS[4].width, align: "right" });

  doc.fontSize(7.5);
  if (row.risks.length === 0) {
    doc.fillColor(COLOURS.muted).text(noRisks, risks, y, { width: COLUMNS[5].width });
  } else {
    let ry = y;
    for (const risk of row.risks) {
      doc.fillColor(risk.severity === "error" ? COLOURS.error : COLOURS.warning).text(`• ${risk.text}`, risks, ry, { width: COLUMNS[5].width });
      ry = doc.y + 1.5;
    }
  }
}
