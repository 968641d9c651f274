import { ZCreatePartner, ZUpdatePartner } from "@/server/schemas/partners";
import { createPartner, listPartners, updatePartner } from "@/server/services/partners";
import { orgProcedure, orgRoleProcedure, router } from "../trpc";

export const partnersRouter = router({
  list: orgProcedure.query(({ ctx }) => listPartners(ctx.db, ctx.actor)),
  create: orgRoleProcedure("coordinator")
    .input(ZCreatePartner)
    .mutation(({ ctx, input }) => createPartner(ctx.db, ctx.actor, input)),
  update: orgRoleProcedure("coordinator")
    .input(ZUpdatePartner)
    .mutation(({ ctx, input }) => updatePartner(ctx.db, ctx.actor, input)),
});
