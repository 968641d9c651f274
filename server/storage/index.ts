import type { Db, DbOrTx } from "@/db/client";
import { dataDir, env } from "@/server/env";
import { diskBackend, removeQuietly } from "./disk";
import { postgresBackend } from "./postgres";
import type { DiskEffects, FileStorage, TFileStorageKind } from "./types";

export type { FileMeta, FileStorage, StoredFile, StoredFileRef, TFileStorageKind } from "./types";

export interface FileStorageOptions {
  /** Where new files go; default: FILE_STORAGE (postgres). */
  kind?: TFileStorageKind;
  /** The data directory for disk storage; default: MOBILO_DATA_DIR (or ./.data). */
  root?: string;
}

/** Outside a transaction helper, a deleted disk file is removed at once. */
const immediateEffects: DiskEffects = {
  written: () => {},
  removed: (absolutePath) => void removeQuietly(absolutePath),
};

/**
 * The storage for new files (`put`) on the given database handle; `get` and `delete` follow each
 * file's own `storage`, so files kept before a switch of FILE_STORAGE stay readable.
 */
export function createFileStorage(db: DbOrTx, options: FileStorageOptions = {}, effects: DiskEffects = immediateEffects): FileStorage {
  const kind = options.kind ?? env.FILE_STORAGE;
  const context = { db, root: options.root ?? dataDir(), effects };
  const backends = { postgres: postgresBackend(context), disk: diskBackend(context) } as const;
  return {
    kind,
    put: (orgId, bytes, meta) => backends[kind].put(orgId, bytes, meta),
    get: (ref) => backends[ref.storage].get(ref),
    delete: (ref) => backends[ref.storage].delete(ref),
  };
}

/**
 * One database transaction with file storage inside it. Disk files written in it are removed again if
 * it fails; disk files deleted in it are removed only after it has committed.
 */
export async function inFileTransaction<T>(
  db: Db,
  options: FileStorageOptions,
  work: (tx: DbOrTx, storage: FileStorage) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  const removed: string[] = [];
  const effects: DiskEffects = { written: (p) => written.push(p), removed: (p) => removed.push(p) };
  let result: T;
  try {
    result = await db.transaction((tx) => work(tx, createFileStorage(tx, options, effects)));
  } catch (error) {
    await Promise.all(written.map(removeQuietly));
    throw error;
  }
  await Promise.all(removed.map(removeQuietly));
  return result;
}
