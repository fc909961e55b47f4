import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** A member of the public registered ahead (or waiting) for an event that the chapter has cancelled. */
export type ParticipantCancelledPayload = { name: string; event: EventMailInfo };

export function participantCancelled(p: ParticipantCancelledPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Dibatalkan: ${p.event.title}` : `Cancelled: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? "Kegiatan yang Anda daftari dibatalkan oleh panitia. Anda tidak perlu datang. Mohon maaf atas perubahan ini."
    : "The event you registered for has been cancelled by the organisers. Please do not come. We are sorry for the change.";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale)].join("\n");
  return { subject, html, text };
}
