import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { simpleEmail } from "./tutoring-common";

export type TutoringCancelledPayload = { volunteerName: string; place: string; byLearner: boolean; reason: string };

/** To the tutor (or the volunteer holding the offer) when the request is cancelled. */
export function tutoringCancelled(p: TutoringCancelledPayload, locale: Locale): RenderedEmail {
  return locale === "id"
    ? simpleEmail(locale, `Permintaan bantuan belajar di ${p.place} dibatalkan`, [
        `Halo ${p.volunteerName},`,
        `Permintaan bantuan belajar di ${p.place} dibatalkan oleh ${p.byLearner ? "pelajar" : "pengurus"}. Alasan: ${p.reason}`,
        "Terima kasih atas kesediaan Anda membantu.",
      ])
    : simpleEmail(locale, `The request for help in ${p.place} was cancelled`, [
        `Hello ${p.volunteerName},`,
        `The request for help in ${p.place} was cancelled by ${p.byLearner ? "the learner" : "a lead"}. Reason: ${p.reason}`,
        "Thank you for being willing to help.",
      ]);
}
