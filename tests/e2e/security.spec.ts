import { expect, test } from "@playwright/test";
import { login } from "./helpers";

/*
 * What the outside security test found in the running app (issue 13): the open redirect after
 * sign-in, the pages' CSP (script nonce, no 'unsafe-inline'), HSTS over HTTPS only, the favicon, and the
 * hydration error on project pages.
 */

test("a signed-in /login?next= goes only to a path of this site", async ({ page }) => {
  await login(page);
  for (const next of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "/%0A/evil.example", "https://evil.example", "/\\evil.example"]) {
    const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBeGreaterThanOrEqual(300);
    expect(response.headers()["location"], next).toBe("/");
  }
  const fine = await page.request.get("/login?next=/calculator", { maxRedirects: 0 });
  expect(fine.headers()["location"]).toBe("/calculator");
});

test("pages run their scripts by nonce only; HSTS only over HTTPS; a favicon exists", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const response = await page.goto("/login");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(response?.headers()["strict-transport-security"]).toBeUndefined();
  // Every inline script Next.js wrote carries the nonce, and the page is interactive (it hydrated).
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  const inline = await page.locator("script:not([src])").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  for (const value of inline) expect(value).toBe(nonce);
  await login(page);
  await expect(page.getByRole("heading").first()).toBeVisible();
  expect(errors.filter((e) => /Content Security Policy|Refused to execute/i.test(e))).toEqual([]);

  const overHttps = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toContain("max-age=");

  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\//);
});

test("a project page renders without a hydration error (React #418)", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await login(page);
  await page.getByRole("link", { name: /KA122|KA121/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);
});
