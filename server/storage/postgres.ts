import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { files } from "@/db/schema";
import { fileRowColumns, type BackendPart } from "./row";
import type { BackendContext, StoredFileRef } from "./types";

/** Bytes in `files.content` (bytea): they commit and roll back with the row, nothing else to clean. */
export function postgresBackend({ db }: BackendContext): BackendPart {
  return {
    async put(orgId, bytes, meta) {
      const [row] = await db
        .insert(files)
        .values({
          organisationId: orgId,
          filename: meta.filename,
          contentType: meta.contentType,
          sizeBytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          storage: "postgres",
          content: bytes,
          uploadedBy: meta.uploadedBy,
        })
        .returning(fileRowColumns);
      if (!row) throw new Error("files insert returned no row");
      return row;
    },
    async get(ref: StoredFileRef) {
      const [row] = await db
        .select({ content: files.content })
        .from(files)
        .where(and(eq(files.id, ref.id), eq(files.organisationId, ref.organisationId)));
      if (!row?.content) throw new Error(`file ${ref.id} has no content in the database`);
      return row.content;
    },
    async delete(ref: StoredFileRef) {
      await db.delete(files).where(and(eq(files.id, ref.id), eq(files.organisationId, ref.organisationId)));
    },
  };
}
