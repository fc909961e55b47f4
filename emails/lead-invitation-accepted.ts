import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { notice } from "./notice";

/** To the admin who invited an address to lead a chapter: its owner signed up (or logged in) and now leads it. */
export type LeadInvitationAcceptedPayload = { name: string; leadName: string; email: string; chapterName: string; url: string };

export function leadInvitationAccepted(p: LeadInvitationAcceptedPayload, locale: Locale): RenderedEmail {
  return notice(
    locale === "id"
      ? {
          title: `${p.leadName} sekarang koordinator ${p.chapterName}`,
          body: `Halo ${p.name},\n\n${p.leadName} (${p.email}) menerima undangan Anda dan sekarang menjadi koordinator aktif ${p.chapterName}.`,
          link: p.url,
          linkLabel: "Buka halaman chapter",
        }
      : {
          title: `${p.leadName} now leads ${p.chapterName}`,
          body: `Hello ${p.name},\n\n${p.leadName} (${p.email}) accepted your invitation and is now an active lead of ${p.chapterName}.`,
          link: p.url,
          linkLabel: "Open the chapter's page",
        },
    locale,
  );
}
