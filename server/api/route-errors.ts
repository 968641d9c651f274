import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { AppError, translateDatabaseError, zodFieldErrors, type FieldErrors } from "@/server/errors";
import { log } from "@/server/log";

/*
 * The one error body of the route handlers (server/api/route-handler.ts), the same as the tRPC API's:
 * `{ message: "<errors.* key>", fieldErrors?: { field: ["<validation.* key>"] } }`. Kept apart from the
 * door so that it is tested without Next.js (the door imports the session reader).
 */

export interface RouteErrorBody {
  message: string;
  fieldErrors?: FieldErrors;
}

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** An error answer in the one shape (also for checks a handler makes itself, e.g. the Origin). */
export function routeError(status: number, message: string, fieldErrors?: FieldErrors): Response {
  const body: RouteErrorBody = fieldErrors ? { message, fieldErrors } : { message };
  return Response.json(body, { status, headers: NO_STORE });
}

/** Maps anything thrown by a procedure, a service generator or the handler to the one error body. */
export function errorToResponse(error: unknown, route: string): Response {
  const known = error instanceof AppError ? error : translateDatabaseError(error);
  if (known) return routeError(getHTTPStatusCodeFromError(known), known.messageKey, known.fieldErrors);
  if (error instanceof ZodError) return routeError(400, "invalidInput", zodFieldErrors(error));
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    const status = getHTTPStatusCodeFromError(error);
    if (error.cause instanceof ZodError) return routeError(status, "invalidInput", zodFieldErrors(error.cause));
    return routeError(status, error.code === "NOT_FOUND" ? "notFound" : error.code === "UNAUTHORIZED" ? "unauthorized" : error.code === "FORBIDDEN" ? "forbidden" : "invalidInput");
  }
  log.error({ err: error instanceof TRPCError ? (error.cause ?? error) : error, route }, "route handler failed");
  return routeError(500, "internal");
}

