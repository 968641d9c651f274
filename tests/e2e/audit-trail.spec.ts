import { expect, test } from "@playwright/test";
import { login, switchLanguage } from "./helpers";

/*
 * The audit trail reads as sentences in the user's language: what happened to whom, the subject linked
 * to its page, field labels and formatted values — no internal keys, JSON or UUIDs. Reads only (the
 * demo school's trail, which every spec before this one adds to).
 */

const HEADTEACHER = "ravnateljica@os-lipa.si";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const INTERNAL_KEY = /\b[a-z]+(Cents|Id|Hash|Access)\b/;

for (const language of ["en", "sl"] as const) {
  test(`the audit trail in words (${language})`, async ({ page }) => {
    await login(page, HEADTEACHER);
    if (language === "sl") await switchLanguage(page, "Slovenščina");
    const schoolUrl = page.url().replace(/\/projects$/, "");
    await page.goto(`${schoolUrl}/audit`);
    const table = page.getByTestId("audit-table");
    await expect(table).toBeVisible();

    // Filter to mobilities: every entry is a sentence about a person's mobility, linked to it.
    await page.locator("#audit-entity").click();
    await page.getByRole("option", { name: language === "en" ? "Mobility" : "Mobilnost", exact: true }).press("Enter");
    const logged = page.getByTestId("audit-sentence").filter({ hasText: language === "en" ? "Logged a mobility of" : "Zabeležena mobilnost:" }).first();
    await expect(logged).toBeVisible();
    const link = logged.getByRole("link");
    await expect(link).toHaveAttribute("href", /\/projects\/[0-9a-f-]{36}\/mobilities\/[0-9a-f-]{36}$/);

    // Field labels and values in words.
    const text = (await table.innerText()).replaceAll("\n", " ");
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(INTERNAL_KEY);
    expect(text).not.toContain("{");
    expect(text).toContain(language === "en" ? "Start date" : "Datum začetka");
    expect(text).toMatch(language === "en" ? /Activity\s+Job shadowing|Activity\s+\w/ : /Aktivnost\s+\S/);

    await page.screenshot({ path: `test-results/audit-trail-${language}.png`, fullPage: false });
    // The subject's link opens the mobility.
    await link.click();
    await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
    if (language === "sl") await switchLanguage(page, "English");
  });
}
