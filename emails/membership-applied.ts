import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type MembershipAppliedPayload = { leadName: string; applicantName: string; chapterName: string; motivation: string | null; url: string };

export function membershipApplied(p: MembershipAppliedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Pendaftar baru di ${p.chapterName}: ${p.applicantName}`,
          hello: `Halo ${p.leadName},`,
          body: `${p.applicantName} mendaftar sebagai relawan ${p.chapterName} dan menunggu keputusan Anda.`,
          motivation: "Motivasi:",
          cta: "Tinjau pendaftaran",
        }
      : {
          subject: `New applicant for ${p.chapterName}: ${p.applicantName}`,
          hello: `Hello ${p.leadName},`,
          body: `${p.applicantName} applied to volunteer with ${p.chapterName} and is waiting for your decision.`,
          motivation: "Motivation:",
          cta: "Review applications",
        };
  const motivationHtml = p.motivation
    ? `<p><strong>${escapeHtml(s.motivation)}</strong></p>\n<blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #ddd">${escapeHtml(p.motivation)}</blockquote>`
    : "";
  const html = htmlLayout(locale, s.subject, `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n${motivationHtml}\n${button(p.url, s.cta)}`);
  const text = `${s.hello}\n\n${s.body}\n\n${p.motivation ? `${s.motivation}\n${p.motivation}\n\n` : ""}${s.cta}: ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
