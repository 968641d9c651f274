import { ZFileRef, ZMobilityEvidenceRef, ZRemoveEvidenceFile, ZSetEvidenceDone, ZUploadEvidence } from "@/server/schemas/evidence";
import { getFileForDownload, listMobilityEvidence, removeEvidenceFile, setEvidenceDone, uploadEvidenceFile } from "@/server/services/evidence";
import { orgProcedure, protectedProcedure, router } from "../trpc";

/** Upload and download are route-only (bytes): app/api/files/… call them through the door (server/api/route-handler.ts). */
export const evidenceRouter = router({
  list: orgProcedure("school.read").input(ZMobilityEvidenceRef).query(({ ctx, input }) => listMobilityEvidence(ctx.db, ctx.actor, input)),
  /** A coordinator, or a teacher on their own mobility (services/permissions.ts). */
  setDone: orgProcedure("evidence.edit")
    .input(ZSetEvidenceDone)
    .mutation(({ ctx, input }) => setEvidenceDone(ctx.db, ctx.actor, input)),
  removeFile: orgProcedure("evidence.edit")
    .input(ZRemoveEvidenceFile)
    .mutation(({ ctx, input }) => removeEvidenceFile(ctx.db, ctx.actor, input)),
  upload: orgProcedure("evidence.edit")
    .meta({ routeOnly: true })
    .input(ZUploadEvidence)
    .mutation(({ ctx, input }) => uploadEvidenceFile(ctx.db, ctx.actor, input)),
  /** Members of the file's school and officers of its NA; for anyone else the file does not exist. */
  download: protectedProcedure
    .meta({ routeOnly: true })
    .input(ZFileRef)
    .query(({ ctx, input }) => getFileForDownload(ctx.db, ctx.user.id, input.fileId)),
});
