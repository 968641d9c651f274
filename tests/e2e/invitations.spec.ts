import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, login } from "./helpers";

/*
 * Invitations, password reset and login throttling end to end. The server has no SMTP_URL, so every
 * e-mail is a JSON file in $MOBILO_DATA_DIR/mail (the e2e server's data dir); the tests read the link
 * from there. Each test uses accounts of its own: the demo logins other specs use are never locked
 * and never get a new password.
 */

const SCHOOL_ADMIN = "skrbnik@os-lipa.si";
const mailDir = path.resolve(process.env.E2E_DATA_DIR ?? path.join(".data", "e2e"), "mail");

interface TStoredMail {
  to: string;
  subject: string;
  text: string;
}

async function linkFromMail(to: string, linkPath: "invite" | "reset-password"): Promise<{ mail: TStoredMail; path: string }> {
  const pattern = new RegExp(`(/${linkPath}/[A-Za-z0-9_-]{20,})`);
  let found: { mail: TStoredMail; path: string } | undefined;
  await expect
    .poll(() => {
      let names: string[] = [];
      try {
        names = readdirSync(mailDir).filter((n) => n.endsWith(".json")).sort();
      } catch {
        return false;
      }
      const mail = names
        .map((n) => JSON.parse(readFileSync(path.join(mailDir, n), "utf8")) as TStoredMail)
        .filter((m) => m.to === to && pattern.test(m.text))
        .at(-1);
      const match = mail ? pattern.exec(mail.text) : null;
      if (mail && match?.[1]) found = { mail, path: match[1] };
      return found !== undefined;
    })
    .toBe(true);
  if (!found) throw new Error(`no ${linkPath} mail to ${to}`);
  return found;
}

/** The school admin invites `email` as a teacher from the members page; returns the school's URL. */
async function inviteTeacher(page: Page, email: string): Promise<string> {
  await login(page, SCHOOL_ADMIN);
  const schoolUrl = page.url().replace(/\/projects$/, "");
  await page.getByRole("link", { name: "Members" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByTestId("invitation-list")).toContainText(email);
  return schoolUrl;
}

/** Opens the invitation link in a fresh browser and creates the account, which signs the new member in. */
async function acceptAsNewUser(browser: Browser, email: string, name: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { mail, path: invitePath } = await linkFromMail(email, "invite");
  expect(mail.subject).toContain("Osnovna šola Lipa Ljubljana");
  await page.goto(invitePath);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("Join Osnovna šola Lipa Ljubljana")).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill("something-else-entirely");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  // Creating the account signs the new member in: straight to the school, no second password prompt.
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}\/projects$/);
  await expect(page.getByText("Osnovna šola Lipa Ljubljana").first()).toBeVisible();
  return { context, page, invitePath };
}

test("a school admin invites a new teacher, who sets a password from the e-mailed link and sees the school", async ({ page, browser }) => {
  const email = `new-teacher-${Date.now()}@example.test`;
  await inviteTeacher(page, email);
  const { context, page: invitee, invitePath } = await acceptAsNewUser(browser, email, "Nina Nova", "nina-password-2026");
  // A teacher has no members page in the navigation.
  await expect(invitee.getByRole("link", { name: "Members" })).toHaveCount(0);
  // The link works once.
  await invitee.goto(invitePath);
  await expect(invitee.getByText("This invitation link is not valid")).toBeVisible();
  await context.close();

  // The admin sees the new member in the list.
  await page.reload();
  await expect(page.getByTestId("member-table")).toContainText(email);
});

test("password reset end to end, in Slovenian, with a link that works once", async ({ page, browser }) => {
  const email = `reset-${Date.now()}@example.test`;
  await inviteTeacher(page, email);
  // Signed in with the first password, in a browser that stays open (a session someone else may hold).
  const { context: oldBrowser } = await acceptAsNewUser(browser, email, "Rok Reset", "first-password-2026");

  const fresh = await browser.newContext();
  await fresh.addCookies([{ name: "NEXT_LOCALE", value: "sl", url: new URL("/", page.url()).toString() }]);
  const p = await fresh.newPage();
  await p.goto("/login");
  await p.getByRole("link", { name: "Ste pozabili geslo?" }).click();
  // The form is a client component: typing before it has hydrated would be lost.
  await p.waitForLoadState("networkidle");
  await p.getByLabel("E-naslov").fill(email);
  await p.getByRole("button", { name: "Pošlji povezavo" }).click();
  await expect(p.getByText(`Če za ${email} obstaja račun, smo nanj poslali povezavo.`)).toBeVisible();

  // An unknown address gets exactly the same answer.
  await p.getByLabel("E-naslov").fill("nobody-at-all@example.test");
  await p.getByRole("button", { name: "Pošlji povezavo" }).click();
  await expect(p.getByText("Če za nobody-at-all@example.test obstaja račun, smo nanj poslali povezavo.")).toBeVisible();

  const { mail, path: resetPath } = await linkFromMail(email, "reset-password");
  expect(mail.subject).toBe("Ponastavitev gesla za Mobilo");
  await p.goto(resetPath);
  await p.waitForLoadState("networkidle");
  await p.getByLabel("Novo geslo", { exact: true }).fill("second-password-2026");
  await p.getByLabel("Ponovite novo geslo").fill("second-password-2026");
  await p.getByRole("button", { name: "Spremeni geslo" }).click();
  await expect(p.getByText("Geslo je spremenjeno. Prijavite se z novim geslom.")).toBeVisible();
  await p.locator("#password").fill("second-password-2026");
  await p.locator("form button[type=submit]").click();
  await expect(p).toHaveURL(/\/s\/[0-9a-f-]{36}\/projects$/);

  // The reset ended the session signed in with the old password: that browser is sent to sign in, and
  // Auth.js's session endpoint does not renew it either. The new session goes on.
  const old = await oldBrowser.newPage();
  await old.goto(new URL(p.url()).pathname);
  await expect(old).toHaveURL(/\/login/);
  expect(await (await oldBrowser.request.get("/api/auth/session")).json()).toBeNull();
  await p.reload();
  await expect(p).toHaveURL(/\/s\/[0-9a-f-]{36}\/projects$/);
  await oldBrowser.close();

  // The same link again: refused.
  await p.goto(resetPath);
  await p.waitForLoadState("networkidle");
  await p.getByLabel("Novo geslo", { exact: true }).fill("third-password-2026");
  await p.getByLabel("Ponovite novo geslo").fill("third-password-2026");
  await p.getByRole("button", { name: "Spremeni geslo" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "Ta povezava ni veljavna" })).toBeVisible();
  await fresh.close();
});

test("signing out on every device ends the sessions of the other browsers too", async ({ page, browser }) => {
  const email = `everywhere-${Date.now()}@example.test`;
  await inviteTeacher(page, email);
  const { context: laptop } = await acceptAsNewUser(browser, email, "Eva Everywhere", "laptop-password-2026");
  const phone = await browser.newContext();
  const onPhone = await phone.newPage();
  await login(onPhone, email, "laptop-password-2026");

  const onLaptop = laptop.pages()[0] ?? (await laptop.newPage());
  await onLaptop.getByTestId("user-menu").click();
  await onLaptop.getByRole("menuitem", { name: "Sign out on every device" }).click();
  await expect(onLaptop).toHaveURL(/\/login/);
  // The other browser still has its cookie, but the session is over.
  await onPhone.reload();
  await expect(onPhone).toHaveURL(/\/login/);
  // Signing in again works at once.
  await login(onPhone, email, "laptop-password-2026");
  await phone.close();
  await laptop.close();
});

test("repeated failed sign-ins lock the account: a translated message, and HTTP 429 from the credentials endpoint", async ({ page }) => {
  // An address of its own (no such account: the lock works the same, and reveals nothing).
  const email = `throttled-${Date.now()}@example.test`;
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(`wrong-${attempt}`);
    await page.locator("form button[type=submit]").click();
    // Wait for this attempt's answer: React resets the form's fields when the action has returned.
    await expect(page.locator("#password")).toHaveValue("");
    const expected = attempt < 5 ? "The e-mail or password is not right." : "Too many failed sign-ins.";
    await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
  }
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins." })).toBeVisible();

  const response = await page.request.post("/api/auth/callback/credentials", { form: { email, password: "anything" }, maxRedirects: 0 });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);

  // Another account from the same browser still signs in (the per-IP limit is far higher).
  await login(page, SCHOOL_ADMIN);
});

test("security headers on every page", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // HSTS only over HTTPS (security.spec.ts checks both ways); this request is plain http.
  expect(headers["strict-transport-security"]).toBeUndefined();
});
