import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type RosterInvitePayload = { name: string; chapterName: string; link: string };

/** Sent to people imported from a chapter's spreadsheet: they set a password through "forgot password". */
export function rosterInvite(p: RosterInvitePayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Anda terdaftar di Simpul sebagai relawan ${p.chapterName}` : `You are registered in Simpul as a volunteer of ${p.chapterName}`;
  const paras = id
    ? [`Halo ${p.name},`, `Koordinator ${p.chapterName} memindahkan daftar relawan ke Simpul, dan Anda termasuk di dalamnya.`, "Untuk masuk, buat kata sandi lewat tautan di bawah (pilih \"Lupa kata sandi\" dan masukkan email ini)."]
    : [`Hello ${p.name},`, `The lead of ${p.chapterName} moved the volunteer roster to Simpul, and you are on it.`, "To log in, create a password through the link below (\"Forgot password\" with this email)."];
  const label = id ? "Buat kata sandi" : "Create a password";
  return {
    subject,
    html: htmlLayout(locale, subject, paras.map((x) => `<p>${escapeHtml(x)}</p>`).join("\n") + button(p.link, label)),
    text: [subject, "", ...paras.flatMap((x) => [x, ""]), `${label}: ${p.link}`, "", "— Simpul, Relawan TIK Indonesia"].join("\n"),
  };
}
