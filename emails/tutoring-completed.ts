import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { simpleEmail } from "./tutoring-common";

export type TutoringCompletedPayload = { name: string; tutorFirstName: string };

/** To the learner (when an email was given): the tutoring is finished; please rate it on the tracking page. */
export function tutoringCompleted(p: TutoringCompletedPayload, locale: Locale): RenderedEmail {
  return locale === "id"
    ? simpleEmail(locale, "Pendampingan belajar Anda sudah selesai", [
        `Halo ${p.name},`,
        `${p.tutorFirstName} mencatat bahwa pendampingan belajar Anda sudah selesai. Semoga bermanfaat!`,
        "Bantu kami menjadi lebih baik: beri nilai dan komentar lewat tautan pribadi dari email pertama kami.",
      ])
    : simpleEmail(locale, "Your tutoring is complete", [
        `Hello ${p.name},`,
        `${p.tutorFirstName} recorded that your tutoring is complete. We hope it helped!`,
        "Help us do better: give a rating and a comment through the private link from our first email.",
      ]);
}
