import type { Locale } from "../app/i18n/locale";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** `feedEnded`: the personal calendar feed's link ended with the sessions (absent in emails queued before it did). */
export type PasswordChangedPayload = { name: string; forgotUrl: string; via: "change" | "reset"; feedEnded?: boolean; mineUrl?: string };

export function passwordChanged(p: PasswordChangedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: "Kata sandi Simpul Anda sudah diganti",
          hello: `Halo ${p.name},`,
          body:
            p.via === "reset"
              ? "Kata sandi akun Simpul Anda baru saja diatur ulang lewat tautan email. Semua sesi lama sudah diakhiri."
              : "Kata sandi akun Simpul Anda baru saja diganti. Anda sudah dikeluarkan dari semua perangkat lain.",
          feed: "Tautan kalender pribadi Anda juga sudah dihentikan. Kalender di ponsel yang berlangganan dengan tautan lama tidak diperbarui lagi: buat tautan baru di halaman Jadwal saya dan berlangganan lagi:",
          notYou: "Bukan Anda yang melakukannya? Segera atur ulang kata sandi Anda di:",
        }
      : {
          subject: "Your Simpul password was changed",
          hello: `Hello ${p.name},`,
          body:
            p.via === "reset"
              ? "The password of your Simpul account was just reset through an emailed link. All earlier sessions have been ended."
              : "The password of your Simpul account was just changed. You have been logged out on all other devices.",
          feed: "Your personal calendar link has been stopped as well. Calendars on your phone subscribed with the old link are no longer updated: make a new link on the My schedule page and subscribe again:",
          notYou: "Wasn't you? Reset your password right away at:",
        };
  const feed = p.feedEnded ? (p.mineUrl ?? p.forgotUrl.replace(/\/forgot-password$/, "/events/mine")) : null;
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>
<p>${escapeHtml(s.body)}</p>
${feed ? `<p>${escapeHtml(s.feed)} <a href="${escapeHtml(feed)}">${escapeHtml(feed)}</a></p>\n` : ""}<p>${escapeHtml(s.notYou)} <a href="${escapeHtml(p.forgotUrl)}">${escapeHtml(p.forgotUrl)}</a></p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${feed ? `${s.feed}\n${feed}\n\n` : ""}${s.notYou}\n${p.forgotUrl}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
