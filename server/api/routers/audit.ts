import { ZAuditCsv, ZAuditFilters, ZAuditList } from "@/server/schemas/audit";
import { exportAuditCsv } from "@/server/services/audit-csv";
import { exportAuditEntries, listAuditEntries, listAuditFilterOptions } from "@/server/services/audit-trail";
import { orgProcedure, router } from "../trpc";

/** Read-only by design: there is no procedure that changes or deletes an entry. */
export const auditRouter = router({
  list: orgProcedure("audit.read").input(ZAuditList).query(({ ctx, input }) => listAuditEntries(ctx.db, ctx.actor, input)),
  filterOptions: orgProcedure("audit.read").query(({ ctx }) => listAuditFilterOptions(ctx.db, ctx.actor)),
  export: orgProcedure("audit.read").input(ZAuditFilters).query(({ ctx, input }) => exportAuditEntries(ctx.db, ctx.actor, input)),
  /** The CSV file: route-only, app/api/s/[orgId]/audit-csv. */
  exportCsv: orgProcedure("audit.read")
    .meta({ routeOnly: true })
    .input(ZAuditCsv)
    .query(({ ctx, input }) => exportAuditCsv(ctx.db, ctx.actor, input)),
});
