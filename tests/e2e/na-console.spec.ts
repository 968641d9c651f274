import { expect, test, type Browser, type Page } from "@playwright/test";
import { COORDINATOR, DEMO_PASSWORD, login } from "./helpers";

/*
 * The NA officer's console on the demo data: the SI01 officer opens a flagged project (the KA121
 * project of OŠ Lipa, ended and without its final report), writes a finding, the school's coordinator
 * answers it and the officer reads the answer; then the officer sets SI01's individual-support rates
 * for call 2025, re-applies them, and the demo KA122 project's grant shows individual support.
 */

const OFFICER = "nadzornik@na-si01.si";
const KA121 = "2024-1-SI01-KA121-SCH-000245113";
const KA122 = "2025-1-SI01-KA122-SCH-000312456";

async function loginOfficer(page: Page) {
  await page.goto("/login");
  await page.locator("#email").fill(OFFICER);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/na$/);
}

async function asCoordinator(browser: Browser) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await login(page, COORDINATOR);
  return { context, page };
}

test("the officer opens a flagged project, writes a finding, the coordinator answers, the officer reads it", async ({ page, browser }) => {
  await loginOfficer(page);
  await expect(page.getByTestId("na-codes")).toContainText("SI01");
  const row = page.locator(`[data-testid=portfolio-row][data-project-number="${KA121}"]`);
  await expect(row).toBeVisible();
  await row.locator("[data-flag=finalReportOverdue]").click();
  await expect(page).toHaveURL(/\/na\/projects\/[0-9a-f-]{36}\?flag=finalReportOverdue/);
  await expect(page.getByTestId("project-flags").locator("[data-flag=finalReportOverdue]")).toBeVisible();
  await expect(page.getByTestId("drill-down")).toContainText("Luka Kranjc");
  // Read-only: nothing on the page offers to change the school's data.
  await expect(page.getByRole("link", { name: /log mobility|edit/i })).toHaveCount(0);

  const title = `Final report missing ${Date.now()}`;
  const form = page.getByTestId("new-finding-form");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Message").fill("The final report of this project is overdue. When will you submit it?");
  await form.getByRole("button", { name: "Send finding" }).click();
  await expect(page).toHaveURL(/\/na\/findings\/[0-9a-f-]{36}$/);
  const findingUrl = page.url();
  await expect(page.getByTestId("finding-status")).toHaveText("Open");

  const school = await asCoordinator(browser);
  const orgId = /\/s\/([0-9a-f-]{36})\//.exec(school.page.url())?.[1] ?? "";
  await school.page.getByRole("link", { name: "Findings" }).first().click();
  await expect(school.page).toHaveURL(`/s/${orgId}/findings`);
  await school.page.getByRole("link", { name: new RegExp(title) }).click();
  await expect(school.page.getByTestId("finding-messages")).toContainText("overdue");
  await school.page.getByTestId("finding-reply-form").getByRole("textbox").fill("We submit it next week, sorry for the delay.");
  await school.page.getByTestId("finding-reply-form").getByRole("button", { name: "Send" }).click();
  await expect(school.page.getByTestId("finding-status")).toHaveText("Answered");
  await school.context.close();

  await page.goto(findingUrl);
  await expect(page.getByTestId("finding-status")).toHaveText("Answered");
  await expect(page.locator("[data-from=school]")).toContainText("We submit it next week");
});

test("the officer sets SI01's daily rates for call 2025; after re-applying, the demo KA122 project has individual support", async ({ page }) => {
  await loginOfficer(page);
  await page.getByRole("link", { name: "Rate tables" }).first().click();
  await page.goto("/na/rates?year=2025");
  await expect(page.getByTestId("individual-support-form")).toContainText("Not set");
  const rates: Record<string, string> = { "staff-1": "120", "staff-2": "105", "staff-3": "90", "pupil-1": "70", "pupil-2": "60", "pupil-3": "50" };
  for (const [id, value] of Object.entries(rates)) await page.getByTestId(`rate-${id}`).fill(value);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("rate-versions")).toContainText("v1");
  await expect(page.locator("[data-testid=rate-figures] tr[data-origin=na]")).toHaveCount(6);

  await page.getByRole("button", { name: "Re-apply to the projects of call 2025" }).click();
  await expect(page.getByTestId("reapply-result")).toContainText("recomputed");

  await page.goto(`/na?q=${KA122}`);
  await page.locator(`[data-testid=portfolio-row][data-project-number="${KA122}"] a`).first().click();
  await expect(page.getByTestId("rate-set")).toContainText("v1");
  const individual = page.getByTestId("budget-table").locator("tr[data-category=individualSupport] td").nth(2);
  await expect(individual).not.toHaveText(/^€0\.00$/);
  await expect(individual).toHaveText(/€[1-9]/);
});
