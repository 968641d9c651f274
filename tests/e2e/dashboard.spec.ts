import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { pdfText } from "../helpers/pdf";
import { login, switchLanguage } from "./helpers";

/*
 * The project dashboard and the school overview, in English and Slovenian, as a coordinator of the
 * Icelandic demo school (IS01 publishes every rate, so its grants are complete) and as the
 * headteacher of OŠ Lipa, who sees everything and can edit nothing. Screenshots go to
 * test-results/dashboard/ to be looked at.
 */

const SHOTS = "test-results/dashboard";
const IS_COORDINATOR = "verkefnastjori@hlidaskoli.is";
const HEADTEACHER = "ravnateljica@os-lipa.si";
const IS_PROJECT = "2024-1-IS01-KA122-SCH-000204567";

async function openIcelandicDashboard(page: Page) {
  await page.getByRole("link", { name: /Opening doors/ }).first().click();
  await page.getByTestId("open-dashboard").click();
  await expect(page.getByTestId("project-dashboard")).toBeVisible();
}

/** "€1,234.56" / "1.234,56 €" → cents, for comparing figures shown on two pages. */
function cents(text: string): number {
  const digits = text.replace(/[^\d,.-]/g, "");
  const normalised = /,\d{2}$/.test(digits) ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  return Math.round(Number(normalised) * 100);
}

test("project dashboard: figures, warnings and chart, in English and Slovenian", async ({ page }) => {
  await login(page, IS_COORDINATOR);
  await openIcelandicDashboard(page);

  // Awarded 11 800 + 28 700 + 6 500 + 1 600 + 375 EUR (the seed's grant agreement).
  await expect(page.getByTestId("total-awarded")).toHaveText("€48,975.00");
  await expect(page.getByTestId("count-completed")).toHaveText("1");
  await expect(page.getByTestId("count-planned")).toHaveText("1");
  await expect(page.getByTestId("dashboard-participants")).toHaveText("2 of 30");
  const committed = cents(await page.getByTestId("total-committed").innerText());
  const realised = cents(await page.getByTestId("total-realised").innerText());
  const remaining = cents(await page.getByTestId("total-remaining").innerText());
  expect(realised).toBeGreaterThan(0);
  expect(committed).toBeGreaterThan(realised);
  expect(remaining).toBe(4_897_500 - committed);
  // The project ended a year ago and is still running: the final report is overdue.
  await expect(page.locator('[data-code="finalReportOverdue"]')).toBeVisible();
  await expect(page.getByTestId("spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-en.png`, fullPage: true });

  await switchLanguage(page, "Slovenščina");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finančni pregled");
  await expect(page.getByTestId("total-awarded")).toHaveText("48.975,00 €");
  expect(cents(await page.getByTestId("total-committed").innerText())).toBe(committed);
  await page.screenshot({ path: `${SHOTS}/dashboard-sl.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/dashboard-sl-390.png`, fullPage: true });
  await switchLanguage(page, "English");
});

test("school overview: every project with its figures, printable and as a PDF file", async ({ page, request }) => {
  await login(page, IS_COORDINATOR);
  await openIcelandicDashboard(page);
  const committed = cents(await page.getByTestId("total-committed").innerText());

  await page.getByRole("link", { name: "School overview" }).first().click();
  await expect(page.getByTestId("school-overview")).toBeVisible();
  const row = page.locator(`tr[data-project="${IS_PROJECT}"]`);
  await expect(row).toBeVisible();
  const expectedPercent = Math.round((committed / 4_897_500) * 1000) / 10;
  await expect(row.getByTestId("budget-used")).toHaveText(`${expectedPercent} %`);
  await expect(row.getByTestId("participants")).toHaveText("2 / 30");
  await expect(page.getByTestId("download-pdf")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview-en.png`, fullPage: true });

  await switchLanguage(page, "Slovenščina");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pregled šole");
  await page.screenshot({ path: `${SHOTS}/overview-sl.png`, fullPage: true });

  // The PDF is a file with the same figures, in the page's language.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^school-overview-E\d+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = await readFile(await download.path());
  await writeFile(`${SHOTS}/overview-sl.pdf`, bytes); // to be looked at, like the screenshots
  const pdf = await pdfText(bytes);
  expect(pdf.title).toBe("Pregled šole");
  const text = pdf.pages.join(" ");
  expect(text).toContain(IS_PROJECT);
  expect(text).toContain(`${new Intl.NumberFormat("sl").format(expectedPercent)} %`);
  expect(text).toContain("Hlíðaskóli");
  // Nobody else gets it: not a member → no such school; signed out → 401.
  const orgId = new URL(page.url()).pathname.split("/")[2] ?? "";
  expect((await page.request.get(`/api/s/00000000-0000-4000-8000-000000000000/overview.pdf`)).status()).toBe(404);
  expect((await page.request.get(`/api/s/${orgId}/overview.pdf`)).status()).toBe(200);
  expect((await request.get(`/api/s/${orgId}/overview.pdf`)).status()).toBe(401);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("download-pdf")).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/overview-sl-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/overview-sl-390.png`, fullPage: true });
  await switchLanguage(page, "English");
});

test("the headteacher sees every project and its dashboard, and nothing to edit", async ({ page }) => {
  await login(page, HEADTEACHER);
  await page.getByRole("link", { name: "School overview" }).first().click();
  const rows = page.getByTestId("overview-table").locator("tbody tr");
  // The school's two demo projects (other specs may have added projects of their own by now).
  await expect(rows.filter({ hasText: "2025-1-SI01-KA122-SCH-000312456" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "2024-1-SI01-KA121-SCH-000245113" })).toHaveCount(1);
  const main = page.locator("main");
  // Only the print button and the PDF link: nothing that edits.
  await expect(main.getByRole("button")).toHaveCount(1);
  await expect(main.getByTestId("print")).toBeVisible();
  await expect(main.getByTestId("download-pdf")).toHaveAttribute("href", /\/overview\.pdf$/);
  await page.screenshot({ path: `${SHOTS}/overview-headteacher-en.png`, fullPage: true });

  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("project-dashboard")).toBeVisible();
  await expect(page.getByTestId("total-awarded")).not.toHaveText("");
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(main.getByRole("link")).toHaveCount(1); // back to the project
  await page.screenshot({ path: `${SHOTS}/dashboard-headteacher-en.png`, fullPage: true });

  await main.getByRole("link").click();
  await expect(page.getByTestId("open-dashboard")).toBeVisible();
  await expect(main.getByRole("link", { name: "Log mobility" })).toHaveCount(0);
});
