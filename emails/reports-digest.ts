import type { Locale } from "../app/i18n/locale";
import { formatDateTime, formatNumber } from "../app/i18n/format";
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
  // numbers as the reader writes them (71,5 / 1.000 in Indonesian); English says "1 request", "2 requests"
  const n = (v: number) => formatNumber(Math.round(v * 10) / 10, locale);
  const en = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;
  const subject = id ? `Ringkasan mingguan ${p.chapterName}` : `Weekly digest for ${p.chapterName}`;
  const sections: { title: string; lines: string[]; url: string; cta: string }[] = [];
  if (p.applicants > 0)
    sections.push({
      title: id ? "Pendaftar relawan" : "Volunteer applicants",
      lines: [id ? `${n(p.applicants)} menunggu keputusan (${n(p.newApplicants)} baru minggu ini).` : `${n(p.applicants)} waiting for a decision (${n(p.newApplicants)} new this week).`],
      url: p.urls.applications,
      cta: id ? "Tinjau pendaftar" : "Review applicants",
    });
  if (p.shortEvents.length)
    sections.push({
      title: id ? "Kegiatan yang masih kurang relawan" : "Events still short of volunteers",
      lines: p.shortEvents.map((e) => `${e.title} — ${formatDateTime(e.startsAt, locale, e.timeZone)}: ${id ? `kurang ${n(e.missing)}` : `${n(e.missing)} missing`}`),
      url: p.urls.events,
      cta: id ? "Buka kegiatan" : "Open events",
    });
  if (p.waitingRequests > 0)
    sections.push({
      title: id ? "Permintaan pendampingan belum dapat tutor" : "Tutoring requests without a tutor",
      lines: [
        id
          ? `${n(p.waitingRequests)} permintaan menunggu${p.oldestWaitingDays !== null ? `, yang terlama ${n(p.oldestWaitingDays)} hari` : ""}.`
          : `${en(p.waitingRequests, "request", "requests")} waiting${p.oldestWaitingDays !== null ? `, the oldest for ${en(p.oldestWaitingDays, "day", "days")}` : ""}.`,
      ],
      url: p.urls.tutoring,
      cta: id ? "Buka papan pendampingan" : "Open the tutoring board",
    });
  if (p.atRisk.length)
    sections.push({
      title: id ? "Indikator berisiko tertinggal" : "Indicators at risk",
      lines: p.atRisk.map((a) => `${a.name}: ${n(a.value)} / ${n(a.target)}`),
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
