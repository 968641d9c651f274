import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/db/client";
import type { MembershipRole } from "@/db/schema";
import { AppError, forbidden, translateDatabaseError, zodFieldErrors, type FieldErrors } from "@/server/errors";
import { ZId } from "@/server/schemas/common";
import { log, setActor } from "@/server/log";
import type { TApiScope } from "@/server/schemas/api-keys";
import { apiKeyActor, apiKeyOfficer, type ApiKeyPrincipal } from "@/server/services/api-keys";
import { isPlatformAdmin, listMyNaCodes, resolveActor } from "@/server/services/memberships";

/*
 * The tRPC core. Procedures narrow step by step:
 *   public → protected (a signed-in user) → organisation-scoped (membership and role resolved once,
 *   from the `orgId` every such input carries) → role factories (FORBIDDEN otherwise).
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

export const orgProcedure = protectedProcedure.input(z.object({ orgId: ZId })).use(async ({ ctx, input, next, type }) => {
  const actor = ctx.apiKey ? apiKeyActor(ctx.apiKey, input.orgId, type) : await resolveActor(ctx.db, ctx.user.id, input.orgId);
  setActor({ userId: ctx.user.id, orgId: input.orgId, role: actor.role });
  return next({ ctx: { ...ctx, actor } });
});

/** An organisation-scoped procedure that only the given roles may call. */
export function orgRoleProcedure(...roles: MembershipRole[]) {
  return orgProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) throw forbidden();
    return next();
  });
}

/*
 * The school roles (docs/decisions.md, "Roles"):
 *   coordinator  — edits everything of the school's projects;
 *   teacher      — reads the school's projects, edits only their own mobilities (services/permissions.ts);
 *   headteacher  — reads everything, signs off, edits nothing else;
 *   school_admin — manages the members.
 */
export const coordinatorProcedure = orgRoleProcedure("coordinator");
/** Editing one mobility: the coordinator, or a teacher for whom `canEditMobility` holds (checked in the service). */
export const mobilityEditorProcedure = orgRoleProcedure("coordinator", "teacher");
export const schoolAdminProcedure = orgRoleProcedure("school_admin");
/** Inviting and revoking invitations: the school admin, and the coordinator for teachers only (services/members.ts). */
export const inviterProcedure = orgRoleProcedure("school_admin", "coordinator");
/** API keys and webhooks of the school (the public API, docs/api.md): the school admin and the coordinator. */
export const integrationManagerProcedure = orgRoleProcedure("school_admin", "coordinator");
/** Everyone who reads the team and the audit trail; a teacher does not. */
export const schoolOverseerProcedure = orgRoleProcedure("coordinator", "headteacher", "school_admin");

/** An officer of one or more national agencies: `ctx.officer.naCodes` are the NAs whose projects they oversee. */
export const naProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (ctx.apiKey) {
    const officer = apiKeyOfficer(ctx.apiKey);
    if (!officer) throw forbidden();
    return next({ ctx: { ...ctx, officer } });
  }
  const naCodes = await listMyNaCodes(ctx.db, ctx.user.id);
  if (naCodes.length === 0) throw forbidden();
  return next({ ctx: { ...ctx, officer: { userId: ctx.user.id, naCodes } } });
});

/** The operators of the platform (users.platform_role = 'platform_admin'), resolved per request. */
export const platformAdminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (!(await isPlatformAdmin(ctx.db, ctx.user.id))) throw forbidden();
  return next();
});
