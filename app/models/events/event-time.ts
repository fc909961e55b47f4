import { dateTimeFormat, formatDateTime, localeTag, zoneAbbr } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";

/** "1 Des 2026, 08.00 WIB – 11.00 WIB": the end's date only when it falls on another local day. */
export function formatSessionRange(start: string, end: string, locale: Locale, timeZone: string): string {
  // the local day as "2026-12-04": this page's code carries no written-out date formatter (app/i18n/format-date.ts)
  const day = (d: string) => dateTimeFormat("en-CA", { timeZone }).format(new Date(d));
  if (day(start) !== day(end)) return `${formatDateTime(start, locale, timeZone)} – ${formatDateTime(end, locale, timeZone)}`;
  const time = dateTimeFormat(localeTag(locale), { timeStyle: "short", timeZone }).format(new Date(end));
  return `${formatDateTime(start, locale, timeZone)} – ${time} ${zoneAbbr(timeZone)}`;
}
