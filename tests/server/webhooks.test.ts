import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jobs, webhookDeliveries, webhooks } from "@/db/schema";
import { runDueJobs } from "@/server/jobs/worker";
import type { TWebhookEvent } from "@/server/schemas/api-keys";
import { recordAudit } from "@/server/services/audit";
import { backoffSeconds } from "@/server/services/jobs";
import { resolveActor } from "@/server/services/memberships";
import { isPublicAddress } from "@/server/services/webhook-transport";
import { deliverWebhook, signWebhook } from "@/server/services/webhooks";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

/*
 * Webhooks end to end: the outbox (the trigger on audit_log, in the change's transaction), the job queue
 * (SKIP LOCKED, backoff, giving up) and the delivery to a real HTTP receiver on this machine, whose
 * requests are checked as a receiver would: the HMAC-SHA256 signature over "<t>.<body>".
 */

const getDb = setupTestDatabase();

interface TReceived {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
let server: Server;
let base = "";
const received: TReceived[] = [];
/** The status codes the receiver answers, in order (then 200). */
const answers: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = answers.shift() ?? 200;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function setup(path: string, events: TWebhookEvent[] = ["mobility.created", "mobility.changed", "mobility.completed", "finding.opened", "finding.answered"]) {
  const db = getDb();
  const school = await createSchool(db, { naCode: "SI01" });
  const coordinator = await createMember(db, school.id, "coordinator");
  const caller = callerFor(db, coordinator);
  const staff = await createStaff(db, school.id);
  const project = await caller.projects.create({
    orgId: school.id, action: "KA122", projectNumber: projectNumber(), title: "Webhook project", callYear: 2025,
    startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
  });
  const { webhook, secret } = await caller.webhooks.create({ orgId: school.id, url: `${base}${path}`, events });
  const mobility = () =>
    caller.mobilities.log({
      orgId: school.id, projectId: project.id, participantId: staff.id, activityType: "SM-JOB-SHDW", startDate: "2025-10-06", endDate: "2025-10-10",
      travelDays: 2, receivingOrganisation: "Schule Wien", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: 380,
    });
  return { db, school, coordinator, caller, staff, project, webhook, secret, mobility };
}

const deliveriesOf = (webhookId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
const receivedAt = (path: string) => received.filter((r) => r.path === path);

/** What a receiver does: recompute the signature over "<t>.<raw body>" and compare, and check the time. */
function verify(secret: string, header: string, body: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const t = Number(parts.t);
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex");
  return Math.abs(nowSeconds - t) <= 300 && parts.v1 === expected;
}

describe("webhooks", () => {
  it("puts the event in the outbox in the change's transaction, and delivers it signed, retrying after a failure with backoff", async () => {
    const { db, school, mobility, webhook, secret } = await setup("/a");
    const logged = await mobility();
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ event: "mobility.created", status: "pending", attempts: 0 });
    expect(delivery?.payload).toMatchObject({ mobilityId: logged.id, schoolId: school.id, status: "planned", version: 1 });

    answers.push(500);
    expect(await runDueJobs(db)).toBeGreaterThanOrEqual(1);
    const [failed] = await deliveriesOf(webhook.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    const [job] = await db.select().from(jobs).where(sql`${jobs.payload} ->> 'deliveryId' = ${delivery?.id ?? ""}`);
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringContaining("HTTP 500") });
    const waitSeconds = ((job?.runAt.getTime() ?? 0) - Date.now()) / 1000;
    expect(waitSeconds).toBeGreaterThan(20);
    expect(waitSeconds).toBeLessThanOrEqual(36);

    // Not due yet: nothing runs. Due: delivered.
    await runDueJobs(db);
    expect(receivedAt("/a")).toHaveLength(1);
    await db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, job?.id ?? 0));
    await runDueJobs(db);
    const [delivered] = await deliveriesOf(webhook.id);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect((await db.select().from(jobs).where(eq(jobs.id, job?.id ?? 0)))[0]?.status).toBe("done");

    const requests = receivedAt("/a");
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["mobilo-event"]).toBe("mobility.created");
      expect(request.headers["mobilo-delivery"]).toBe(delivery?.id);
      const signature = String(request.headers["mobilo-signature"]);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(secret, signature, request.body)).toBe(true);
      // A body changed on the way, or another secret, does not verify.
      expect(verify(secret, signature, request.body.replace("planned", "completed"))).toBe(false);
      expect(verify("whsec_other", signature, request.body)).toBe(false);
      expect(JSON.parse(request.body)).toEqual({
        id: delivery?.id,
        event: "mobility.created",
        createdAt: delivery?.createdAt.toISOString(),
        data: delivery?.payload,
      });
    }
  });

  it("signs as documented: t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    expect(signWebhook("whsec_test", 1_700_000_000, '{"a":1}')).toBe(
      `t=1700000000,v1=${createHmac("sha256", "whsec_test").update('1700000000.{"a":1}').digest("hex")}`,
    );
  });

  it("backs off exponentially: about 30 s, 1 min, 2 min … at most 6 h", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5].map((attempt) => backoffSeconds(attempt, middle))).toEqual([30, 60, 120, 240, 480]);
    expect(backoffSeconds(30, middle)).toBe(21_600);
    expect(backoffSeconds(1, () => 0)).toBe(24);
    expect(backoffSeconds(1, () => 1)).toBe(36);
  });

  it("sends changed and completed, and the NA's subscription gets its schools' findings", async () => {
    const { db, school, caller, mobility, webhook } = await setup("/b");
    const officer = await createOfficer(db, "SI01");
    const na = await callerFor(db, officer).webhooks.naCreate({ naCode: "SI01", url: `${base}/na`, events: ["finding.opened", "finding.answered"] });
    const logged = await mobility();
    await caller.mobilities.setStatus({ orgId: school.id, projectId: logged.projectId, mobilityIds: [logged.id], status: "completed" });
    const finding = await callerFor(db, officer).na.createFinding({ projectId: logged.projectId, title: "Question", body: "Please explain." });
    await caller.findings.reply({ orgId: school.id, findingId: finding.id, version: finding.version, body: "Our answer." });
    const events = (await deliveriesOf(webhook.id)).map((d) => d.event).sort();
    expect(events).toEqual(["finding.answered", "finding.opened", "mobility.changed", "mobility.completed", "mobility.created"]);
    expect((await deliveriesOf(na.webhook.id)).map((d) => d.event).sort()).toEqual(["finding.answered", "finding.opened"]);
    // Another NA's subscription hears nothing of SI01's schools.
    const otherOfficer = await createOfficer(db, "HR01");
    const other = await callerFor(db, otherOfficer).webhooks.naCreate({ naCode: "HR01", url: `${base}/hr`, events: ["finding.opened"] });
    await callerFor(db, officer).na.createFinding({ projectId: logged.projectId, title: "Another", body: "Please explain." });
    expect(await deliveriesOf(other.webhook.id)).toEqual([]);
  });

  it("loses nothing and invents nothing: a rolled-back change leaves no event, a refused one neither", async () => {
    const { db, school, coordinator, mobility, webhook } = await setup("/c");
    const actor = await resolveActor(db, coordinator.id, school.id);
    const logged = await mobility();
    const before = (await deliveriesOf(webhook.id)).length;
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, actor, { action: "mobility.update", entityType: "mobility", entityId: logged.id, before: { status: "planned" }, after: { status: "completed" } });
        throw new Error("the change fails after its audit entry");
      }),
    ).rejects.toThrow("the change fails");
    const refused = await callerFor(db, coordinator)
      .mobilities.update({ orgId: school.id, projectId: logged.projectId, mobilityId: logged.id, version: 99, participantId: logged.participantId ?? "", activityType: "SM-JOB-SHDW", startDate: "2025-10-06", endDate: "2025-10-10", travelDays: 2, receivingOrganisation: "X", destinationCountry: "AT", destinationTown: "Vienna" })
      .then(() => "saved", (e: { code?: string }) => e.code);
    expect(refused).toBe("CONFLICT");
    expect((await deliveriesOf(webhook.id)).length).toBe(before);
  });

  it("refuses to deliver into Mobilo's own network: an IP literal and a name that resolves to loopback, at connect time", async () => {
    const { db, mobility, webhook } = await setup("/ssrf", ["mobility.created"]);
    await mobility();
    const [delivery] = await deliveriesOf(webhook.id);
    await expect(deliverWebhook(db, { deliveryId: delivery?.id }, { allowPrivateNetworks: false })).rejects.toThrow(/address not allowed/);
    const [refusedLiteral] = await deliveriesOf(webhook.id);
    expect(refusedLiteral).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(refusedLiteral?.lastError).toMatch(/^address not allowed: 127\.0\.0\.1/);
    // The same receiver by name: "localhost" is resolved when the connection is made, and refused then.
    await db.update(webhooks).set({ url: `${base.replace("127.0.0.1", "localhost")}/ssrf` }).where(eq(webhooks.id, webhook.id));
    await expect(deliverWebhook(db, { deliveryId: delivery?.id }, { allowPrivateNetworks: false })).rejects.toThrow(/address not allowed: localhost/);
    expect(receivedAt("/ssrf")).toEqual([]);
    // Allowed (an intranet installation): the very same delivery goes through.
    await deliverWebhook(db, { deliveryId: delivery?.id }, { allowPrivateNetworks: true });
    expect(receivedAt("/ssrf")).toHaveLength(1);
  });

  it("knows which addresses are public", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "not an address"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "193.2.1.66", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("shares the queue between two workers without sending anything twice (SKIP LOCKED)", async () => {
    const { db, mobility, webhook } = await setup("/d", ["mobility.created"]);
    for (let i = 0; i < 12; i++) await mobility();
    const ids = (await deliveriesOf(webhook.id)).map((d) => d.id);
    expect(ids).toHaveLength(12);
    await Promise.all([runDueJobs(db, { limit: 5 }), runDueJobs(db, { limit: 5 }), runDueJobs(db, { limit: 5 })]);
    await runDueJobs(db, { limit: 20 });
    const sent = receivedAt("/d").map((r) => String(r.headers["mobilo-delivery"]));
    expect(sent.sort()).toEqual([...ids].sort());
    const statuses = await db.select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
    expect(statuses.every((s) => s.status === "delivered")).toBe(true);
  });

  it("gives up after the last attempt and says so in the delivery log; a removed webhook stops", async () => {
    const { db, school, caller, mobility, webhook } = await setup("/e", ["mobility.created"]);
    await mobility();
    const [delivery] = await deliveriesOf(webhook.id);
    await db.update(jobs).set({ maxAttempts: 2 }).where(sql`${jobs.payload} ->> 'deliveryId' = ${delivery?.id ?? ""}`);
    answers.push(503, 503);
    await runDueJobs(db);
    await db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(sql`${jobs.payload} ->> 'deliveryId' = ${delivery?.id ?? ""}`);
    await runDueJobs(db);
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 503 });
    const log = await caller.webhooks.deliveries({ orgId: school.id });
    expect(log[0]).toMatchObject({ id: delivery?.id, status: "failed", attempts: 2, url: `${base}/e` });

    await caller.webhooks.remove({ orgId: school.id, webhookId: webhook.id });
    await mobility();
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
    expect(await caller.webhooks.list({ orgId: school.id })).toEqual([]);
  });
});
