// A real PDF parser (pdf.js) for the tests: the text of every page and the URIs of its link annotations.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(buf: Buffer | Uint8Array): Promise<{ pages: number; text: string; pageTexts: string[]; links: string[]; title: string | null }> {
  const doc = await getDocument({ data: new Uint8Array(buf), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  let text = "";
  const pageTexts: string[] = [];
  const links: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const pageText = content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : " ") : "")).join("") + "\n";
    pageTexts.push(pageText.replace(/[ \t]+/g, " "));
    text += pageText;
    for (const a of await page.getAnnotations()) if (typeof a.url === "string") links.push(a.url);
  }
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string } | undefined;
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.replace(/[ \t]+/g, " "), pageTexts, links, title: info?.Title ?? null };
}
