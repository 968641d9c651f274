import { getDb } from "@/db";
import { auth } from "@/server/auth/config";
import { ZId } from "@/server/schemas/common";
import { getFileForDownload } from "@/server/services/evidence";
import { errorResponse, jsonError } from "../_lib/http";
import { withRequest } from "@/server/log";

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Downloads a stored file: members of its school and officers of the school's national agency; for
 * anyone else it does not exist (404). Always an attachment, never rendered by the browser.
 */
export const GET = (_request: Request, { params }: { params: Promise<{ fileId: string }> }): Promise<Response> =>
  withRequest(_request, async () => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return jsonError(401, "unauthorized");
  const fileId = ZId.safeParse((await params).fileId);
  if (!fileId.success) return jsonError(404, "fileNotFound");
  try {
    const file = await getFileForDownload(await getDb(), userId, fileId.data);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes.length),
        "Content-Disposition": contentDisposition(file.filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "download");
  }
  });
