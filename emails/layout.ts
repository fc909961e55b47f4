import type { Locale } from "../app/i18n/locale";

export type RenderedEmail = { subject: string; html: string; text: string };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** A plain, accessible HTML shell shared by every template. */
export function htmlLayout(locale: Locale, title: string, bodyHtml: string): string {
  const footer =
    locale === "id"
      ? "Email ini dikirim oleh Simpul, aplikasi koordinasi Relawan TIK Indonesia."
      : "This email was sent by Simpul, the Relawan TIK Indonesia coordination app.";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a;line-height:1.5;max-width:560px;margin:0 auto;padding:16px">
<h1 style="font-size:20px;color:#0b5394">${escapeHtml(title)}</h1>
${bodyHtml}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:12px;color:#555">${footer}</p>
</body></html>`;
}

export function button(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display:inline-block;background:#0b5394;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;
}
