import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "mobilo-demo-2026";
export const COORDINATOR = "koordinatorka@os-lipa.si";

export async function login(page: Page, email = COORDINATOR, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}\/projects$/);
}

/** Switches the interface language with the switcher in the header. */
export async function switchLanguage(page: Page, languageName: "English" | "Slovenščina") {
  await page.getByTestId("language-switcher").click();
  await page.getByRole("menuitemradio", { name: languageName }).click();
}

/**
 * Picks an option of a shadcn (Radix) select opened from its trigger. The option is chosen with the
 * keyboard: a pointer over a long list can land on Radix's auto-scroll buttons and miss the option.
 */
export async function choose(page: Page, trigger: ReturnType<Page["getByTestId"]>, option: string | RegExp) {
  await trigger.click();
  const item = page.getByRole("option", { name: option });
  await item.scrollIntoViewIfNeeded();
  await item.press("Enter");
  await expect(page.getByRole("listbox")).toHaveCount(0);
}

export function uniqueProjectNumber(callYear: number, action: string) {
  const sequence = String(Date.now() % 1_000_000_000).padStart(9, "0");
  return `${callYear}-1-SI01-${action}-SCH-${sequence}`;
}
