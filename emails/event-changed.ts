import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, eventUrl, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type EventChangedPayload = { kind: "changed" | "cancelled"; name: string; event: EventMailInfo; changes?: ("time" | "venue" | "title")[] };

const CHANGE_WORDS = {
  id: { time: "waktu", venue: "tempat", title: "nama kegiatan" },
  en: { time: "the time", venue: "the venue", title: "the title" },
} as const;

/** "Yang berubah: waktu dan tempat." */
function whatChanged(changes: EventChangedPayload["changes"], locale: Locale): string | null {
  if (!changes || changes.length === 0) return null;
  const words = changes.map((c) => CHANGE_WORDS[locale][c]);
  const and = locale === "id" ? " dan " : " and ";
  const list = words.length > 1 ? `${words.slice(0, -1).join(", ")}${and}${words[words.length - 1]}` : (words[0] ?? "");
  return locale === "id" ? `Yang berubah: ${list}.` : `What changed: ${list}.`;
}

export function eventChanged(p: EventChangedPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const cancelled = p.kind === "cancelled";
  const subject = cancelled ? (id ? `Dibatalkan: ${p.event.title}` : `Cancelled: ${p.event.title}`) : id ? `Perubahan kegiatan: ${p.event.title}` : `Event changed: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = cancelled
    ? id ? "Kegiatan ini dibatalkan oleh koordinator chapter. Kalender langganan Anda akan ikut diperbarui." : "The chapter lead cancelled this event. Your subscribed calendar will update too."
    : id ? "Koordinator mengubah rincian kegiatan. Berikut yang terbaru:" : "The lead changed the event details. Here is the latest:";
  const changed = cancelled ? null : whatChanged(p.changes, locale);
  const label = id ? "Lihat kegiatan" : "View the event";
  const html = htmlLayout(
    locale,
    subject,
    `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${changed ? `<p><strong>${escapeHtml(changed)}</strong></p>` : ""}${eventHtml(p.event, locale)}${button(eventUrl(p.event), label)}`,
  );
  const text = [greet, "", lead, ...(changed ? [changed] : []), "", ...eventLines(p.event, locale), "", `${label}: ${eventUrl(p.event)}`].join("\n");
  return { subject, html, text };
}
