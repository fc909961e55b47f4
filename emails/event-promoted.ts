import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, eventUrl, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type EventPromotedPayload = { name: string; event: EventMailInfo };

export function eventPromoted(p: EventPromotedPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Ada tempat untuk Anda: ${p.event.title}` : `A place opened up for you: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? "Seseorang membatalkan, dan Anda yang pertama di daftar tunggu: kini Anda terdaftar. Tidak bisa hadir? Batalkan di halaman kegiatan agar tempatnya pindah ke berikutnya."
    : "Someone cancelled and you were first on the waitlist: you're now confirmed. Can't make it? Cancel on the event page so the next person gets the place.";
  const label = id ? "Lihat kegiatan" : "View the event";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(eventUrl(p.event), label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${eventUrl(p.event)}`].join("\n");
  return { subject, html, text };
}
