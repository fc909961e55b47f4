/**
 * QR codes as SVG (check-in and door-registration links on the event pages). Drawing one costs ~1 ms of CPU
 * (mask scoring); a link always gives the same picture, so the last few hundred are kept. Only the link and its
 * picture are held: nothing another process would need.
 */
const MAX = 500;
const cache = new Map<string, string>();

export async function qrSvg(text: string): Promise<string> {
  const hit = cache.get(text);
  if (hit !== undefined) {
    // most recently used last: the oldest is the first key
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 240 });
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(text, svg);
  return svg;
}
