import { ZBmExport, ZBmFeedbackFile, ZBmImportRef, ZBmPreflight, ZBmProjectRef, ZBmUpload } from "@/server/schemas/bm";
import { exportBmFile } from "@/server/services/bm-export";
import { bmPreflight } from "@/server/services/bm-preflight";
import {
  bmImportFeedbackFile,
  drainBmImportQueue,
  getBmImport,
  listBmImports,
  requestBmImportCommit,
  uploadBmImport,
} from "@/server/services/bm-import-jobs";
import { orgProcedure, router } from "../trpc";

/**
 * The Beneficiary Module round trip: export in BM's layout, import with a dry run and a feedback file.
 * File-carrying procedures are route-only (app/api/s/[orgId]/…/bm-*): bytes never travel as JSON.
 */
export const bmRouter = router({
  /** Every member may export (special-category columns blank without the permission). */
  exportFile: orgProcedure("school.read")
    .meta({ routeOnly: true })
    .input(ZBmExport)
    .query(({ ctx, input }) => exportBmFile(ctx.db, ctx.actor, input)),
  /** "What BM would say" before an export: every member who may export may check it. */
  preflight: orgProcedure("school.read")
    .input(ZBmPreflight)
    .query(({ ctx, input }) => bmPreflight(ctx.db, ctx.actor, input)),
  /** Upload + dry run. */
  upload: orgProcedure("bm.import")
    .meta({ routeOnly: true })
    .input(ZBmUpload)
    .mutation(({ ctx, input }) => uploadBmImport(ctx.db, ctx.actor, input)),
  get: orgProcedure("bm.import").input(ZBmImportRef).query(({ ctx, input }) => getBmImport(ctx.db, ctx.actor, input.importId)),
  list: orgProcedure("bm.import").input(ZBmProjectRef).query(({ ctx, input }) => listBmImports(ctx.db, ctx.actor, input.projectId)),
  feedbackFile: orgProcedure("bm.import")
    .meta({ routeOnly: true })
    .input(ZBmFeedbackFile)
    .query(({ ctx, input }) => bmImportFeedbackFile(ctx.db, ctx.actor, input)),
  /** Queues the commit and starts the worker at once (the background loop would pick it up too). */
  commit: orgProcedure("bm.import")
    .input(ZBmImportRef)
    .mutation(async ({ ctx, input }) => {
      const result = await requestBmImportCommit(ctx.db, ctx.actor, input.importId);
      void drainBmImportQueue(ctx.db);
      return result;
    }),
});
