/**
 * Reads a request body as a stream, up to `limit` bytes: past the limit it stops reading (cancels the
 * stream) and answers "tooLarge", so a body without Content-Length, or one that lies about it, is never
 * read whole.
 */
export async function readBodyWithLimit(request: Request, limit: number): Promise<Buffer<ArrayBuffer> | "tooLarge"> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return "tooLarge";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
