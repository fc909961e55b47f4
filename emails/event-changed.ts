import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, eventUrl, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type EventChangedPayload = { kind: "changed" | "cancelled"; name: string; event: EventMailInfo };

export function eventChanged(p: EventChangedPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const cancelled = p.kind === "cancelled";
  const subject = cancelled ? (id ? `Dibatalkan: ${p.event.title}` : `Cancelled: ${p.event.title}`) : id ? `Perubahan kegiatan: ${p.event.title}` : `Event changed: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = cancelled
    ? id ? "Kegiatan ini dibatalkan oleh koordinator chapter. Kalender langganan Anda akan ikut diperbarui." : "The chapter lead cancelled this event. Your subscribed calendar will update too."
    : id ? "Koordinator mengubah rincian kegiatan. Berikut yang terbaru:" : "The lead changed the event details. Here is the latest:";
  const label = id ? "Lihat kegiatan" : "View the event";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(eventUrl(p.event), label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${eventUrl(p.event)}`].join("\n");
  return { subject, html, text };
}
