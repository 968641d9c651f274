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

/** A well-formed PNG: signature, IHDR (1×1, RGBA), an IDAT chunk of `padding` bytes, IEND. */
export function minimalPng(padding = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", randomBytes(padding)), chunk("IEND", Buffer.alloc(0))]);
}

/** A well-formed JPEG: SOI, APP0, SOF0, SOS and `padding` bytes of scan data (no 0xFF), EOI. */
export function minimalJpeg(padding = 64): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const sof = Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
  const sos = Buffer.from([1, 1, 0, 0, 0x3f, 0]);
  const scan = randomBytes(padding).map((b) => (b === 0xff ? 0x00 : b));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from("JFIF\0\u0001\u0001\0\0\u0001\0\u0001\0\0", "latin1")), segment(0xc0, sof), segment(0xda, sos), scan, Buffer.from([0xff, 0xd9])]);
}

/** A well-formed PDF of exactly `size` bytes (the padding comment takes up the difference). */
export function pdfOfSize(size: number): Buffer {
  let padding = size - minimalPdf(0).length;
  for (let attempt = 0; attempt < 3; attempt++) {
    const pdf = minimalPdf(padding);
    if (pdf.length === size) return pdf;
    padding += size - pdf.length; // startxref's number grew by a digit or two
  }
  throw new Error(`pdfOfSize: cannot make ${size} bytes`);
}
