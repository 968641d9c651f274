import { expect, test } from "@playwright/test";
import { login, switchLanguage, uniqueProjectNumber } from "./helpers";

/*
 * The audit trail reads as sentences in the user's language: what happened to what, the subject linked
 * to its page, field labels and values as the app shows them — no internal keys, JSON or UUIDs.
 * Creates its own project, so it reads only entries it made.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const INTERNAL_KEY = /\b[a-z]+[A-Z]\w*(Cents|Id|Hash|Access|Percent|Days)\b/;

for (const language of ["en", "sl"] as const) {
  test(`the audit trail in words (${language})`, async ({ page }) => {
    const en = language === "en";
    await login(page);
    if (!en) await switchLanguage(page, "Slovenščina");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en ? "Projects" : "Projekti");
    const schoolUrl = page.url().replace(/\/projects$/, "");

    await page.goto(`${schoolUrl}/projects/new`);
    const title = `Audited ${language} ${Date.now() % 100000}`;
    await page.getByLabel(en ? "Project number" : "Številka projekta").fill(uniqueProjectNumber(2025, "KA122"));
    await page.getByLabel(en ? "Title" : "Naslov").fill(title);
    await page.getByLabel(en ? "Start date" : "Začetek").fill("2025-09-01");
    await page.getByLabel(en ? "End date" : "Konec").fill("2026-08-31");
    await page.getByLabel(en ? "Travel" : "Potni stroški").fill(en ? "12540.00" : "12.540,00");
    await page.getByRole("button", { name: en ? "Create project" : "Ustvari projekt" }).click();
    await expect(page.getByTestId("awarded-total")).toBeVisible();
    const projectUrl = page.url();

    await page.goto(`${projectUrl}/audit`);
    const table = page.getByTestId("audit-table");
    await expect(table).toBeVisible();
    const sentence = page.getByTestId("audit-sentence").first();
    await expect(sentence).toHaveText(en ? `Created the project ${title}` : `Ustvarjen projekt ${title}`);
    await expect(sentence.getByRole("link", { name: title })).toHaveAttribute("href", new URL(projectUrl).pathname);

    const text = (await table.innerText()).replaceAll("\n", " ");
    expect(text).toContain(en ? "Awarded: Travel" : "Dodeljeno: Potni stroški");
    expect(text).toMatch(en ? /€12,540\.00/ : /12\.540,00\s€/);
    expect(text).toMatch(en ? /Sector\s+School education/ : /Sektor\s+Šolsko izobraževanje/);
    expect(text).toContain(en ? "Call year" : "Leto razpisa");
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(INTERNAL_KEY);
    expect(text).not.toContain("{");
    await page.screenshot({ path: `test-results/audit-trail-${language}.png` });

    await sentence.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(projectUrl);
    if (!en) await switchLanguage(page, "English");
  });
}
