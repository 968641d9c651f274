import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/api/trpc";
import { drainBmImportQueue } from "@/server/services/bm-import-jobs";
import { writeBmCsv, writeBmXlsx } from "@/server/services/bm-files";
import { callerFor } from "./factories";

/** A project's export as file bytes, the way the route handler writes it. */
export async function exportFile(db: Db, user: SessionUser, orgId: string, projectId: string, format: "xlsx" | "csv", onlyCompleted = false) {
  const data = await callerFor(db, user).bm.export({ orgId, projectId, onlyCompleted });
  const bytes = format === "xlsx" ? await writeBmXlsx(data.template.sheetName, data.headers, data.row2, data.rows) : new TextEncoder().encode(writeBmCsv(data.headers, data.row2, data.rows));
  return { data, bytes };
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
