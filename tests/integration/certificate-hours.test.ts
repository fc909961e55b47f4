import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { certificates } from "../../db/schema/reports";
import { tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { chapterCertificates, getCertificate, hoursPeriods, issueHoursCertificate } from "../../app/models/reports/certificates.server";
import { certificatePdf } from "../../app/models/reports/pdf.server";
import { chapterReport, getChapterRef } from "../../app/models/reports/reports.server";
import { personalDataOf } from "../../app/models/accounts/personal-data.server";
import { printablePersonalData } from "../../app/models/accounts/personal-data-print.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";

const Y: { year: number; semester: 0 } = { year: 2026, semester: 0 };

/** A certificate of hours states them as the Laporan's honour roll does: one decimal, none when whole (DECISIONS 131). */
describe("certificate hours with one decimal", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  let half: { id: string; name: string };
  let whole: { id: string; name: string };
  let seq = 0;

  async function tutoring(tutorId: string, sessions: [string, number][]) {
    seq++;
    const [r] = await t.db
      .insert(tutoringRequests)
      .values({
        tokenHash: `cert-hours-${seq}`,
        chapterId: chapter.id,
        regionCode: "35.09",
        learnerName: `Warga ${seq}`,
        whatsapp: `+62812000000${seq}`,
        forWhom: "self",
        language: "id",
        mode: "home",
        consentAt: new Date(),
        consentVersion: "v1",
        status: "completed",
        closedAt: new Date("2026-04-30T10:00:00+07:00"),
      })
      .returning({ id: tutoringRequests.id });
    for (const [heldOn, minutes] of sessions) await t.db.insert(tutoringSessions).values({ requestId: r!.id, tutorId, heldOn, minutes, topic: "WhatsApp" });
  }

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    half = { ...(await createUser(t.db, { name: "Siti Aminah" })), name: "Siti Aminah" };
    whole = { ...(await createUser(t.db, { name: "Agus Salim", locale: "en" })), name: "Agus Salim" };
    for (const u of [half, whole]) await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    // 14.5 hours: sessions of 90 minutes and 13 hours over two requests; 16 hours in whole hours
    await tutoring(half.id, [["2026-03-02", 90], ["2026-03-09", 600]]);
    await tutoring(half.id, [["2026-04-01", 180]]);
    await tutoring(whole.id, [["2026-03-03", 960]]);
  });
  after(() => t.close());

  it("states 14.5 hours as 14,5 / 14.5 everywhere, 16 as 16, as the Laporan's honour roll does", async () => {
    const ref = (await getChapterRef(t.db, chapter.slug))!;
    const report = await chapterReport(t.db, { chapter: ref, period: Y, locale: "id", now: new Date("2026-07-02T12:00:00+07:00") });
    const onRoll = Object.fromEntries(report.honour.map((h) => [h.name, h.hours]));
    assert.deepEqual(onRoll, { "Siti Aminah": 14.5, "Agus Salim": 16 });

    const a = await issueHoursCertificate(t.db, { chapterId: chapter.id, userId: half.id, period: Y, locale: "id" });
    const b = await issueHoursCertificate(t.db, { chapterId: chapter.id, userId: whole.id, period: Y, locale: "en" });
    assert.ok(a.ok && b.ok);
    const certA = (await getCertificate(t.db, a.code))!;
    const certB = (await getCertificate(t.db, b.code))!;
    assert.equal(certA.hours, onRoll["Siti Aminah"], "the certificate states what the honour roll states, not 14");
    assert.equal(certB.hours, 16);

    // the PDF, in both languages
    const pdfA = (await pdfText(await certificatePdf(certA, "id"))).text.replace(/\s+/g, " ");
    assert.match(pdfA, /sebanyak 14,5 jam\./);
    const pdfAen = (await pdfText(await certificatePdf(certA, "en"))).text.replace(/\s+/g, " ");
    assert.match(pdfAen, /14\.5 hours in all\./);
    const pdfB = (await pdfText(await certificatePdf(certB, "id"))).text.replace(/\s+/g, " ");
    assert.match(pdfB, /sebanyak 16 jam\./);
    assert.doesNotMatch(pdfB, /16,0/);

    // the lead's list and the volunteer's own list carry the same figure
    const list = await chapterCertificates(t.db, chapter.id);
    assert.deepEqual(Object.fromEntries(list.rows.map((r) => [r.recipientName, r.hours])), { "Siti Aminah": 14.5, "Agus Salim": 16 });
    const mine = await hoursPeriods(t.db, half.id, new Date("2026-07-02T12:00:00+07:00"));
    assert.deepEqual(mine.map((h) => [h.year, h.hours, h.code]), [[2026, 14.5, a.code]]);

    // the "my data" download keeps the number; the printable page writes it as the certificate does
    const data = (await personalDataOf(t.db, half.id))!;
    assert.deepEqual(data.certificates.map((c) => c.hours), [14.5]);
    assert.deepEqual(printablePersonalData(data, "id").certificates.map((c) => c.hours), ["14,5 jam"]);
    assert.deepEqual(printablePersonalData(data, "en").certificates.map((c) => c.hours), ["14.5 hours"]);
    const dataB = (await personalDataOf(t.db, whole.id))!;
    assert.deepEqual(printablePersonalData(dataB, "id").certificates.map((c) => c.hours), ["16 jam"]);
  });

  it("a certificate already issued keeps what it stated", async () => {
    // issued before tenths were stored: 14 whole hours for 14.5 credited
    const other = await createUser(t.db, { name: "Dewi Lestari" });
    await addMembership(t.db, { userId: other.id, chapterId: chapter.id });
    await tutoring(other.id, [["2026-05-05", 870]]);
    const key = `hours:${chapter.id}:2026:0:${other.id}`;
    await t.db.insert(certificates).values({ code: "OldCert14h_x", kind: "hours", dedupKey: key, userId: other.id, chapterId: chapter.id, recipientName: "Dewi Lestari", chapterName: "RTIK Kabupaten Jember", subject: "2026", activityDate: "2026-01-01", hours: 14, year: 2026, issuedBy: other.id });
    const again = await issueHoursCertificate(t.db, { chapterId: chapter.id, userId: other.id, period: Y, locale: "id" });
    assert.deepEqual(again, { ok: true, code: "OldCert14h_x", created: false });
    const [row] = await t.db.select({ hours: certificates.hours }).from(certificates).where(eq(certificates.code, "OldCert14h_x"));
    assert.equal(row!.hours, 14, "not recomputed");
    const pdf = (await pdfText(await certificatePdf((await getCertificate(t.db, "OldCert14h_x"))!, "id"))).text.replace(/\s+/g, " ");
    assert.match(pdf, /sebanyak 14 jam\./);
  });
});
