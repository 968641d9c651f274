import "server-only";
import { getDb } from "@/db";
import { withRequest } from "@/server/log";
import { apiKeyDoor, type ApiKeyRouteArgs } from "./api-key-door";
import { createTRPCContext } from "./context";
import { createCaller } from "./root";
import { errorToResponse } from "./route-errors";

export { errorToResponse, routeError, type RouteErrorBody } from "./route-errors";
export type { ApiKeyRouteArgs } from "./api-key-door";

/*
 * THE DOOR for every route handler that is not tRPC (downloads, uploads, exports): app/api/**\/route.ts.
 *
 *   export const GET = routeHandler<{ orgId: string }>("overview.pdf", async ({ caller, params, request }) => {
 *     const data = await caller.dashboards.schoolOverview({ orgId: params.orgId });
 *     return new Response(render(data), { headers: downloadHeaders(...) });
 *   });
 *
 * - `caller` is the app's tRPC caller with the request's session (the context tRPC builds for
 *   `/api/trpc`): authentication, membership, role and input validation happen in the procedure, exactly
 *   as for the browser's calls. A route handler imports neither db/ nor server/services.
 * - Whatever the handler throws becomes one JSON body, the same as the tRPC API's:
 *   `{ message: "<errors.* key>", fieldErrors?: { field: ["<validation.* key>"] } }` with the tRPC
 *   code's HTTP status; a database error is translated as tRPC does, anything unknown is logged and
 *   answered 500 `internal` (no SQL, no stack).
 * - Every log line of the request carries its request id (server/log.ts `withRequest`).
 * - Procedures that carry bytes, streams or translators are `meta({ routeOnly: true })`: callable
 *   here, NOT_FOUND over `/api/trpc`.
 * - `{ auth: "apiKey" }` (the public API, /api/v1): the context is the request's API key instead of the
 *   session (server/api/api-key-door.ts: bearer token, rate limit, the call audited as the key); the
 *   procedures reachable are those whose `meta.api` names one of the key's scopes.
 */

export type RouteCaller = ReturnType<typeof createCaller>;

export interface RouteArgs<TParams> {
  request: Request;
  params: TParams;
  caller: RouteCaller;
}

type Handler<TParams> = (request: Request, context: { params: Promise<TParams> }) => Promise<Response>;

/** Wraps a route handler: builds the caller, awaits the params, maps every error. */
export function routeHandler<TParams = Record<string, never>>(route: string, handle: (args: RouteArgs<TParams>) => Promise<Response>): Handler<TParams>;
/** The public API's handlers: the caller acts as the request's API key (never the session). */
export function routeHandler<TParams = Record<string, never>>(
  route: string,
  handle: (args: ApiKeyRouteArgs & { params: TParams }) => Promise<Response>,
  options: { auth: "apiKey" },
): Handler<TParams>;
export function routeHandler<TParams>(
  route: string,
  handle: ((args: RouteArgs<TParams>) => Promise<Response>) | ((args: ApiKeyRouteArgs & { params: TParams }) => Promise<Response>),
  options?: { auth: "apiKey" },
): Handler<TParams> {
  if (options?.auth === "apiKey") {
    const apiHandle = handle as (args: ApiKeyRouteArgs & { params: TParams }) => Promise<Response>;
    return (request, context) =>
      withRequest(request, async () => {
        try {
          const params = await context.params;
          return await apiKeyDoor(await getDb(), request, route, (args) => apiHandle({ ...args, params }));
        } catch (error) {
          return errorToResponse(error, route);
        }
      });
  }
  const sessionHandle = handle as (args: RouteArgs<TParams>) => Promise<Response>;
  return (request, context) =>
    withRequest(request, async () => {
      try {
        const caller = createCaller(await createTRPCContext());
        return await sessionHandle({ request, params: await context.params, caller });
      } catch (error) {
        return errorToResponse(error, route);
      }
    });
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Headers of every file the app hands out: an attachment, never sniffed, never cached, and in a sandbox
 * of its own should a browser render it anyway (no script, no same-origin access). The pages' CSP
 * (proxy.ts) does not reach /api, so this one stays as written.
 */
export function downloadHeaders(contentType: string, filename: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Disposition": attachment(filename),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": DOWNLOAD_CSP,
    ...extra,
  };
}

export const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** A cross-site form post must not act with the user's cookies; the browser always sends Origin on POST. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
