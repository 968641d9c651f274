import { z } from "zod";
import { ZId, ZVersion } from "@/server/schemas/common";
import { ZEstimateMobility, ZLogMobility, ZMobilityRef, ZSetMobilityStatus, ZUpdateMobility } from "@/server/schemas/mobilities";
import { ZExportMobilitiesCsv, ZListMobilities } from "@/server/schemas/mobility-list";
import { exportMobilitiesCsv, listMobilities } from "@/server/services/mobility-list";
import {
  deleteMobility,
  duplicateMobility,
  estimateMobility,
  getMobility,
  logMobility,
  setMobilityStatus,
  updateMobility,
} from "@/server/services/mobilities";
import { orgProcedure, router } from "../trpc";

export const mobilitiesRouter = router({
  /** The paged, sorted, filtered list (every member of the school may read it). */
  list: orgProcedure("school.read").meta({ api: { scopes: ["read:mobilities"] } }).input(ZListMobilities).query(({ ctx, input }) => listMobilities(ctx.db, ctx.actor, input)),
  /** The list as CSV chunks (an async generator): route-only, app/api/s/[orgId]/projects/[projectId]/mobilities.csv. */
  exportCsv: orgProcedure("school.read")
    .meta({ routeOnly: true })
    .input(ZExportMobilitiesCsv)
    .query(({ ctx, input }) => exportMobilitiesCsv(ctx.db, ctx.actor, input, input.labels)),
  // A key that writes mobilities reads the one it edits (its version, its project).
  get: orgProcedure("school.read").meta({ api: { scopes: ["read:mobilities", "write:mobilities"] } }).input(ZMobilityRef).query(({ ctx, input }) => getMobility(ctx.db, ctx.actor, input.mobilityId)),
  estimate: orgProcedure("school.read").input(ZEstimateMobility).query(({ ctx, input }) => estimateMobility(ctx.db, ctx.actor, input)),
  log: orgProcedure("mobility.log")
    .meta({ api: { scopes: ["write:mobilities"] } })
    .input(ZLogMobility)
    .mutation(({ ctx, input }) => logMobility(ctx.db, ctx.actor, input)),
  update: orgProcedure("mobility.edit")
    .meta({ api: { scopes: ["write:mobilities"] } })
    .input(ZUpdateMobility)
    .mutation(({ ctx, input }) => updateMobility(ctx.db, ctx.actor, input)),
  setStatus: orgProcedure("mobility.setStatus")
    .input(ZSetMobilityStatus)
    .mutation(({ ctx, input }) => setMobilityStatus(ctx.db, ctx.actor, input)),
  duplicate: orgProcedure("mobility.log")
    .input(ZMobilityRef)
    .mutation(({ ctx, input }) => duplicateMobility(ctx.db, ctx.actor, input.mobilityId)),
  delete: orgProcedure("mobility.delete")
    .input(z.object({ mobilityId: ZId, version: ZVersion }))
    .mutation(({ ctx, input }) => deleteMobility(ctx.db, ctx.actor, input)),
});
