import { randomBytes } from "node:crypto";

/**
 * A small, well-formed PDF (header, catalog, page tree, one page, xref table with exact offsets,
 * trailer, startxref, %%EOF). `padding` adds a binary comment so each file's bytes (and sha256) differ.
 */
export function minimalPdf(padding = 64): Buffer {
  const header = Buffer.concat([Buffer.from("%PDF-1.7\n%"), randomBytes(padding).map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b | 0x80)), Buffer.from("\n")]);
  const objects = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n",
  ];
  const offsets: number[] = [];
  let body = "";
  for (const object of objects) {
    offsets.push(header.length + Buffer.byteLength(body));
    body += object;
  }
  const xrefAt = header.length + Buffer.byteLength(body);
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([header, Buffer.from(body + xref + trailer)]);
}
