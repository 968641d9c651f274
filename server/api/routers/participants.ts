import { ZCreateParticipant, ZUpdateParticipant } from "@/server/schemas/participants";
import { createParticipant, listParticipants, updateParticipant } from "@/server/services/participants";
import { orgProcedure, router } from "../trpc";

export const participantsRouter = router({
  list: orgProcedure("school.read").query(({ ctx }) => listParticipants(ctx.db, ctx.actor)),
  create: orgProcedure("participants.manage")
    .input(ZCreateParticipant)
    .mutation(({ ctx, input }) => createParticipant(ctx.db, ctx.actor, input)),
  update: orgProcedure("participants.manage")
    .input(ZUpdateParticipant)
    .mutation(({ ctx, input }) => updateParticipant(ctx.db, ctx.actor, input)),
});
