import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type TutoringNewRequestPayload = { leadName: string; chapterName: string; place: string; topics: string[]; url: string };

/** To each active lead of the chapter: a new learner is waiting (no contact details in the email). */
export function tutoringNewRequest(p: TutoringNewRequestPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Permintaan bantuan belajar baru di ${p.chapterName} (${p.place})`,
          hello: `Halo ${p.leadName},`,
          body: `Ada permintaan bantuan belajar baru dari ${p.place}. Pilih relawan yang cocok di Simpul.`,
          cta: "Buka permintaan",
        }
      : {
          subject: `New request for help at ${p.chapterName} (${p.place})`,
          hello: `Hello ${p.leadName},`,
          body: `A new request for help with learning came in from ${p.place}. Choose a suitable volunteer in Simpul.`,
          cta: "Open the request",
        };
  const html = htmlLayout(locale, s.subject, `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n${button(p.url, s.cta)}`);
  const text = `${s.hello}\n\n${s.body}\n\n${s.cta}: ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
