import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { simpleEmail } from "./tutoring-common";

export type TutoringOfferPayload = { volunteerName: string; chapterName: string; place: string; topics: string[]; deadline: string; url: string };

/** To the volunteer offered a request: what and where (no learner contact before accepting), and the deadline. */
export function tutoringOffer(p: TutoringOfferPayload, locale: Locale): RenderedEmail {
  const topics = p.topics.join(", ");
  return locale === "id"
    ? simpleEmail(
        locale,
        `Bisakah Anda membantu belajar di ${p.place}?`,
        [
          `Halo ${p.volunteerName},`,
          `${p.chapterName} menawarkan satu permintaan bantuan belajar kepada Anda: ${topics || "lihat keterangan"} di ${p.place}.`,
          `Mohon terima atau tolak sebelum ${p.deadline}. Tanpa jawaban, permintaan ditawarkan ke relawan berikutnya. Kontak pelajar terlihat setelah Anda menerima.`,
        ],
        { label: "Lihat tawaran", url: p.url },
      )
    : simpleEmail(
        locale,
        `Can you help someone learn in ${p.place}?`,
        [
          `Hello ${p.volunteerName},`,
          `${p.chapterName} offers you a request for help with learning: ${topics || "see the details"} in ${p.place}.`,
          `Please accept or decline before ${p.deadline}. Without an answer it goes to the next volunteer. The learner's contact details are shown once you accept.`,
        ],
        { label: "See the offer", url: p.url },
      );
}
