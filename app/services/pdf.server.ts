/**
 * PDF drawing with pdfkit (pure JavaScript): the pieces every document uses. Text is set in DejaVu Sans Condensed
 * (regular and bold, embedded and subset by pdfkit), which covers Latin with every diacritic, Vietnamese and Arabic
 * script and is as wide as the Helvetica it replaces (pdfkit's standard fonts know only WinAnsi and garble any other
 * name), so every page keeps its layout.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const SANS = "Sans";
export const SANS_BOLD = "Sans-Bold";

let fontFiles: { regular: Buffer; bold: Buffer } | null = null;

/** The TrueType files of the dejavu-fonts-ttf package, read once per process (1.3 MB held from the first PDF on). */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontFiles) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    fontFiles = { regular: fs.readFileSync(path.join(dir, "DejaVuSansCondensed.ttf")), bold: fs.readFileSync(path.join(dir, "DejaVuSansCondensed-Bold.ttf")) };
  }
  return fontFiles;
}

const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
/** Pieces of a line: spaces, words (letters and their marks), numbers (with their separators), any other character. */
const TOKEN = /\s+|[\p{L}\p{M}]+|\p{Nd}+(?:[.,:/-]\p{Nd}+)*|[^]/gu;
type Dir = "L" | "R";

/**
 * One line of text in the order it is drawn, for right-to-left words among the rest. pdfkit lays out word by word
 * (fontkit joins an Arabic word's letters and draws them right to left) but puts the words left to right in the
 * order they were written, so "معهد النور 1" would read "1 النور معهد" to an Arabic reader. This reorders the words
 * as the Unicode bidirectional algorithm would on a left-to-right line (the documents are in Indonesian or English,
 * as the web page shows them): a number after an Arabic word goes with it, spaces and punctuation between two
 * right-to-left words too, and each such run is reversed word by word.
 * Text that wraps over several lines is reordered as one line before pdfkit wraps it (names and titles rarely wrap).
 */
export function visualOrder(text: string): string {
  if (!RTL_LETTER.test(text)) return text;
  return text
    .split("\n")
    .map((line) => {
      const tokens = line.match(TOKEN) ?? [];
      const dirs: (Dir | null)[] = tokens.map((t) => (RTL_LETTER.test(t) ? "R" : /\p{L}/u.test(t) ? "L" : null));
      let lastStrong: Dir | null = null;
      for (let i = 0; i < tokens.length; i++) {
        if (dirs[i]) lastStrong = dirs[i]!;
        else if (lastStrong === "R" && /\p{Nd}/u.test(tokens[i]!)) dirs[i] = "R";
      }
      const resolved: Dir[] = tokens.map((_, i) => {
        if (dirs[i]) return dirs[i]!;
        const before = dirs.slice(0, i).reverse().find((d) => d !== null);
        const after = dirs.slice(i + 1).find((d) => d !== null);
        return before === "R" && after === "R" ? "R" : "L";
      });
      const runs: { dir: Dir; tokens: string[] }[] = [];
      tokens.forEach((t, i) => {
        const last = runs[runs.length - 1];
        if (last && last.dir === resolved[i]) last.tokens.push(t);
        else runs.push({ dir: resolved[i]!, tokens: [t] });
      });
      return runs.map((r) => (r.dir === "R" ? [...r.tokens].reverse() : r.tokens).join("")).join("");
    })
    .join("\n");
}

/** Pictographs and what builds emoji out of them: joiner, variation selectors, keycaps, flags' letters, skin tones, tags. */
function emojiPart(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return /\p{Extended_Pictographic}/u.test(ch) || c === 0x200d || c === 0xfe0e || c === 0xfe0f || c === 0x20e3 || (c >= 0x1f1e6 && c <= 0x1f1ff) || (c >= 0x1f3fb && c <= 0x1f3ff) || (c >= 0xe0020 && c <= 0xe007f);
}

type GlyphRun = { glyphs: unknown[]; positions: unknown[] };
type FontkitFont = { hasGlyphForCodePoint(c: number): boolean; layout(text: string, ...rest: unknown[]): GlyphRun };

/**
 * pdfkit hands fontkit a word with the space after it (and any punctuation in it); fontkit draws a right-to-left
 * run's glyphs from its end, so that space and punctuation would land on the other side of the word. Each Arabic
 * (or Hebrew) word in it is laid out alone, and the pieces are put side by side in the order visualOrder left them.
 */
function layoutPiecesApart(font: FontkitFont) {
  const layout = font.layout.bind(font);
  font.layout = (text: string, ...rest: unknown[]) => {
    if (!RTL_LETTER.test(text)) return layout(text, ...rest);
    const pieces = text.match(/[\p{L}\p{M}]+|[^\p{L}\p{M}]+/gu) ?? [];
    if (pieces.length < 2) return layout(text, ...rest);
    const run = layout(pieces[0]!, ...rest);
    for (const piece of pieces.slice(1)) {
      const next = layout(piece, ...rest);
      run.glyphs.push(...next.glyphs);
      run.positions.push(...next.positions);
    }
    return run;
  };
}

/**
 * A new pdfkit document drawing in the embedded fonts: what the text says is drawn as written, whatever its script.
 * Emoji the font has no glyph for (most of them, flags, skin tones, the joiners between them) are left out rather than
 * drawn as empty boxes; the rest of the line is untouched. A letter of a script it lacks is drawn as a box: a name is
 * never shortened without a sign.
 */
export function unicodeDocument(PDFDocument: new (options: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument, options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument(options);
  const { regular, bold } = fonts();
  doc.registerFont(SANS, regular);
  doc.registerFont(SANS_BOLD, bold);
  const fontkitFont = () => (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  doc.font(SANS_BOLD);
  layoutPiecesApart(fontkitFont());
  doc.font(SANS);
  const font = fontkitFont();
  layoutPiecesApart(font);
  const drawable = (s: string) => {
    let out = "";
    let dropped = false;
    for (const ch of s) {
      if (/\s/u.test(ch) || font.hasGlyphForCodePoint(ch.codePointAt(0)!) || !emojiPart(ch)) out += ch;
      else dropped = true;
    }
    // "Siti 🇮🇩 Aminah" is "Siti Aminah", not two spaces apart
    return visualOrder(dropped ? out.replace(/[ \t]{2,}/g, " ").trim() : out);
  };
  const text = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const heightOfString = doc.heightOfString.bind(doc);
  doc.text = ((s: unknown, ...rest: unknown[]) => text(typeof s === "string" ? drawable(s) : s, ...rest)) as typeof doc.text;
  doc.heightOfString = ((s: string, options?: PDFKit.Mixins.TextOptions) => heightOfString(drawable(s), options)) as typeof doc.heightOfString;
  return doc;
}


/** Start collecting the document's bytes; call the returned function once everything is drawn. */
export function collect(doc: PDFKit.PDFDocument): () => Promise<Buffer> {
  const chunks: Buffer[] = [];
  const result = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return () => {
    doc.end();
    return result;
  };
}

export const BLUE = "#0b5394";
export const MUTED = "#4a4a4a";


export function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font(SANS_BOLD).fontSize(13).fillColor(BLUE).text(text).moveDown(0.3).font(SANS).fontSize(10).fillColor("black");
}

/** A simple table: fixed column widths, header row (again at the top of each page the table runs on to), rows that wrap; cells may carry a link. */
export function table(doc: PDFKit.PDFDocument, widths: number[], header: string[], rows: { text: string; link?: string }[][]) {
  const x0 = doc.page.margins.left;
  const drawRow = (cells: { text: string; link?: string }[], bold: boolean) => {
    doc.font(bold ? SANS_BOLD : SANS).fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c.text, { width: (widths[i] ?? 60) - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) {
        drawRow(header.map((text) => ({ text })), true);
        doc.font(SANS).fontSize(9);
      }
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 60;
      doc.fillColor(c.link ? BLUE : "black").text(c.text, x + 3, y + 3, { width: w - 6, link: c.link, underline: !!c.link });
      x += w;
    });
    doc.moveTo(x0, y + h).lineTo(x, y + h).strokeColor("#c9ced6").lineWidth(0.5).stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  drawRow(header.map((text) => ({ text })), true);
  for (const r of rows) drawRow(r, false);
  doc.fillColor("black").font(SANS).fontSize(10);
}
