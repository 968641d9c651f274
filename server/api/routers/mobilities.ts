import { ZLogMobility } from "@/server/schemas/mobilities";
import { ZProjectRef } from "@/server/schemas/projects";
import { listProjectMobilities, logMobility } from "@/server/services/mobilities";
import { orgProcedure, orgRoleProcedure, router } from "../trpc";

export const mobilitiesRouter = router({
  listByProject: orgProcedure
    .input(ZProjectRef)
    .query(({ ctx, input }) => listProjectMobilities(ctx.db, ctx.actor, input.projectId)),
  log: orgRoleProcedure("coordinator")
    .input(ZLogMobility)
    .mutation(({ ctx, input }) => logMobility(ctx.db, ctx.actor, input)),
});
