import {
  ZCloseFinding,
  ZCreateFinding,
  ZFindingMessage,
  ZFindingRef,
  ZFlagDrillDown,
  ZNaAuditReport,
  ZNaMobilityRef,
  ZNaProjectRef,
  ZNaRatesRef,
  ZNaScope,
  ZOfficerFindingList,
  ZPortfolioQuery,
  ZReapplyRates,
  ZSetIndividualSupportRates,
} from "@/server/schemas/na";
import { closeFinding, createFinding, getOfficerFinding, listOfficerFindings, postOfficerMessage } from "@/server/services/findings";
import { getOfficerMobility, getOfficerProject, listFlagMobilities, listNaSchools, listPortfolio } from "@/server/services/na-oversight";
import { naAuditReportFile } from "@/server/services/na-audit-report";
import { getNaRates, listNaCallYears, reapplyRates, setIndividualSupportRates } from "@/server/services/na-rates";
import { naProcedure, router } from "../trpc";

/**
 * The national-agency officer's console. Every procedure is an `naProcedure` (officers only; school
 * members get FORBIDDEN); the tenant is the officer's NA code(s), so another NA's project, mobility or
 * finding is NOT_FOUND. Officers read school data and never edit it: the mutations here write findings
 * and the NA's own rate sets (and re-apply them, which recomputes stored grants through the engine).
 */
export const naRouter = router({
  overview: naProcedure("na.oversee").query(async ({ ctx }) => ({
    naCodes: ctx.officer.naCodes,
    callYears: await listNaCallYears(ctx.db, ctx.officer),
  })),
  schools: naProcedure("na.oversee").meta({ api: { scopes: ["read:na-portfolio"] } }).input(ZNaScope).query(({ ctx, input }) => listNaSchools(ctx.db, ctx.officer, input.naCode)),
  portfolio: naProcedure("na.oversee").meta({ api: { scopes: ["read:na-portfolio"] } }).input(ZPortfolioQuery).query(({ ctx, input }) => listPortfolio(ctx.db, ctx.officer, input)),
  flagMobilities: naProcedure("na.oversee").input(ZFlagDrillDown).query(({ ctx, input }) => listFlagMobilities(ctx.db, ctx.officer, input)),
  project: naProcedure("na.oversee").input(ZNaProjectRef).query(({ ctx, input }) => getOfficerProject(ctx.db, ctx.officer, input.projectId)),
  /** The audit report (XLSX bytes): route-only, app/api/na/audit-report. */
  auditReport: naProcedure("na.oversee")
    .meta({ routeOnly: true })
    .input(ZNaAuditReport)
    .query(({ ctx, input }) => naAuditReportFile(ctx.db, ctx.officer, input)),
  mobility: naProcedure("na.oversee").input(ZNaMobilityRef).query(({ ctx, input }) => getOfficerMobility(ctx.db, ctx.officer, input.mobilityId)),

  findings: naProcedure("na.oversee").input(ZOfficerFindingList).query(({ ctx, input }) => listOfficerFindings(ctx.db, ctx.officer, input)),
  finding: naProcedure("na.oversee").input(ZFindingRef).query(({ ctx, input }) => getOfficerFinding(ctx.db, ctx.officer, input.findingId)),
  createFinding: naProcedure("na.findings.manage").input(ZCreateFinding).mutation(({ ctx, input }) => createFinding(ctx.db, ctx.officer, input)),
  postMessage: naProcedure("na.findings.manage").input(ZFindingMessage).mutation(({ ctx, input }) => postOfficerMessage(ctx.db, ctx.officer, input)),
  closeFinding: naProcedure("na.findings.manage").input(ZCloseFinding).mutation(({ ctx, input }) => closeFinding(ctx.db, ctx.officer, input)),

  rates: naProcedure("na.oversee").input(ZNaRatesRef).query(({ ctx, input }) => getNaRates(ctx.db, ctx.officer, input)),
  setIndividualSupportRates: naProcedure("na.rates.manage")
    .input(ZSetIndividualSupportRates)
    .mutation(({ ctx, input }) => setIndividualSupportRates(ctx.db, ctx.officer, input)),
  reapplyRates: naProcedure("na.rates.manage").input(ZReapplyRates).mutation(({ ctx, input }) => reapplyRates(ctx.db, ctx.officer, input)),
});
