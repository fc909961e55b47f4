import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** A member of the public registered ahead (or waiting): the chapter moved the event, changed its venue or its title. */
export type ParticipantChangedPayload = { name: string; code: string | null; ticketUrl: string; event: EventMailInfo; changes?: ("time" | "venue" | "title")[] };

const CHANGE_WORDS = {
  id: { time: "waktu", venue: "tempat", title: "nama kegiatan" },
  en: { time: "the time", venue: "the venue", title: "the title" },
} as const;

export function participantChanged(p: ParticipantChangedPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Perubahan kegiatan: ${p.event.title}` : `Event changed: ${p.event.title}`;
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const words = (p.changes ?? []).map((c) => CHANGE_WORDS[locale][c]);
  const list = words.length > 1 ? `${words.slice(0, -1).join(", ")}${id ? " dan " : " and "}${words[words.length - 1]}` : (words[0] ?? "");
  const lead = id
    ? `Panitia mengubah kegiatan yang Anda daftari${list ? ` (yang berubah: ${list})` : ""}. Pendaftaran Anda tetap berlaku; di pintu masuk, sebutkan nama Anda atau kode ${p.code ?? ""}. Berikut yang terbaru:`
    : `The organisers changed the event you registered for${list ? ` (what changed: ${list})` : ""}. Your registration still holds; at the door, give your name or the code ${p.code ?? ""}. Here is the latest:`;
  const label = id ? "Lihat pendaftaran saya" : "View my registration";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${eventHtml(p.event, locale)}${button(p.ticketUrl, label)}`);
  const text = [greet, "", lead, "", ...eventLines(p.event, locale), "", `${label}: ${p.ticketUrl}`].join("\n");
  return { subject, html, text };
}
