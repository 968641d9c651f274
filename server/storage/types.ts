import type { DbOrTx } from "@/db/client";
import type { fileStorage } from "@/db/schema";

export type TFileStorageKind = (typeof fileStorage.enumValues)[number];

/** What the uploader tells us about a file; the type is the one detected from the bytes. */
export interface FileMeta {
  filename: string;
  contentType: string;
  uploadedBy: string | null;
}

/** A stored file as its `files` row describes it (never the bytes). */
export interface StoredFile {
  id: string;
  organisationId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storage: TFileStorageKind;
  diskPath: string | null;
  createdAt: Date;
}

/** Enough of a `files` row to find its bytes. */
export type StoredFileRef = Pick<StoredFile, "id" | "organisationId" | "storage" | "diskPath">;

/**
 * The one storage interface. `put` stores the bytes and inserts the `files` row through the handle it
 * was created with (so inside the caller's transaction); `get` returns the bytes; `delete` removes the
 * row and the bytes. Which backend holds an existing file is the row's `storage`, not today's setting.
 */
export interface FileStorage {
  readonly kind: TFileStorageKind;
  put(orgId: string, bytes: Buffer, meta: FileMeta): Promise<StoredFile>;
  get(ref: StoredFileRef): Promise<Buffer>;
  delete(ref: StoredFileRef): Promise<void>;
}

/**
 * Disk files cannot roll back with the database: the transaction helper collects what was written
 * (removed again if the transaction fails) and what was deleted (removed only once it commits).
 */
export interface DiskEffects {
  written(absolutePath: string): void;
  removed(absolutePath: string): void;
}

export interface BackendContext {
  db: DbOrTx;
  /** The data directory; disk files live under `<root>/files/<orgId>/<uuid>`. */
  root: string;
  effects: DiskEffects;
}
