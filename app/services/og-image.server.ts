// sharp (libvips) is loaded on the first card drawn: ~30 MB a process would otherwise hold from start-up

/**
 * A 1200×630 link-preview card (Open Graph) drawn as SVG and rasterised by sharp (librsvg), so a link shared in a
 * WhatsApp group shows a real card. Knows no area: a kicker, a title, a few lines, a footer.
 */
export type CardText = { kicker: string; title: string; lines: string[]; footer: string; accent?: string };

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Greedy wrap by an average glyph width; long words are cut. At most `max` lines, the last one ellipsised. */
export function wrap(text: string, charsPerLine: number, max: number): string[] {
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let cur = "";
  for (const w0 of words) {
    const w = w0.length > charsPerLine ? `${w0.slice(0, charsPerLine - 1)}…` : w0;
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= charsPerLine) cur += ` ${w}`;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${(kept[max - 1] ?? "").replace(/.{0,2}$/, "")}…`;
    return kept;
  }
  return lines;
}

export function cardSvg(c: CardText): string {
  const accent = c.accent ?? "#0b5394";
  const title = wrap(c.title, 30, 3);
  const titleSize = title.length > 2 ? 60 : 68;
  let y = 170;
  const parts: string[] = [];
  for (const l of title) {
    parts.push(`<text x="70" y="${y}" font-size="${titleSize}" font-weight="bold" fill="#111">${esc(l)}</text>`);
    y += titleSize + 12;
  }
  y += 20;
  for (const l of c.lines.slice(0, 3)) {
    for (const w of wrap(l, 52, 1)) {
      parts.push(`<text x="70" y="${y}" font-size="38" fill="#333">${esc(w)}</text>`);
      y += 52;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="100%" height="100%" fill="#ffffff"/>
<rect width="100%" height="18" fill="${accent}"/>
<g font-family="DejaVu Sans, sans-serif">
<text x="70" y="90" font-size="32" font-weight="bold" fill="${accent}">${esc(wrap(c.kicker, 60, 1)[0] ?? "")}</text>
${parts.join("\n")}
<rect x="0" y="${OG_HEIGHT - 90}" width="100%" height="90" fill="${accent}"/>
<text x="70" y="${OG_HEIGHT - 33}" font-size="34" font-weight="bold" fill="#ffffff">${esc(wrap(c.footer, 56, 1)[0] ?? "")}</text>
</g>
</svg>`;
}

export async function renderCardPng(c: CardText): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(cardSvg(c))).png({ compressionLevel: 9, palette: true }).toBuffer();
}
