import type { Locale } from "../app/i18n/locale";
import { formatDateTime } from "../app/i18n/format";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type ReportsDigestPayload = {
  name: string;
  chapterName: string;
  applicants: number;
  newApplicants: number;
  shortEvents: { id: number; title: string; startsAt: string; timeZone: string; missing: number }[];
  waitingRequests: number;
  oldestWaitingDays: number | null;
  atRisk: { name: string; value: number; target: number }[];
  urls: { applications: string; events: string; tutoring: string; dashboard: string };
};

export function reportsDigest(p: ReportsDigestPayload, locale: Locale): RenderedEmail {
  const id = locale === "id";
  const subject = id ? `Ringkasan mingguan ${p.chapterName}` : `Weekly digest for ${p.chapterName}`;
  const sections: { title: string; lines: string[]; url: string; cta: string }[] = [];
  if (p.applicants > 0)
    sections.push({
      title: id ? "Pendaftar relawan" : "Volunteer applicants",
      lines: [id ? `${p.applicants} menunggu keputusan (${p.newApplicants} baru minggu ini).` : `${p.applicants} waiting for a decision (${p.newApplicants} new this week).`],
      url: p.urls.applications,
      cta: id ? "Tinjau pendaftar" : "Review applicants",
    });
  if (p.shortEvents.length)
    sections.push({
      title: id ? "Kegiatan yang masih kurang relawan" : "Events still short of volunteers",
      lines: p.shortEvents.map((e) => `${e.title} — ${formatDateTime(e.startsAt, locale, e.timeZone)}: ${id ? `kurang ${e.missing}` : `${e.missing} missing`}`),
      url: p.urls.events,
      cta: id ? "Buka kegiatan" : "Open events",
    });
  if (p.waitingRequests > 0)
    sections.push({
      title: id ? "Permintaan pendampingan belum dapat tutor" : "Tutoring requests without a tutor",
      lines: [
        id
          ? `${p.waitingRequests} permintaan menunggu${p.oldestWaitingDays !== null ? `, yang terlama ${p.oldestWaitingDays} hari` : ""}.`
          : `${p.waitingRequests} requests waiting${p.oldestWaitingDays !== null ? `, the oldest for ${p.oldestWaitingDays} days` : ""}.`,
      ],
      url: p.urls.tutoring,
      cta: id ? "Buka papan pendampingan" : "Open the tutoring board",
    });
  if (p.atRisk.length)
    sections.push({
      title: id ? "Indikator berisiko tertinggal" : "Indicators at risk",
      lines: p.atRisk.map((a) => `${a.name}: ${a.value} / ${a.target}`),
      url: p.urls.dashboard,
      cta: id ? "Buka dasbor capaian" : "Open the dashboard",
    });
  const hello = id ? `Halo ${p.name}, ini ringkasan minggu ini untuk ${p.chapterName}.` : `Hello ${p.name}, here is this week's summary for ${p.chapterName}.`;
  const html = htmlLayout(
    locale,
    subject,
    `<p>${escapeHtml(hello)}</p>\n` +
      sections
        .map((s) => `<h2 style="font-size:16px">${escapeHtml(s.title)}</h2>\n<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>\n${button(s.url, s.cta)}`)
        .join("\n"),
  );
  const text = `${hello}\n\n${sections.map((s) => `${s.title}\n${s.lines.map((l) => `- ${l}`).join("\n")}\n${s.cta}: ${s.url}`).join("\n\n")}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject, html, text };
}
