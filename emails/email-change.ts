import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { notice } from "./notice";

/**
 * A change of the account's email (/akun/data): `confirm` goes to the new address with the link, `old` tells the
 * current address. The texts live here, on the server, not in the page's strings (they never reach the browser).
 */
export type EmailChangePayload = { kind: "confirm"; name: string; hours: number; link: string } | { kind: "old"; name: string; email: string };

export function emailChange(p: EmailChangePayload, locale: Locale): RenderedEmail {
  if (p.kind === "confirm")
    return notice(
      locale === "id"
        ? {
            title: "Konfirmasi email baru Simpul Anda",
            body: `Halo ${p.name},\n\nAnda meminta mengganti email akun Simpul ke alamat ini. Buka tautan di bawah dalam ${p.hours} jam untuk mengonfirmasi. Jika bukan Anda, abaikan email ini.`,
            link: p.link,
            linkLabel: "Konfirmasi email baru",
          }
        : {
            title: "Confirm your new Simpul email",
            body: `Hello ${p.name},\n\nYou asked to change your Simpul account's email to this address. Open the link below within ${p.hours} ${p.hours === 1 ? "hour" : "hours"} to confirm. If this was not you, ignore this email.`,
            link: p.link,
            linkLabel: "Confirm the new email",
          },
      locale,
    );
  return notice(
    locale === "id"
      ? {
          title: "Permintaan ganti email akun Simpul",
          body: `Halo ${p.name},\n\nAda permintaan untuk mengganti email akun Simpul Anda menjadi ${p.email}. Email baru berlaku setelah dikonfirmasi dari alamat itu. Jika bukan Anda, ganti kata sandi Anda.`,
        }
      : {
          title: "Request to change your Simpul email",
          body: `Hello ${p.name},\n\nSomeone asked to change your Simpul account's email to ${p.email}. The new email takes effect once confirmed from that address. If this was not you, change your password.`,
        },
    locale,
  );
}
