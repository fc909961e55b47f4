import type { Locale } from "../app/i18n/locale";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type CertificateRevokedPayload = { name: string; subject: string; chapterName: string; reason: string; url: string };

export function certificateRevoked(p: CertificateRevokedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Sertifikat dicabut: ${p.subject}`,
          hello: `Halo ${p.name},`,
          body: `${p.chapterName} mencabut sertifikat Anda untuk "${p.subject}".`,
          reason: `Alasan: ${p.reason}`,
          next: "Bila catatannya sudah diperbaiki, Anda bisa meminta sertifikat baru di halaman Sertifikat saya. Hubungi koordinator chapter bila ada pertanyaan. Halaman verifikasinya:",
        }
      : {
          subject: `Certificate revoked: ${p.subject}`,
          hello: `Hello ${p.name},`,
          body: `${p.chapterName} revoked your certificate for "${p.subject}".`,
          reason: `Reason: ${p.reason}`,
          next: "Once the record is corrected you can ask for a new certificate on My certificates. Ask your chapter lead if you have questions. Its verification page:",
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n<p>${escapeHtml(s.reason)}</p>\n<p>${escapeHtml(s.next)} <a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n${s.reason}\n\n${s.next} ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
