import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** A member of the public moved up from the waitlist: they now hold a place. */
export type ParticipantPromotedPayload = { name: string; code: string | null; ticketUrl: string; event: EventMailInfo };

export function participantPromoted(p: ParticipantPromotedPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Ada tempat untuk Anda: ${p.event.title}` : `A place for you: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? `Ada peserta yang batal, jadi Anda kini mendapat tempat. Di pintu masuk, sebutkan nama Anda atau kode ${p.code ?? ""}.`
    : `Someone cancelled, so you now have a place. At the door, give your name or the code ${p.code ?? ""}.`;
  const label = id ? "Lihat pendaftaran saya" : "View my registration";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(p.ticketUrl, label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${p.ticketUrl}`].join("\n");
  return { subject, html, text };
}
