import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/db/client";
import { AppError, forbidden, translateDatabaseError, zodFieldErrors, type FieldErrors } from "@/server/errors";
import { ZId } from "@/server/schemas/common";
import { can, type TNaCapability, type TSchoolCapability } from "@/lib/capabilities";
import { log, setActor } from "@/server/log";
import type { TApiScope } from "@/server/schemas/api-keys";
import { apiKeyActor, apiKeyOfficer, type ApiKeyPrincipal } from "@/server/services/api-keys";
import { listMyNaCodes, resolveActor } from "@/server/services/memberships";

/*
 * The tRPC core. Procedures narrow step by step:
 *   public → protected (a signed-in user) → organisation-scoped (membership and role resolved once,
 *   from the `orgId` every such input carries) with a capability of that role (FORBIDDEN otherwise),
 *   or an NA officer's, with a capability of theirs.
 * This file imports no next-auth code (it would break Vitest): the session arrives in the context.
 */

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface Context {
  db: Db;
  session: { user: SessionUser } | null;
  /**
   * `"http"` for calls through `/api/trpc` (JSON from the browser). Procedures with `meta({ routeOnly:
   * true })` (bytes, streams, translators in or out) exist only for the route handlers' server-side
   * caller (server/api/route-handler.ts): over HTTP they are NOT_FOUND.
   */
  transport?: "http";
  /**
   * A call through the public API (/api/v1) with this key instead of a session: only the door builds
   * it (server/api/route-handler.ts, `auth: "apiKey"`), never from cookies.
   */
  apiKey?: ApiKeyPrincipal;
}

export interface Meta {
  routeOnly?: boolean;
  /**
   * The public API may call this procedure with a key that holds one of these scopes. A procedure without
   * it does not exist for API keys (FORBIDDEN): nothing is reachable with a key unless declared here.
   */
  api?: { scopes: readonly TApiScope[] };
}

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: FieldErrors | undefined;
    if (cause instanceof ZodError) fieldErrors = zodFieldErrors(cause);
    else if (error instanceof AppError) fieldErrors = error.fieldErrors;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      message: internal ? "internal" : error instanceof AppError ? error.messageKey : cause instanceof ZodError ? "invalidInput" : shape.message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Known database errors become clear answers; the rest is logged and redacted by the formatter. */
const translateErrors = t.middleware(async ({ ctx, meta, next, path, type }) => {
  if (meta?.routeOnly && ctx.transport === "http") throw new AppError("NOT_FOUND", "notFound");
  if (ctx.apiKey && !meta?.api?.scopes.some((scope) => ctx.apiKey?.scopes.includes(scope))) throw new AppError("FORBIDDEN", "insufficientScope");
  const started = performance.now();
  const result = await next();
  log.debug({ path, type, ok: result.ok, ms: Math.round(performance.now() - started) }, "trpc call");
  if (!result.ok) {
    const translated = translateDatabaseError(result.error.cause ?? result.error);
    if (translated) throw translated;
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      log.error({ err: result.error.cause ?? result.error, path }, "trpc procedure failed");
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(translateErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  // An API key acts under its own name; what it may reach is its tenant and scopes (below and above).
  if (ctx.apiKey) return next({ ctx: { ...ctx, user: { id: ctx.apiKey.createdBy, email: "", name: ctx.apiKey.name } } });
  if (!ctx.session?.user) throw new AppError("UNAUTHORIZED", "unauthorized");
  setActor({ userId: ctx.session.user.id });
  return next({ ctx: { ...ctx, user: ctx.session.user } });
});

/** The caller's membership of the school named by the input's `orgId`, resolved once per request. */
const memberProcedure = protectedProcedure.input(z.object({ orgId: ZId })).use(async ({ ctx, input, next, type }) => {
  // A school's API key stands for a member of its own school (services/api-keys.ts `apiKeyActor`).
  const actor = ctx.apiKey ? apiKeyActor(ctx.apiKey, input.orgId, type) : await resolveActor(ctx.db, ctx.user.id, input.orgId);
  setActor({ userId: ctx.user.id, orgId: input.orgId, role: actor.role });
  return next({ ctx: { ...ctx, actor } });
});

/**
 * A school-scoped procedure for the members whose role has the capability (lib/capabilities.ts, the one
 * map of who may do what): not a member is NOT_FOUND, a member without it FORBIDDEN. Finer rules that
 * depend on the row (a teacher edits only their own mobility) are the service's (services/permissions.ts).
 */
export function orgProcedure(capability: TSchoolCapability) {
  return memberProcedure.use(({ ctx, next }) => {
    if (!can(ctx.actor.role, capability)) throw forbidden();
    return next();
  });
}

/** An officer of one or more national agencies: `ctx.officer.naCodes` are the NAs whose projects they oversee. */
const officerProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (ctx.apiKey) {
    const officer = apiKeyOfficer(ctx.apiKey);
    if (!officer) throw forbidden();
    return next({ ctx: { ...ctx, officer } });
  }
  const naCodes = await listMyNaCodes(ctx.db, ctx.user.id);
  if (naCodes.length === 0) throw forbidden();
  return next({ ctx: { ...ctx, officer: { userId: ctx.user.id, naCodes } } });
});

/** An NA officer's procedure, for the capability the officer's role has (lib/capabilities.ts). */
export function naProcedure(capability: TNaCapability) {
  return officerProcedure.use(({ next }) => {
    if (!can("na_officer", capability)) throw forbidden();
    return next();
  });
}
