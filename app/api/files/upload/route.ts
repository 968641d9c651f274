import { errorToResponse, isSameOrigin, routeError, routeHandler } from "@/server/api/route-handler";
import { ZUploadEvidenceFields } from "@/server/schemas/evidence";
import { MAX_EVIDENCE_FILE_BYTES } from "@/server/storage/file-type";
import { readBodyWithLimit } from "@/server/storage/upload-body";

/** Room for the multipart boundaries and the text fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const tooLarge = () => routeError(413, "fileTooLarge", { file: ["fileTooLarge"] });

/**
 * Uploads one evidence file: multipart POST with orgId, mobilityId, kind, optional version, and file.
 * The body is read as a stream and abandoned at the limit (whatever Content-Length says or omits);
 * everything else is `evidence.upload`'s (membership, role, the file's format: services/evidence.ts).
 */
export const POST = routeHandler("files/upload", async ({ request, caller }) => {
  if (!isSameOrigin(request)) return routeError(403, "forbidden");
  const limit = MAX_EVIDENCE_FILE_BYTES + MULTIPART_OVERHEAD_BYTES;
  // Refused before reading the body when the request itself says it is too large.
  if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge();
  const body = await readBodyWithLimit(request, limit);
  if (body === "tooLarge") return tooLarge();
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return routeError(400, "invalidInput");
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const fields = ZUploadEvidenceFields.safeParse({ orgId: text("orgId"), mobilityId: text("mobilityId"), kind: text("kind"), version: text("version") });
  if (!fields.success) return errorToResponse(fields.error, "files/upload");
  const file = form.get("file");
  if (!(file instanceof File)) return routeError(400, "fileMissing", { file: ["fileMissing"] });
  if (file.size > MAX_EVIDENCE_FILE_BYTES) return tooLarge();
  const result = await caller.evidence.upload({ ...fields.data, filename: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
