import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { simpleEmail } from "./tutoring-common";

export type TutoringEscalationPayload = { leadName: string; chapterName: string; place: string; days: number; reason: "waiting" | "exhausted"; url: string };

/** To each lead: a request has waited too long for a tutor, or every ranked candidate said no. */
export function tutoringEscalation(p: TutoringEscalationPayload, locale: Locale): RenderedEmail {
  if (locale === "id") {
    const why =
      p.reason === "waiting"
        ? `Sebuah permintaan bantuan belajar dari ${p.place} sudah ${p.days} hari belum mendapat relawan.`
        : `Tidak ada kandidat yang menerima permintaan bantuan belajar dari ${p.place}. Permintaan ditandai belum ada relawan yang cocok.`;
    return simpleEmail(locale, `Perlu perhatian: permintaan dari ${p.place} belum mendapat relawan`, [`Halo ${p.leadName},`, why, `Tawarkan ke relawan ${p.chapterName} atau hubungi pelajar.`], {
      label: "Buka permintaan",
      url: p.url,
    });
  }
  const why =
    p.reason === "waiting"
      ? `A request for help from ${p.place} has waited ${p.days} days without a volunteer.`
      : `No candidate accepted the request for help from ${p.place}. It is now marked as without a suitable volunteer.`;
  return simpleEmail(locale, `Needs attention: the request from ${p.place} has no volunteer`, [`Hello ${p.leadName},`, why, `Offer it to a volunteer of ${p.chapterName} or contact the learner.`], {
    label: "Open the request",
    url: p.url,
  });
}
