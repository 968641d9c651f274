import { isSameOrigin, routeError, routeHandler } from "@/server/api/route-handler";
import { ZBmHeaderOverrides } from "@/server/schemas/bm";

/** Larger uploads are refused before they are read into memory (the service's own limit is the same). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Upload of a Beneficiary Module file (multipart: `file`, optional `overrides` as JSON) and its dry run:
 * `bm.upload` (coordinators only). A file over the limit gets the same file-level message as every other refused file.
 */
export const POST = routeHandler<{ orgId: string; projectId: string }>("bm-import", async ({ request, params, caller }) => {
  if (!isSameOrigin(request)) return routeError(403, "forbidden");
  const tooLarge = () => Response.json({ ok: false, fileError: { code: "bm.file.tooLarge", params: { maxMb: MAX_BYTES / 1024 / 1024 } } }, { status: 413 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES + 64 * 1024) return tooLarge();
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return routeError(400, "invalidInput");
  if (file.size > MAX_BYTES) return tooLarge();
  const overridesText = form?.get("overrides");
  let overrides: unknown = undefined;
  if (typeof overridesText === "string" && overridesText !== "") {
    try {
      overrides = JSON.parse(overridesText);
    } catch {
      return routeError(400, "invalidInput");
    }
  }
  const parsed = overrides === undefined ? undefined : ZBmHeaderOverrides.safeParse(overrides);
  if (parsed && !parsed.success) return routeError(400, "invalidInput");
  const result = await caller.bm.upload({
    orgId: params.orgId,
    projectId: params.projectId,
    fileName: file.name || "upload",
    bytes: new Uint8Array(await file.arrayBuffer()),
    headerOverrides: parsed?.data,
  });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
