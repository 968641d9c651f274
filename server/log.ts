import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

/*
 * The server's one logger (docs/architecture.md, "Logs").
 *
 *   import { log, withRequest, setActor } from "@/server/log";
 *   export const GET = (req: Request) => withRequest(req, async () => { …; log.info({ fileId }, "sent"); });
 *
 * - Every line written inside `withRequest` carries `requestId` (the caller's `X-Request-Id` when it is
 *   a plain token, else a fresh UUID) and, once `setActor` has run, `actor` (user id, and the school and
 *   role where the request is school-scoped). Ids only: never an e-mail or a name.
 * - Personal data never reaches the log: fields named like personal data (email, name, phone, password,
 *   token, cookie, …) are replaced at any depth, and e-mail addresses inside strings (an error message,
 *   a database error's detail) are masked. Errors go under `err` and keep type, code and stack.
 * - Production (NODE_ENV=production) writes one JSON object per line to stdout; elsewhere a readable
 *   line. LOG_FORMAT=json|pretty overrides, LOG_LEVEL sets the level (default info; silent in tests).
 */

export interface LogActor {
  userId: string;
  orgId?: string;
  role?: string;
}

interface RequestContext {
  requestId: string;
  actor?: LogActor;
}

// Next.js bundles this module once per route bundle: the store and the logger live on globalThis so that
// every bundle reads the same request context.
const globalForLog = globalThis as typeof globalThis & { __mobiloLog?: Logger; __mobiloLogContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForLog.__mobiloLogContext ??= new AsyncLocalStorage<RequestContext>());

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request id for an incoming request: the caller's X-Request-Id if it is a sane token, else a new one. */
export function requestIdFrom(headers: Headers | null | undefined): string {
  const given = headers?.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `fn` as one request: every log line inside carries its id. Nested calls keep the outer id. */
export function withRequest<T>(request: Request | Headers | null | undefined, fn: () => T): T {
  if (storage.getStore()) return fn();
  const headers = request instanceof Request ? request.headers : request;
  return storage.run({ requestId: requestIdFrom(headers) }, fn);
}

/** Records who is acting for the rest of the current request (no effect outside one). */
export function setActor(actor: LogActor): void {
  const store = storage.getStore();
  if (store) store.actor = { ...store.actor, ...actor };
}

// ---- personal data out -------------------------------------------------------------------------

const PERSONAL_KEY = /^(e-?mail|.*email|(first|last|full|display|user|middle|family|given)?_?name|phone|.*password.*|.*token.*|.*secret.*|cookie|set-cookie|authorization|address|street|birth.*|date_?of_?birth|dob)$/i;
/** Technical fields that look like personal keys but are not (a route's path, an error's type). */
const TECHNICAL_KEY = /^(pathname|hostname|filename|type|code|msg|level|err|requestId|name_?key)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const REDACTED = "[redacted]";

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEY.test(key) && !TECHNICAL_KEY.test(key);
}

/** Addresses published in the repository itself (the demo logins in README): printing them discloses nothing. */
const publicAddresses = new Set<string>();

export function markPublicAddresses(addresses: readonly string[]): void {
  for (const address of addresses) publicAddresses.add(address.toLowerCase());
}

export function scrubText(text: string): string {
  return text.replace(EMAIL, (address) => (publicAddresses.has(address.toLowerCase()) ? address : "[email]"));
}

function scrubError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name, message: scrubText(error.message) };
  if (error.stack) out.stack = scrubText(error.stack);
  for (const [key, value] of Object.entries(error)) {
    if (key === "message" || key === "stack") continue;
    out[key] = isPersonalKey(key) ? REDACTED : scrub(value, depth + 1);
  }
  if (error.cause !== undefined) out.cause = scrub(error.cause, depth + 1);
  return out;
}

/** A copy of `value` with personal fields replaced and e-mail addresses masked, at any depth. */
function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return scrubError(value, depth);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isPersonalKey(key) && item !== null && item !== undefined && item !== "" ? REDACTED : scrub(item, depth + 1);
  }
  return out;
}

// ---- output ------------------------------------------------------------------------------------

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const OMIT = new Set(["level", "time", "msg", "pid", "hostname", "requestId", "actor", "err"]);

/** One readable line (plus an error's stack) from pino's JSON: for development terminals. */
function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(Number(entry.time)).toISOString().slice(11, 23);
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
  const actor = entry.actor as LogActor | undefined;
  const context = [
    typeof entry.requestId === "string" ? entry.requestId.slice(0, 8) : null,
    actor ? `user:${actor.userId.slice(0, 8)}${actor.role ? `/${actor.role}` : ""}` : null,
  ].filter(Boolean);
  const extra = Object.fromEntries(Object.entries(entry).filter(([key]) => !OMIT.has(key)));
  let line = `${time} ${level} ${context.length ? `[${context.join(" ")}] ` : ""}${String(entry.msg ?? "")}`;
  if (Object.keys(extra).length > 0) line += ` ${JSON.stringify(extra)}`;
  const err = entry.err as { stack?: string; message?: string } | undefined;
  if (err) line += `\n    ${(err.stack ?? err.message ?? JSON.stringify(err)).replaceAll("\n", "\n    ")}`;
  return line + "\n";
}

function prettyStream(out: { write: (chunk: string) => unknown }): DestinationStream {
  return { write: (chunk: string) => void out.write(prettyLine(chunk)) };
}

export interface LoggerOptions {
  level?: string;
  format?: "json" | "pretty";
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const configured = process.env.LOG_FORMAT === "json" || process.env.LOG_FORMAT === "pretty" ? process.env.LOG_FORMAT : undefined;
  // Production writes JSON for a log collector, except straight to a person's terminal.
  const format = options.format ?? configured ?? (process.env.NODE_ENV === "production" && !process.stdout.isTTY ? "json" : "pretty");
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info");
  const out = options.destination ?? (format === "json" ? pino.destination({ dest: 1, sync: true }) : process.stdout);
  const destination = format === "json" ? (out as DestinationStream) : prettyStream(out);
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.epochTime,
      mixin() {
        const store = storage.getStore();
        return store ? { requestId: store.requestId, ...(store.actor ? { actor: store.actor } : {}) } : {};
      },
      formatters: {
        level: (_label, number) => ({ level: number }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

/** The process's logger: one instance across Next's bundles (instrumentation, route handlers, RSC). */
export const log: Logger = (globalForLog.__mobiloLog ??= createLogger());
