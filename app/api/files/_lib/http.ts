import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { AppError, translateDatabaseError, type FieldErrors } from "@/server/errors";
import { log } from "@/server/log";

/*
 * The file routes answer like the tRPC API does: `{ message, fieldErrors }` with i18n keys, and never
 * a database message or stack (those go to the server log).
 */

export function jsonError(status: number, message: string, fieldErrors?: FieldErrors): Response {
  return Response.json({ message, fieldErrors }, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown, what: string): Response {
  const known = error instanceof AppError ? error : translateDatabaseError(error);
  if (known) return jsonError(getHTTPStatusCodeFromError(known), known.messageKey, known.fieldErrors);
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    return jsonError(getHTTPStatusCodeFromError(error), error.code === "NOT_FOUND" ? "notFound" : "invalidInput");
  }
  log.error({ err: error, what }, "file route failed");
  return jsonError(500, "internal");
}

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
