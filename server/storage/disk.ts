import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { files } from "@/db/schema";
import { fileRowColumns, type BackendPart } from "./row";
import type { BackendContext, StoredFileRef } from "./types";
import { log } from "@/server/log";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `files.disk_path` is relative to the data directory (`files/<orgId>/<uuid>`), built only from ids
 * the server made, so moving the data directory keeps every file, and no user input reaches a path.
 */
function relativePathFor(orgId: string, fileId: string): string {
  if (!UUID.test(orgId) || !UUID.test(fileId)) throw new Error("disk storage: ids must be UUIDs");
  return path.posix.join("files", orgId.toLowerCase(), fileId.toLowerCase());
}

/** The absolute path of a stored file, refusing anything that would leave `<root>/files`. */
export function absolutePathFor(root: string, diskPath: string): string {
  const base = path.resolve(root, "files");
  const absolute = path.resolve(root, diskPath);
  if (!absolute.startsWith(base + path.sep)) throw new Error("disk storage: path outside the files directory");
  return absolute;
}

export async function removeQuietly(absolutePath: string): Promise<void> {
  try {
    await unlink(absolutePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") log.error({ err: error, path: absolutePath }, "storage: could not remove a file");
  }
}

/** Bytes in a file of their own under the data directory; the row only points at it. */
export function diskBackend({ db, root, effects }: BackendContext): BackendPart {
  return {
    async put(orgId, bytes, meta) {
      const id = randomUUID();
      const diskPath = relativePathFor(orgId, id);
      const absolute = absolutePathFor(root, diskPath);
      await mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
      // Written under a temporary name and renamed, so a crash never leaves half a file at the real path.
      const temporary = `${absolute}.${randomUUID()}.part`;
      await writeFile(temporary, bytes, { mode: 0o600, flag: "wx" });
      await rename(temporary, absolute);
      effects.written(absolute);
      const inserted = db
        .insert(files)
        .values({
          id,
          organisationId: orgId,
          filename: meta.filename,
          contentType: meta.contentType,
          sizeBytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          storage: "disk",
          diskPath,
          uploadedBy: meta.uploadedBy,
        })
        .returning(fileRowColumns);
      const [row] = await inserted.catch(async (error: unknown) => {
        await removeQuietly(absolute);
        throw error;
      });
      if (!row) throw new Error("files insert returned no row");
      return row;
    },
    async get(ref: StoredFileRef) {
      if (!ref.diskPath) throw new Error(`file ${ref.id} has no disk path`);
      return readFile(absolutePathFor(root, ref.diskPath));
    },
    async delete(ref: StoredFileRef) {
      await db.delete(files).where(and(eq(files.id, ref.id), eq(files.organisationId, ref.organisationId)));
      if (ref.diskPath) effects.removed(absolutePathFor(root, ref.diskPath));
    },
  };
}
