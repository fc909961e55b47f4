import type { Locale } from "../app/i18n/locale";
import { eventHtml, eventLines, type EventMailInfo } from "./event-common";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

/** An outcome report moved: filed (to the chapter's leads), approved or returned (to whoever filed it). */
export type EventReportPayload = { kind: "submitted" | "approved" | "returned"; name: string; by: string; note?: string; event: EventMailInfo };

export function eventReport(p: EventReportPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = {
    submitted: id ? `Laporan hasil menunggu persetujuan: ${p.event.title}` : `Outcome report awaiting approval: ${p.event.title}`,
    approved: id ? `Laporan hasil disetujui: ${p.event.title}` : `Outcome report approved: ${p.event.title}`,
    returned: id ? `Laporan hasil perlu diperbaiki: ${p.event.title}` : `Outcome report needs changes: ${p.event.title}`,
  }[p.kind];
  const lead = {
    submitted: id ? `${p.by} mengirim laporan hasil kegiatan ini. Periksa lalu setujui agar dihitung ke target chapter.` : `${p.by} filed the outcome report of this event. Check and approve it so it counts toward the chapter's targets.`,
    approved: id ? `${p.by} menyetujui laporan Anda. Terima kasih!` : `${p.by} approved your report. Thank you!`,
    returned: id ? `${p.by} mengembalikan laporan Anda untuk diperbaiki.` : `${p.by} sent your report back for changes.`,
  }[p.kind];
  const greet = id ? `Halo ${p.name},` : `Hello ${p.name},`;
  const label = id ? "Buka laporan" : "Open the report";
  const url = `${p.event.url}/report`;
  const note = p.note ? (id ? `Catatan: ${p.note}` : `Note: ${p.note}`) : "";
  const html = htmlLayout(locale, subject, `<p>${escapeHtml(greet)}</p><p>${escapeHtml(lead)}</p>${note ? `<p>${escapeHtml(note)}</p>` : ""}${eventHtml(p.event, locale)}${button(url, label)}`);
  const text = [greet, "", lead, ...(note ? ["", note] : []), "", ...eventLines(p.event, locale), "", `${label}: ${url}`].join("\n");
  return { subject, html, text };
}
