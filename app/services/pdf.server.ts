/** PDF drawing with pdfkit (pure JavaScript; its standard fonts ship in the package): the pieces every document uses. */

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
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor(BLUE).text(text).moveDown(0.3).font("Helvetica").fontSize(10).fillColor("black");
}

/** A simple table: fixed column widths, header row (again at the top of each page the table runs on to), rows that wrap; cells may carry a link. */
export function table(doc: PDFKit.PDFDocument, widths: number[], header: string[], rows: { text: string; link?: string }[][]) {
  const x0 = doc.page.margins.left;
  const drawRow = (cells: { text: string; link?: string }[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c.text, { width: (widths[i] ?? 60) - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) {
        drawRow(header.map((text) => ({ text })), true);
        doc.font("Helvetica").fontSize(9);
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
  doc.fillColor("black").font("Helvetica").fontSize(10);
}
