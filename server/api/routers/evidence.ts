import { ZMobilityEvidenceRef, ZRemoveEvidenceFile, ZSetEvidenceDone } from "@/server/schemas/evidence";
import { listMobilityEvidence, removeEvidenceFile, setEvidenceDone } from "@/server/services/evidence";
import { mobilityEditorProcedure, orgProcedure, router } from "../trpc";

/** Upload and download are HTTP route handlers (app/api/files/…): tRPC carries JSON only. */
export const evidenceRouter = router({
  list: orgProcedure.input(ZMobilityEvidenceRef).query(({ ctx, input }) => listMobilityEvidence(ctx.db, ctx.actor, input)),
  /** A coordinator, or a teacher on their own mobility (services/permissions.ts). */
  setDone: mobilityEditorProcedure
    .input(ZSetEvidenceDone)
    .mutation(({ ctx, input }) => setEvidenceDone(ctx.db, ctx.actor, input)),
  removeFile: mobilityEditorProcedure
    .input(ZRemoveEvidenceFile)
    .mutation(({ ctx, input }) => removeEvidenceFile(ctx.db, ctx.actor, input)),
});
