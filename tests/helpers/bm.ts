import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/api/trpc";
import { exportBmMobilities } from "@/server/services/bm-export";
import { drainBmImportQueue } from "@/server/services/bm-import-jobs";
import { resolveActor } from "@/server/services/memberships";
import { callerFor } from "./factories";

/** A project's export as the route handler gets it (`bm.exportFile`), and the rows it was written from. */
export async function exportFile(db: Db, user: SessionUser, orgId: string, projectId: string, format: "xlsx" | "csv", onlyCompleted = false) {
  const file = await callerFor(db, user).bm.exportFile({ orgId, projectId, onlyCompleted, format });
  const data = await exportBmMobilities(db, await resolveActor(db, user.id, orgId), { projectId, onlyCompleted });
  return { data, bytes: file.bytes, fileName: file.fileName };
}

/** Upload → dry run → commit → the job run to its end, as the browser and the worker do it. */
export async function importFile(db: Db, user: SessionUser, orgId: string, projectId: string, bytes: Uint8Array, fileName = "bm.xlsx") {
  const caller = callerFor(db, user);
  const upload = await caller.bm.upload({ orgId, projectId, fileName, bytes });
  if (!upload.ok) throw new Error(`file refused: ${upload.fileError.code}`);
  if (upload.status !== "analysed") throw new Error(`dry run refused: ${JSON.stringify(upload.dryRun.issues.slice(0, 5))}`);
  await caller.bm.commit({ orgId, importId: upload.importId });
  await drainBmImportQueue(db);
  return { upload, result: await caller.bm.get({ orgId, importId: upload.importId }) };
}
