import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A PDF's text per page and its title, read back with pdf.js (what a reader would see). */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; title: unknown }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " "));
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, title: (meta.info as { Title?: unknown }).Title };
}
