import type { Db } from "@/db/client";
import { env } from "@/server/env";
import { log, setActor } from "@/server/log";
import { authenticateApiKey, recordApiCall, takeApiRateLimit, type ApiKeyPrincipal } from "@/server/services/api-keys";
import { createCaller } from "./root";
import { errorToResponse, routeError } from "./route-errors";

/*
 * The API-key side of the one door (server/api/route-handler.ts, `routeHandler(…, { auth: "apiKey" })`),
 * kept apart so that Vitest runs it without Next.js. For every request to /api/v1:
 *   1. `Authorization: Bearer mob_…` names a key that exists and is not revoked, or 401 (cookies are
 *      never read: a browser's session cannot be used against the API, so there is nothing to forge);
 *   2. the key's rate window in PostgreSQL (shared by every app instance) has room, or 429 + Retry-After;
 *   3. the handler runs with a tRPC caller whose context is the key (server/api/trpc.ts: its tenant and
 *      scopes), and whatever it throws becomes the one error body;
 *   4. the call is audited as the key (and its last use kept), whatever the answer.
 */

export interface ApiKeyRouteArgs {
  request: Request;
  caller: ReturnType<typeof createCaller>;
  apiKey: ApiKeyPrincipal;
}

const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/;

export async function apiKeyDoor(db: Db, request: Request, route: string, handle: (args: ApiKeyRouteArgs) => Promise<Response>): Promise<Response> {
  const header = request.headers.get("authorization") ?? "";
  const token = BEARER.exec(header)?.[1];
  const apiKey = token ? await authenticateApiKey(db, token) : null;
  if (!apiKey) {
    const response = routeError(401, "unauthorized");
    response.headers.set("WWW-Authenticate", 'Bearer realm="mobilo"');
    return response;
  }
  setActor({ userId: `api-key:${apiKey.id}`, ...(apiKey.organisationId ? { orgId: apiKey.organisationId } : {}) });

  const limit = await takeApiRateLimit(db, apiKey.id, env.API_RATE_LIMIT_PER_MINUTE);
  let response: Response;
  if (!limit.allowed) {
    response = routeError(429, "rateLimited");
    response.headers.set("Retry-After", String(limit.resetSeconds));
  } else {
    try {
      response = await handle({ request, caller: createCaller({ db, session: null, apiKey }), apiKey });
    } catch (error) {
      response = errorToResponse(error, route);
    }
  }
  response.headers.set("X-RateLimit-Limit", String(limit.limit));
  response.headers.set("X-RateLimit-Remaining", String(limit.remaining));
  response.headers.set("X-RateLimit-Reset", String(limit.resetSeconds));

  try {
    await recordApiCall(db, apiKey, { method: request.method, path: new URL(request.url).pathname.slice(0, 500), status: response.status });
  } catch (error) {
    // The call itself has happened (a mutation is committed): answering 500 now would invite a retry.
    log.error({ err: error, route }, "api call could not be audited");
  }
  return response;
}
