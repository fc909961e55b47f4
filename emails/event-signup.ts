import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, eventUrl, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type EventSignupPayload = { kind: "confirmed" | "partial" | "waitlisted" | "removed" | "dropped"; name: string; position: number | null; event: EventMailInfo };

export function eventSignup(p: EventSignupPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject =
    p.kind === "confirmed"
      ? id ? `Terdaftar: ${p.event.title}` : `You're signed up: ${p.event.title}`
      : p.kind === "partial"
        ? id ? `Terdaftar di sebagian hari: ${p.event.title}` : `Signed up for some days: ${p.event.title}`
      : p.kind === "waitlisted"
        ? id ? `Daftar tunggu no. ${p.position ?? "?"}: ${p.event.title}` : `Waitlist no. ${p.position ?? "?"}: ${p.event.title}`
        : p.kind === "dropped"
          ? id ? `Pendaftaran dibatalkan: ${p.event.title}` : `Sign-up cancelled: ${p.event.title}`
          : id ? `Pendaftaran dibatalkan koordinator: ${p.event.title}` : `Removed by the lead: ${p.event.title}`;
  const statuses = new Set((p.event.sessions ?? []).map((x) => x.status).filter(Boolean));
  const lead = statuses.size > 1
    ? id ? "Anda terdaftar di sebagian hari dan masuk daftar tunggu di hari lain (rinciannya di bawah); kami kabari lewat email bila ada tempat." : "You're in for some days and on the waitlist for others (details below); we'll email you if a place frees up."
    : p.kind === "confirmed"
      ? id ? "Terima kasih, Anda terdaftar. Kami kirim pengingat sehari sebelumnya." : "Thank you, you're in. We'll remind you the day before."
      : p.kind === "waitlisted"
        ? id ? `Peran ini sudah penuh. Anda di daftar tunggu nomor ${p.position ?? "?"}; kami kabari lewat email bila ada tempat.` : `This role is full. You are number ${p.position ?? "?"} on the waitlist; we'll email you if a place frees up.`
        : p.kind === "dropped"
          ? id ? "Pendaftaran Anda dibatalkan untuk waktu di bawah ini. File kalender terlampir menghapusnya dari kalender ponsel Anda." : "Your sign-up is cancelled for the time below. The attached calendar file removes it from your phone's calendar."
          : id ? "Koordinator chapter mengeluarkan Anda dari kegiatan ini." : "The chapter lead removed you from this event.";
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const label = id ? "Lihat kegiatan" : "View the event";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(eventUrl(p.event), label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${eventUrl(p.event)}`].join("\n");
  return { subject, html, text };
}
