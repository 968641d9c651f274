import { ZAuditFilters, ZAuditList } from "@/server/schemas/audit";
import { exportAuditEntries, listAuditEntries, listAuditFilterOptions } from "@/server/services/audit-trail";
import { router, schoolOverseerProcedure } from "../trpc";

/** Read-only by design: there is no procedure that changes or deletes an entry. */
export const auditRouter = router({
  list: schoolOverseerProcedure.input(ZAuditList).query(({ ctx, input }) => listAuditEntries(ctx.db, ctx.actor, input)),
  filterOptions: schoolOverseerProcedure.query(({ ctx }) => listAuditFilterOptions(ctx.db, ctx.actor)),
  /** Used by the CSV route handler (app/api/s/[orgId]/audit.csv) through the same caller and checks. */
  export: schoolOverseerProcedure.input(ZAuditFilters).query(({ ctx, input }) => exportAuditEntries(ctx.db, ctx.actor, input)),
});
