import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { certificatePdf, reportPdf } from "../../app/models/reports/pdf.server";
import { getCertificate, issueEventCertificate, issueHoursCertificate } from "../../app/models/reports/certificates.server";
import { chapterReport, getChapterRef } from "../../app/models/reports/reports.server";
import { visualOrder } from "../../app/services/pdf.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { insertAttendance, insertEvent, insertInstitution } from "../support/reports-fixture";

const Y: { year: number; semester: 0 } = { year: 2026, semester: 0 };
const MID_YEAR = new Date("2026-07-02T12:00:00+07:00");

// names as volunteers and leads type them: Vietnamese, Arabic script (a pesantren's own name), Latin with
// diacritics, and an emoji or a flag typed into a name field
const VIETNAMESE = "Đặng Thị Ánh Nguyệt";
const ARABIC_PESANTREN = "معهد النور 1";
const ARABIC_PERSON = "محمد علي";
const DIACRITICS = "Zoë Ševčík-Łukasz Çağrı";
const WITH_EMOJI = "Siti Aminah 😀🇮🇩 Putri";

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("PDFs write every name as it was typed, whatever its script", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  const users: Record<string, { id: string }> = {};
  let eventId = 0;

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const pesantren = await insertInstitution(t.db, ARABIC_PESANTREN, "pesantren", "35.09");
    const school = await insertInstitution(t.db, "Trường THPT Nguyễn Du", "school", "35.09");
    const e1 = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: `Internet Sehat di ${ARABIC_PESANTREN}`, date: "2026-03-10", time: "08:00", participants: 60, venueId: pesantren, reached: [pesantren] });
    const e2 = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Literasi Digital bersama Đặng Thị Ánh Nguyệt", date: "2026-04-14", time: "08:00", participants: 40, venueId: school, reached: [school] });
    eventId = e1.id;
    for (const [i, name] of [VIETNAMESE, ARABIC_PERSON, DIACRITICS, WITH_EMOJI].entries()) {
      const u = await createUser(t.db, { name });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      await insertAttendance(t.db, e1, u.id, 4 + i);
      await insertAttendance(t.db, e2, u.id, 3);
      users[name] = u;
    }
  });
  after(async () => {
    await t.close();
  });

  it("the Laporan Capaian: activities, places and the honour roll read back as typed, in both languages", async () => {
    const ref = (await getChapterRef(t.db, chapter.slug))!;
    for (const locale of ["id", "en"] as const) {
      const report = await chapterReport(t.db, { chapter: ref, period: Y, locale, now: MID_YEAR });
      assert.ok(report.honour.some((h) => h.name === VIETNAMESE), "the honour roll holds the names");
      const { text, title } = await pdfText(await reportPdf({ chapter: ref, period: Y, report, locale, generatedAt: MID_YEAR, signer: VIETNAMESE }));
      const all = flat(text);
      // Latin scripts, Vietnamese included: exactly as typed, in the honour roll, a title, the place and the signature
      assert.ok(all.includes("Literasi Digital bersama Đặng Thị Ánh Nguyệt"), all);
      assert.ok(all.includes("Trường THPT Nguyễn Du"));
      assert.ok(all.includes(DIACRITICS));
      assert.equal(all.split(VIETNAMESE).length - 1, 3, "activity title, honour roll and signature");
      // an emoji the font has is kept, a flag it lacks is left out; the rest of the name is untouched
      assert.ok(all.includes("Siti Aminah 😀 Putri"), all);
      // an Arabic name in a cell of its own reads back whole and in order
      assert.ok(all.includes(ARABIC_PERSON), all);
      // the pesantren's words, each joined and whole (the old fonts wrote "dV9dv/ bvDdfHc")
      assert.ok(all.includes("معهد النور"), all);
      assert.equal(title?.includes("RTIK Kabupaten Jember"), true);
    }
  });

  it("a certificate: the recipient's name and the activity read back as typed", async () => {
    for (const name of [VIETNAMESE, ARABIC_PERSON, DIACRITICS]) {
      const issued = await issueEventCertificate(t.db, { eventId, userId: users[name]!.id });
      assert.ok(issued.ok);
      const cert = (await getCertificate(t.db, issued.code))!;
      const { text, title } = await pdfText(await certificatePdf(cert, "id"));
      const lines = text.split("\n").map((l) => l.trim());
      assert.ok(lines.includes(name), `${name} on a line of its own: ${JSON.stringify(lines)}`);
      assert.ok(flat(text).includes("معهد النور"), "the activity at the pesantren");
      assert.equal(title, `Sertifikat — ${name}`);
    }
    const hours = await issueHoursCertificate(t.db, { chapterId: chapter.id, userId: users[WITH_EMOJI]!.id, period: Y, locale: "en" });
    assert.ok(hours.ok);
    const cert = (await getCertificate(t.db, hours.code))!;
    const lines = (await pdfText(await certificatePdf(cert, "en"))).text.split("\n").map((l) => l.trim());
    assert.ok(lines.includes("Siti Aminah 😀 Putri"), JSON.stringify(lines));
    // emoji built of several pieces (skin tone, a family joined with ZWJ) leave nothing behind; a letter of a script
    // the font lacks is drawn as a box and the rest of the name stays where it was
    const other = async (recipientName: string) => (await pdfText(await certificatePdf({ ...cert, recipientName }, "id"))).text.split("\n").map((l) => l.trim());
    assert.ok((await other("Dewi 👍🏽 👨‍👩‍👧 Lestari")).includes("Dewi Lestari"));
    assert.ok((await other("Wei 李伟 Putra")).some((l) => /^Wei \S+ Putra$/u.test(l)));
    // documents made at the same moment share the parsed font: each still carries its own names
    const names = [VIETNAMESE, ARABIC_PERSON, ARABIC_PESANTREN, DIACRITICS, "Nuraini Hasanah"];
    const many = await Promise.all(names.map((n) => other(n)));
    names.forEach((n, i) => assert.ok(many[i]!.includes(n), `${n}: ${JSON.stringify(many[i])}`));
  });

  it("an Arabic pesantren's name alone is drawn right to left with its number; words in a Latin line keep their place", () => {
    assert.equal(visualOrder(ARABIC_PESANTREN), "1 النور معهد");
    assert.equal(visualOrder(`Internet Sehat di ${ARABIC_PESANTREN}, Ajung`), "Internet Sehat di 1 النور معهد, Ajung");
    assert.equal(visualOrder("Pesantren معهد النور 12 Jember"), "Pesantren 12 النور معهد Jember");
    assert.equal(visualOrder(VIETNAMESE), VIETNAMESE);
  });
});
