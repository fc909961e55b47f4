import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type TelecenterStaffPayload = { name: string; telecenterName: string; role: string; invited: boolean; link: string };

const ROLE: Record<string, [string, string]> = {
  manager: ["pengelola utama", "manager"],
  secretary: ["sekretaris", "secretary"],
  services: ["pengembangan & layanan", "development & services"],
  it: ["TI", "IT"],
  security: ["keamanan", "security"],
};

/** Sent when someone is added to a telecenter's management; without an account yet, they set a password first. */
export function telecenterStaff(p: TelecenterStaffPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const role = (ROLE[p.role] ?? [p.role, p.role])[id ? 0 : 1];
  const subject = id ? `Anda ditambahkan sebagai ${role} ${p.telecenterName} di Simpul` : `You were added as ${role} of ${p.telecenterName} in Simpul`;
  const paras = id
    ? [`Halo ${p.name},`, `Anda sekarang tercatat sebagai ${role} ${p.telecenterName}. Anda dapat mengisi laporan operasional telecenter di Simpul.`, p.invited ? "Akun Simpul sudah dibuat untuk email ini. Untuk masuk, buat kata sandi lewat tautan di bawah (\"Lupa kata sandi\" dengan email ini)." : "Masuk ke Simpul untuk membuka halaman telecenter."]
    : [`Hello ${p.name},`, `You are now listed as ${role} of ${p.telecenterName}. You can file the telecenter's operations reports in Simpul.`, p.invited ? "A Simpul account was created for this email. To log in, create a password through the link below (\"Forgot password\" with this email)." : "Log in to Simpul to open the telecenter's page."];
  const label = p.invited ? (id ? "Buat kata sandi" : "Create a password") : id ? "Buka telecenter" : "Open the telecenter";
  return {
    subject,
    html: htmlLayout(locale, subject, paras.map((x) => `<p>${escapeHtml(x)}</p>`).join("\n") + button(p.link, label)),
    text: [subject, "", ...paras.flatMap((x) => [x, ""]), `${label}: ${p.link}`, "", "— Simpul, Relawan TIK Indonesia"].join("\n"),
  };
}
