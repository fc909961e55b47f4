import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type MembershipApprovedPayload = { name: string; chapterName: string; url: string };

export function membershipApproved(p: MembershipApprovedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Selamat bergabung di ${p.chapterName}`,
          hello: `Halo ${p.name},`,
          body: `Pendaftaran Anda sebagai relawan ${p.chapterName} sudah disetujui. Anda sekarang anggota aktif dan bisa mendaftar ke kegiatan chapter.`,
          cta: "Buka halaman chapter",
        }
      : {
          subject: `Welcome to ${p.chapterName}`,
          hello: `Hello ${p.name},`,
          body: `Your application to volunteer with ${p.chapterName} was approved. You are now an active member and can sign up for the chapter's activities.`,
          cta: "Open the chapter page",
        };
  const html = htmlLayout(locale, s.subject, `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n${button(p.url, s.cta)}`);
  const text = `${s.hello}\n\n${s.body}\n\n${s.cta}: ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
