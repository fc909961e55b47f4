import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { simpleEmail } from "./tutoring-common";

export type TutoringMatchedPayload = { name: string; tutorFirstName: string; tutorContact: string; chapterName: string };

/** To the learner (when an email was given): who will help and how to reach them. */
export function tutoringMatched(p: TutoringMatchedPayload, locale: Locale): RenderedEmail {
  return locale === "id"
    ? simpleEmail(locale, `${p.tutorFirstName} dari ${p.chapterName} akan membantu Anda`, [
        `Halo ${p.name},`,
        `Kabar baik: relawan ${p.tutorFirstName} menerima permintaan Anda dan akan menghubungi Anda untuk mengatur waktu belajar.`,
        `Anda juga bisa menghubungi ${p.tutorFirstName}: ${p.tutorContact}`,
        "Status permintaan selalu terlihat lewat tautan pribadi dari email pertama kami.",
      ])
    : simpleEmail(locale, `${p.tutorFirstName} of ${p.chapterName} will help you`, [
        `Hello ${p.name},`,
        `Good news: volunteer ${p.tutorFirstName} accepted your request and will get in touch to arrange a time.`,
        `You can also reach ${p.tutorFirstName}: ${p.tutorContact}`,
        "You can always follow your request with the private link from our first email.",
      ]);
}
