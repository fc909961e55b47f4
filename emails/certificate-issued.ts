import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type CertificateIssuedPayload = { name: string; subject: string; chapterName: string; url: string; pdfUrl: string };

export function certificateIssued(p: CertificateIssuedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Sertifikat relawan: ${p.subject}`,
          hello: `Halo ${p.name},`,
          body: `${p.chapterName} menerbitkan sertifikat untuk kehadiran Anda sebagai relawan di "${p.subject}". Terima kasih atas waktu dan tenaga Anda.`,
          verify: "Siapa pun bisa memeriksa keaslian sertifikat ini di tautan verifikasinya:",
          cta: "Unduh sertifikat (PDF)",
        }
      : {
          subject: `Volunteer certificate: ${p.subject}`,
          hello: `Hello ${p.name},`,
          body: `${p.chapterName} issued a certificate for your attendance as a volunteer at "${p.subject}". Thank you for your time and effort.`,
          verify: "Anyone can check that this certificate is genuine at its verification link:",
          cta: "Download the certificate (PDF)",
        };
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n${button(p.pdfUrl, s.cta)}\n<p>${escapeHtml(s.verify)} <a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>`,
  );
  const text = `${s.hello}\n\n${s.body}\n\n${s.cta}: ${p.pdfUrl}\n${s.verify} ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
