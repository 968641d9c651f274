import { expect, test, type Page } from "@playwright/test";
import { calculateGroupMobilityGrant, calculateMobilityGrant, DEFAULT_RATES } from "../../server/rules";
import { choose, login } from "./helpers";

/*
 * Logging the mobilities of a KA122 project in the browser, at an Icelandic school (IS01 publishes
 * its daily rates, so every line is known). Every figure on screen is checked against the engine.
 */

const ICELAND = "verkefnastjori@hlidaskoli.is";
const euro = (cents: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(cents / 100);

async function openProject(page: Page) {
  await login(page, ICELAND);
  await page.getByRole("link", { name: /Opening doors/ }).click();
  await expect(page).toHaveURL(/projects\/[0-9a-f-]{36}$/);
  return page.url();
}

async function fillCommon(page: Page, o: { start: string; end: string; organisation: string; country: RegExp; town: string; km: string }) {
  await page.locator('input[name="startDate"]').fill(o.start);
  await page.locator('input[name="endDate"]').fill(o.end);
  await page.locator('input[name="receivingOrganisation"]').fill(o.organisation);
  await choose(page, page.getByTestId("country-select"), o.country);
  await page.locator('input[name="destinationTown"]').fill(o.town);
  await page.locator('input[name="distanceKm"]').fill(o.km);
}

test("a group of 12 pupils with 2 accompanying persons, as one record, with every grant line", async ({ page }) => {
  const projectUrl = await openProject(page);
  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("activity-select"), "Group mobility of pupils");
  await choose(page, page.getByTestId("participant-select"), "Helga Ólafsdóttir");
  await page.locator('input[name="pupilCount"]').fill("12");
  await page.getByTestId("add-accompanying").click();
  await page.getByTestId("member-0").getByRole("combobox").click();
  await page.getByRole("option", { name: "Jón Einarsson" }).click();
  await fillCommon(page, { start: "2025-04-07", end: "2025-04-11", organisation: "Oslo International School", country: /^Norway$/, town: "Oslo", km: "1745" });

  const expected = calculateGroupMobilityGrant(
    { callYear: 2024, naCode: "IS01", startDate: "2025-04-07", endDate: "2025-04-11", travelDays: 2, destinationCountry: "NO", greenTravel: false, linguisticSupport: false, pupils: 12, accompanyingPersons: 2 },
    { km: 1745, errors: [] },
    DEFAULT_RATES,
  );
  expect(expected.eligible).toBe(true);
  const panel = page.getByTestId("grant-panel");
  await expect(panel.getByTestId("grant-total")).toHaveText(euro(expected.totalCents));
  await expect(panel.getByTestId("grant-travel")).toHaveText(euro(expected.linesCents.travel));
  await expect(panel.getByTestId("grant-individualSupport")).toHaveText(euro(expected.linesCents.individualSupport));
  await expect(panel.getByTestId("grant-organisationalSupport")).toHaveText(euro(100_000)); // the 1 000 EUR group cap

  await page.getByRole("button", { name: "Log mobility" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("grant-total")).toHaveText(euro(expected.totalCents));
  await expect(page.getByTestId("group-people")).toContainText("12 pupils counted");
  await expect(page.getByTestId("group-people")).toContainText("Jón Einarsson");
  await page.goto(projectUrl);
  await expect(page.getByTestId("participants-used")).toContainText(/of 30/);
});

test("a course with fees and an incoming expert, each with the engine's lines", async ({ page }) => {
  const projectUrl = await openProject(page);

  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("activity-select"), "Course or training");
  await choose(page, page.getByTestId("participant-select"), "Sigríður Magnúsdóttir");
  await fillCommon(page, { start: "2025-05-05", end: "2025-05-09", organisation: "Dublin Language Academy", country: /^Ireland$/, town: "Dublin", km: "1490" });
  await page.locator('input[name="courseDays"]').fill("5");
  const course = calculateMobilityGrant(
    { callYear: 2024, naCode: "IS01", activityType: "SM-COUR-TRAIN", startDate: "2025-05-05", endDate: "2025-05-09", travelDays: 2, destinationCountry: "IE", distanceKm: 1490, courseDays: 5 },
    { km: 1490, errors: [] },
    DEFAULT_RATES,
    // Sigríður already had 5 funded course days in this project (the demo data): the cap is 10.
    { courseDaysAlreadyFunded: 5 },
  );
  await expect(page.getByTestId("grant-courseFees")).toHaveText(euro(course.linesCents.courseFees));
  await expect(page.getByTestId("grant-total")).toHaveText(euro(course.totalCents));
  await page.getByRole("button", { name: "Log mobility" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("activity-select"), "Invited expert (incoming)");
  await choose(page, page.getByTestId("participant-select"), "Jón Einarsson");
  await fillCommon(page, { start: "2025-09-15", end: "2025-09-19", organisation: "University of Helsinki", country: /^Finland$/, town: "Helsinki", km: "2150" });
  const expert = calculateMobilityGrant(
    { callYear: 2024, naCode: "IS01", activityType: "OA-INV-EXP", startDate: "2025-09-15", endDate: "2025-09-19", travelDays: 2, destinationCountry: "IS", distanceKm: 2150 },
    { km: 2150, errors: [] },
    DEFAULT_RATES,
  );
  expect(expert.eligible).toBe(true);
  await expect(page.getByTestId("grant-travel")).toHaveText(euro(expert.linesCents.travel));
  await expect(page.getByTestId("grant-organisationalSupport")).toHaveText(euro(expert.linesCents.organisationalSupport));
  await expect(page.getByTestId("grant-total")).toHaveText(euro(expert.totalCents));
  await page.getByRole("button", { name: "Log mobility" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
});

test("dates in the wrong order are refused beside the field and nothing is saved", async ({ page }) => {
  const projectUrl = await openProject(page);
  await page.getByRole("link", { name: "Log mobility" }).click();
  await choose(page, page.getByTestId("participant-select"), "Jón Einarsson");
  await fillCommon(page, { start: "2025-06-10", end: "2025-06-01", organisation: "Nowhere School", country: /^Denmark$/, town: "Aarhus", km: "2100" });
  await page.getByRole("button", { name: "Log mobility" }).click();
  const endField = page.locator('input[name="endDate"]').locator("xpath=ancestor::*[@data-slot='form-item'][1]");
  await expect(endField).toContainText("The end date is before the start date.");
  await expect(page).toHaveURL(/mobilities\/new$/);
  await page.goto(projectUrl);
  await expect(page.getByText("Nowhere School")).toHaveCount(0);
});

test("editing a mobility: the form comes back filled in, and the change is saved with its new grant", async ({ page }) => {
  await openProject(page);
  await page.getByRole("row").filter({ hasText: "Kungsholmens grundskola" }).getByTestId("participant-link").click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
  const before = await page.getByTestId("grant-total").textContent();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.locator('input[name="receivingOrganisation"]')).toHaveValue("Kungsholmens grundskola");
  await expect(page.locator('input[name="endDate"]')).toHaveValue("2025-03-14");
  await page.locator('input[name="endDate"]').fill("2025-03-18");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Mar 10, 2025 – Mar 18, 2025")).toBeVisible();
  await expect(page.getByTestId("grant-total")).not.toHaveText(before ?? "");
});
