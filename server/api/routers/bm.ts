import { ZBmExport, ZBmImportRef, ZBmProjectRef, ZBmUpload } from "@/server/schemas/bm";
import { exportBmMobilities } from "@/server/services/bm-export";
import {
  bmImportFeedback,
  drainBmImportQueue,
  getBmImport,
  listBmImports,
  requestBmImportCommit,
  uploadBmImport,
} from "@/server/services/bm-import-jobs";
import { orgProcedure, orgRoleProcedure, router } from "../trpc";

/** The Beneficiary Module round trip: export in BM's layout, import with a dry run and a feedback file. */
export const bmRouter = router({
  /** Every member may export (special-category columns blank without the permission). */
  export: orgProcedure.input(ZBmExport).query(({ ctx, input }) => exportBmMobilities(ctx.db, ctx.actor, input)),
  /** Upload + dry run; called by the upload route handler with the file's bytes. */
  upload: orgRoleProcedure("coordinator")
    .input(ZBmUpload)
    .mutation(({ ctx, input }) => uploadBmImport(ctx.db, ctx.actor, input)),
  get: orgRoleProcedure("coordinator").input(ZBmImportRef).query(({ ctx, input }) => getBmImport(ctx.db, ctx.actor, input.importId)),
  list: orgRoleProcedure("coordinator").input(ZBmProjectRef).query(({ ctx, input }) => listBmImports(ctx.db, ctx.actor, input.projectId)),
  /** The sheet and its issues; the route handler turns them into the feedback XLSX. */
  feedback: orgRoleProcedure("coordinator").input(ZBmImportRef).query(({ ctx, input }) => bmImportFeedback(ctx.db, ctx.actor, input.importId)),
  /** Queues the commit and starts the worker at once (the background loop would pick it up too). */
  commit: orgRoleProcedure("coordinator")
    .input(ZBmImportRef)
    .mutation(async ({ ctx, input }) => {
      const result = await requestBmImportCommit(ctx.db, ctx.actor, input.importId);
      void drainBmImportQueue(ctx.db);
      return result;
    }),
});
