import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { outcomePhotos } from "../../db/schema/events";
import { jobs, outbox } from "../../db/schema/outbox";
import { certificates, indicators } from "../../db/schema/reports";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { chapterCertificates, eventsForCertificates, getCertificate, issueEventCertificate, issueForAllAttendees, issueHoursCertificate, revokeCertificate } from "../../app/models/reports/certificates.server";
import { DIGEST_JOB, nextDigestRun, queueDigests, sendWeeklyDigest } from "../../app/models/reports/digest.server";
import { runDueJobs } from "../../app/services/jobs.server";
import { photoDir } from "../../app/models/events/outcomes.server";
import { certificatePdf, reportPdf, verificationUrl } from "../../app/models/reports/pdf.server";
import { chapterDashboard, chapterReport, getChapterRef, reportCsv, rollupDashboard } from "../../app/models/reports/reports.server";
import { getTargets, parseTargetForm, saveTargets } from "../../app/models/reports/targets.server";
import { renderEmail } from "../../emails/index";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { insertAttendance, insertEvent, insertInstitution } from "../support/reports-fixture";

const Y: { year: number; semester: 0 } = { year: 2026, semester: 0 };
const MID_YEAR = new Date("2026-07-02T12:00:00+07:00"); // about half of 2026 elapsed

describe("targets, dashboards, reports, certificates, digest", () => {
  let t: TestDatabase;
  let jember: { id: number; slug: string };
  let pasuruan: { id: number; slug: string };
  let lead: { id: string; email: string };
  let otherLead: { id: string };
  let vols: { id: string; name: string; email: string }[] = [];
  let ind: Record<string, number> = {};
  let eventA: { id: number; roleId: number; sessionId: number; reportId: number | null };
  const photoFile = `${randomUUID()}.jpg`;

  before(async () => {
    t = await createTestDatabase();
    jember = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    pasuruan = await createChapter(t.db, { regionCode: "35.14", name: "RTIK Kabupaten Pasuruan" });
    lead = await createUser(t.db, { name: "Dewi Lead" });
    otherLead = await createUser(t.db, { name: "Bima Lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: jember.id, role: "lead" });
    await addMembership(t.db, { userId: otherLead.id, chapterId: pasuruan.id, role: "lead" });
    vols = [];
    for (const name of ["Siti Aminah", "Agus Salim", "Rina Wati"]) {
      const u = await createUser(t.db, { name, locale: name === "Rina Wati" ? "en" : "id" });
      await addMembership(t.db, { userId: u.id, chapterId: jember.id });
      vols.push({ ...u, name });
    }
    ind = Object.fromEntries((await t.db.select({ id: indicators.id, key: indicators.key }).from(indicators)).map((r) => [r.key, r.id]));
    const smp1 = await insertInstitution(t.db, "SMP Negeri 1 Jember", "school", "35.09");
    const smp2 = await insertInstitution(t.db, "MTs Al-Ikhlas", "school", "35.09");
    const umkm = await insertInstitution(t.db, "Kopi Rakyat Jember", "umkm", "35.09");
    eventA = await insertEvent(t.db, { chapterId: jember.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Internet Sehat SMPN 1", date: "2026-03-10", time: "08:00", participants: 120, reached: [smp1, smp2], venueId: smp1 });
    await insertEvent(t.db, { chapterId: jember.id, regionCode: "35.09", timeZone: "Asia/Jakarta", program: "umkm-go-online", title: "Kelas UMKM Go-Online", date: "2026-05-02", time: "09:00", participants: 35, reached: [umkm], online: [umkm] });
    await insertEvent(t.db, { chapterId: jember.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Belum disetujui", date: "2026-06-01", time: "08:00", status: "submitted", participants: 999 });
    await insertEvent(t.db, { chapterId: pasuruan.id, regionCode: "35.14", timeZone: "Asia/Jakarta", title: "Pasuruan Sehat", date: "2026-04-01", time: "08:00", participants: 60 });
    await insertAttendance(t.db, eventA, vols[0]!.id, 4);
    await insertAttendance(t.db, eventA, vols[1]!.id, 3);
    await insertAttendance(t.db, eventA, vols[2]!.id, 3, false);
    // one real JPEG as the activity's photo
    await fs.mkdir(photoDir(), { recursive: true });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 11, g: 83, b: 148 } } }).jpeg().toBuffer();
    await fs.writeFile(path.join(photoDir(), photoFile), jpeg);
    await t.db.insert(outcomePhotos).values({ reportId: eventA.reportId!, fileName: photoFile, contentType: "image/jpeg", width: 64, height: 48, bytes: jpeg.length });
  });
  after(async () => {
    await fs.rm(path.join(photoDir(), photoFile), { force: true });
    await t.close();
  });

  it("parses the target form: empty removes, bad numbers come back with the typed values", () => {
    const f = new FormData();
    f.set(`target_1`, "20");
    f.set(`target_2`, "");
    f.set(`target_3`, "dua");
    const bad = parseTargetForm(f, [1, 2, 3]);
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.deepEqual(bad.errors, { target_3: ["reports.targets.notNumber"] });
      assert.equal(bad.values.target_3, "dua");
    }
    f.set("target_3", "1.000");
    const good = parseTargetForm(f, [1, 2, 3]);
    assert.ok(good.ok);
    if (good.ok) assert.deepEqual([...good.values], [[1, 20], [2, null], [3, 1000]]);
  });

  it("saves a chapter's targets and judges progress against time elapsed", async () => {
    const owner = { scope: "chapter" as const, chapterId: jember.id };
    await saveTargets(t.db, { owner, period: Y, userId: lead.id, values: new Map([[ind.participants!, 300], [ind.schools_internet_sehat!, 10], [ind.umkm_online!, 1], [ind.events_held!, 4]]) });
    await saveTargets(t.db, { owner, period: Y, userId: lead.id, values: new Map([[ind.events_held!, null]]) });
    const tg = await getTargets(t.db, owner, Y);
    assert.equal(tg.get(ind.participants!), 300);
    assert.equal(tg.has(ind.events_held!), false);
    const chapter = (await getChapterRef(t.db, jember.slug))!;
    const dash = await chapterDashboard(t.db, { chapter, period: Y, locale: "id", now: MID_YEAR });
    const row = (k: string) => dash.rows.find((r) => r.key === k)!;
    assert.equal(row("participants").value, 155); // 120 + 35; the unapproved 999 does not count
    assert.equal(row("participants").status, "onTrack"); // 155 ≥ 0.9 × 300 × 0.5
    assert.equal(row("schools_internet_sehat").value, 2);
    assert.equal(row("schools_internet_sehat").status, "atRisk"); // 2 < 0.9 × 10 × 0.5
    assert.equal(row("umkm_online").status, "met");
    assert.equal(row("events_held").status, "noTarget");
    assert.equal(row("participants").months[2], 120);
    assert.equal(row("participants").previous, 0);
  });

  it("rolls up chapters as aggregates: detail links only for the viewer's own chapter", async () => {
    const r = await rollupDashboard(t.db, { provinceCode: "35", period: Y, locale: "id", viewer: { id: lead.id, isAdmin: false }, now: MID_YEAR });
    const total = r.rows.find((x) => x.key === "participants")!;
    assert.ok(total.value >= 155 + 60);
    assert.equal(total.target, 300); // no provincial target: the sum of chapter targets
    const mine = r.ranking.find((c) => c.id === jember.id)!;
    const theirs = r.ranking.find((c) => c.id === pasuruan.id)!;
    assert.equal(mine.canOpen, true);
    assert.equal(theirs.canOpen, false);
    assert.equal(theirs.participants, 60);
    assert.ok(r.ranking.indexOf(mine) < r.ranking.indexOf(theirs), "a chapter with targets ranks before one without");
    const json = JSON.stringify(r);
    for (const v of vols) assert.equal(json.includes(v.name), false, "no volunteer names in a roll-up");
    assert.equal(json.includes("SMP Negeri 1 Jember"), false, "no records in a roll-up");
    await saveTargets(t.db, { owner: { scope: "province", provinceCode: "35" }, period: Y, userId: lead.id, values: new Map([[ind.participants!, 5000]]) });
    const r2 = await rollupDashboard(t.db, { provinceCode: "35", period: Y, locale: "id", viewer: { id: otherLead.id, isAdmin: false }, now: MID_YEAR });
    assert.equal(r2.rows.find((x) => x.key === "participants")!.target, 5000);
    assert.equal(r2.ranking.find((c) => c.id === jember.id)!.canOpen, false);
    const national = await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer: { id: "nobody", isAdmin: true }, now: MID_YEAR });
    assert.ok(national.ranking.every((c) => c.canOpen));
  });

  it("writes a PDF report that opens and carries the figures, links and a photo", async () => {
    const chapter = (await getChapterRef(t.db, jember.slug))!;
    const report = await chapterReport(t.db, { chapter, period: Y, locale: "id", now: MID_YEAR });
    assert.match(report.summary, /2 kegiatan/);
    assert.match(report.summary, /155 peserta/);
    const pdf = await reportPdf({ chapter, period: Y, report, locale: "id", generatedAt: MID_YEAR });
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const { text, links, title } = await pdfText(pdf);
    assert.match(title ?? "", /Laporan Capaian — RTIK Kabupaten Jember — Tahun 2026/);
    assert.match(text, /Laporan Capaian/);
    assert.match(text, /Peserta dijangkau/);
    assert.match(text, /155/);
    assert.match(text, /300/); // the target
    assert.match(text, /Internet Sehat SMPN 1/);
    assert.match(text, /SMP Negeri 1 Jember/); // the venue
    assert.match(text, /Siti Aminah/); // honour roll
    assert.doesNotMatch(text, /999/);
    assert.ok(links.some((l) => l.endsWith(`/chapters/${jember.slug}/capaian/participants?period=2026`)), links.join("\n"));
    assert.ok(links.some((l) => l.endsWith(`/events/${eventA.id}/report`)));
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    let images = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      images += ops.fnArray.filter((f) => f === 85 /* OPS.paintImageXObject */).length;
    }
    await doc.destroy();
    assert.equal(images, 1);
    const en = await pdfText(await reportPdf({ chapter, period: Y, report: await chapterReport(t.db, { chapter, period: Y, locale: "en", now: MID_YEAR }), locale: "en" }));
    assert.match(en.text, /Achievement Report/);
    assert.match(en.text, /Participants reached/);
    // the tutoring paragraph counts 1 hour in the singular, 1.5 hours and 2 hours in the plural
    const enReport = await chapterReport(t.db, { chapter, period: Y, locale: "en", now: MID_YEAR });
    for (const [hours, words] of [[1, "(1 hour)."], [1.5, "(1.5 hours)."], [2, "(2 hours)."]] as const) {
      const one = await pdfText(await reportPdf({ chapter, period: Y, report: { ...enReport, tutoring: { ...enReport.tutoring, sessions: 1, hours } }, locale: "en" }));
      assert.ok(one.text.replace(/\s+/g, " ").includes(`Sessions logged: 1 ${words}`), `${hours}: ${one.text}`);
    }
  });

  it("signs the PDF report: place and day on the chapter's calendar, the lead's role and name, in one piece after 100 activities", async () => {
    const chapter = (await getChapterRef(t.db, jember.slug))!;
    const report = await chapterReport(t.db, { chapter, period: Y, locale: "id", now: MID_YEAR });
    // 23:30 WIB on 2 July: the day in Jember, not the UTC one
    const generatedAt = new Date("2026-07-02T16:30:00Z");
    const signed = await pdfText(await reportPdf({ chapter, period: Y, report, locale: "id", generatedAt, signer: "Dewi Lead" }));
    const last = signed.pageTexts[signed.pageTexts.length - 1]!.replace(/\s+/g, " ");
    assert.ok(last.includes("Kabupaten Jember, 2 Juli 2026"), last);
    assert.ok(last.includes("Koordinator RTIK Kabupaten Jember"), last);
    assert.ok(last.includes("Dewi Lead"), last);
    const en = (await pdfText(await reportPdf({ chapter, period: Y, report: await chapterReport(t.db, { chapter, period: Y, locale: "en", now: MID_YEAR }), locale: "en", generatedAt, signer: "Dewi Lead" }))).text.replace(/\s+/g, " ");
    assert.ok(en.includes("Kabupaten Jember, 2 July 2026") && en.includes("Lead, RTIK Kabupaten Jember"), en);
    // an admin, who leads no chapter, gets a line to write the lead's name on
    const unsigned = (await pdfText(await reportPdf({ chapter, period: Y, report, locale: "id", generatedAt, signer: null }))).text;
    assert.match(unsigned, /\(\.{20,}\)/);
    // a year of 100 activities at institutions with long names: every activity is there, the block is whole on the last page
    const long = "Yayasan Pendidikan Islam Pondok Pesantren Modern Darussalam Al-Hikmah Kecamatan Sumberbaru Kabupaten Jember";
    const activities = Array.from({ length: 100 }, (_, i) => ({ eventId: 9000 + i, title: `Kegiatan nomor ${i + 1} di ${long}`, participants: 20 + i, date: "2026-03-10", program: "Internet Sehat", venue: long, region: "Sumberbaru", photoId: null, photoFile: null }));
    const big = await pdfText(await reportPdf({ chapter, period: Y, report: { ...report, activities }, locale: "id", generatedAt, signer: "Dewi Lead" }));
    assert.ok(big.pages > 5, `${big.pages} pages`);
    const flat = big.text.replace(/\s+/g, " ");
    for (let i = 1; i <= 100; i++) assert.ok(flat.includes(`Kegiatan nomor ${i} di`), `activity ${i}`);
    // the honour roll runs on to the next page with its header again
    const honour = Array.from({ length: 30 }, (_, i) => ({ userId: `u${i}`, name: `Relawan Nomor ${i + 1} dengan Nama Panjang Sekali dari Desa Sukamakmur Kecamatan Sumberbaru`, hours: 30 - i, events: 3 }));
    const roll = await pdfText(await reportPdf({ chapter, period: Y, report: { ...report, activities: activities.slice(0, 12), honour }, locale: "id", generatedAt, signer: "Dewi Lead" }));
    const rollPages = roll.pageTexts.map((p) => p.replace(/\s+/g, " ")).filter((p) => p.includes("Relawan Nomor"));
    assert.ok(rollPages.length > 1, "the honour roll runs over two pages");
    for (const p of rollPages) assert.ok(p.includes("Relawan Jam Kegiatan"), "each page of the honour roll has its header");
    // no activity is cut in two by a page break: its title and its participants are on one page
    for (let i = 1; i <= 100; i++) {
      const page = big.pageTexts.find((p) => p.replace(/\s+/g, " ").includes(`Kegiatan nomor ${i} di`))!.replace(/\s+/g, " ");
      assert.ok(page.includes(`${19 + i} peserta`), `activity ${i} split across pages`);
    }
    const end = big.pageTexts[big.pageTexts.length - 1]!.replace(/\s+/g, " ");
    assert.ok(end.includes("Kabupaten Jember, 2 Juli 2026") && end.includes("Koordinator RTIK Kabupaten Jember") && end.includes("Dewi Lead"), end);
  });

  it("never writes 100 % beside a target missed: 999 of 1,000 is 99 % on the page's rows, in the CSV and in the PDF", async () => {
    const banyuwangi = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Kabupaten Banyuwangi" });
    await insertEvent(t.db, { chapterId: banyuwangi.id, regionCode: "35.10", timeZone: "Asia/Jakarta", title: "Literasi Digital Desa", date: "2026-05-20", time: "08:00", participants: 999 });
    await saveTargets(t.db, { owner: { scope: "chapter", chapterId: banyuwangi.id }, period: Y, userId: lead.id, values: new Map([[ind.participants!, 1000], [ind.events_held!, 3]]) });
    const chapter = (await getChapterRef(t.db, banyuwangi.slug))!;
    // the year is over: the target is missed by one participant
    const report = await chapterReport(t.db, { chapter, period: Y, locale: "id", now: new Date("2027-01-05T03:00:00Z") });
    const row = report.rows.find((r) => r.key === "participants")!;
    assert.equal(row.status, "missed");
    assert.equal(row.percent, 99);
    assert.equal(report.rows.find((r) => r.key === "events_held")!.percent, 33);
    const csv = reportCsv({ chapter, period: Y, report, locale: "id", delimiter: ";" });
    const line = csv.split("\r\n").find((l) => l.startsWith("Peserta dijangkau;"))!;
    assert.match(line, /^Peserta dijangkau;999;1000;99%;Tidak tercapai;/);
    const pdf = (await pdfText(await reportPdf({ chapter, period: Y, report, locale: "id" }))).text.replace(/\s+/g, " ");
    assert.ok(pdf.includes("Peserta dijangkau 999 1.000 99%"), pdf);
    assert.equal(pdf.includes("100%"), false);
  });

  it("never writes 0 % beside figures that count: 3 of 1,000 is 1 % on the page's rows, in the CSV and in the PDF", async () => {
    const situbondo = await createChapter(t.db, { regionCode: "35.12", name: "RTIK Kabupaten Situbondo" });
    await insertEvent(t.db, { chapterId: situbondo.id, regionCode: "35.12", timeZone: "Asia/Jakarta", title: "Literasi Digital Desa", date: "2026-05-20", time: "08:00", participants: 3 });
    await saveTargets(t.db, { owner: { scope: "chapter", chapterId: situbondo.id }, period: Y, userId: lead.id, values: new Map([[ind.participants!, 1000], [ind.events_held!, 250]]) });
    const chapter = (await getChapterRef(t.db, situbondo.slug))!;
    const report = await chapterReport(t.db, { chapter, period: Y, locale: "id", now: new Date("2027-01-05T03:00:00Z") });
    // 0.3 % and 0.4 % round to 0: a lead would sign "0 %" beside 3 participants and 1 activity
    assert.equal(report.rows.find((r) => r.key === "participants")!.percent, 1);
    assert.equal(report.rows.find((r) => r.key === "events_held")!.percent, 1);
    const csv = reportCsv({ chapter, period: Y, report, locale: "id", delimiter: ";" });
    assert.match(csv.split("\r\n").find((l) => l.startsWith("Peserta dijangkau;"))!, /^Peserta dijangkau;3;1000;1%;Tidak tercapai;/);
    const pdf = (await pdfText(await reportPdf({ chapter, period: Y, report, locale: "id" }))).text.replace(/\s+/g, " ");
    assert.ok(pdf.includes("Peserta dijangkau 3 1.000 1%"), pdf);
    assert.equal(/ 0%/.test(pdf), false);
    // nothing at all stays 0 %
    assert.equal(report.rows.find((r) => r.key === "volunteer_hours")?.percent ?? null, null);
  });

  it("writes an Excel-friendly CSV with a BOM and the source of each figure", async () => {
    const chapter = (await getChapterRef(t.db, jember.slug))!;
    const report = await chapterReport(t.db, { chapter, period: Y, locale: "id", now: MID_YEAR });
    const csv = reportCsv({ chapter, period: Y, report, locale: "id" });
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.match(csv, /\r\n/);
    assert.match(csv, /Peserta dijangkau,155,300,52%,Sesuai jadwal,0,/);
    assert.match(csv, new RegExp(`/chapters/${jember.slug}/capaian/participants\\?period=2026`));
    assert.match(csv, /2026-03-10,Internet Sehat SMPN 1,Internet Sehat,"SMP Negeri 1 Jember, Kabupaten Jember",120/);
    // the same report for Excel set to Indonesian: semicolons between columns, so the comma in a place needs no quotes
    const semi = reportCsv({ chapter, period: Y, report, locale: "id", delimiter: ";" });
    assert.equal(semi.charCodeAt(0), 0xfeff);
    assert.match(semi, /Peserta dijangkau;155;300;52%;Sesuai jadwal;0;/);
    assert.match(semi, /2026-03-10;Internet Sehat SMPN 1;Internet Sehat;SMP Negeri 1 Jember, Kabupaten Jember;120/);
  });

  it("issues certificates to all attendees once, emails them, and verifies them", async () => {
    assert.equal(await issueForAllAttendees(t.db, { eventId: eventA.id, chapterId: pasuruan.id, issuedBy: otherLead.id }), null, "another chapter's event");
    const first = await issueForAllAttendees(t.db, { eventId: eventA.id, chapterId: jember.id, issuedBy: lead.id });
    assert.deepEqual(first, { issued: 2, already: 0 }); // Rina did not attend
    const again = await issueForAllAttendees(t.db, { eventId: eventA.id, chapterId: jember.id, issuedBy: lead.id });
    assert.deepEqual(again, { issued: 0, already: 2 });
    const mails = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "certificate-issued"));
    assert.deepEqual(mails.map((m) => m.to).sort(), [vols[0]!.email, vols[1]!.email].sort());
    const own = await issueEventCertificate(t.db, { eventId: eventA.id, userId: vols[0]!.id });
    assert.ok(own.ok);
    const [row] = await t.db.select().from(certificates).where(and(eq(certificates.userId, vols[0]!.id), eq(certificates.eventId, eventA.id)));
    assert.equal(own.ok && own.code, row!.code, "the same certificate, not a second one");
    assert.deepEqual(await issueEventCertificate(t.db, { eventId: eventA.id, userId: vols[2]!.id }), { ok: false, reason: "notAttended" });
    const cert = (await getCertificate(t.db, row!.code))!;
    assert.equal(cert.recipientName, "Siti Aminah");
    assert.equal(cert.activityDate, "2026-03-10");
    assert.equal(cert.hours, 4);
    const { text, links } = await pdfText(await certificatePdf(cert, "id"));
    assert.match(text, /SERTIFIKAT/);
    assert.match(text, /Siti Aminah/);
    assert.match(text, /Internet Sehat SMPN 1/);
    assert.match(text, /10 Maret 2026/);
    assert.ok(links.includes(verificationUrl(cert.code)));
    // in English an hour of service is "1 hour", for an event and for a period
    for (const kind of ["event", "hours"] as const) {
      const one = (await pdfText(await certificatePdf({ ...cert, kind, hours: 1 }, "en"))).text.replace(/\s+/g, " ");
      assert.match(one, kind === "event" ? /\(1 hour\)\./ : /1 hour in all\./);
      assert.doesNotMatch(one, /1 hours/);
    }
    const mail = renderEmail("certificate-issued", mails[0]!.payload as Record<string, unknown>, "id");
    assert.match(mail.text, /\/sertifikat\/[\w-]+\/pdf/);
    const hours = await issueHoursCertificate(t.db, { chapterId: jember.id, userId: vols[1]!.id, period: Y, locale: "id" });
    assert.ok(hours.ok);
    assert.equal((await getCertificate(t.db, hours.ok ? hours.code : ""))!.hours, 3);
    assert.deepEqual(await issueHoursCertificate(t.db, { chapterId: jember.id, userId: vols[2]!.id, period: Y, locale: "id" }), { ok: false, reason: "noHours" });
  });

  it("the lead finds and revokes a certificate with a reason; the volunteer is told and can get a new one", async () => {
    const list = await chapterCertificates(t.db, jember.id, { q: "siti" });
    const siti = list.rows.find((r) => r.subject === "Internet Sehat SMPN 1");
    assert.ok(siti, "found by the recipient's name, case-insensitively");
    assert.equal((await chapterCertificates(t.db, jember.id, { q: siti.code })).rows.length, 1, "found by its code");
    assert.equal((await chapterCertificates(t.db, pasuruan.id, { q: "siti" })).total, 0, "another chapter sees none of them");
    assert.equal((await chapterCertificates(t.db, jember.id, { q: "100%_" })).total, 0, "LIKE wildcards are matched literally");

    assert.deepEqual(await revokeCertificate(t.db, { chapterId: jember.id, code: siti.code, reason: " ", by: lead.id }), { ok: false, errors: { reason: ["reports.cert.revoke.reasonRequired"] } });
    assert.deepEqual(
      await revokeCertificate(t.db, { chapterId: pasuruan.id, code: siti.code, reason: "Tidak hadir", by: otherLead.id }),
      { ok: false, errors: { _form: ["reports.cert.revoke.notFound"] } },
      "another chapter's lead cannot revoke it",
    );
    assert.equal((await getCertificate(t.db, siti.code))!.revokedAt, null, "nothing was written by the refused attempts");

    assert.deepEqual(await revokeCertificate(t.db, { chapterId: jember.id, code: siti.code, reason: "Kehadiran salah dicatat", by: lead.id }), { ok: true });
    const revoked = (await getCertificate(t.db, siti.code))!;
    assert.ok(revoked.revokedAt instanceof Date);
    assert.equal(revoked.revokeReason, "Kehadiran salah dicatat");
    assert.equal(revoked.revokedBy, lead.id);
    assert.equal((await revokeCertificate(t.db, { chapterId: jember.id, code: siti.code, reason: "lagi dan lagi", by: lead.id })).ok, false, "only once");
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `certificate-revoked:${siti.code}`));
    assert.equal(mail?.toEmail, vols[0]!.email);
    assert.match(renderEmail("certificate-revoked", mail!.payload as Record<string, unknown>, "id").text, /Alasan: Kehadiran salah dicatat/);

    // the slot is free: issuing to all attendees again gives Siti a new certificate with a new code
    assert.deepEqual(await issueForAllAttendees(t.db, { eventId: eventA.id, chapterId: jember.id, issuedBy: lead.id }), { issued: 1, already: 1 });
    const fresh = await issueEventCertificate(t.db, { eventId: eventA.id, userId: vols[0]!.id });
    assert.ok(fresh.ok && fresh.code !== siti.code);
    assert.equal((await getCertificate(t.db, siti.code))!.revokedAt instanceof Date, true, "the old code stays revoked");
    const row = (await eventsForCertificates(t.db, jember.id)).find((e) => e.id === eventA.id);
    assert.deepEqual([row?.attended, row?.issued], [2, 2], "counts the event's attendees and its valid certificates");
  });

  it("sends the weekly digest to leads and keeps the series going", async () => {
    assert.equal(nextDigestRun(new Date("2026-12-02T10:00:00Z")).toISOString(), "2026-12-07T00:00:00.000Z");
    assert.equal(nextDigestRun(new Date("2026-12-07T00:00:00Z")).toISOString(), "2026-12-14T00:00:00.000Z");
    const applicant = await createUser(t.db, { name: "Calon Relawan" });
    await addMembership(t.db, { userId: applicant.id, chapterId: jember.id, status: "pending" });
    const n = await queueDigests(t.db, MID_YEAR);
    assert.ok(n >= 1);
    const [mail] = await t.db.select({ to: outbox.toEmail, payload: outbox.payload, locale: outbox.locale }).from(outbox).where(and(eq(outbox.template, "reports-digest"), eq(outbox.toEmail, lead.email)));
    assert.ok(mail);
    const rendered = renderEmail("reports-digest", mail.payload as Record<string, unknown>, "id");
    assert.match(rendered.text, /1 menunggu keputusan/);
    assert.match(rendered.text, /Sekolah dijangkau Internet Sehat: 2 \/ 10/); // at risk at mid-year
    assert.equal(await queueDigests(t.db, MID_YEAR), n, "same week: the outbox dedups");
    const before = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.template, "reports-digest"));
    assert.equal(before.length, n);
    // the job seeded by the migration, made due now: it runs and schedules next Monday
    await t.db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.dedupKey, DIGEST_JOB));
    const res = await runDueJobs(t.db, { handlers: { [DIGEST_JOB]: sendWeeklyDigest } });
    assert.equal(res.done + res.retried + res.dead, 1);
    const [job] = await t.db.select({ status: jobs.status, runAt: jobs.runAt }).from(jobs).where(eq(jobs.dedupKey, DIGEST_JOB));
    assert.equal(job?.status, "pending");
    assert.equal(job?.runAt.toISOString(), nextDigestRun(new Date()).toISOString());
  });
});
