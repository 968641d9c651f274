import { expect, test, type Page } from "@playwright/test";
import { switchLanguage } from "./helpers";

/*
 * The public grant calculator. Expected figures were checked against the rules engine
 * (estimateMobilityGrant): IS01, call 2024, job shadowing 7–11 Oct 2024 (5 days) + 2 travel days to
 * Austria (group 1, 191 EUR a day) → 600 km: band 500–1999, travel 309, individual support 7 × 191 =
 * 1 337, organisational support 350, total 1 996; Ljubljana → Vienna by town: 278 km, band
 * 100–499, travel 211, total 1 898. SI01 has no published individual support rates.
 */

const TEXT = {
  en: {
    language: "English",
    callYear: "Call year",
    na: "National Agency",
    activity: "Activity type",
    country: "Country of the activity",
    start: "First activity day",
    end: "Last activity day",
    travelDays: "Travel days",
    km: "One-way distance from the EC calculator (km)",
    from: "From (town)",
    fromCountry: "Country of departure",
    to: "To (town)",
    austria: "Austria",
    slovenia: "Slovenia",
    title: "Erasmus+ grant calculator",
    signIn: "Sign in",
    almost: "Almost there",
    travel: "€309.00",
    individual: "€1,337.00",
    organisational: "€350.00",
    total: "€1,996.00",
    band: "500–1999",
    group: "Group 1",
    fundedDays: "7 (5 activity + 2 travel days)",
    dailyRate: "€191.00",
    rateMissing:
      "Not known yet for National Agency SI01, call 2024: the daily rates of individual support. The National Agency has to enter it.",
    lineMissing: "rate missing",
    atLeastTotal: "at least €659.00",
    kmWins: "The km you entered are used; the towns are ignored.",
    townKm: "278 km · between the towns",
    townTravel: "€211.00",
    townTotal: "€1,898.00",
    badKm: "Enter the km as a number, e.g. 600.",
  },
  sl: {
    language: "Slovenščina",
    callYear: "Razpisno leto",
    na: "Nacionalna agencija",
    activity: "Vrsta aktivnosti",
    country: "Država aktivnosti",
    start: "Prvi dan aktivnosti",
    end: "Zadnji dan aktivnosti",
    travelDays: "Potovalni dnevi",
    km: "Razdalja v eno smer iz kalkulatorja EK (km)",
    from: "Od (kraj)",
    fromCountry: "Država odhoda",
    to: "Do (kraj)",
    austria: "Avstrija",
    slovenia: "Slovenija",
    title: "Kalkulator dotacije Erasmus+",
    signIn: "Prijava",
    almost: "Še malo",
    // Thousands are always grouped (components/format.ts): 1.996,00 €, as in Slovenian finance documents.
    travel: "309,00 €",
    individual: "1.337,00 €",
    organisational: "350,00 €",
    total: "1.996,00 €",
    band: "500–1999",
    group: "1. skupina",
    fundedDays: "7 (5 dni aktivnosti + 2 dneva poti)",
    dailyRate: "191,00 €",
    rateMissing:
      "Za nacionalno agencijo SI01 in razpis 2024 še ni znano: dnevne postavke individualne podpore. Podatek mora vnesti nacionalna agencija.",
    lineMissing: "manjka znesek",
    atLeastTotal: "najmanj 659,00 €",
    kmWins: "Upoštevani so vneseni kilometri; kraji se ne upoštevajo.",
    townKm: "278 km · med krajema",
    townTravel: "211,00 €",
    townTotal: "1.898,00 €",
    badKm: "Vnesite kilometre kot število, npr. 600.",
  },
} as const;

type Language = keyof typeof TEXT;

async function expectKnownFigures(page: Page, text: (typeof TEXT)[Language]) {
  const result = page.getByTestId("calculator-result");
  await expect(result.getByTestId("line-travel")).toHaveText(text.travel);
  await expect(result.getByTestId("line-individualSupport")).toHaveText(text.individual);
  await expect(result.getByTestId("line-organisationalSupport")).toHaveText(text.organisational);
  await expect(result.getByTestId("calculator-total")).toHaveText(text.total);
  await expect(result.getByTestId("detail-distanceBand")).toHaveText(text.band);
  await expect(result.getByTestId("detail-countryGroup")).toHaveText(text.group);
  await expect(result.getByTestId("detail-fundedDays")).toHaveText(text.fundedDays);
  await expect(result.getByTestId("detail-dailyRate")).toHaveText(text.dailyRate);
  await expect(result.getByTestId("calculator-errors")).toHaveCount(0);
}

for (const language of ["en", "sl"] as const) {
  test(`the public calculator in ${language}: exact figures, state in the URL, missing rates, towns`, async ({ page }) => {
    const text = TEXT[language];
    await page.goto("/calculator");
    await switchLanguage(page, text.language);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.title);
    await expect(page.getByRole("link", { name: text.signIn })).toHaveAttribute("href", "/login");
    // Nothing entered yet: a gentle hint, no errors.
    await expect(page.getByTestId("calculator-hint")).toContainText(text.almost);
    await expect(page.getByTestId("calculator-errors")).toHaveCount(0);

    // IS01, call 2024, job shadowing of 5 days + 2 travel days, 600 km to Austria.
    await page.getByLabel(text.callYear).selectOption("2024");
    await page.getByLabel(text.na, { exact: true }).selectOption("IS01");
    await page.getByLabel(text.activity).selectOption("SM-JOB-SHDW");
    await page.getByLabel(text.country).selectOption({ label: text.austria });
    await page.getByLabel(text.start).fill("2024-10-07");
    await page.getByLabel(text.end).fill("2024-10-11");
    await page.getByLabel(text.travelDays).fill("2");
    await page.getByLabel(text.km).fill("600");
    await expectKnownFigures(page, text);
    await expect(page.getByTestId("detail-distanceKm")).toContainText("600 km");

    // The state is in the URL: a reload (or a shared link) shows the same result.
    await expect(page).toHaveURL(/[?&]year=2024(&|$)/);
    await expect(page).toHaveURL(/[?&]na=IS01(&|$)/);
    await expect(page).toHaveURL(/[?&]km=600(&|$)/);
    await expect(page).toHaveURL(/[?&]start=2024-10-07(&|$)/);
    await page.reload();
    await expect(page.getByLabel(text.km)).toHaveValue("600");
    await expectKnownFigures(page, text);

    // SI01 has no published individual support rates: the lines that do not depend on them are still
    // computed, the missing one is named, the total is a lower bound and the missing figure is said.
    await page.getByLabel(text.na, { exact: true }).selectOption("SI01");
    await expect(page.getByTestId("line-travel")).toHaveText(text.travel);
    await expect(page.getByTestId("line-organisationalSupport")).toHaveText(text.organisational);
    await expect(page.getByTestId("line-individualSupport")).toHaveText(text.lineMissing);
    await expect(page.getByTestId("calculator-total")).toHaveText(text.atLeastTotal);
    await expect(page.getByTestId("calculator-incomplete")).toContainText(text.rateMissing);
    await expect(page.getByTestId("calculator-errors")).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]na=SI01(&|$)/);

    // Towns instead of km: Ljubljana → Vienna gives the great-circle km and its band.
    await page.getByLabel(text.na, { exact: true }).selectOption("IS01");
    await page.getByLabel(text.from).fill("Ljubljana");
    await page.getByLabel(text.fromCountry).selectOption({ label: text.slovenia });
    await page.getByLabel(text.to).fill("Vienna");
    await expect(page.getByTestId("km-wins")).toHaveText(text.kmWins);
    await expect(page.getByTestId("calculator-total")).toHaveText(text.total);
    await page.getByLabel(text.km).fill("");
    await expect(page.getByTestId("detail-distanceKm")).toHaveText(text.townKm);
    await expect(page.getByTestId("detail-distanceBand")).toHaveText("100–499");
    await expect(page.getByTestId("line-travel")).toHaveText(text.townTravel);
    await expect(page.getByTestId("calculator-total")).toHaveText(text.townTotal);
    await expect(page).toHaveURL(/[?&]from=Ljubljana&fromCountry=SI&to=Vienna(&|$)/);

    // Something that is not a number is pointed out beside its field, and the hint replaces the result.
    await page.getByLabel(text.km).fill("six hundred");
    await expect(page.getByTestId("issues-distanceKm")).toHaveText(text.badKm);
    await expect(page.getByTestId("calculator-hint")).toBeVisible();
  });
}

test("a shared link opens the calculation, and Back returns to it from the sign-in page", async ({ page }) => {
  await page.goto(
    "/calculator?year=2024&na=IS01&activity=SM-JOB-SHDW&start=2024-10-07&end=2024-10-11&travel=2&km=600&country=AT",
  );
  await expectKnownFigures(page, TEXT.en);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/calculator\?/);
  await expectKnownFigures(page, TEXT.en);
});

test("the calculator is usable on a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(
    "/calculator?year=2024&na=IS01&activity=SM-JOB-SHDW&start=2024-10-07&end=2024-10-11&travel=2&km=600&country=AT",
  );
  await expect(page.getByTestId("sticky-total")).toHaveText(TEXT.en.total);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
