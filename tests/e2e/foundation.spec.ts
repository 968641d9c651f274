import { expect, test } from "@playwright/test";
import { choose, login, switchLanguage, uniqueProjectNumber } from "./helpers";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#email").fill("koordinatorka@os-lipa.si");
  await page.locator("#password").fill("not-the-password");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail or password is not right." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

for (const language of ["en", "sl"] as const) {
  test(`vertical slice in ${language}: create a KA122 project, add a participant, log a job shadowing`, async ({ page }) => {
    const text =
      language === "en"
        ? { newProject: "New project", create: "Create project", participants: "Participants", add: "Add participant", log: "Log mobility", of: "1 of 30", endError: "The end date is before the start date." }
        : { newProject: "Nov projekt", create: "Ustvari projekt", participants: "Udeleženci", add: "Dodaj udeleženca", log: "Vnesi mobilnost", of: "1 od 30", endError: "Datum konca je pred datumom začetka." };

    await login(page);
    if (language === "sl") await switchLanguage(page, "Slovenščina");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(language === "en" ? "Projects" : "Projekti");
    const schoolUrl = page.url().replace(/\/projects$/, "");

    // Create the project; a malformed number and dates in the wrong order are refused beside the fields.
    await page.getByRole("link", { name: text.newProject }).click();
    const number = uniqueProjectNumber(2025, "KA122");
    await page.getByLabel(language === "en" ? "Project number" : "Številka projekta").fill("2025-KA122-123");
    await page.getByLabel(language === "en" ? "Title" : "Naslov").fill(`Erasmus days ${language}`);
    await page.getByLabel(language === "en" ? "Start date" : "Začetek").fill("2025-09-01");
    await page.getByLabel(language === "en" ? "End date" : "Konec").fill("2025-08-01");
    await page.getByLabel(language === "en" ? "Travel" : "Potni stroški").fill("12.540,00");
    await page.getByLabel(language === "en" ? "Individual support" : "Individualna podpora").fill("31180");
    await page.getByRole("button", { name: text.create }).click();
    await expect(page.getByText(text.endError)).toBeVisible();
    await expect(page.getByText(language === "en" ? "Use the official format" : "Uporabite uradno obliko")).toBeVisible();
    await page.getByLabel(language === "en" ? "Project number" : "Številka projekta").fill(number);
    await page.getByLabel(language === "en" ? "End date" : "Konec").fill("2026-08-31");
    await page.getByRole("button", { name: text.create }).click();
    await expect(page.getByRole("main").getByText(number)).toBeVisible();
    await expect(page.getByTestId("awarded-total")).toHaveText(language === "en" ? "€43,720.00" : "43.720,00 €");
    const projectUrl = page.url();

    // Add a staff participant.
    await page.goto(`${schoolUrl}/participants`);
    const lastName = `Tester${language.toUpperCase()}${Date.now() % 100000}`;
    await page.getByLabel(language === "en" ? "First name" : "Ime", { exact: true }).fill("Eva");
    await page.getByLabel(language === "en" ? "Last name" : "Priimek").fill(lastName);
    await page.getByRole("button", { name: text.add }).click();
    await expect(page.getByTestId("participant-table")).toContainText(lastName);

    // Log a job-shadowing mobility.
    await page.goto(projectUrl);
    await page.getByRole("link", { name: text.log }).click();
    await choose(page, page.getByTestId("participant-select"), `Eva ${lastName}`);
    await page.getByLabel(language === "en" ? "First day of the activity" : "Prvi dan aktivnosti").fill("2025-10-13");
    await page.getByLabel(language === "en" ? "Last day of the activity" : "Zadnji dan aktivnosti").fill("2025-10-17");
    await page.getByLabel(language === "en" ? "Receiving organisation" : "Organizacija gostiteljica").fill("Grundschule am Park");
    await choose(page, page.getByTestId("country-select"), language === "en" ? "Austria" : "Avstrija");
    await page.getByLabel(language === "en" ? "Town" : "Kraj", { exact: true }).fill("Vienna");
    await page.getByRole("button", { name: text.log }).click();
    await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
    await page.goto(projectUrl);
    await expect(page.getByTestId("mobility-table")).toContainText(lastName);
    await expect(page.getByTestId("mobility-table")).toContainText("SM-JOB-SHDW");
    await expect(page.getByTestId("participants-used")).toHaveText(text.of);
  });
}

test("another school's project in the URL is a 404, not its data", async ({ page }) => {
  // Log in as OŠ Breg's coordinator and note one of its project URLs…
  await login(page, "koordinator@os-breg.si");
  await page.getByRole("link", { name: /Zeleni koraki/ }).click();
  await expect(page).toHaveURL(/projects\/[0-9a-f-]{36}$/);
  const bregProjectUrl = page.url();
  const foreignProject = bregProjectUrl.split("/projects/")[1];
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  // Signed out means signed out: the project page now sends to the sign-in page.
  await page.goto(bregProjectUrl);
  await expect(page).toHaveURL(/\/login/);

  // …then OŠ Lipa's coordinator asks for it under their own school.
  await login(page);
  const ownSchool = page.url().replace(/\/projects$/, "");
  const response = await page.goto(`${ownSchool}/projects/${foreignProject}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Zeleni koraki")).toHaveCount(0);
});
