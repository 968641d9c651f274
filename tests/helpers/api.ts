import type { Db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { apiKeyDoor } from "@/server/api/api-key-door";
import { restApi } from "@/server/api/rest";
import type { TApiScope } from "@/server/schemas/api-keys";
import { newApiToken } from "@/server/services/api-keys";

/*
 * The public API in tests: a key straight in the database, and a request through the same door and
 * dispatcher as app/api/v1/[...path]/route.ts (only Next.js's routing is left out).
 */

export async function createApiKey(
  db: Db,
  owner: { organisationId: string } | { naCode: string },
  scopes: TApiScope[],
  createdBy: string,
): Promise<{ id: string; token: string }> {
  const { token, prefix, secretHash } = newApiToken();
  const [row] = await db
    .insert(apiKeys)
    .values({ ...owner, name: `Test key ${prefix}`, prefix, secretHash, scopes, createdBy })
    .returning();
  if (!row) throw new Error("no api key");
  return { id: row.id, token };
}

export interface TApiCall {
  body?: unknown;
  /** A raw body, sent as is (hostile-input tests). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export function apiRequest(method: string, path: string, token: string | null, call: TApiCall = {}): Request {
  const headers = new Headers(call.headers);
  if (token !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  let body: BodyInit | undefined;
  if (call.rawBody !== undefined) body = typeof call.rawBody === "string" ? call.rawBody : new Blob([new Uint8Array(call.rawBody)]);
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(`http://localhost/api/v1${path}`, { method, headers, body });
}

export async function apiCall(db: Db, method: string, path: string, token: string | null, call: TApiCall = {}) {
  const response = await apiKeyDoor(db, apiRequest(method, path, token, call), "api.v1", restApi);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json, text };
}
