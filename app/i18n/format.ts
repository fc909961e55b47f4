import type { Locale } from "./locale";

const ZONE_ABBR: Record<string, string> = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" };

export function zoneAbbr(timeZone: string): string {
  return ZONE_ABBR[timeZone] ?? timeZone;
}

function tag(locale: Locale) {
  return locale === "id" ? "id-ID" : "en-GB";
}

/** "Selasa, 24 November 2026" */
export function formatDate(d: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "full", timeZone }).format(new Date(d));
}

/** "24 Nov 2026 19.30 WIB" — always with the zone, since chapters span three of them */
export function formatDateTime(d: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  const s = new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(d));
  return `${s} ${zoneAbbr(timeZone)}`;
}

/** "Minggu, 10 Januari 2027 08.00–11.00 WIB"; over several days both ends carry their date. */
export function formatDateTimeRange(from: Date | string, to: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  const f = new Intl.DateTimeFormat(tag(locale), { dateStyle: "full", timeStyle: "short", timeZone });
  return `${f.formatRange(new Date(from), new Date(to))} ${zoneAbbr(timeZone)}`;
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale)).format(n);
}
