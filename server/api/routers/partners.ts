import { ZCreatePartner, ZUpdatePartner } from "@/server/schemas/partners";
import { createPartner, listPartners, updatePartner } from "@/server/services/partners";
import { orgProcedure, router } from "../trpc";

export const partnersRouter = router({
  list: orgProcedure("school.read").query(({ ctx }) => listPartners(ctx.db, ctx.actor)),
  create: orgProcedure("partners.manage")
    .input(ZCreatePartner)
    .mutation(({ ctx, input }) => createPartner(ctx.db, ctx.actor, input)),
  update: orgProcedure("partners.manage")
    .input(ZUpdatePartner)
    .mutation(({ ctx, input }) => updatePartner(ctx.db, ctx.actor, input)),
});
