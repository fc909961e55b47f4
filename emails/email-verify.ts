import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type EmailVerifyPayload = { name: string; url: string; expiresInHours: number };

export function emailVerify(p: EmailVerifyPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: "Konfirmasi alamat email Simpul Anda",
          hello: `Halo ${p.name},`,
          body: "Terima kasih sudah mendaftar di Simpul. Buka tautan berikut untuk memastikan alamat email ini milik Anda; setelah itu Anda bisa mendaftar ke chapter:",
          cta: "Konfirmasi email",
          expiry: `Tautan ini berlaku ${p.expiresInHours} jam.`,
          ignore: "Jika Anda tidak mendaftar di Simpul, abaikan email ini: akun tanpa konfirmasi tidak dapat bergabung dengan chapter.",
        }
      : {
          subject: "Confirm your Simpul email address",
          hello: `Hello ${p.name},`,
          body: "Thank you for signing up to Simpul. Open this link to confirm that this address is yours; then you can apply to a chapter:",
          cta: "Confirm email",
          expiry: `The link is valid for ${p.expiresInHours} hours.`,
          ignore: "If you did not sign up to Simpul, ignore this email: an unconfirmed account cannot join a chapter.",
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>
<p>${escapeHtml(s.body)}</p>
${button(p.url, s.cta)}
<p style="word-break:break-all;font-size:14px"><a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>
<p><strong>${escapeHtml(s.expiry)}</strong></p>
<p>${escapeHtml(s.ignore)}</p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${p.url}\n\n${s.expiry}\n\n${s.ignore}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
