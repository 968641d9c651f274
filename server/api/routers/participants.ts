import { ZCreateParticipant, ZUpdateParticipant } from "@/server/schemas/participants";
import { createParticipant, listParticipants, updateParticipant } from "@/server/services/participants";
import { orgProcedure, orgRoleProcedure, router } from "../trpc";

export const participantsRouter = router({
  list: orgProcedure.query(({ ctx }) => listParticipants(ctx.db, ctx.actor)),
  create: orgRoleProcedure("coordinator")
    .input(ZCreateParticipant)
    .mutation(({ ctx, input }) => createParticipant(ctx.db, ctx.actor, input)),
  update: orgRoleProcedure("coordinator")
    .input(ZUpdateParticipant)
    .mutation(({ ctx, input }) => updateParticipant(ctx.db, ctx.actor, input)),
});
