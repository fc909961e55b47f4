import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { certificates } from "../../db/schema/reports";
import { rosterCsv } from "../../app/models/chapters/roster.server";
import { getCertificate, hoursPeriods, issueEventCertificate } from "../../app/models/reports/certificates.server";
import { queueDigests } from "../../app/models/reports/digest.server";
import { scopePeriods } from "../../app/models/reports/reports.server";
import { certificatePdf } from "../../app/models/reports/pdf.server";
import { monthlyTotals, saveOperationsReport } from "../../app/models/telecenters/operations.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { insertAttendance, insertEvent } from "../support/reports-fixture";

/** Days, months and years on the calendar of the chapter or telecenter they belong to: WIB, WITA or WIT, not UTC or Jakarta. */
describe("local calendars", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("counts a telecenter's last 12 months back from its own month: at 06:00 WIB or 01:00 WIT on 1 December it is December", async () => {
    const lead = await createUser(t.db, { name: "Lead Telecenter" });
    const monthly = async (chapterRegion: string, tcRegion: string, name: string) => {
      const chapter = await createChapter(t.db, { regionCode: chapterRegion, name: `RTIK ${name}` });
      await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name: `Telecenter ${name}`, regionCode: tcRegion, services: [], address: "Jl. Desa 1", managingBody: "Pemdes" } });
      assert.ok(r.ok, JSON.stringify(r));
      // a report in each of the 13 months from December 2025 to December 2026
      for (let m = 0; m < 13; m++) {
        const month = new Date(Date.UTC(2025, 11 + m, 1)).toISOString().slice(0, 7);
        await saveOperationsReport(t.db, {
          telecenterId: r.id,
          userId: lead.id,
          form: { period: "month", date: month, periodStart: `${month}-01`, income: 1000, complaints: 0, visitors: 10, complaintNotes: "", damageNotes: "" },
          usage: [],
        });
      }
      return r.id;
    };
    const jember = await monthly("35.09", "35.09.01", "Jember");
    const jayapura = await monthly("91.71", "91.71.01", "Jayapura");
    const months = async (id: number, at: string) => (await monthlyTotals(t.db, id, 12, new Date(at))).map((m) => m.month);
    const year2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(12 - i).padStart(2, "0")}`);
    // 23:00 UTC on 30 November: 06:00 WIB on 1 December
    assert.deepEqual(await months(jember, "2026-11-30T23:00:00Z"), year2026, "December 2026 back to January 2026, not December 2025");
    // 16:00 UTC on 30 November: 01:00 WIT on 1 December in Jayapura
    assert.deepEqual(await months(jayapura, "2026-11-30T16:00:00Z"), year2026);
    // in the middle of a day UTC and WIB agree
    assert.deepEqual(await months(jember, "2026-12-15T05:00:00Z"), year2026);
  });

  it("dates a certificate issued at 01:30 WIT on the chapter's own day, in the PDF and for the verification page", async () => {
    const chapter = await createChapter(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" });
    const volunteer = await createUser(t.db, { name: "Yohana Wanimbo" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    const ev = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "91.71", timeZone: "Asia/Jayapura", title: "Internet Sehat Abepura", date: "2026-12-04", time: "09:00", participants: 40 });
    await insertAttendance(t.db, ev, volunteer.id, 3);
    const issued = await issueEventCertificate(t.db, { eventId: ev.id, userId: volunteer.id });
    assert.ok(issued.ok);
    // 16:30 UTC on 4 December is 01:30 on the 5th in Jayapura (23:30 on the 4th in Jakarta)
    await t.db.update(certificates).set({ issuedAt: new Date("2026-12-04T16:30:00Z") }).where(eq(certificates.code, issued.code));
    const cert = await getCertificate(t.db, issued.code);
    assert.equal(cert?.timeZone, "Asia/Jayapura");
    const { text } = await pdfText(await certificatePdf(cert!, "id"));
    assert.match(text, /Diterbitkan[^\n]*5 Desember 2026/);
    assert.match((await pdfText(await certificatePdf(cert!, "en"))).text, /Issued 5 December 2026/);
  });

  it("offers a volunteer's hours certificates for this year and last on the chapter's calendar (WIT), not UTC's", async () => {
    const chapter = await createChapter(t.db, { regionCode: "91.71", name: "RTIK Jayapura Jam" });
    const volunteer = await createUser(t.db, { name: "Markus Jam" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    const ev = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "91.71", timeZone: "Asia/Jayapura", title: "Kelas Komputer Sentani", date: "2026-06-10", time: "09:00", participants: 20 });
    await insertAttendance(t.db, ev, volunteer.id, 5);
    const years = async (at: string) => (await hoursPeriods(t.db, volunteer.id, new Date(at))).map((p) => [p.year, p.hours]);
    assert.deepEqual(await years("2027-12-31T14:00:00Z"), [[2026, 5]], "23:00 WIT on 31 December 2027: 2027 and 2026 are offered");
    // 16:30 UTC on 31 December 2027: still 2027 in UTC, already 1 January 2028 (01:30) in Jayapura
    assert.deepEqual(await years("2027-12-31T16:30:00Z"), [], "2028 and 2027: 2026 is no longer this year or last");
  });

  it("writes the day someone joined in the roster CSV on the chapter's calendar", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Roster" });
    const early = await createUser(t.db, { name: "Bayu Subuh", email: "bayu.subuh@example.test" });
    await addMembership(t.db, { userId: early.id, chapterId: chapter.id });
    // 05:00 WIB on 5 December is 22:00 UTC on the 4th
    await t.db.update(memberships).set({ appliedAt: new Date("2026-12-04T22:00:00Z") }).where(eq(memberships.userId, early.id));
    const csv = await rosterCsv(t.db, chapter.id, { status: "all" });
    assert.match(csv, /bayu\.subuh@example\.test,.*,2026-12-05\r?\n?/);
  });

  it("gives each chapter's weekly digest its own year: on 31 December at 23:00 WIB it is already next year in Jayapura", async () => {
    const digestOf = async (regionCode: string, name: string) => {
      const chapter = await createChapter(t.db, { regionCode, name });
      const lead = await createUser(t.db, { name: `Lead ${name}` });
      await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
      const applicant = await createUser(t.db, { name: `Calon ${name}` });
      await addMembership(t.db, { userId: applicant.id, chapterId: chapter.id, status: "pending" });
      return { chapter, lead };
    };
    const jember = await digestOf("35.09", "RTIK Jember Digest");
    const makassar = await digestOf("73.71", "RTIK Makassar Digest");
    const jayapura = await digestOf("91.71", "RTIK Jayapura Digest");
    // 16:30 UTC: 23:30 WIB on the 31st, 00:30 WITA and 01:30 WIT on 1 January
    assert.ok((await queueDigests(t.db, new Date("2026-12-31T16:30:00Z"))) >= 3);
    const dashboardOf = async (c: { chapter: { slug: string }; lead: { email: string } }) => {
      const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "reports-digest"), eq(outbox.toEmail, c.lead.email)));
      const urls = (mail?.payload as { urls?: { dashboard?: string } } | undefined)?.urls;
      return urls?.dashboard?.replace(/^.*\/chapters\//, "");
    };
    assert.equal(await dashboardOf(jember), `${jember.chapter.slug}/capaian?period=2026`);
    assert.equal(await dashboardOf(makassar), `${makassar.chapter.slug}/capaian?period=2027`);
    assert.equal(await dashboardOf(jayapura), `${jayapura.chapter.slug}/capaian?period=2027`);
  });
});

/** The national, provincial and admin target pages open on the year of the place they show. */
describe("roll-up and target pages on their own calendar", () => {
  const yearOn = (at: string, province: string | null) => scopePeriods(null, province, new Date(at)).period;
  const pickerYears = (at: string, province: string | null) => [...new Set(scopePeriods(null, province, new Date(at)).options.map((p) => p.year))];

  it("Papua turns to the new year at its own midnight (00:30 WIT is 22:30 WIB), Sulawesi Selatan an hour later, the country at WIB's", () => {
    const wit = "2026-12-31T15:30:00Z"; // 00:30 WIT, 23:30 WITA, 22:30 WIB
    assert.deepEqual(yearOn(wit, "91"), { year: 2027, semester: 0 }, "Papua");
    assert.deepEqual(yearOn(wit, "81"), { year: 2027, semester: 0 }, "Maluku");
    assert.deepEqual(yearOn(wit, "73"), { year: 2026, semester: 0 }, "Sulawesi Selatan");
    assert.deepEqual(yearOn(wit, "35"), { year: 2026, semester: 0 }, "Jawa Timur");
    assert.deepEqual(yearOn(wit, null), { year: 2026, semester: 0 }, "national");
    assert.deepEqual(pickerYears(wit, "91"), [2027, 2026], "Papua's picker offers its new year");
    assert.deepEqual(pickerYears(wit, "35"), [2026, 2025]);
    const wita = "2026-12-31T16:30:00Z"; // 00:30 WITA, 23:30 WIB
    assert.equal(yearOn(wita, "73").year, 2027);
    assert.equal(yearOn(wita, "51").year, 2027, "Bali");
    assert.equal(yearOn(wita, "31").year, 2026, "DKI Jakarta");
    assert.equal(yearOn(wita, null).year, 2026);
    const wib = "2026-12-31T17:00:00Z"; // 00:00 WIB
    assert.equal(yearOn(wib, "31").year, 2027);
    assert.equal(yearOn(wib, null).year, 2027);
  });

  it("a period asked for in the link is kept whatever the clock says", () => {
    assert.deepEqual(scopePeriods("2025-S2", "91", new Date("2026-12-31T15:30:00Z")).period, { year: 2025, semester: 2 });
  });
});
