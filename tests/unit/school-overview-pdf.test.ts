import { describe, expect, it } from "vitest";
import { renderSchoolOverviewPdf, type OverviewPdf, type OverviewPdfRow } from "@/server/pdf/school-overview";
import { pdfText } from "../helpers/pdf";

/* The overview PDF (server/pdf/school-overview.ts), read back with pdf.js: what a headteacher would see in it. */

const row = (n: number, overrides: Partial<OverviewPdfRow> = {}): OverviewPdfRow => ({
  title: `Učenci brez meja ${n}: čebelarstvo, šport in življenje ob morju`,
  projectNumber: `2025-1-SI01-KA122-SCH-${String(n).padStart(9, "0")}`,
  meta: "KA122-SCH · 1. 9. 2025 – 30. 11. 2026",
  status: "Aktiven",
  budgetUsedPercent: 40 + n,
  budgetUsedLabel: `${40 + n} %`,
  budgetUsedDetail: "12.345,67 € od 30.000,00 €",
  durationElapsedPercent: 55,
  durationElapsedLabel: "55 %",
  participants: `${n} / 30`,
  risks: n % 3 === 0 ? [{ text: "Manjkajoča dokazila pri 2 zaključenih mobilnostih", severity: "warning" }] : [],
  ...overrides,
});

const document = (rows: OverviewPdfRow[]): OverviewPdf => ({
  locale: "sl",
  title: "Pregled šole",
  subtitle: ["OŠ Lipa (E12345678)", "Stanje na dan 26. 11. 2026"],
  headers: { project: "Projekt", status: "Stanje", budgetUsed: "Porabljen proračun", durationElapsed: "Pretečeni čas", participants: "Udeleženci", risks: "Tveganja" },
  noRisks: "Brez tveganj",
  empty: "Šola še nima projektov.",
  pageLabel: (page, pages) => `Stran ${page} od ${pages}`,
  rows,
});

describe("renderSchoolOverviewPdf", () => {
  it("prints every project with its figures, in Slovenian with its letters, on as many pages as it needs", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i + 1));
    rows[4] = row(5, { budgetUsedPercent: null, budgetUsedLabel: "Dodeljena sredstva niso vnesena", budgetUsedDetail: "" });
    rows[6] = row(7, { risks: [{ text: "Zaključno poročilo zamuja 12 dni (rok 30. 1. 2027)", severity: "error" }] });
    const bytes = await renderSchoolOverviewPdf(document(rows));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const { pages, title } = await pdfText(bytes);
    expect(title).toBe("Pregled šole");
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join(" ");
    expect(pages[0]).toContain("Pregled šole");
    expect(pages[0]).toContain("OŠ Lipa (E12345678)");
    for (const r of rows) expect(all).toContain(r.projectNumber);
    expect(all).toContain("čebelarstvo, šport in življenje");
    expect(all).toContain("12.345,67 € od 30.000,00 €");
    expect(all).toContain("Dodeljena sredstva niso vnesena");
    expect(all).toContain("Zaključno poročilo zamuja 12 dni");
    expect(all).toContain("Manjkajoča dokazila");
    // The header row repeats on every page, and every page is numbered.
    pages.forEach((text, i) => {
      expect(text).toContain("Porabljen proračun");
      expect(text).toContain(`Stran ${i + 1} od ${pages.length}`);
    });
  });

  it("says so when the school has no project", async () => {
    const { pages } = await pdfText(await renderSchoolOverviewPdf(document([])));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("Šola še nima projektov.");
    expect(pages[0]).toContain("Stran 1 od 1");
  });
});
