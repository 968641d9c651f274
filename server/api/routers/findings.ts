import { ZFindingMessage, ZFindingRef } from "@/server/schemas/na";
import { getSchoolFinding, listSchoolFindings, replyToFinding } from "@/server/services/findings";
import { orgProcedure, router } from "../trpc";

/** The school's side of the NA's findings: the coordinator and the headteacher read, the coordinator answers. */

export const findingsRouter = router({
  listForSchool: orgProcedure("findings.read").query(({ ctx }) => listSchoolFindings(ctx.db, ctx.actor)),
  getForSchool: orgProcedure("findings.read").input(ZFindingRef).query(({ ctx, input }) => getSchoolFinding(ctx.db, ctx.actor, input.findingId)),
  reply: orgProcedure("findings.reply").input(ZFindingMessage).mutation(({ ctx, input }) => replyToFinding(ctx.db, ctx.actor, input)),
});
