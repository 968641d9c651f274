import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeyRole } from "@/lib/capabilities";
import { apiKeys, organisations, users, type ApiKey } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { API_TOKEN_PATTERN, type TApiScope, type TCreateNaApiKey, type TCreateSchoolApiKey } from "@/server/schemas/api-keys";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import type { Officer } from "./na-portfolio-sql";

/*
 * API keys of the public API (/api/v1, docs/api.md). A key belongs to one school or one national agency.
 * The token `mob_<prefix>_<secret>` is shown once; the database keeps its public prefix (for the lookup)
 * and the SHA-256 of the whole token (256 random bits: a slow hash would add nothing). Keys are revoked,
 * never deleted: the audit trail names them as the actor of every call they made.
 */

/** Who calls the API: the key, its tenant and its scopes (server/api/trpc.ts puts it in the context). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  /** The school of a school's key (null for an NA's key). */
  organisationId: string | null;
  /** The NA of the key's school, or the NA of an NA's key. */
  naCode: string;
  kind: "school" | "na";
  scopes: TApiScope[];
  createdBy: string;
}

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function newPrefix(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join("");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token and what is stored of it. */
export function newApiToken(): { token: string; prefix: string; secretHash: string } {
  const prefix = newPrefix();
  const token = `mob_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, secretHash: hashApiToken(token) };
}

/** A key as the app lists it: never its hash. */
function toView(row: ApiKey & { createdByName?: string | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as TApiScope[],
    createdAt: row.createdAt,
    createdByName: row.createdByName ?? null,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
export type TApiKeyView = ReturnType<typeof toView>;

const auditView = (row: ApiKey) => ({ id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, naCode: row.naCode, revokedAt: row.revokedAt });

async function listWhere(db: Db, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(where)
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt));
  return rows.map((r) => toView({ ...r.key, createdByName: r.createdByName }));
}

export async function listSchoolApiKeys(db: Db, actor: Actor) {
  return listWhere(db, eq(apiKeys.organisationId, actor.orgId));
}

/** Creates a key of the actor's school; the token is in the answer and nowhere else, ever. */
export async function createSchoolApiKey(db: Db, actor: Actor, input: TCreateSchoolApiKey) {
  // A key cannot see more than the member who makes it: special-category data needs that permission.
  if (input.scopes.includes("read:special-category") && !actor.specialCategory) {
    throw new AppError("FORBIDDEN", "forbidden", { scopes: ["specialCategoryScopeNeedsAccess"] });
  }
  const { token, prefix, secretHash } = newApiToken();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ organisationId: actor.orgId, name: input.name, prefix, secretHash, scopes: input.scopes, createdBy: actor.userId })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "api_key.create", entityType: "api_key", entityId: row.id, after: auditView(row) });
    return { key: toView(row), token };
  });
}

export async function revokeSchoolApiKey(db: Db, actor: Actor, apiKeyId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organisationId, actor.orgId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, actor, { action: "api_key.revoke", entityType: "api_key", entityId: row.id, after: auditView(row) });
    return toView(row);
  });
}

function assertOfficerOf(officer: Officer, naCode: string) {
  // Another NA's keys do not exist for this officer.
  if (!officer.naCodes.includes(naCode)) throw notFound();
}

export async function listNaApiKeys(db: Db, officer: Officer, naCode: string) {
  assertOfficerOf(officer, naCode);
  return listWhere(db, eq(apiKeys.naCode, naCode));
}

export async function createNaApiKey(db: Db, officer: Officer, input: TCreateNaApiKey) {
  assertOfficerOf(officer, input.naCode);
  const { token, prefix, secretHash } = newApiToken();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ naCode: input.naCode, name: input.name, prefix, secretHash, scopes: input.scopes, createdBy: officer.userId })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, { userId: officer.userId, orgId: null }, { action: "api_key.create", entityType: "api_key", entityId: row.id, after: auditView(row) });
    return { key: toView(row), token };
  });
}

export async function revokeNaApiKey(db: Db, officer: Officer, apiKeyId: string) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ naCode: apiKeys.naCode }).from(apiKeys).where(eq(apiKeys.id, apiKeyId));
    if (!found?.naCode || !officer.naCodes.includes(found.naCode)) throw notFound();
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(eq(apiKeys.id, apiKeyId))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, { userId: officer.userId, orgId: null }, { action: "api_key.revoke", entityType: "api_key", entityId: row.id, after: auditView(row) });
    return toView(row);
  });
}

/**
 * The key a bearer token names, if it is one of ours and not revoked; null otherwise (the caller answers
 * 401 without saying why). The hash is compared in constant time.
 */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiKeyPrincipal | null> {
  const match = API_TOKEN_PATTERN.exec(token);
  if (!match?.[1]) return null;
  const [row] = await db
    .select({ key: apiKeys, schoolNaCode: organisations.naCode })
    .from(apiKeys)
    .leftJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.prefix, match[1]), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const given = Buffer.from(hashApiToken(token), "hex");
  const stored = Buffer.from(row.key.secretHash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  const naCode = row.key.naCode ?? row.schoolNaCode;
  if (!naCode) return null;
  return {
    id: row.key.id,
    name: row.key.name,
    organisationId: row.key.organisationId,
    naCode,
    kind: row.key.organisationId ? "school" : "na",
    scopes: row.key.scopes as TApiScope[],
    createdBy: row.key.createdBy,
  };
}

/**
 * The acting "member" a school's key stands for in the services: its school, a role that lets the
 * procedures it may reach run (a key that writes mobilities acts as the coordinator does; a read-only key
 * as the headteacher, who reads everything and edits nothing), and special-category data only with that
 * scope and only for reads (a write keeps such values as stored, as for a member without the permission).
 * Another school's id is NOT_FOUND, as for a member. The scopes themselves are checked per procedure
 * (server/api/trpc.ts).
 */
export function apiKeyActor(key: ApiKeyPrincipal, orgId: string, type: "query" | "mutation" | "subscription"): Actor {
  if (key.kind !== "school" || key.organisationId !== orgId) throw notFound("organisationNotFound");
  return {
    userId: key.createdBy,
    email: "",
    orgId,
    role: apiKeyRole(key.scopes.includes("write:mobilities")),
    naCode: key.naCode,
    specialCategory: type === "query" && key.scopes.includes("read:special-category"),
    apiKeyId: key.id,
  };
}

/** The officer an NA's key stands for: its one NA. */
export function apiKeyOfficer(key: ApiKeyPrincipal): Officer | null {
  return key.kind === "na" ? { userId: key.createdBy, naCodes: [key.naCode] } : null;
}

export interface TRateLimit {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Counts a request in the key's current window (one row per key, fixed windows of `windowSeconds`),
 * atomically in PostgreSQL, so two app instances share the count.
 */
export async function takeApiRateLimit(db: Db, keyId: string, limit: number, windowSeconds = 60): Promise<TRateLimit> {
  const rows = await db.execute<{ count: number; reset: number }>(sql`
    insert into api_rate_windows as w (api_key_id, window_start, count)
    values (${keyId}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (api_key_id) do update
      set count = case when w.window_start = excluded.window_start then w.count + 1 else 1 end,
          window_start = excluded.window_start
    returning w.count as count,
      ceil(extract(epoch from (w.window_start + make_interval(secs => ${windowSeconds}) - now())))::int as reset`);
  const row = rows[0];
  const count = Number(row?.count ?? 1);
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Number(row?.reset ?? windowSeconds)) };
}

/** Every call is audited as the key (its school's trail; an NA key's entries have no school), and its last use kept. */
export async function recordApiCall(db: Db, key: ApiKeyPrincipal, call: { method: string; path: string; status: number }) {
  await db.transaction(async (tx) => {
    await tx.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, key.id));
    await recordAudit(tx, { userId: null, orgId: key.organisationId, apiKeyId: key.id }, {
      action: "api.call",
      entityType: "api_key",
      entityId: key.id,
      after: { method: call.method, path: call.path, status: call.status },
    });
  });
}
