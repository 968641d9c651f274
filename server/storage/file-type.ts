/*
 * What an evidence file may be, judged by its first bytes (never by its name or the browser's declared
 * type, both of which the uploader controls). Pure: the browser runs the same check before uploading.
 */

/** The application's limit; the database's check constraint (20 MiB) is only the backstop. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;

/** How many leading bytes the type check needs. */
export const FILE_SIGNATURE_BYTES = 8;

export const EVIDENCE_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type TEvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

/** For the file picker's `accept` attribute: a hint only, the signature decides. */
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

const SIGNATURES: readonly { type: TEvidenceContentType; bytes: readonly number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

const EXTENSIONS: Record<TEvidenceContentType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};

/** The content type the bytes really are, or null when they are none of the allowed types. */
export function detectContentType(head: Uint8Array): TEvidenceContentType | null {
  for (const signature of SIGNATURES) {
    if (head.length >= signature.bytes.length && signature.bytes.every((byte, i) => head[i] === byte)) {
      return signature.type;
    }
  }
  return null;
}

const MAX_FILENAME_LENGTH = 150;

/**
 * A display name for the stored file: no directories, no control characters, bounded length, and an
 * extension that matches the detected type (a PNG uploaded as "scan.pdf" is kept as "scan.png", so the
 * downloaded file opens in the right program). Never used to build a path.
 */
export function storedFilename(original: string, type: TEvidenceContentType): string {
  const printable = Array.from(original.split(/[\\/]/).pop() ?? "")
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== "\u007f" && ch !== '"')
    .join("");
  const base = printable.replace(/\s+/g, " ").trim();
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  const allowed = EXTENSIONS[type];
  const keepExtension = allowed.includes(extension);
  const stem = (keepExtension || dot > 0 ? base.slice(0, dot) : base).trim() || "evidence";
  const suffix = keepExtension ? extension : allowed[0] ?? "bin";
  return `${stem.slice(0, MAX_FILENAME_LENGTH)}.${suffix}`;
}
