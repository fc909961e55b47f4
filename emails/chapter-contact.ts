import type { Locale } from "../app/i18n/locale";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** A visitor's message from the chapter's public page, to each active lead. */
export type ChapterContactPayload = { leadName: string; chapterName: string; fromName: string; reply: string; message: string };

export function chapterContact(p: ChapterContactPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Pesan untuk ${p.chapterName} dari ${p.fromName}` : `Message for ${p.chapterName} from ${p.fromName}`;
  const intro = id
    ? `Halo ${p.leadName}, seorang pengunjung menulis lewat halaman publik chapter. Balas langsung ke kontak yang ia berikan.`
    : `Hello ${p.leadName}, a visitor wrote through the chapter's public page. Reply directly to the contact they gave.`;
  const from = id ? `Dari: ${p.fromName} (${p.reply})` : `From: ${p.fromName} (${p.reply})`;
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(intro)}</p><p><strong>${escapeHtml(from)}</strong></p><blockquote style="white-space:pre-line">${escapeHtml(p.message)}</blockquote>`);
  const text = [intro, "", from, "", p.message].join("\n");
  return { subject, html, text };
}
