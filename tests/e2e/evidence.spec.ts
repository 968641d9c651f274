import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { minimalPdf } from "../helpers/files";
import { login, switchLanguage } from "./helpers";

/*
 * The evidence checklist on a mobility page: upload (type judged by content), download with the
 * right headers, done toggles and notes, removal; and who may download a school's file.
 */

const PDF = minimalPdf(3000);

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The school's KA122 demo project and its first mobility (job shadowing in Vienna, completed). */
async function openDemoMobility(page: Page): Promise<{ orgId: string; url: string }> {
  await login(page);
  const orgId = /\/s\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
  const projects = await trpcQuery<{ id: string; projectNumber: string }[]>(page.request, "projects.list", { orgId });
  const project = projects.find((p) => p.projectNumber === "2025-1-SI01-KA122-SCH-000312456");
  expect(project).toBeTruthy();
  const list = await trpcQuery<{ rows: { id: string; destination: { town: string } }[] }>(page.request, "mobilities.list", {
    orgId,
    projectId: project!.id,
  });
  const mobility = list.rows.find((m) => m.destination.town === "Vienna");
  expect(mobility).toBeTruthy();
  const url = `/s/${orgId}/projects/${project!.id}/mobilities/${mobility!.id}`;
  await page.goto(url);
  return { orgId, url };
}

test("a coordinator uploads, downloads, ticks and removes evidence; other schools cannot download", async ({ page, browser }) => {
  await openDemoMobility(page);
  const checklist = page.getByTestId("evidence-checklist");
  await expect(checklist.getByText("Evidence", { exact: true })).toBeVisible();
  // Job shadowing: attendance, travel, participant report; no learning agreement.
  await expect(checklist.getByTestId("evidence-attendance_certificate")).toBeVisible();
  await expect(checklist.getByTestId("evidence-learning_agreement")).toHaveCount(0);
  await expect(checklist.getByTestId("evidence-summary")).toHaveText("0 of 3 done");

  // A text file named .pdf is refused in the browser, beside the drop zone.
  const attendance = checklist.getByTestId("evidence-attendance_certificate");
  await attendance.getByTestId("evidence-file-attendance_certificate").setInputFiles({
    name: "certificate.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("this is not a PDF at all"),
  });
  await expect(attendance.getByRole("alert")).toContainText("Only PDF, PNG and JPEG");

  await attendance.getByTestId("evidence-file-attendance_certificate").setInputFiles({ name: "Potrdilo o udeležbi.pdf", mimeType: "application/pdf", buffer: PDF });
  const link = attendance.getByTestId("evidence-download");
  await expect(link).toHaveText("Potrdilo o udeležbi.pdf");
  await expect(checklist.getByTestId("evidence-summary")).toHaveText("1 of 3 done");

  const href = await link.getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toContain("attachment;");
  // Finding 5: the route's sandbox survives (the pages' CSP does not replace it).
  expect(download.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(Buffer.compare(await download.body(), PDF)).toBe(0);

  // The server judges by content too, whatever the browser declares.
  const orgId = /\/s\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
  const mobilityId = page.url().split("/").pop() ?? "";
  const forged = await page.request.post("/api/files/upload", {
    headers: { origin: new URL(page.url()).origin },
    multipart: {
      orgId,
      mobilityId,
      kind: "travel_proof",
      file: { name: "ticket.pdf", mimeType: "application/pdf", buffer: randomBytes(2048) },
    },
  });
  expect(forged.status()).toBe(400);
  expect(((await forged.json()) as { message: string }).message).toBe("fileTypeNotAllowed");

  // Tick the participant report with a note; it survives a reload.
  const report = checklist.getByTestId("evidence-participant_report");
  await report.getByRole("checkbox").click();
  await expect(checklist.getByTestId("evidence-summary")).toHaveText("2 of 3 done");
  await report.getByRole("button", { name: "Add a note" }).click();
  await report.getByLabel("Note").fill("Submitted in EU Survey on 20 Oct.");
  await report.getByRole("button", { name: "Save note" }).click();
  await expect(report.getByText("Submitted in EU Survey on 20 Oct.")).toBeVisible();
  await page.reload();
  await expect(report.getByRole("checkbox")).toBeChecked();
  await expect(report.getByText("Submitted in EU Survey on 20 Oct.")).toBeVisible();

  // Another school's coordinator gets 404, the school's NA officer the file.
  for (const [email, status] of [
    ["koordinator@os-breg.si", 404],
    ["koordinatorica@os-jadran.hr", 404],
    ["nadzornik@na-si01.si", 200],
  ] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto("/login");
    await other.locator("#email").fill(email);
    await other.locator("#password").fill("mobilo-demo-2026");
    await other.locator("form button[type=submit]").click();
    await other.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect((await other.request.get(href!)).status(), email).toBe(status);
    await context.close();
  }

  // Slovenian.
  await switchLanguage(page, "Slovenščina");
  await expect(checklist.getByText("Dokazila", { exact: true })).toBeVisible();
  await expect(checklist.getByTestId("evidence-summary")).toHaveText("Urejeno 2 od 3");

  // Remove the file: the item is no longer done.
  await attendance.getByRole("button", { name: "Odstrani datoteko" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Odstrani" }).click();
  await expect(attendance.getByTestId("evidence-download")).toHaveCount(0);
  await expect(checklist.getByTestId("evidence-summary")).toHaveText("Urejeno 1 od 3");
  expect((await page.request.get(href!)).status()).toBe(404);
  await switchLanguage(page, "English");
});
