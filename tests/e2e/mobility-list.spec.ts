import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

/*
 * The demo KA122 project of OŠ Lipa has three mobilities: Luka Kranjc (completed, Vienna, Oct 2025),
 * Petra Vidmar (planned, Florence, Mar 2026) and Jure Golob (draft, Zagreb, Apr 2026). The test puts
 * the statuses back at the end, so later tests find the demo data as seeded.
 */

async function openDemoProject(page: Page) {
  await login(page);
  await page.getByRole("link", { name: /Učimo se od Evrope/ }).first().click();
  await expect(page.getByTestId("mobility-list")).toBeVisible();
  await expect(page.getByTestId("mobility-row")).toHaveCount(3);
}

const rows = (page: Page) => page.getByTestId("mobility-row");
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });

async function setStatusOf(page: Page, names: string[], status: string) {
  for (const name of names) await row(page, name).getByTestId("select-row").click();
  await expect(page.getByTestId("bulk-bar")).toContainText(`${names.length} selected`);
  await page.getByTestId("bulk-status").click();
  await page.getByRole("menuitem", { name: status }).click();
  await expect(page.getByText(`Status changed for ${names.length} ${names.length === 1 ? "mobility" : "mobilities"}.`).first()).toBeVisible();
}

test("filter, search, sort, bulk status change and CSV download of the mobility list", async ({ page }) => {
  await openDemoProject(page);

  // Sort by date: ascending by default, one click turns it round; the URL keeps it.
  await expect(rows(page).first()).toContainText("Kranjc");
  await page.getByTestId("sort-startDate").click();
  await expect(page).toHaveURL(/sort=startDate&dir=desc/);
  await expect(rows(page).first()).toContainText("Golob");
  await expect(rows(page).last()).toContainText("Kranjc");

  // Filter by status.
  await page.getByTestId("filter-status").click();
  await page.getByRole("menuitemcheckbox", { name: "Planned" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Draft" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/status=planned%2Cdraft|status=planned,draft/);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId("mobility-count")).toHaveText("2 mobilities");

  // Text search (debounced) over towns, organisations and names; the view survives a reload.
  await page.getByTestId("mobility-search").fill("zagreb");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Golob");
  await expect(page).toHaveURL(/q=zagreb/);
  await page.reload();
  await expect(page.getByTestId("mobility-search")).toHaveValue("zagreb");
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId("mobility-search").fill("nobody-by-this-name");
  await expect(page.getByTestId("mobility-empty")).toContainText("No mobility matches these filters.");
  await page.getByTestId("clear-filters").click();
  await expect(rows(page)).toHaveCount(3);

  // Select two rows and set them to completed.
  await setStatusOf(page, ["Vidmar", "Golob"], "Completed");
  await expect(page.getByTestId("bulk-bar")).toBeHidden();
  for (const name of ["Kranjc", "Vidmar", "Golob"]) await expect(row(page, name).getByTestId("status-badge")).toHaveText("Completed");

  // The CSV of the filtered list: BOM, a translated header in the English dialect (','), the rows.
  await page.getByTestId("filter-status").click();
  await page.getByRole("menuitemcheckbox", { name: "Completed" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByTestId("filter-status")).toHaveText("Completed");
  await expect(rows(page)).toHaveCount(3);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^mobilities-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const text = await readFile(path, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = text.slice(1).trimEnd().split("\r\n");
  expect(header).toBe(
    // The demo coordinator holds the special-category permission, so the column is there.
    "Activity code,Activity,Status,Start date,End date,Participant,Pupils,Accompanying persons,Receiving organisation,Country,Town,Distance (km),Green travel,Grant (EUR),Lines not yet known (rate missing),Eligible,Errors,Warnings,Fewer opportunities",
  );
  expect(lines).toHaveLength(3);
  expect(lines[2]).toMatch(/^SM-JOB-SHDW,Job shadowing,Completed,2025-10-13,2025-10-17,Luka Kranjc,/);
  expect(lines[0]).toContain("Jure Golob");

  // Put the demo data back as it was seeded.
  await page.getByTestId("clear-filters").click();
  await setStatusOf(page, ["Vidmar"], "Planned");
  await setStatusOf(page, ["Golob"], "Draft");
  await expect(row(page, "Golob").getByTestId("status-badge")).toHaveText("Draft");
});

test("a teacher lists and opens mobilities but cannot select or duplicate", async ({ page }) => {
  await login(page, "ucitelj@os-lipa.si");
  await page.getByRole("link", { name: /Učimo se od Evrope/ }).first().click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId("select-row")).toHaveCount(0);
  await row(page, "Vidmar").getByTestId("row-menu").click();
  await expect(page.getByRole("menuitem", { name: "Open" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Duplicate as draft" })).toHaveCount(0);
});
