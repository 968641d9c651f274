import { files } from "@/db/schema";
import type { FileMeta, StoredFile, StoredFileRef } from "./types";

/** The `files` columns a caller gets back: everything but the bytes. */
export const fileRowColumns = {
  id: files.id,
  organisationId: files.organisationId,
  filename: files.filename,
  contentType: files.contentType,
  sizeBytes: files.sizeBytes,
  sha256: files.sha256,
  storage: files.storage,
  diskPath: files.diskPath,
  createdAt: files.createdAt,
};

/** One backend's half of the interface; `FileStorage` adds the dispatch by the row's `storage`. */
export interface BackendPart {
  put(orgId: string, bytes: Buffer, meta: FileMeta): Promise<StoredFile>;
  get(ref: StoredFileRef): Promise<Buffer>;
  delete(ref: StoredFileRef): Promise<void>;
}
