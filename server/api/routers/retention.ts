import { anonymiseDue, listRetention } from "@/server/services/retention";
import { orgProcedure, router } from "../trpc";

/** Retention of pupils' personal data (server/services/retention.ts): overseers see the schedule; coordinator and school admin run it. */
export const retentionRouter = router({
  list: orgProcedure("retention.read").query(({ ctx }) => listRetention(ctx.db, ctx.actor)),
  anonymiseDue: orgProcedure("retention.run").mutation(({ ctx }) => anonymiseDue(ctx.db, ctx.actor)),
});
