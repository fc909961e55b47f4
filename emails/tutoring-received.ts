import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type TutoringReceivedPayload = { name: string; chapterName: string; url: string };

/** To the learner right after the request: the private tracking link. */
export function tutoringReceived(p: TutoringReceivedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: "Permintaan bantuan belajar Anda sudah kami terima",
          hello: `Halo ${p.name},`,
          body: `Terima kasih. Permintaan Anda diteruskan ke relawan ${p.chapterName}. Kami akan mencarikan relawan yang cocok dan menghubungi Anda.`,
          link: "Lihat status permintaan Anda kapan saja lewat tautan pribadi ini. Jangan bagikan tautan ini ke orang lain:",
          cta: "Lihat status permintaan",
        }
      : {
          subject: "We have received your request for help",
          hello: `Hello ${p.name},`,
          body: `Thank you. Your request has been passed on to the volunteers of ${p.chapterName}. We will look for a suitable volunteer and get in touch.`,
          link: "Follow your request at any time with this private link. Do not share it with anyone:",
          cta: "See the status of my request",
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n<p>${escapeHtml(s.link)}</p>\n${button(p.url, s.cta)}\n<p style="word-break:break-all">${escapeHtml(p.url)}</p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${s.link}\n${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
