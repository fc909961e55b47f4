import { dateTimeFormat, localeTag, zoneAbbr } from "./format";
import type { Locale } from "./locale";

// Dates written out in full, apart from format.ts: the event report page, whose first-load JavaScript is at the
// limit, shares format.ts's chunk but writes no such date, so this code loads only with the pages that do.

// dateStyle "full" writes the day with two digits in Indonesian ("Jumat, 04 Desember 2026"); people write "4 Desember"
const FULL_DATE = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const;

/** "Selasa, 24 November 2026", "Jumat, 4 Desember 2026" */
export function formatDate(d: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  return dateTimeFormat(localeTag(locale), { ...FULL_DATE, timeZone }).format(new Date(d));
}

/** "Minggu, 10 Januari 2027 08.00–11.00 WIB"; over several days both ends carry their date. */
export function formatDateTimeRange(from: Date | string, to: Date | string, locale: Locale, timeZone = "Asia/Jakarta"): string {
  const f = dateTimeFormat(localeTag(locale), { ...FULL_DATE, hour: "2-digit", minute: "2-digit", timeZone });
  return `${f.formatRange(new Date(from), new Date(to))} ${zoneAbbr(timeZone)}`;
}
