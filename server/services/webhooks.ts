import { createHmac, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhooks, type Webhook } from "@/db/schema";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import type { TCreateNaWebhook, TCreateSchoolWebhook, TWebhookEvent } from "@/server/schemas/api-keys";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import type { Officer } from "./na-portfolio-sql";
import { postWebhook } from "./webhook-transport";

/*
 * Webhooks of the public API (docs/api.md, "Webhooks"). A school or an NA subscribes a URL to events;
 * the events are put in the outbox by the database itself, in the transaction of the change: a trigger
 * on `audit_log` (migration 0014) turns the audit entry of a mobility or finding change into one
 * `webhook_deliveries` row per matching subscription and a `webhook.deliver` job (services/jobs.ts).
 * The worker (server/jobs/worker.ts) POSTs the payload signed with the subscription's secret:
 *   Mobilo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 * and retries with exponential backoff until the receiver answers 2xx. Every attempt is in the delivery log.
 */

export const WEBHOOK_TIMEOUT_MS = 10_000;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The signature header of a delivery: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

function toView(row: Webhook) {
  return { id: row.id, url: row.url, events: row.events as TWebhookEvent[], createdAt: row.createdAt, disabledAt: row.disabledAt };
}
export type TWebhookView = ReturnType<typeof toView>;
const auditView = (row: Webhook) => ({ id: row.id, url: row.url, events: row.events, naCode: row.naCode, disabledAt: row.disabledAt });

async function listWhere(db: Db, owner: SQL) {
  const rows = await db.select().from(webhooks).where(and(owner, isNull(webhooks.disabledAt))).orderBy(desc(webhooks.createdAt));
  return rows.map(toView);
}

/** The last deliveries of the owner's webhooks, newest first (the delivery log). */
async function deliveriesWhere(db: Db, owner: SQL, limit = 50) {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      url: webhooks.url,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(owner)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export const listSchoolWebhooks = (db: Db, actor: Actor) => listWhere(db, eq(webhooks.organisationId, actor.orgId));
export const listSchoolWebhookDeliveries = (db: Db, actor: Actor) => deliveriesWhere(db, eq(webhooks.organisationId, actor.orgId));

export async function createSchoolWebhook(db: Db, actor: Actor, input: TCreateSchoolWebhook) {
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(webhooks).values({ organisationId: actor.orgId, url: input.url, events: input.events, secret, createdBy: actor.userId }).returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "webhook.create", entityType: "webhook", entityId: row.id, after: auditView(row) });
    return { webhook: toView(row), secret };
  });
}

/** Removes a subscription (kept, disabled, so its delivery log stays readable to the audit). */
export async function removeSchoolWebhook(db: Db, actor: Actor, webhookId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ disabledAt: sql`coalesce(${webhooks.disabledAt}, now())` })
      .where(and(eq(webhooks.id, webhookId), eq(webhooks.organisationId, actor.orgId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, actor, { action: "webhook.remove", entityType: "webhook", entityId: row.id, after: auditView(row) });
    return toView(row);
  });
}

function officerNa(officer: Officer, naCode: string): SQL {
  if (!officer.naCodes.includes(naCode)) throw notFound();
  return eq(webhooks.naCode, naCode);
}

export const listNaWebhooks = (db: Db, officer: Officer, naCode: string) => listWhere(db, officerNa(officer, naCode));
export const listNaWebhookDeliveries = (db: Db, officer: Officer, naCode: string) => deliveriesWhere(db, officerNa(officer, naCode));

export async function createNaWebhook(db: Db, officer: Officer, input: TCreateNaWebhook) {
  officerNa(officer, input.naCode);
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(webhooks).values({ naCode: input.naCode, url: input.url, events: input.events, secret, createdBy: officer.userId }).returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, { userId: officer.userId, orgId: null }, { action: "webhook.create", entityType: "webhook", entityId: row.id, after: auditView(row) });
    return { webhook: toView(row), secret };
  });
}

export async function removeNaWebhook(db: Db, officer: Officer, webhookId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ disabledAt: sql`coalesce(${webhooks.disabledAt}, now())` })
      .where(and(eq(webhooks.id, webhookId), inArray(webhooks.naCode, officer.naCodes.length ? officer.naCodes : [""])))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, { userId: officer.userId, orgId: null }, { action: "webhook.remove", entityType: "webhook", entityId: row.id, after: auditView(row) });
    return toView(row);
  });
}

/**
 * Sends one delivery (the `webhook.deliver` job): POST the payload, signed, to the subscription's URL.
 * A 2xx answer delivers it; anything else (another status, a redirect, a timeout, a refused connection)
 * is recorded on the delivery and thrown, so the queue retries with backoff. A delivery whose webhook
 * was removed meanwhile is dropped. The receiver must be at a public address (webhook-transport.ts):
 * a URL that points into Mobilo's own network fails with "address not allowed" in the log.
 */
export async function deliverWebhook(db: Db, payload: unknown, options: { now?: () => number; allowPrivateNetworks?: boolean } = {}): Promise<void> {
  const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
  if (typeof deliveryId !== "string") throw new Error("webhook.deliver without a delivery id");
  const [row] = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret, disabledAt: webhooks.disabledAt })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status === "delivered") return;
  if (row.disabledAt) {
    await db.update(webhookDeliveries).set({ status: "failed", lastError: "webhook removed" }).where(eq(webhookDeliveries.id, deliveryId));
    return;
  }
  const body = JSON.stringify({ id: row.delivery.id, event: row.delivery.event, createdAt: row.delivery.createdAt.toISOString(), data: row.delivery.payload });
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await postWebhook(
      row.url,
      {
        "Content-Type": "application/json",
        "User-Agent": "Mobilo-Webhooks/1",
        "Mobilo-Event": row.delivery.event,
        "Mobilo-Delivery": row.delivery.id,
        "Mobilo-Signature": signWebhook(row.secret, timestamp, body),
      },
      body,
      { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivateNetworks: options.allowPrivateNetworks ?? env.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    );
    statusCode = response.status;
    if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
  } catch (thrown) {
    error = thrown instanceof Error ? (thrown.name === "TimeoutError" ? "timeout" : thrown.message) : String(thrown);
  }
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: sql`now()`,
      lastStatusCode: statusCode,
      lastError: error,
      ...(error ? {} : { status: "delivered" as const, deliveredAt: sql`now()` }),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  if (error) throw new Error(`webhook delivery failed: ${error}`);
}

/** After the queue gave up on a delivery's job (services/jobs.ts `failJob` → failed): the log says so. */
export async function markDeliveryFailed(db: Db, deliveryId: string): Promise<void> {
  await db.update(webhookDeliveries).set({ status: "failed" }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
}
