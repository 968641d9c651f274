import { detectContentType, FILE_SIGNATURE_BYTES, MAX_EVIDENCE_FILE_BYTES } from "@/server/storage/file-type";
import type { ErrorLike } from "./types";

export const MAX_MB = MAX_EVIDENCE_FILE_BYTES / (1024 * 1024);

/** The same checks as the server's, before a byte is sent: size, and the type by the file's first bytes. */
export async function precheck(file: File): Promise<string | null> {
  if (file.size === 0) return "fileEmpty";
  if (file.size > MAX_EVIDENCE_FILE_BYTES) return "fileTooLarge";
  const head = new Uint8Array(await file.slice(0, FILE_SIGNATURE_BYTES).arrayBuffer());
  return detectContentType(head) ? null : "fileTypeNotAllowed";
}

/** fetch() reports no upload progress; XMLHttpRequest does. Resolves with the error key, or null on success. */
export function postFile(form: FormData, onProgress: (percent: number) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/files/upload");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve(null);
      try {
        const body = JSON.parse(request.responseText) as ErrorLike;
        resolve(typeof body.message === "string" ? body.message : "internal");
      } catch {
        resolve(request.status === 413 ? "fileTooLarge" : "internal");
      }
    };
    request.onerror = () => resolve("internal");
    request.send(form);
  });
}
