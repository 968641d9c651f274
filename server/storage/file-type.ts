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

/*
 * The structure behind the signature (finding 9 of the outside test: `%PDF-` followed by HTML was
 * accepted). Enough of each format to know the file is what it says, without rendering it:
 * - PDF: a `%PDF-1.x`/`%PDF-2.0` header, `%%EOF` in the last KiB, and `startxref` pointing into the
 *   file at a cross-reference table (`xref`) or stream (`N G obj`).
 * - PNG: the signature, IHDR as the first chunk (13 bytes), every chunk inside the file, IEND last.
 * - JPEG: SOI, marker segments with lengths inside the file, a frame header (SOFn) before the scan
 *   (SOS), and EOI at the end (trailing zero padding allowed).
 */

const latin1 = (bytes: Uint8Array, from = 0, to = bytes.length) => {
  let text = "";
  for (let i = Math.max(0, from); i < Math.min(bytes.length, to); i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
};

function isPdf(bytes: Uint8Array): boolean {
  if (!/^%PDF-(1\.[0-7]|2\.0)/.test(latin1(bytes, 0, 8))) return false;
  const tail = latin1(bytes, bytes.length - 1024);
  if (!tail.includes("%%EOF")) return false;
  const match = /startxref\s+(\d{1,10})\s+%%EOF\s*$/.exec(tail);
  if (!match?.[1]) return false;
  const offset = Number(match[1]);
  if (offset <= 0 || offset >= bytes.length) return false;
  const at = latin1(bytes, offset, offset + 32);
  return at.startsWith("xref") || /^\d+\s+\d+\s+obj\b/.test(at);
}

const u32 = (bytes: Uint8Array, i: number) => (((bytes[i] ?? 0) << 24) >>> 0) + ((bytes[i + 1] ?? 0) << 16) + ((bytes[i + 2] ?? 0) << 8) + (bytes[i + 3] ?? 0);

function isPng(bytes: Uint8Array): boolean {
  let i = 8;
  let first = true;
  while (i + 12 <= bytes.length) {
    const length = u32(bytes, i);
    const type = latin1(bytes, i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + length > bytes.length) return false;
    if (first && (type !== "IHDR" || length !== 13)) return false;
    first = false;
    i += 12 + length;
    if (type === "IEND") return length === 0 && bytes.subarray(i).every((b) => b === 0);
  }
  return false;
}

function isJpeg(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let i = 2;
  let frame = false;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return false;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = ((bytes[i + 2] ?? 0) << 8) + (bytes[i + 3] ?? 0);
    if (length < 2 || i + 2 + length > bytes.length) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    if (marker === 0xda) {
      if (!frame) return false;
      // Entropy-coded data follows; the image ends with EOI (zero padding after it is tolerated).
      let end = bytes.length;
      while (end > 0 && bytes[end - 1] === 0) end--;
      return end >= i + 2 + length + 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
    }
    i += 2 + length;
  }
  return false;
}

/** Whether the whole file has the structure of the type its first bytes claim. */
export function hasValidStructure(bytes: Uint8Array, type: TEvidenceContentType): boolean {
  if (type === "application/pdf") return isPdf(bytes);
  if (type === "image/png") return isPng(bytes);
  return isJpeg(bytes);
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
