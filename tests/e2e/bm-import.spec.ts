import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { login, switchLanguage, uniqueProjectNumber } from "./helpers";

/*
 * The Beneficiary Module round trip in the browser, in both languages: a new KA121 project, a file with a
 * bad row (dry run lists the errors, the feedback file downloads, nothing is imported), then the fixed
 * file (dry run → commit → imported), then the project's export in BM's layout.
 */

const HEADER = "Data type;Grant Agreement No.;Mobility activity ID;Activity type;Participant first name;Participant last name;Receiving Organisation Name;Receiving country;Receiving city;Start date;End date;Travel days;Distance (km)";

for (const language of ["en", "sl"] as const) {
  test(`upload → dry run → feedback file → commit (${language})`, async ({ page }) => {
    const text = {
      en: { newProject: "New project", create: "Create project", check: "Check the file", feedback: "Download the feedback file", imported: "Imported: 2 new" },
      sl: { newProject: "Nov projekt", create: "Ustvari projekt", check: "Preveri datoteko", feedback: "Prenesi datoteko s povratnimi informacijami", imported: "Uvoženo: 2 novih" },
    }[language];
    await login(page);
    if (language === "sl") await switchLanguage(page, "Slovenščina");

    const number = uniqueProjectNumber(2025, "KA121");
    await page.getByRole("link", { name: text.newProject }).click();
    await page.getByLabel(language === "en" ? "Project number" : "Številka projekta").fill(number);
    await page.getByLabel(language === "en" ? "Title" : "Naslov").fill(`BM round trip ${language}`);
    await page.getByLabel(language === "en" ? "Start date" : "Začetek").fill("2025-06-01");
    await page.getByLabel(language === "en" ? "End date" : "Konec").fill("2026-08-31");
    await page.getByRole("button", { name: text.create }).click();
    await expect(page.getByRole("main").getByText(number)).toBeVisible();
    await page.getByTestId("open-bm").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(language === "en" ? "Beneficiary Module" : "Modul za upravičence");

    const id = (n: number) => `${number.slice(-6)}-MOB-${String(n).padStart(5, "0")}`;
    const good = (n: number, last: string) => `Mobility activity;${number};${id(n)};SM-JOB-SHDW;Ana;${last};Schule Wien;Avstrija;Vienna;06.10.2025;10.10.2025;2;380`;
    const bad = `Mobility activity;${number};${id(2)};SM-JOB-SHDW;Bor;Kos;Schule Wien;Atlantis;Vienna;31.02.2025;10.10.2025;9;380`;
    const file = (lines: string[]) => ({ name: "bm.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`) });

    // A bad row: the dry run names the cells, in the user's language, and nothing can be imported.
    await page.getByTestId("bm-file").setInputFiles(file([good(1, `Novak${language}`), bad]));
    await page.getByRole("button", { name: text.check }).click();
    const issues = page.getByTestId("bm-issues");
    await expect(issues).toContainText(language === "en" ? "is not one of the allowed values" : "ni ena od dovoljenih vrednosti");
    await expect(issues).toContainText(language === "en" ? "Not a date" : "Ni datum");
    await expect(issues).toContainText("Receiving country");
    await expect(page.getByTestId("bm-commit")).toHaveCount(0);
    const download = page.waitForEvent("download");
    await page.getByTestId("bm-feedback").click();
    const feedback = await download;
    expect(feedback.suggestedFilename()).toBe("bm-feedback.xlsx");
    const bytes = await readFile(await feedback.path());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    await page.screenshot({ path: `screenshots/bm-dry-run-${language}.png`, fullPage: true });

    // The fixed file: two new mobilities, committed as a job.
    await page.getByTestId("bm-file").setInputFiles(file([good(1, `Novak${language}`), good(2, `Kos${language}`)]));
    await page.getByRole("button", { name: text.check }).click();
    await expect(page.getByTestId("bm-summary")).toContainText(language === "en" ? "2 new" : "2 novih");
    await page.getByTestId("bm-commit").click();
    await expect(page.getByTestId("bm-committed")).toContainText(text.imported);

    // The same file again changes nothing.
    await page.getByTestId("bm-file").setInputFiles(file([good(1, `Novak${language}`), good(2, `Kos${language}`)]));
    await page.getByRole("button", { name: text.check }).click();
    await expect(page.getByText(language === "en" ? "Nothing would change" : "Nič se ne bi spremenilo")).toBeVisible();

    // The export in BM's layout holds both, with the project's number.
    const exported = page.waitForEvent("download");
    await page.getByTestId("bm-export-csv").click();
    const csv = (await readFile(await (await exported).path())).toString("utf8");
    expect(csv.split("\r\n")[0]).toContain("Mobility activity ID");
    expect(csv).toContain(id(1));
    expect(csv).toContain(id(2));
    expect(csv).toContain(number);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `screenshots/bm-${language}-390.png`, fullPage: true });
  });
}
