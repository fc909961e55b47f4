import { dateTimeFormat, formatDate, formatDateTime, localeTag, zoneAbbr } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";

/** "1 Des 2026, 08.00 WIB – 11.00 WIB": the end's date only when it falls on another local day. */
export function formatSessionRange(start: string, end: string, locale: Locale, timeZone: string): string {
  if (formatDate(start, locale, timeZone) !== formatDate(end, locale, timeZone)) return `${formatDateTime(start, locale, timeZone)} – ${formatDateTime(end, locale, timeZone)}`;
  const time = dateTimeFormat(localeTag(locale), { timeStyle: "short", timeZone }).format(new Date(end));
  return `${formatDateTime(start, locale, timeZone)} – ${time} ${zoneAbbr(timeZone)}`;
}
