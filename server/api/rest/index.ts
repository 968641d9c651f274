import { AppError, zodFieldErrors } from "@/server/errors";
import { ZId } from "@/server/schemas/common";
import { readBodyWithLimit } from "@/server/storage/upload-body";
import type { ApiKeyRouteArgs } from "../api-key-door";
import { routeError } from "../route-errors";
import { OPERATIONS, scopesOf, type TOperation } from "./operations";

/*
 * The dispatcher of /api/v1 (app/api/v1/[...path]/route.ts, through the door with `auth: "apiKey"`):
 * finds the operation (operations.ts), checks that the key is of the operation's kind (school or NA) and
 * holds its scope, reads path, query, JSON body and If-Match, runs it, and answers in the contract
 * (the operation's response schema parses the answer, so nothing unlisted leaves).
 */

export const API_BASE = "/api/v1";
/** A JSON body larger than this is refused (413) before it is read whole. */
export const MAX_API_BODY_BYTES = 256 * 1024;

const NO_STORE = { "Cache-Control": "no-store" } as const;

interface Compiled {
  operation: TOperation;
  pattern: RegExp;
  names: string[];
}

const COMPILED: Compiled[] = OPERATIONS.map((operation) => {
  const names: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { operation, pattern: new RegExp(`^${source}$`), names };
});

/** `"3"`, `W/"3"` or `3`: the version the change is based on. */
export function parseIfMatch(value: string | null): number | "missing" | "invalid" {
  if (value === null || value.trim() === "") return "missing";
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(value);
  const version = match?.[1] ? Number(match[1]) : NaN;
  return Number.isSafeInteger(version) && version <= 2_147_483_647 ? version : "invalid";
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) out[key] = value;
  return out;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return routeError(415, "unsupportedMediaType");
  const bytes = await readBodyWithLimit(request, MAX_API_BODY_BYTES);
  if (bytes === "tooLarge") return routeError(413, "tooLarge");
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return routeError(400, "invalidJson");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return routeError(400, "invalidJson");
  return parsed as Record<string, unknown>;
}

export async function restApi({ request, caller, apiKey }: ApiKeyRouteArgs): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
  const candidates = COMPILED.map((c) => ({ ...c, match: c.pattern.exec(path) })).filter((c) => c.match);
  if (candidates.length === 0) return routeError(404, "notFound");
  const found = candidates.find((c) => c.operation.method === request.method);
  if (!found?.match) {
    const response = routeError(405, "methodNotAllowed");
    response.headers.set("Allow", [...new Set(candidates.map((c) => c.operation.method))].join(", "));
    return response;
  }
  const { operation } = found;

  if (operation.tenant !== apiKey.kind) return routeError(403, "wrongKeyKind");
  if (!scopesOf(operation).some((scope) => apiKey.scopes.includes(scope))) return routeError(403, "insufficientScope");

  const params: Record<string, string> = {};
  for (const [index, name] of found.names.entries()) {
    let value: string;
    try {
      value = decodeURIComponent(found.match[index + 1] ?? "");
    } catch {
      return routeError(404, "notFound");
    }
    // An id that cannot be one names nothing.
    if (!ZId.safeParse(value).success) return routeError(404, "notFound");
    params[name] = value;
  }

  let query: unknown = {};
  if (operation.query) {
    const parsed = operation.query.safeParse(queryObject(url));
    if (!parsed.success) return routeError(400, "invalidInput", zodFieldErrors(parsed.error));
    query = parsed.data;
  }

  let version = 0;
  if (operation.ifMatch) {
    const given = parseIfMatch(request.headers.get("if-match"));
    if (given === "missing") return routeError(428, "preconditionRequired");
    if (given === "invalid") return routeError(400, "invalidInput", { "If-Match": ["invalidVersion"] });
    version = given;
  }

  let body: Record<string, unknown> = {};
  if (operation.body) {
    const read = await readJsonObject(request);
    if (read instanceof Response) return read;
    body = read;
  }

  let result: unknown;
  try {
    result = await operation.handle({ caller, orgId: apiKey.organisationId ?? "", params, query, body, version });
  } catch (error) {
    // A stale version under If-Match is a failed precondition (412), not a conflict.
    if (operation.ifMatch && error instanceof AppError && error.messageKey === "staleVersion") return routeError(412, "preconditionFailed");
    throw error;
  }
  const answer = operation.response.safeParse(result);
  if (!answer.success) throw new Error(`${operation.operationId}: the answer does not fit its contract: ${JSON.stringify(zodFieldErrors(answer.error))}`);
  const headers: Record<string, string> = { ...NO_STORE };
  const data = answer.data as { version?: unknown };
  if (operation.etag && typeof data.version === "number") headers.ETag = `"${data.version}"`;
  return Response.json(answer.data, { status: operation.status, headers });
}
