import { getDb } from "@/db";
import { auth } from "@/server/auth/config";
import { ZUploadEvidenceFields } from "@/server/schemas/evidence";
import { uploadEvidenceFile } from "@/server/services/evidence";
import { resolveActor } from "@/server/services/memberships";
import { MAX_EVIDENCE_FILE_BYTES } from "@/server/storage/file-type";
import { errorResponse, isSameOrigin, jsonError } from "../_lib/http";
import { withRequest } from "@/server/log";

/** Room for the multipart boundaries and the text fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Uploads one evidence file: multipart POST with orgId, mobilityId, kind, optional version, and file.
 * Authentication and membership as orgProcedure; everything else is the service's (evidence.ts).
 */
export const POST = (request: Request): Promise<Response> =>
  withRequest(request, async () => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return jsonError(401, "unauthorized");
  if (!isSameOrigin(request)) return jsonError(403, "forbidden");
  // Refused before reading the body when the request itself says it is too large.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_EVIDENCE_FILE_BYTES + MULTIPART_OVERHEAD_BYTES) {
    return jsonError(413, "fileTooLarge", { file: ["fileTooLarge"] });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return jsonError(400, "invalidInput");
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const fields = ZUploadEvidenceFields.safeParse({
    orgId: text("orgId"),
    mobilityId: text("mobilityId"),
    kind: text("kind"),
    version: text("version"),
  });
  if (!fields.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of fields.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return jsonError(400, "invalidInput", fieldErrors);
  }
  const file = form.get("file");
  if (!(file instanceof File)) return jsonError(400, "fileMissing", { file: ["fileMissing"] });
  if (file.size > MAX_EVIDENCE_FILE_BYTES) return jsonError(413, "fileTooLarge", { file: ["fileTooLarge"] });

  try {
    const db = await getDb();
    const actor = await resolveActor(db, userId, fields.data.orgId);
    const result = await uploadEvidenceFile(db, actor, {
      mobilityId: fields.data.mobilityId,
      kind: fields.data.kind,
      version: fields.data.version,
      filename: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
    });
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "upload");
  }
  });
