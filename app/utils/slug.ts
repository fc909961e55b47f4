/** "Media Sosial & UMKM" → "media-sosial-umkm": accents dropped, anything else between words becomes one dash. */
export function slugify(s: string, fallback: string, maxLength = 60): string {
  return (
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, maxLength) || fallback
  );
}
