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

/**
 * Advance widths of DejaVu Sans Bold (the card's face), in em, measured with the card's own renderer: capitals run a
 * quarter wider than lower case, "i" and "l" half as wide. A glyph not listed counts as 0.75 em (a wide one, to be safe).
 */
const EM: Record<string, number> = { " ": 0.35, ".": 0.38, ",": 0.38, ":": 0.4, ";": 0.4, "-": 0.42, "(": 0.46, ")": 0.46, "'": 0.3, '"': 0.46, "/": 0.4, "&": 0.87, "…": 1 };
for (const [chars, w] of [
  ["ijlI J", 0.37],
  ["ftr", 0.48],
  ["csz", 0.6],
  ["akvxyeEFLT", 0.67],
  ["bdghnopqu0123456789", 0.72],
  ["ACPRSVXYZB", 0.77],
  ["DGHNOQUK", 0.85],
  ["mMwW", 1.1],
] as const)
  for (const c of chars) if (c !== " ") EM[c] = w;

export function textWidthEm(s: string): number {
  let w = 0;
  for (const c of s) w += EM[c] ?? 0.75;
  return w;
}

/** Greedy wrap to a width in em (of the card's face); long words are cut. At most `max` lines, the last one ellipsised. */
export function wrap(text: string, maxEm: number, max: number): string[] {
  const cut = (w: string) => {
    let out = w;
    while (out.length > 1 && textWidthEm(`${out}…`) > maxEm) out = Array.from(out).slice(0, -1).join("");
    return `${out}…`;
  };
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let cur = "";
  for (const w0 of words) {
    const w = textWidthEm(w0) > maxEm ? cut(w0) : w0;
    if (!cur) cur = w;
    else if (textWidthEm(`${cur} ${w}`) <= maxEm) cur += ` ${w}`;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = cut(`${kept[max - 1] ?? ""}`.replace(/.{0,2}$/, ""));
    return kept;
  }
  return lines;
}

/** The card's text runs from x = 70 to 70 px before the right edge. */
const TEXT_PX = OG_WIDTH - 140;
/** The lowest baseline of a line of text: the footer band (90 px) and a margin above it. */
const LAST_BASELINE = OG_HEIGHT - 90 - 24;

export function cardSvg(c: CardText): string {
  const accent = c.accent ?? "#0b5394";
  // two lines at 68 px; a title needing three is set at 60 px (and wrapped for it)
  let titleSize = 68;
  let title = wrap(c.title, TEXT_PX / titleSize, 3);
  if (title.length > 2) {
    titleSize = 60;
    title = wrap(c.title, TEXT_PX / titleSize, 3);
  }
  let y = 170;
  const parts: string[] = [];
  for (const l of title) {
    parts.push(`<text x="70" y="${y}" font-size="${titleSize}" font-weight="bold" fill="#111">${esc(l)}</text>`);
    y += titleSize + 12;
  }
  y += 20;
  // the lines fill the room above the footer: each up to two rows while a row is left for each line after it
  const lines = c.lines.slice(0, 3);
  let rows = Math.floor((LAST_BASELINE - y) / 52) + 1;
  lines.forEach((l, i) => {
    const allowed = Math.min(2, rows - (lines.length - i - 1));
    if (allowed < 1) return;
    for (const w of wrap(l, TEXT_PX / 38, allowed)) {
      parts.push(`<text x="70" y="${y}" font-size="38" fill="#333">${esc(w)}</text>`);
      y += 52;
      rows -= 1;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="100%" height="100%" fill="#ffffff"/>
<rect width="100%" height="18" fill="${accent}"/>
<g font-family="DejaVu Sans, sans-serif">
<text x="70" y="90" font-size="32" font-weight="bold" fill="${accent}">${esc(wrap(c.kicker, TEXT_PX / 32, 1)[0] ?? "")}</text>
${parts.join("\n")}
<rect x="0" y="${OG_HEIGHT - 90}" width="100%" height="90" fill="${accent}"/>
<text x="70" y="${OG_HEIGHT - 33}" font-size="34" font-weight="bold" fill="#ffffff">${esc(wrap(c.footer, TEXT_PX / 34, 1)[0] ?? "")}</text>
</g>
</svg>`;
}

export async function renderCardPng(c: CardText): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(cardSvg(c))).png({ compressionLevel: 9, palette: true }).toBuffer();
}
