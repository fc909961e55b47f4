import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ACHIEVEMENT_KEYS, chapterAchievements, chapterPublicPage } from "../../app/models/chapters/public-page.server";
import { sitemapEntries } from "../../app/models/events/public.server";
import { chapterReport, getChapterRef } from "../../app/models/reports/reports.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertAttendance, insertEvent, insertInstitution } from "../support/reports-fixture";

const YEAR = 2026;
const NOW = new Date("2026-11-20T10:00:00+07:00");

describe("chapter public page: achievements are the Laporan Capaian's; sitemap", () => {
  let t: TestDatabase;
  let jember: { id: number; slug: string };
  const approvedIds: number[] = [];
  let unapprovedId = 0;

  before(async () => {
    t = await createTestDatabase();
    jember = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const other = await createChapter(t.db, { regionCode: "35.14", name: "RTIK Kabupaten Pasuruan" });
    const vol = await createUser(t.db, { name: "Siti Aminah" });
    await addMembership(t.db, { userId: vol.id, chapterId: jember.id });
    // Jember's year in small: 20 schools (one reached twice), 3 pesantren, 3 villages and 10 UMKM online
    const schools = [];
    for (let i = 1; i <= 20; i++) schools.push(await insertInstitution(t.db, `${i % 2 ? "SMP" : "SMA"} Negeri ${i} Jember`, "school", "35.09"));
    const pesantren = [];
    for (const n of ["Nurul Jadid", "Darul Ulum", "Al-Qodiri"]) pesantren.push(await insertInstitution(t.db, `Pondok Pesantren ${n}`, "pesantren", "35.09"));
    const villages = [];
    for (const n of ["Sukorambi", "Panti", "Arjasa"]) villages.push(await insertInstitution(t.db, `Desa ${n}`, "village", "35.09"));
    const umkm = [];
    for (let i = 1; i <= 10; i++) umkm.push(await insertInstitution(t.db, `UMKM Kopi ${i}`, "umkm", "35.09"));
    const base = { chapterId: jember.id, regionCode: "35.09", timeZone: "Asia/Jakarta", time: "08:00" } as const;
    const a = await insertEvent(t.db, { ...base, title: "Internet Sehat SMP", date: "2026-02-10", participants: 400, reached: schools.slice(0, 12) });
    const b = await insertEvent(t.db, { ...base, title: "Internet Sehat SMA", date: "2026-04-14", participants: 350, reached: [...schools.slice(11), ...pesantren] });
    const c = await insertEvent(t.db, { ...base, program: "umkm-go-online", title: "Desa dan UMKM Go-Online", date: "2026-08-20", participants: 60, reached: [...villages, ...umkm], online: [...villages, ...umkm] });
    approvedIds.push(a.id, b.id, c.id);
    await insertAttendance(t.db, a, vol.id, 4);
    unapprovedId = (await insertEvent(t.db, { ...base, title: "Belum disetujui", date: "2026-09-01", status: "submitted", participants: 999, reached: schools })).id;
    await insertEvent(t.db, { ...base, title: "Tahun lalu", date: "2025-09-01", participants: 77 });
    await insertEvent(t.db, { chapterId: other.id, regionCode: "35.14", timeZone: "Asia/Jakarta", time: "08:00", title: "Pasuruan", date: "2026-03-01", participants: 80 });
  });
  after(async () => {
    await t?.close();
  });

  it("every figure on the page equals the Laporan Capaian of the same year, and the sentence says them as RTIK writes them", async () => {
    const chapter = await getChapterRef(t.db, jember.slug);
    assert.ok(chapter);
    const report = await chapterReport(t.db, { chapter, period: { year: YEAR, semester: 0 }, locale: "id", now: NOW });
    const page = await chapterAchievements(t.db, { slug: jember.slug, year: YEAR, locale: "id", now: NOW });
    assert.ok(page);
    for (const key of ACHIEVEMENT_KEYS) assert.equal(page.figures[key], report.rows.find((r) => r.key === key)?.value, key);
    assert.equal(page.figures.schools_internet_sehat, 20);
    assert.equal(page.figures.pesantren_reached, 3);
    assert.equal(page.figures.villages_online, 3);
    assert.equal(page.figures.umkm_online, 10);
    assert.equal(page.figures.participants, 810);
    assert.equal(page.figures.events_held, 3);
    assert.equal(page.sentence, "20 sekolah melalui Internet Sehat, 3 pesantren, 10 UMKM go-online dan 3 desa go-online");
    assert.ok(report.summary.includes(page.sentence), "the same words as the report's summary");
    // linked to the events behind them: the approved ones only
    assert.deepEqual(page.activities.map((a) => a.eventId).sort(), [...approvedIds].sort());
    assert.ok(!page.activities.some((a) => a.eventId === unapprovedId));
    const pub = await chapterPublicPage(t.db, { slug: jember.slug, locale: "id", now: NOW });
    assert.equal(pub?.achievements?.sentence, page.sentence);
    assert.match(pub?.shareUrl ?? "", /^https:\/\/wa\.me\/\?text=/);
  });

  it("sitemap.xml lists public events and chapters, never drafts", async () => {
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: jember.id, role: "lead" });
    const date = new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 10);
    const published = await createOutreachEvent(t.db, { chapterId: jember.id, leadId: lead.id, venueRegion: "35.09.01", date });
    const draft = await createOutreachEvent(t.db, { chapterId: jember.id, leadId: lead.id, venueRegion: "35.09.01", date, draft: true });
    const locs = (await sitemapEntries(t.db)).map((e) => e.loc);
    assert.ok(locs.some((l) => l.endsWith(`/e/${published}`)));
    assert.ok(!locs.some((l) => l.endsWith(`/e/${draft}`)));
    assert.ok(locs.some((l) => l.endsWith(`/chapters/${jember.slug}`)));
  });
});
