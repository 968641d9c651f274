import { anonymiseDue, listRetention } from "@/server/services/retention";
import { orgRoleProcedure, router, schoolOverseerProcedure } from "../trpc";

/** Retention of pupils' personal data (server/services/retention.ts): overseers see the schedule; coordinator and school admin run it. */
export const retentionRouter = router({
  list: schoolOverseerProcedure.query(({ ctx }) => listRetention(ctx.db, ctx.actor)),
  anonymiseDue: orgRoleProcedure("coordinator", "school_admin").mutation(({ ctx }) => anonymiseDue(ctx.db, ctx.actor)),
});
