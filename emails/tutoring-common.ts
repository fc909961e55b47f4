import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** Paragraphs (plain text) + an optional call to action → the shared HTML and text shapes. */
export function simpleEmail(locale: Locale, subject: string, paragraphs: string[], cta?: { label: string; url: string }): RenderedEmail {
  const body = paragraphs.map((p) => `<p style="white-space:pre-line">${escapeHtml(p)}</p>`).join("\n") + (cta ? `\n${button(cta.url, cta.label)}` : "");
  const text = `${paragraphs.join("\n\n")}${cta ? `\n\n${cta.label}: ${cta.url}` : ""}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject, html: htmlLayout(locale, subject, body), text };
}
