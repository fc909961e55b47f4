import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type PasswordResetPayload = { name: string; url: string; expiresInMinutes: number };

export function passwordReset(p: PasswordResetPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: "Atur ulang kata sandi Simpul Anda",
          hello: `Halo ${p.name},`,
          body: "Kami menerima permintaan untuk mengatur ulang kata sandi akun Simpul Anda. Buka tautan berikut untuk membuat kata sandi baru:",
          cta: "Buat kata sandi baru",
          expiry: `Tautan ini berlaku ${p.expiresInMinutes} menit dan hanya bisa dipakai sekali.`,
          ignore: "Jika Anda tidak meminta ini, abaikan email ini. Kata sandi Anda tidak berubah.",
        }
      : {
          subject: "Reset your Simpul password",
          hello: `Hello ${p.name},`,
          body: "We received a request to reset the password of your Simpul account. Open this link to choose a new password:",
          cta: "Choose a new password",
          expiry: `The link is valid for ${p.expiresInMinutes} minutes and can be used once.`,
          ignore: "If you did not ask for this, ignore this email. Your password stays the same.",
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
