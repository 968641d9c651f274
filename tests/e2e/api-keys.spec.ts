import { expect, test } from "@playwright/test";
import { login, switchLanguage } from "./helpers";

/*
 * The school admin makes an API key for another system: sees the token once, the key works against
 * /api/v1, leaves no trace of the token in the page once dismissed, and stops working when revoked.
 * Its own key per language (no other spec touches keys).
 */
for (const language of ["en", "sl"] as const) {
  test(`the school admin creates an API key, sees it once and revokes it (${language})`, async ({ page }) => {
    const text =
      language === "en"
        ? { nav: "Integrations", name: "Name", create: "Create key", done: "I have copied it", revoke: "Revoke", confirm: "Revoke", revoked: /Revoked/, heading: "Integrations" }
        : { nav: "Povezave", name: "Ime", create: "Ustvari ključ", done: "Kopiral sem ga", revoke: "Prekliči", confirm: "Prekliči ključ", revoked: /Preklican/, heading: "Povezave" };
    const keyName = `Student system ${language} ${Date.now()}`;
    await login(page, "skrbnik@os-lipa.si");
    if (language === "sl") await switchLanguage(page, "Slovenščina");
    await page.getByRole("navigation").first().getByRole("link", { name: text.nav }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.heading);

    await page.getByLabel(text.name, { exact: true }).fill(keyName);
    await page.getByRole("checkbox", { name: "read:projects" }).click();
    await page.getByRole("checkbox", { name: "read:mobilities" }).click();
    await page.getByRole("button", { name: text.create }).click();
    const tokenBox = page.getByTestId("new-api-key-token");
    await expect(tokenBox).toHaveText(/^mob_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const token = (await tokenBox.textContent()) ?? "";
    await expect(page.getByTestId(`api-key-${keyName}`)).toBeVisible();
    await page.screenshot({ path: `screenshots/api-keys-created-${language}.png`, fullPage: true });

    // The key works against the public API (no cookie needed: only the bearer token counts).
    const ok = await page.request.get("/api/v1/projects", { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

    // Shown once: dismissed, and after a reload, the token is nowhere on the page.
    await page.getByRole("button", { name: text.done }).click();
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId(`api-key-${keyName}`)).toBeVisible();
    expect(await page.content()).not.toContain(token.slice(18));

    // Revoked: at once refused.
    const row = page.getByTestId(`api-key-${keyName}`);
    await row.getByRole("button", { name: text.revoke }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: text.confirm }).click();
    await expect(row.getByText(text.revoked)).toBeVisible();
    const refused = await page.request.get("/api/v1/projects", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    await page.screenshot({ path: `screenshots/api-keys-revoked-${language}.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `screenshots/api-keys-${language}-390.png`, fullPage: true });

    // The reference page, rendered from the OpenAPI document.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/api-reference");
    await expect(page.getByTestId("operation-updateMobility")).toContainText("/api/v1/mobilities/{mobilityId}");
    await page.screenshot({ path: `screenshots/api-reference-${language}.png` });
  });
}
