import type { Locale } from "../app/i18n/locale";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type MembershipDeclinedPayload = { name: string; chapterName: string; reason: string; url: string };

export function membershipDeclined(p: MembershipDeclinedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Pendaftaran Anda di ${p.chapterName} belum dapat diterima`,
          hello: `Halo ${p.name},`,
          body: `Terima kasih atas minat Anda menjadi relawan ${p.chapterName}. Pengurus chapter belum dapat menerima pendaftaran Anda saat ini.`,
          reason: "Alasan dari pengurus:",
          again: "Anda boleh mendaftar lagi kapan saja di:",
        }
      : {
          subject: `Your application to ${p.chapterName} was not accepted`,
          hello: `Hello ${p.name},`,
          body: `Thank you for wanting to volunteer with ${p.chapterName}. The chapter lead could not accept your application at this time.`,
          reason: "The lead's reason:",
          again: "You are welcome to apply again at any time at:",
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>
<p>${escapeHtml(s.body)}</p>
<p><strong>${escapeHtml(s.reason)}</strong></p>
<blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #ddd">${escapeHtml(p.reason)}</blockquote>
<p>${escapeHtml(s.again)} <a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${s.reason}\n${p.reason}\n\n${s.again}\n${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
