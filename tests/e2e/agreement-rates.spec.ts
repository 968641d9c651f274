import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

async function switchLanguage(page: Page, language: "en" | "sl") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: language, url: page.url() }]);
  await page.reload();
}

/*
 * Issue 11, item 2: the coordinator of a Slovenian school (SI01 has no daily rates) enters the daily
 * rates of the project's grant agreement; the page then says they come from the grant agreement.
 */
test("the coordinator enters the grant agreement's daily rates and sees them in force", async ({ page }) => {
  await login(page);
  await page.getByRole("link", { name: /Učimo se od Evrope/ }).first().click();
  await expect(page).toHaveURL(/projects\/[0-9a-f-]{36}$/);
  await page.getByTestId("open-agreement-rates").click();
  await expect(page).toHaveURL(/agreement-rates$/);
  await expect(page.getByTestId("in-force-staff")).toContainText("No rate yet");

  await page.getByTestId("agreement-source").fill("Grant agreement, annex II");
  for (const [person, rates] of [["staff", ["180", "160", "140"]], ["pupil", ["90", "80", "70"]]] as const) {
    for (const [index, rate] of rates.entries()) await page.getByTestId(`agreement-${person}-${index + 1}`).fill(rate);
  }
  await page.getByTestId("agreement-save").click();
  await expect(page.getByTestId("in-force-staff")).toContainText("Grant agreement");
  await expect(page.getByTestId("in-force-staff")).toContainText("€180.00");
  await expect(page.getByTestId("agreement-versions")).toContainText("Version 1: Grant agreement, annex II");
  await page.screenshot({ path: "screenshots/agreement-rates-en.png", fullPage: true });
  await switchLanguage(page, "sl");
  await expect(page.getByTestId("in-force-staff")).toContainText("Sporazum o dodelitvi sredstev");
  await page.screenshot({ path: "screenshots/agreement-rates-sl.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "screenshots/agreement-rates-sl-390.png", fullPage: true });
});
