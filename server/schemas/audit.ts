import { z } from "zod";
import { LOCALES } from "@/lib/locales";
import { ZId, ZIsoDate, ZSafeString, ZTranslations } from "./common";

const optionalId = z.union([ZId, z.literal("").transform(() => undefined)]).optional();
const optionalDate = z.union([ZIsoDate, z.literal("").transform(() => undefined)]).optional();

/** Filters of the audit trail: a project (or the whole school), a person, an entity type, a date range. */
const filterFields = {
  projectId: optionalId,
  actorUserId: optionalId,
  entityType: ZSafeString(60).optional().transform((v) => (v ? v : undefined)),
  from: optionalDate,
  to: optionalDate,
};

function refineRange(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: "custom", path: ["to"], message: "endBeforeStart" });
}

export const ZAuditFilters = z.object(filterFields).superRefine(refineRange);
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/** The CSV's column headings, in the user's language. */
export interface TAuditCsvHeadings {
  time: string;
  person: string;
  email: string;
  action: string;
  entityType: string;
  entityId: string;
  field: string;
  before: string;
  after: string;
}

/** The audit trail as CSV (route-only: the headings are the route's translations; `locale` picks the CSV dialect). */
export const ZAuditCsv = z
  .object({ ...filterFields, headings: ZTranslations<TAuditCsvHeadings>(), locale: z.enum(LOCALES).default("en") })
  .superRefine(refineRange);

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

export const ZAuditList = z
  .object({
    ...filterFields,
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .superRefine(refineRange);
export type TAuditList = z.infer<typeof ZAuditList>;

export const ZAuditScope = z.object({ projectId: optionalId });
