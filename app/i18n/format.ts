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

/**
 * The calendar days a volunteer attended ("2026-12-12", already local to the event), as a certificate states them:
 * a run of consecutive days as a range ("12–14 Desember 2026"), days apart listed ("12 dan 14 Desember 2026"), the
 * month and year written once where they are shared ("30 November – 2 Desember 2026").
 */
export function formatDays(days: readonly string[], locale: Locale): string {
  const list = [...new Set(days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
  if (list.length === 0) return days.join(", ");
  const parse = (d: string) => ({ y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), d: Number(d.slice(8, 10)), t: Date.parse(`${d}T00:00:00Z`) });
  const ds = list.map(parse);
  const month = (m: number) => dateTimeFormat(localeTag(locale), { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, m - 1, 15)));
  const first = ds[0]!;
  const oneYear = ds.every((x) => x.y === first.y);
  const oneMonth = oneYear && ds.every((x) => x.m === first.m);
  // runs of consecutive days
  const runs: [(typeof ds)[number], (typeof ds)[number]][] = [];
  for (const x of ds) {
    const run = runs[runs.length - 1];
    if (run && x.t - run[1].t === 86_400_000) run[1] = x;
    else runs.push([x, x]);
  }
  const full = (x: (typeof ds)[number]) => `${x.d} ${month(x.m)} ${x.y}`;
  const short = (x: (typeof ds)[number], last: boolean) => (last ? full(x) : oneMonth ? `${x.d}` : oneYear ? `${x.d} ${month(x.m)}` : full(x));
  const items = runs.map(([a, b], i) => {
    const last = i === runs.length - 1;
    if (a.t === b.t) return short(b, last);
    // 12–14 Desember; 30 November – 2 Desember; 31 Desember 2026 – 1 Januari 2027
    if (a.y === b.y && a.m === b.m) return `${a.d}–${short(b, last)}`;
    const start = a.y === b.y && (oneYear || !last) ? `${a.d} ${month(a.m)}` : full(a);
    return `${start} – ${short(b, last)}`;
  });
  const and = locale === "id" ? " dan " : " and ";
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(", ")}${and}${items[items.length - 1]}`;
}
