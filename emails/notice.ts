import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/**
 * A generic message: a title, a body (blank lines separate paragraphs) and an optional link.
 * The caller writes title and body in the recipient's language; the frame around them follows `locale`.
 */
export type NoticePayload = { title: string; body: string; link?: string; linkLabel?: string };

export function notice(payload: NoticePayload, locale: Locale): RenderedEmail {
  const paragraphs = payload.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const label = payload.linkLabel ?? (locale === "id" ? "Buka Simpul" : "Open Simpul");
  const html = htmlLayout(
    locale,
    payload.title,
    paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n") + (payload.link ? button(payload.link, label) : ""),
  );
  const text = [payload.title, "", ...paragraphs.flatMap((p) => [p, ""]), ...(payload.link ? [`${label}: ${payload.link}`, ""] : []), "— Simpul, Relawan TIK Indonesia"].join("\n");
  return { subject: payload.title, html, text };
}
