import { downloadHeaders, routeHandler } from "@/server/api/route-handler";

/**
 * Downloads a stored file (`evidence.download`): members of its school and officers of the school's
 * national agency; for anyone else it does not exist (404). Always an attachment, never rendered by the
 * browser, in a sandbox of its own (next.config.ts leaves this route's CSP alone).
 */
export const GET = routeHandler<{ fileId: string }>("files/download", async ({ params, caller }) => {
  const file = await caller.evidence.download({ fileId: params.fileId });
  return new Response(new Uint8Array(file.bytes), {
    headers: downloadHeaders(file.contentType, file.filename, { "Content-Length": String(file.bytes.length) }),
  });
});
