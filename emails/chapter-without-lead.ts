import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { notice } from "./notice";

/**
 * To the national admins: a chapter's only lead erased their account, so the chapter has no lead. Until one is
 * appointed, what was meant for its leads (applications, requests for help, visitors' messages, reports, the digest)
 * comes to the admins.
 */
export type ChapterWithoutLeadPayload = { name: string; chapterName: string; url: string };

export function chapterWithoutLead(p: ChapterWithoutLeadPayload, locale: Locale): RenderedEmail {
  return notice(
    locale === "id"
      ? {
          title: `${p.chapterName} tidak punya koordinator lagi`,
          body: `Halo ${p.name},\n\nSatu-satunya koordinator ${p.chapterName} baru saja menghapus akunnya. Chapter ini sekarang tidak punya koordinator.\n\nSampai koordinator baru diangkat, pendaftaran relawan, permintaan bantuan belajar, pesan dari masyarakat, laporan kegiatan, dan ringkasan mingguan chapter ini dikirim ke admin nasional. Angkat koordinator baru di halaman chapter.`,
          link: p.url,
          linkLabel: "Buka halaman chapter",
        }
      : {
          title: `${p.chapterName} no longer has a lead`,
          body: `Hello ${p.name},\n\nThe only lead of ${p.chapterName} has just erased their account. The chapter now has no lead.\n\nUntil a new lead is appointed, volunteer applications, requests for tutoring, messages from the public, event reports and the chapter's weekly digest go to the national admins. Appoint a new lead on the chapter's page.`,
          link: p.url,
          linkLabel: "Open the chapter's page",
        },
    locale,
  );
}
