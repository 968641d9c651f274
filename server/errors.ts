import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { ZodError } from "zod";

/*
 * Domain errors carry a tRPC code and an i18n key (messages/*: errors.*), plus per-field keys
 * (validation.*) where the error concerns a field. Database errors never reach a user: known
 * constraint violations become field errors, everything else is logged and answered generically.
 */

export type FieldErrors = Record<string, string[]>;

export class AppError extends TRPCError {
  readonly messageKey: string;
  readonly fieldErrors: FieldErrors | undefined;
  constructor(code: TRPC_ERROR_CODE_KEY, messageKey: string, fieldErrors?: FieldErrors) {
    super({ code, message: messageKey });
    this.messageKey = messageKey;
    this.fieldErrors = fieldErrors;
  }
}

/** A zod error as `{ "field.path": ["validation.* key"] }` (the tRPC formatter and the route door). */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

export const notFound = (what = "notFound") => new AppError("NOT_FOUND", what);
export const forbidden = () => new AppError("FORBIDDEN", "forbidden");
export const conflict = () => new AppError("CONFLICT", "staleVersion");

/** Unique and check constraints that correspond to a form field (names from db/schema.ts). */
const CONSTRAINT_FIELDS: Record<string, { field: string; key: string; code: TRPC_ERROR_CODE_KEY }> = {
  projects_project_number_key: { field: "projectNumber", key: "projectNumberTaken", code: "CONFLICT" },
  projects_number_format: { field: "projectNumber", key: "projectNumberFormat", code: "BAD_REQUEST" },
  projects_end_after_start: { field: "endDate", key: "endBeforeStart", code: "BAD_REQUEST" },
  mobilities_end_after_start: { field: "endDate", key: "endBeforeStart", code: "BAD_REQUEST" },
  mobilities_activity_id_key: { field: "activityId", key: "activityIdTaken", code: "CONFLICT" },
  users_email_key: { field: "email", key: "emailTaken", code: "CONFLICT" },
  partner_organisations_name_key: { field: "name", key: "partnerNameTaken", code: "CONFLICT" },
};

interface PgErrorLike {
  code?: string;
  constraint_name?: string;
}

function findPgError(error: unknown): PgErrorLike | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown; name?: string };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** Turns a database error into a user-facing AppError where one is known; otherwise null. */
export function translateDatabaseError(error: unknown): AppError | null {
  const pg = findPgError(error);
  if (!pg) return null;
  const mapped = pg.constraint_name ? CONSTRAINT_FIELDS[pg.constraint_name] : undefined;
  if (mapped) return new AppError(mapped.code, "invalidInput", { [mapped.field]: [mapped.key] });
  if (pg.code === "40001" || pg.code === "40P01") return new AppError("CONFLICT", "tryAgain");
  if (pg.code?.startsWith("23")) return new AppError("BAD_REQUEST", "invalidInput");
  // Class 22 (data exception: a NUL byte, an impossible date, a number out of range, text too long) and
  // 54000 (a value too large to index): the input's fault. The zod primitives (schemas/common.ts) stop
  // these at the edge; this is the backstop, so they are a 400 and never a 500.
  if (pg.code?.startsWith("22") || pg.code === "54000") return new AppError("BAD_REQUEST", "invalidInput");
  return null;
}
