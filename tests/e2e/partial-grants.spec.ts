import { expect, test, type Page } from "@playwright/test";
import { choose, login } from "./helpers";

/** The interface language through next-intl's cookie, then the same page again. */
async function switchLanguage(page: Page, language: "English" | "Slovenščina") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: language === "English" ? "en" : "sl", url: page.url() }]);
  await page.reload();
}

/*
 * Issue 11: a Slovenian school whose NA has entered no daily rates logs a job shadowing
 * Ljubljana → Helsinki. Travel (309 €) and organisational support (350 €) are EU unit costs and are
 * shown; individual support says "rate missing"; every total says "at least".
 */

test("a job shadowing to Helsinki without SI01 daily rates: known lines, the missing one named, at least 659 €", async ({ page }) => {
  await login(page);
  // The demo KA121 project of call 2024: other specs give the KA122 project of call 2025 daily rates
  // (the NA's in na-console, the grant agreement's in agreement-rates), none touch call 2024.
  await page.getByRole("link", { name: /Akreditacija Erasmus\+ 2024/ }).first().click();
  await expect(page).toHaveURL(/projects\/[0-9a-f-]{36}$/);
  const projectUrl = page.url();

  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("activity-select"), /^Job shadowing/);
  await choose(page, page.getByTestId("participant-select"), /Jure Golob/);
  await page.locator('input[name="startDate"]').fill("2025-03-03");
  await page.locator('input[name="endDate"]').fill("2025-03-07");
  await page.locator('input[name="receivingOrganisation"]').fill("Helsingin normaalilyseo");
  await choose(page, page.getByTestId("country-select"), /^Finland$/);
  await page.locator('input[name="destinationTown"]').fill("Helsinki");
  await page.locator('input[name="distanceKm"]').fill("1400");

  const panel = page.getByTestId("grant-panel");
  await expect(panel.getByTestId("grant-travel")).toHaveText("€309.00");
  await expect(panel.getByTestId("grant-organisationalSupport")).toHaveText("€350.00");
  await expect(panel.getByTestId("grant-individualSupport")).toHaveText("rate missing");
  await expect(panel.getByTestId("grant-total")).toHaveText("at least €659.00");
  await expect(panel.getByTestId("grant-incomplete")).toBeVisible();

  await page.getByRole("button", { name: "Log mobility" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("grant-total")).toHaveText("at least €659.00");
  await expect(page.getByTestId("grant-individualSupport")).toHaveText("rate missing");
  await page.screenshot({ path: "screenshots/partial-mobility-en.png", fullPage: true });
  await switchLanguage(page, "Slovenščina");
  await expect(page.getByTestId("grant-individualSupport")).toHaveText("manjka znesek");
  await expect(page.getByTestId("grant-total")).toContainText("najmanj");
  await page.screenshot({ path: "screenshots/partial-mobility-sl.png", fullPage: true });
  await switchLanguage(page, "English");

  await page.goto(`${projectUrl}/dashboard`);
  await expect(page.getByTestId("total-committed")).toContainText("at least");
  await expect(page.getByTestId("budget-committed-total")).toContainText("at least");
  await expect(page.locator('[data-code="grantIncomplete"]')).toBeVisible();
  await page.screenshot({ path: "screenshots/partial-dashboard-en.png", fullPage: true });
  await switchLanguage(page, "Slovenščina");
  await expect(page.getByTestId("total-committed")).toContainText("najmanj");
  await page.screenshot({ path: "screenshots/partial-dashboard-sl.png", fullPage: true });
  await switchLanguage(page, "English");

  await page.goto(projectUrl);
  await expect(page.getByTestId("grant-unknown").first()).toBeVisible();
});

test("the public calculator shows the known lines for an NA without daily rates", async ({ page }) => {
  await page.goto("/calculator?year=2025&na=SI01&activity=SM-JOB-SHDW&start=2025-10-06&end=2025-10-10&travel=2&km=1400&country=FI");
  await expect(page.getByTestId("line-travel")).toHaveText("€309.00");
  await expect(page.getByTestId("line-organisationalSupport")).toHaveText("€350.00");
  await expect(page.getByTestId("line-individualSupport")).toHaveText("rate missing");
  await expect(page.getByTestId("calculator-total")).toHaveText("at least €659.00");
  await page.screenshot({ path: "screenshots/partial-calculator-en.png", fullPage: true });
  await switchLanguage(page, "Slovenščina");
  await expect(page.getByTestId("line-individualSupport")).toHaveText("manjka znesek");
  await page.screenshot({ path: "screenshots/partial-calculator-sl.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "screenshots/partial-calculator-sl-390.png", fullPage: true });
});
