import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** To a member of the public registered ahead; payload.attachments carries the event's .ics. */
export type ParticipantReminderPayload = { name: string; code: string | null; ticketUrl: string; event: EventMailInfo; today?: boolean };

export function participantReminder(p: ParticipantReminderPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = p.today ? (id ? `Pengingat hari ini: ${p.event.title}` : `Reminder for today: ${p.event.title}`) : id ? `Pengingat besok: ${p.event.title}` : `Reminder for tomorrow: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? `Anda terdaftar sebagai peserta kegiatan ini. Sebutkan nama Anda atau kode ${p.code ?? ""} kepada panitia di pintu masuk. Berkas kalender (.ics) terlampir.`
    : `You are registered as a participant. Give your name or the code ${p.code ?? ""} to the organisers at the door. The calendar file (.ics) is attached.`;
  const label = id ? "Lihat pendaftaran saya" : "View my registration";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(p.ticketUrl, label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${p.ticketUrl}`].join("\n");
  return { subject, html, text };
}
