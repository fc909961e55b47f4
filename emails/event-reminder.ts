import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, eventUrl, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** payload.attachments carries the event's .ics ({ filename, content, contentType }) for the delivery worker. */
export type EventReminderPayload = { name: string; roleName: string; event: EventMailInfo };

export function eventReminder(p: EventReminderPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Pengingat besok: ${p.event.title}` : `Reminder for tomorrow: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const lead = id
    ? `Sampai jumpa di kegiatan ini sebagai ${p.roleName}. Berkas kalender (.ics) terlampir. Saat tiba, pindai kode QR atau ketik kode check-in dari koordinator.`
    : `See you at this event as ${p.roleName}. The calendar file (.ics) is attached. On arrival, scan the QR code or type the check-in code from the lead.`;
  const label = id ? "Lihat kegiatan" : "View the event";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(eventUrl(p.event), label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${eventUrl(p.event)}`].join("\n");
  return { subject, html, text };
}
