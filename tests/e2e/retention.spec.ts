import { expect, test } from "@playwright/test";
import { login, switchLanguage } from "./helpers";

/* The headteacher finds the retention schedule from the school navigation, in both languages. */
for (const language of ["en", "sl"] as const) {
  test(`the headteacher sees the retention schedule (${language})`, async ({ page }) => {
    const text =
      language === "en"
        ? { nav: "Retention", years: /5 years after the last end date/, none: "No pupil anonymised yet." }
        : { nav: "Hramba podatkov", years: /5 let po zadnjem datumu konca/, none: "Noben učenec še ni anonimiziran." };
    await login(page, "ravnateljica@os-lipa.si");
    if (language === "sl") await switchLanguage(page, "Slovenščina");
    await page.getByRole("navigation").first().getByRole("link", { name: text.nav }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.nav);
    await expect(page.getByText(text.years)).toBeVisible();
    await expect(page.getByText(text.none)).toBeVisible();
    // The headteacher sees the schedule but does not run it.
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await page.screenshot({ path: `screenshots/retention-${language}.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `screenshots/retention-${language}-390.png`, fullPage: true });
  });
}
