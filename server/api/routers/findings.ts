import { ZFindingMessage, ZFindingRef } from "@/server/schemas/na";
import { getSchoolFinding, listSchoolFindings, replyToFinding } from "@/server/services/findings";
import { coordinatorProcedure, orgRoleProcedure, router } from "../trpc";

/** The school's side of the NA's findings: the coordinator and the headteacher read, the coordinator answers. */
const findingReaderProcedure = orgRoleProcedure("coordinator", "headteacher");

export const findingsRouter = router({
  listForSchool: findingReaderProcedure.query(({ ctx }) => listSchoolFindings(ctx.db, ctx.actor)),
  getForSchool: findingReaderProcedure.input(ZFindingRef).query(({ ctx, input }) => getSchoolFinding(ctx.db, ctx.actor, input.findingId)),
  reply: coordinatorProcedure.input(ZFindingMessage).mutation(({ ctx, input }) => replyToFinding(ctx.db, ctx.actor, input)),
});
