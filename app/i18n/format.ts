import type { Locale } from "./locale";

const ZONE_ABBR: Record<string, string> = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" };

export function zoneAbbr(timeZone: string): string {
  return ZONE_ABBR[timeZone] ?? timeZone;
}

export function localeTag(locale: Locale): string {
  return locale === "id" ? "id-ID" : "en-GB";
}

// Building an Intl formatter costs ~35 µs (it loads locale data); formatting with a built one ~0.7 µs. A page of a
// few hundred figures rebuilt them on every call, so they are kept per language tag + options. The key space is
// small (2 languages × 3 zones × a handful of styles); the cap only guards against an unexpected caller.
const MAX_CACHED = 256;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function keyOf(tag: string, options: object | undefined): string {
  if (!options) return tag;
  const entries = Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? `${tag}|${JSON.stringify(entries)}` : tag;
}

/** The options as the caller wrote them, in their order: no array, sort or JSON per call (a list formats hundreds). */
function quickKeyOf(tag: string, options: object | undefined): string {
  let key = `~${tag}`;
  for (const k in options) {
    const v = (options as Record<string, unknown>)[k];
    if (v !== undefined) key += `|${k}=${String(v)}`;
  }
  return key;
}

/** The formatter for these options, looked up as written, else by their sorted form (one formatter per options). */
function cached<F>(cache: Map<string, F>, tag: string, options: object | undefined, make: () => F): F {
  const quick = quickKeyOf(tag, options);
  let f = cache.get(quick);
  if (f) return f;
  const key = keyOf(tag, options);
  f = cache.get(key);
  if (!f) {
    if (cache.size >= MAX_CACHED) cache.clear();
    f = make();
    cache.set(key, f);
  }
  cache.set(quick, f);
  return f;
}

/** A shared Intl.DateTimeFormat for a BCP 47 tag ("id-ID", "en-CA", …) and options; never build one per call. */
export function dateTimeFormat(tag: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, tag, options, () => new Intl.DateTimeFormat(tag, options));
}

/** A shared Intl.NumberFormat for a BCP 47 tag and options. */
export function numberFormat(tag: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, tag, options, () => new Intl.NumberFormat(tag, options));
}

/** "24 Nov 2026 19.30 WIB" — always with the zone, since chapters span three of them */
export function formatDateTime(d: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  const s = dateTimeFormat(localeTag(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(d));
  return `${s} ${zoneAbbr(timeZone)}`;
}

/** A calendar day as stored ("2026-02-07", already local to the chapter) → "7 Feb 2026"; anything else is left as it is. */
export function formatDay(day: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return dateTimeFormat(localeTag(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function formatNumber(n: number, locale: Locale): string {
  return numberFormat(localeTag(locale)).format(n);
}
