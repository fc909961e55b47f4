import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type ChapterInvitationPayload = { name: string; chapterName: string; url: string; expiresInDays: number };

/** An existing account named in a lead's roster import: asked to join, nothing shared until they accept. */
export function chapterInvitation(p: ChapterInvitationPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Undangan bergabung dengan ${p.chapterName}`,
          hello: `Halo ${p.name},`,
          body: `Pengurus ${p.chapterName} mengundang Anda menjadi relawan di chapter mereka. Profil Anda (WhatsApp, domisili, ketersediaan) baru terlihat oleh pengurus chapter itu jika Anda menerima undangan ini.`,
          cta: "Lihat undangan (terima atau tolak)",
          expiry: `Undangan berlaku ${p.expiresInDays} hari. Jika Anda tidak menanggapinya, tidak ada yang berubah.`,
        }
      : {
          subject: `Invitation to join ${p.chapterName}`,
          hello: `Hello ${p.name},`,
          body: `The leads of ${p.chapterName} invite you to volunteer with their chapter. Your profile (WhatsApp, home area, availability) becomes visible to that chapter's leads only if you accept.`,
          cta: "See the invitation (accept or decline)",
          expiry: `The invitation is valid for ${p.expiresInDays} days. If you do nothing, nothing changes.`,
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>
<p>${escapeHtml(s.body)}</p>
${button(p.url, s.cta)}
<p style="word-break:break-all;font-size:14px"><a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>
<p>${escapeHtml(s.expiry)}</p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${p.url}\n\n${s.expiry}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
