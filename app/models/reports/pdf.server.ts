/**
 * PDFs with pdfkit (pure JavaScript; DejaVu Sans Condensed embedded, see services/pdf.server.ts): the Laporan Capaian and
 * the volunteer certificates. Links in the PDF point at the records behind each figure and at the verification page.
 */
import fs from "node:fs";
import path from "node:path";
import { BLUE, collect, heading, MUTED, SANS, SANS_BOLD, table, unicodeDocument } from "~/services/pdf.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { dateTimeFormat, formatDays, formatNumber, localeTag } from "~/i18n/format";
import { photoDir } from "~/models/events/outcomes.server";
import { periodLabel, type Period } from "./period";
import { recordsUrl, signatureLines, type ChapterRef, type ChapterReport, type Locale } from "./reports.server";
import { countKey } from "~/i18n/plural";

/** pdfkit (and the fonts) and qrcode are loaded on the first PDF: ~25 MB a process would otherwise hold from start-up. */
async function pdfModules() {
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import("pdfkit"), import("qrcode")]);
  return { PDFDocument, QRCode };
}

function dateText(day: string, locale: Locale): string {
  return dateTimeFormat(localeTag(locale), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * The Laporan Capaian as the chapter sends it to the province: with a signature block (place and day of the
 * download on the chapter's calendar, the lead's role and name). `signer` is the lead who downloads it; for an
 * admin, who leads nothing, the name is left as a line to write on.
 */
export async function reportPdf(input: { chapter: ChapterRef; period: Period; report: ChapterReport; locale: Locale; generatedAt?: Date; signer?: string | null }): Promise<Buffer> {
  const t = translator(input.locale);
  const { chapter, period, report, locale } = input;
  const { PDFDocument } = await pdfModules();
  const n = (v: number, d = 0) => formatNumber(Math.round(v * 10 ** d) / 10 ** d, locale);
  const doc = unicodeDocument(PDFDocument, { size: "A4", margin: 48, info: { Title: `${t("reports.report.title")} — ${chapter.name} — ${periodLabel(period, locale)}`, Author: "Simpul · Relawan TIK" }, lang: locale });
  const done = collect(doc);
  doc.font(SANS_BOLD).fontSize(20).fillColor(BLUE).text(t("reports.report.title"));
  doc.font(SANS_BOLD).fontSize(14).fillColor("black").text(`${chapter.name} — ${periodLabel(period, locale)}`);
  doc
    .font(SANS)
    .fontSize(9)
    .fillColor(MUTED)
    .text(`${chapter.regionName}, ${chapter.provinceName} · ${t("reports.report.generated", { date: dateTimeFormat(localeTag(locale), { dateStyle: "long", timeZone: chapter.timeZone }).format(input.generatedAt ?? new Date()) })}`);
  doc.moveDown(0.6).font(SANS).fontSize(10.5).fillColor("black").text(report.summary, { align: "justify" });

  heading(doc, t("reports.report.indicators"));
  table(
    doc,
    [175, 60, 60, 50, 70, 84],
    [t("reports.col.indicator"), t("reports.col.value"), t("reports.col.target"), t("reports.col.progress"), t("reports.col.status"), t("reports.col.previous")],
    report.rows.map((r) => [
      { text: r.name },
      { text: n(r.value, r.decimals), link: recordsUrl(chapter.slug, r.key, period) },
      { text: r.target === null ? "—" : n(r.target) },
      { text: r.percent === null ? "—" : `${r.percent}%` },
      { text: t(`reports.status.${r.status}`) },
      { text: n(r.previous, r.decimals) },
    ]),
  );
  doc.moveDown(0.3).fontSize(8).fillColor(MUTED).text(t("reports.report.traceHint")).fillColor("black").fontSize(10);

  if (report.perProgram.length) {
    heading(doc, t("reports.report.perProgram"));
    table(doc, [300, 80], [t("reports.col.program"), t("reports.col.events")], report.perProgram.map((p) => [{ text: p.name }, { text: n(p.n) }]));
  }

  heading(doc, t("reports.report.activities"));
  if (!report.activities.length) doc.text(t("reports.report.noActivities"));
  for (const a of report.activities) {
    const photo = a.photoFile ? path.join(photoDir(), path.basename(a.photoFile)) : null;
    const hasPhoto = photo !== null && fs.existsSync(photo);
    const textX = doc.page.margins.left + (hasPhoto ? 122 : 0);
    const width = 499 - (textX - doc.page.margins.left);
    const when = `${dateText(a.date, locale)} · ${a.program}`;
    const where = [a.venue, a.region].filter(Boolean).join(", ");
    const people = t(countKey("reports.report.participantsN", a.participants), { n: n(a.participants) });
    // the block's real height (long titles and institution names wrap): an activity is never cut by a page break
    const titleH = doc.font(SANS_BOLD).fontSize(10).heightOfString(a.title, { width });
    doc.font(SANS).fontSize(9);
    const textH = titleH + doc.heightOfString(when, { width }) + doc.heightOfString(where, { width }) + doc.heightOfString(people, { width });
    const blockH = Math.max(hasPhoto ? 84 : 44, textH + 4);
    if (doc.y + blockH > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    if (hasPhoto && photo) {
      try {
        doc.image(photo, doc.page.margins.left, y, { fit: [112, 78] });
      } catch {
        // an unreadable photo must not break the report
      }
    }
    doc.font(SANS_BOLD).fontSize(10).fillColor(BLUE).text(a.title, textX, y, { width, link: `${env.APP_URL}/events/${a.eventId}/report`, underline: true });
    doc.font(SANS).fontSize(9).fillColor("black").text(when, textX, doc.y, { width }).text(where, textX, doc.y, { width }).text(people, textX, doc.y, { width });
    doc.x = doc.page.margins.left;
    doc.y = Math.max(doc.y, y + blockH - 4);
    doc.moveDown(0.3);
  }

  heading(doc, t("reports.report.tutoring"));
  const tu = report.tutoring;
  doc.text(t(countKey("reports.report.tutoringText", Math.round(tu.hours * 10) / 10), { received: n(tu.received), completed: n(tu.completed), closedOther: n(tu.closedOther), open: n(tu.openNow), sessions: n(tu.sessions), hours: n(tu.hours, 1) }));
  if (tu.rating !== null) doc.text(t("reports.report.tutoringRating", { rating: n(tu.rating, 1) }));

  heading(doc, t("reports.report.honour"));
  if (!report.honour.length) doc.text(t("reports.report.noHonour"));
  else table(doc, [260, 80, 80], [t("reports.col.volunteer"), t("reports.col.hours"), t("reports.col.events")], report.honour.map((h) => [{ text: h.name }, { text: n(h.hours, 1) }, { text: n(h.events) }]));

  // the signature block stays in one piece on one page, on the right as Indonesian letters sign
  const sign = signatureLines({ chapter, locale, signer: input.signer ?? null, at: input.generatedAt });
  const signX = doc.page.margins.left + 280;
  const signW = doc.page.width - doc.page.margins.right - signX;
  doc.font(SANS).fontSize(10).fillColor("black");
  const roleText = sign.role;
  const signH = 24 + doc.heightOfString(roleText, { width: signW }) * 2 + 64;
  if (doc.y + signH > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1.5);
  doc.text(sign.place, signX, doc.y, { width: signW });
  doc.text(roleText, signX, doc.y, { width: signW });
  doc.moveDown(3.5);
  doc.font(SANS_BOLD).text(sign.name ?? "(................................................)", signX, doc.y, { width: signW, underline: sign.name !== null });
  doc.font(SANS);
  doc.x = doc.page.margins.left;

  doc.moveDown(1).fontSize(8).fillColor(MUTED).text(t("reports.report.footer", { url: `${env.APP_URL}/chapters/${chapter.slug}/capaian?period=${period.semester ? `${period.year}-S${period.semester}` : period.year}` }));
  return done();
}

export type CertificateData = {
  code: string;
  kind: "event" | "hours";
  recipientName: string;
  chapterName: string;
  subject: string;
  activityDate: string;
  hours: number;
  issuedAt: Date;
  /** the chapter's zone: the day of issue is the one its volunteers saw */
  timeZone: string;
};

export function verificationUrl(code: string): string {
  return `${env.APP_URL}/sertifikat/${code}`;
}

/** Landscape A4 certificate with the verification link and a vector QR code of it. */
export async function certificatePdf(c: CertificateData, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const url = verificationUrl(c.code);
  const { PDFDocument, QRCode } = await pdfModules();
  const doc = unicodeDocument(PDFDocument, { size: "A4", layout: "landscape", margin: 56, info: { Title: `${t("reports.cert.title")} — ${c.recipientName}`, Author: c.chapterName }, lang: locale });
  const done = collect(doc);
  const W = doc.page.width;
  const H = doc.page.height;
  doc.rect(24, 24, W - 48, H - 48).lineWidth(3).strokeColor(BLUE).stroke();
  doc.rect(32, 32, W - 64, H - 64).lineWidth(0.8).strokeColor(BLUE).stroke();
  const inner = { width: W - 112, align: "center" as const };
  doc.moveDown(1.5).font(SANS_BOLD).fontSize(34).fillColor(BLUE).text(t("reports.cert.title").toUpperCase(), inner);
  doc.font(SANS).fontSize(13).fillColor(MUTED).text(c.chapterName, inner);
  doc.moveDown(1.2).fontSize(13).fillColor("black").text(t("reports.cert.givenTo"), inner);
  doc.moveDown(0.3).font(SANS_BOLD).fontSize(28).text(c.recipientName, inner);
  doc.moveDown(0.6).font(SANS).fontSize(13);
  const body =
    c.kind === "event"
      ? t(countKey("reports.cert.eventBody", c.hours), { subject: c.subject, date: formatDays(c.activityDate.split(","), locale), hours: formatNumber(c.hours, locale) })
      : t(countKey("reports.cert.hoursBody", c.hours), { subject: c.subject, hours: formatNumber(c.hours, locale) });
  doc.text(body, inner);
  doc.moveDown(1.5).fontSize(11).fillColor(MUTED).text(t("reports.cert.issued", { date: dateTimeFormat(localeTag(locale), { dateStyle: "long", timeZone: c.timeZone }).format(c.issuedAt) }), inner);
  // QR code of the verification link, drawn module by module (stays sharp at any zoom)
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const box = 96;
  const cell = box / size;
  const qx = W - 56 - box - 8;
  const qy = H - 56 - box - 8;
  doc.rect(qx - 4, qy - 4, box + 8, box + 8).fill("white");
  for (let r = 0; r < size; r++) for (let col = 0; col < size; col++) if (qr.modules.get(r, col)) doc.rect(qx + col * cell, qy + r * cell, cell, cell);
  doc.fill("black");
  doc
    .font(SANS)
    .fontSize(9)
    .fillColor(MUTED)
    .text(t("reports.cert.verify"), 64, qy + 20, { width: W - 64 - box - 90 })
    .fillColor(BLUE)
    .text(url, { link: url, underline: true, width: W - 64 - box - 90 })
    .fillColor(MUTED)
    .text(t("reports.cert.code", { code: c.code }), { width: W - 64 - box - 90 });
  return done();
}
