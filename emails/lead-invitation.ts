import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type LeadInvitationPayload = { chapterName: string; email: string; url: string; expiresInDays: number };

/** An admin appointed this address lead of a chapter before it had an account: sign up (or log in) with it. */
export function leadInvitation(p: LeadInvitationPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Anda diangkat menjadi koordinator ${p.chapterName}`,
          hello: "Halo,",
          body: `Admin Relawan TIK mengangkat Anda menjadi koordinator ${p.chapterName} di Simpul, aplikasi koordinasi relawan TIK. Buka tautan di bawah, lalu daftar dengan alamat ini (${p.email}) dan konfirmasi alamatnya, atau masuk jika Anda sudah punya akun dengan alamat ini. Setelah itu Anda langsung menjadi koordinator chapter tersebut.`,
          cta: "Buka undangan",
          expiry: `Undangan berlaku ${p.expiresInDays} hari. Jika Anda tidak mengenal undangan ini, abaikan saja: tidak ada yang berubah.`,
        }
      : {
          subject: `You were appointed lead of ${p.chapterName}`,
          hello: "Hello,",
          body: `A Relawan TIK admin appointed you lead of ${p.chapterName} on Simpul, the ICT volunteers' coordination app. Open the link below, then sign up with this address (${p.email}) and confirm it, or log in if you already have an account with this address. You then lead the chapter straight away.`,
          cta: "Open the invitation",
          expiry: `The invitation is valid for ${p.expiresInDays} days. If you do not recognise it, ignore it: nothing changes.`,
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
