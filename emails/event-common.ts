import { formatDateTimeRange } from "../app/i18n/format-date";
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
  /**
   * The days/batches this email is about (the reader's own, with their place in each when it differs), so a 3-day
   * bimtek reads as three daily hours instead of one 56-hour block. Absent in emails queued before sessions.
   */
  sessions?: MailSession[];
};

export type MailSession = {
  n: number;
  label: string | null;
  startsAt: string;
  endsAt: string;
  status?: "confirmed" | "waitlisted";
  position?: number | null;
  /** how many days the event has (absent in emails queued before it was carried) */
  of?: number;
};

function sessionLine(s: MailSession, locale: Locale, timeZone: string): string {
  const id = locale === "id";
  const day = id ? `Hari ${s.n}` : `Day ${s.n}`;
  const label = s.label ? ` (${s.label})` : "";
  const place = s.status === "waitlisted" ? (id ? ` — daftar tunggu no. ${s.position ?? "?"}` : ` — waitlist no. ${s.position ?? "?"}`) : s.status === "confirmed" ? (id ? " — terdaftar" : " — signed up") : "";
  return `${day}${label}: ${formatDateTimeRange(s.startsAt, s.endsAt, locale, timeZone)}${place}`;
}

/**
 * One line per session when there are several, or when the one session is a day of an event of several days (day 1
 * of a 3-day bimtek reads "Day 1 (Angkatan 1): …" as its day 3 does); a lone session of a one-day event is its hours.
 */
export function whenLines(e: EventMailInfo, locale: Locale): string[] {
  const list = e.sessions ?? [];
  const lone = list.length === 1 && list[0]?.n === 1 && !list[0].status && !((list[0].of ?? 1) > 1);
  if (list.length === 0 || lone) return [formatDateTimeRange(list[0]?.startsAt ?? e.startsAt, list[0]?.endsAt ?? e.endsAt, locale, e.timeZone)];
  return list.map((s) => sessionLine(s, locale, e.timeZone));
}

export function eventUrl(e: EventMailInfo): string {
  return e.url;
}

export function eventLines(e: EventMailInfo, locale: Locale): string[] {
  const when = whenLines(e, locale);
  const where = [e.venue, e.regionName].filter(Boolean).join(", ");
  const whenText = when.length === 1 ? [`${locale === "id" ? "Waktu" : "When"}: ${when[0]}`] : [locale === "id" ? "Waktu:" : "When:", ...when.map((l) => `  ${l}`)];
  return locale === "id"
    ? [`Kegiatan: ${e.title}`, ...whenText, `Tempat: ${where}`, `Chapter: ${e.chapterName}`]
    : [`Event: ${e.title}`, ...whenText, `Where: ${where}`, `Chapter: ${e.chapterName}`];
}

export function eventHtml(e: EventMailInfo, locale: Locale): string {
  const when = whenLines(e, locale);
  if (when.length === 1) return `<ul>${eventLines(e, locale).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`;
  const id = locale === "id";
  const where = [e.venue, e.regionName].filter(Boolean).join(", ");
  const items = [
    `${id ? "Kegiatan" : "Event"}: ${escapeHtml(e.title)}`,
    `${id ? "Waktu" : "When"}:<ul>${when.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    `${id ? "Tempat" : "Where"}: ${escapeHtml(where)}`,
    `Chapter: ${escapeHtml(e.chapterName)}`,
  ];
  return `<ul>${items.map((l) => `<li>${l}</li>`).join("")}</ul>`;
}
