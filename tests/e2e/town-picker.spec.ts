import { expect, test } from "@playwright/test";
import { switchLanguage } from "./helpers";

/*
 * The town picker (components/forms/town-picker.tsx) on the public calculator: a town is found by
 * any of its names (Helsingfors, Laibach, Dunaj), chosen with the keyboard or the pointer, and the
 * estimate then has the great-circle km between the towns. Ljubljana → Helsinki is about 1 610 km
 * (band 500–1999); Ljubljana → Vienna 278 km. Helsingfors is looked up in Finland, the country of
 * the activity.
 */

const BASE = "/calculator?year=2024&na=IS01&activity=SM-JOB-SHDW&start=2024-10-07&end=2024-10-11&travel=2";

test("the town picker in English: other names, keyboard, the country of the town chosen", async ({ page }) => {
  await page.goto(`${BASE}&country=FI`);
  await switchLanguage(page, "English");
  const from = page.getByRole("combobox", { name: "From (town)" });
  const to = page.getByRole("combobox", { name: "To (town)" });

  // Keyboard only: type, arrow down to the first suggestion, Enter.
  await to.click();
  await to.pressSequentially("Helsingf");
  const helsinki = page.getByRole("option", { name: /Helsingfors · Helsinki.*Finland/ });
  await expect(helsinki).toBeVisible();
  await expect(to).toHaveAttribute("aria-expanded", "true");
  await to.press("ArrowDown");
  await expect(helsinki).toHaveAttribute("aria-selected", "true");
  await expect(to).toHaveAttribute("aria-activedescendant", (await helsinki.getAttribute("id")) ?? "");
  await to.press("Enter");
  await expect(to).toHaveValue("Helsingfors");
  await expect(to).toHaveAttribute("aria-expanded", "false");

  // Escape closes the list without choosing; the pointer chooses too, and fills the country.
  await from.click();
  await from.pressSequentially("Laib");
  await expect(page.getByRole("option", { name: /Laibach · Ljubljana.*Slovenia/ })).toBeVisible();
  await from.press("Escape");
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(from).toHaveValue("Laib");
  await from.press("ArrowDown");
  await page.getByRole("option", { name: /Laibach · Ljubljana.*Slovenia/ }).click();
  await expect(from).toHaveValue("Laibach");
  await expect(page.getByLabel("Country of departure")).toHaveValue("SI");

  await expect(page.getByTestId("detail-distanceBand")).toHaveText("500–1999");
  await expect(page.getByTestId("detail-distanceKm")).toContainText("between the towns");
  await expect(page).toHaveURL(/[?&]from=Laibach&fromCountry=SI&to=Helsingfors(&|$)/);

  // A name that is no town says so in the list.
  await to.fill("Qwzxyville");
  await expect(page.getByRole("listbox")).toContainText("No town of that name");
});

test("the town picker in Slovenian: Dunaj is Vienna, within the country of the activity", async ({ page }) => {
  await page.goto(`${BASE}&country=AT&from=Ljubljana&fromCountry=SI`);
  await switchLanguage(page, "Slovenščina");
  const to = page.getByRole("combobox", { name: "Do (kraj)" });
  await to.click();
  await to.pressSequentially("Dun");
  const vienna = page.getByRole("option", { name: /Dunaj · Vienna.*Avstrija/ });
  await expect(vienna).toBeVisible();
  // only Austrian towns: the country of the activity is Austria
  for (const option of await page.getByRole("listbox").getByRole("option").allTextContents()) expect(option).toContain("Avstrija");
  await to.press("ArrowDown");
  await to.press("Enter");
  await expect(to).toHaveValue("Dunaj");
  await expect(page.getByTestId("detail-distanceKm")).toContainText("278 km");
});
