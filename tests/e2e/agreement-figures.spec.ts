import { expect, test, type Page } from "@playwright/test";
import { choose, DEMO_PASSWORD, login, uniqueProjectNumber } from "./helpers";

/*
 * Issue 11, the rest of item 2: a coordinator enters figures of the project's grant agreement other
 * than daily rates (organisational support, travel by band); the mobility's grant panel then says per
 * line where its figures came from, and the NA officer sees where the agreement differs from the NA's
 * figures. The spec makes its own project, so no other spec's data changes.
 */

const SHOTS = process.env.SHOTS_DIR ?? "screenshots";

async function language(page: Page, locale: "en" | "sl") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
  await page.reload();
}

test("the agreement's organisational support and travel amounts are used, and every line says where its figures came from", async ({ page }) => {
  await login(page);
  const schoolUrl = page.url().replace(/\/projects$/, "");
  await page.getByRole("link", { name: "New project" }).click();
  const number = uniqueProjectNumber(2025, "KA122");
  await page.getByLabel("Project number").fill(number);
  await page.getByLabel("Title").fill("Agreement figures");
  await page.getByLabel("Start date").fill("2025-09-01");
  await page.getByLabel("End date").fill("2026-08-31");
  await page.getByLabel("Travel").fill("5000");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("main").getByText(number)).toBeVisible();
  const projectUrl = page.url();
  const projectId = projectUrl.split("/projects/")[1] ?? "";

  // A job shadowing Ljubljana → Helsinki: every figure is the EU default, the daily rate is missing.
  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("activity-select"), /^Job shadowing/);
  await choose(page, page.getByTestId("participant-select"), /Petra Vidmar/);
  await page.locator('input[name="startDate"]').fill("2026-02-09");
  await page.locator('input[name="endDate"]').fill("2026-02-13");
  await page.locator('input[name="receivingOrganisation"]').fill("Helsingin normaalilyseo");
  await choose(page, page.getByTestId("country-select"), /^Finland$/);
  await page.locator('input[name="destinationTown"]').fill("Helsinki");
  await page.locator('input[name="distanceKm"]').fill("1400");
  const panel = page.getByTestId("grant-panel");
  await expect(panel.getByTestId("grant-travel")).toHaveText("€309.00");
  await expect(panel.getByTestId("grant-origin-travel")).toHaveText("EU default");
  await page.getByRole("button", { name: "Log mobility" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
  const mobilityUrl = page.url();
  await expect(page.getByTestId("grant-origin-organisationalSupport")).toHaveText("EU default");

  // The agreement: 400 € organisational support, 320 € travel for 500–1999 km.
  await page.goto(`${projectUrl}/agreement-rates`);
  await expect(page.getByTestId("agreement-origin-organisationalSupport_standard")).toHaveText("in force: EU default");
  await expect(page.getByTestId("agreement-figure-organisationalSupport_standard")).toHaveAttribute("placeholder", "350");
  await page.getByTestId("agreement-source").fill("Grant agreement, annex III");
  await page.getByTestId("agreement-figure-organisationalSupport_standard").fill("400");
  await page.getByTestId("agreement-group-travel").locator("summary").click();
  await page.getByTestId("agreement-figure-travel_500-1999_standard").fill("abc");
  await page.getByTestId("agreement-save").click();
  await expect(page.getByText("Enter an amount in euros, e.g. 350 or 84,50 (at most 10 000 €).")).toBeVisible();
  await page.getByTestId("agreement-figure-travel_500-1999_standard").fill("320");
  await page.getByTestId("agreement-save").click();
  await expect(page.getByTestId("agreement-origin-organisationalSupport_standard")).toHaveText("in force: grant agreement");
  await expect(page.getByTestId("agreement-versions")).toContainText("Version 1: Grant agreement, annex III");
  await page.screenshot({ path: `${SHOTS}/agreement-figures-en.png`, fullPage: true });
  await language(page, "sl");
  await expect(page.getByTestId("agreement-origin-organisationalSupport_standard")).toHaveText("velja: sporazum o dodelitvi sredstev");
  await page.screenshot({ path: `${SHOTS}/agreement-figures-sl.png`, fullPage: true });
  await language(page, "en");

  // The stored grant: the agreement's amounts, each line saying where its figures came from.
  await page.goto(mobilityUrl);
  await expect(page.getByTestId("grant-travel")).toHaveText("€320.00");
  await expect(page.getByTestId("grant-organisationalSupport")).toHaveText("€400.00");
  await expect(page.getByTestId("grant-origin-travel")).toHaveText("Grant agreement");
  await expect(page.getByTestId("grant-origin-organisationalSupport")).toHaveText("Grant agreement");
  await expect(page.getByTestId("grant-individualSupport")).toHaveText("rate missing");
  await expect(page.getByTestId("grant-total")).toHaveText("at least €720.00");
  await page.getByTestId("grant-sources").locator("summary").click();
  await expect(page.getByTestId("grant-sources")).toContainText("The travel amount for 500-1999 km: Grant agreement");
  await expect(page.getByTestId("grant-sources")).toContainText("Grant agreement, annex III (project agreement rates v1)");
  await page.screenshot({ path: `${SHOTS}/grant-sources-en.png`, fullPage: true });
  await language(page, "sl");
  await expect(page.getByTestId("grant-origin-travel")).toHaveText("Sporazum o dodelitvi sredstev");
  await page.getByTestId("grant-sources").locator("summary").click();
  await page.screenshot({ path: `${SHOTS}/grant-sources-sl.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: `${SHOTS}/grant-sources-sl-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await language(page, "en");

  // The public calculator: the EU defaults, said per line.
  await page.goto("/calculator?year=2025&na=SI01&activity=SM-JOB-SHDW&start=2025-10-06&end=2025-10-10&travel=2&km=1400&country=FI");
  await expect(page.getByTestId("line-travel")).toHaveText("€309.00");
  await expect(page.getByTestId("line-origin-travel")).toHaveText("EU default");
  await page.screenshot({ path: `${SHOTS}/calculator-sources-en.png`, fullPage: true });

  // The NA officer: the agreement's figures that differ from the NA's, both values.
  await page.goto(`${schoolUrl}/projects`);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.locator("#email").fill("nadzornik@na-si01.si");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/na$/);
  await page.goto(`/na/projects/${projectId}`);
  const differences = page.getByTestId("agreement-differences");
  await expect(differences).toContainText("Grant agreement, annex III");
  await expect(differences.locator('[data-figure="organisationalSupport.standard"]')).toContainText("€400.00");
  await expect(differences.locator('[data-figure="organisationalSupport.standard"]')).toContainText("€350.00");
  await expect(differences.locator('[data-figure="travel.500-1999.standard"]')).toContainText("€320.00");
  await page.screenshot({ path: `${SHOTS}/na-agreement-differences-en.png`, fullPage: true });
  await language(page, "sl");
  await expect(differences).toContainText("Kje se sporazum");
  await page.screenshot({ path: `${SHOTS}/na-agreement-differences-sl.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: `${SHOTS}/na-agreement-differences-sl-390.png`, fullPage: true });
});
