import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createTRPCContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { ZBmHeaderOverrides } from "@/server/schemas/bm";
import { MAX_BM_FILE_BYTES } from "@/server/services/bm-files";
import { log, withRequest } from "@/server/log";

/**
 * Upload of a Beneficiary Module file (multipart: `file`, optional `overrides` as JSON): the dry run.
 * Through the `bm.upload` procedure (coordinators only). A file over the limit is refused before it is
 * read into memory, as a file-level message like any other.
 */
async function handle(request: Request, { params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const tooLarge = () => Response.json({ ok: false, fileError: { code: "bm.file.tooLarge", params: { maxMb: MAX_BM_FILE_BYTES / 1024 / 1024 } } }, { status: 413 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BM_FILE_BYTES + 64 * 1024) return tooLarge();
  try {
    const caller = createCaller(await createTRPCContext());
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return Response.json({ message: "invalidInput" }, { status: 400 });
    }
    const file = form.get("file");
    if (!(file instanceof File)) return Response.json({ message: "invalidInput" }, { status: 400 });
    if (file.size > MAX_BM_FILE_BYTES) return tooLarge();
    const overridesText = form.get("overrides");
    const overrides = typeof overridesText === "string" && overridesText ? ZBmHeaderOverrides.safeParse(JSON.parse(overridesText)) : null;
    if (overrides && !overrides.success) return Response.json({ message: "invalidInput" }, { status: 400 });
    const result = await caller.bm.upload({
      orgId,
      projectId,
      fileName: file.name || "upload",
      bytes: new Uint8Array(await file.arrayBuffer()),
      headerOverrides: overrides?.data,
    });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof TRPCError) {
      return Response.json({ message: error.message }, { status: getHTTPStatusCodeFromError(error), headers: { "Cache-Control": "no-store" } });
    }
    if (error instanceof SyntaxError) return Response.json({ message: "invalidInput" }, { status: 400 });
    log.error({ err: error }, "BM upload failed");
    return Response.json({ message: "internal" }, { status: 500 });
  }
}

export const POST = (request: Request, context: { params: Promise<{ orgId: string; projectId: string }> }): Promise<Response> => withRequest(request, () => handle(request, context));
