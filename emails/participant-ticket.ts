import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/**
 * To the address of a registration ahead, when someone registers again with the same name and that same address
 * (the first ticket page lost, the form opened on another phone): a fresh link to the ticket.
 */
export type ParticipantTicketPayload = { name: string; code: string | null; ticketUrl: string; event: EventMailInfo };

export function participantTicket(p: ParticipantTicketPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Tautan pendaftaran Anda: ${p.event.title}` : `Your registration link: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? `Anda sudah terdaftar untuk kegiatan ini; pendaftaran yang baru dikirim tidak digandakan. Kode Anda: ${p.code ?? ""}. Lewat tautan di bawah Anda bisa melihat pendaftaran, menambahkannya ke kalender, atau membatalkannya.`
    : `You are already registered for this event; the registration just sent is not duplicated. Your code: ${p.code ?? ""}. The link below shows your registration, adds it to your calendar or cancels it.`;
  const notYou = id ? "Bukan Anda yang mendaftar lagi? Abaikan email ini: tidak ada yang berubah." : "Not you registering again? Ignore this email: nothing has changed.";
  const label = id ? "Lihat pendaftaran saya" : "View my registration";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(p.ticketUrl, label)}<p>${escapeHtml(notYou)}</p>`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${p.ticketUrl}`, "", notYou].join("\n");
  return { subject, html, text };
}
