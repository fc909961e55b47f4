import { formatDateTimeRange } from "../app/i18n/format";
import type { Locale } from "../app/i18n/locale";
import { escapeHtml } from "./layout";

/** What every event email carries about the event (from eventSummary). */
export type EventMailInfo = {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: string | null;
  regionName: string;
  chapterName: string;
  /** absolute link to the event page */
  url: string;
};

export function eventUrl(e: EventMailInfo): string {
  return e.url;
}

export function eventLines(e: EventMailInfo, locale: Locale): string[] {
  const when = formatDateTimeRange(e.startsAt, e.endsAt, locale, e.timeZone);
  const where = [e.venue, e.regionName].filter(Boolean).join(", ");
  return locale === "id"
    ? [`Kegiatan: ${e.title}`, `Waktu: ${when}`, `Tempat: ${where}`, `Chapter: ${e.chapterName}`]
    : [`Event: ${e.title}`, `When: ${when}`, `Where: ${where}`, `Chapter: ${e.chapterName}`];
}

export function eventHtml(e: EventMailInfo, locale: Locale): string {
  return `<ul>${eventLines(e, locale).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`;
}
