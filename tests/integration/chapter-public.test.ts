import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { formatDateTime } from "../../app/i18n/format";
import { users } from "../../db/schema/accounts";
import { memberships } from "../../db/schema/chapters";
import { events } from "../../db/schema/events";
import { isEmailVerified } from "../../app/models/accounts/accounts.server";
import { getChapterBySlug, leadFirstNames, myMemberships } from "../../app/models/chapters/chapters.server";
import { ACHIEVEMENT_KEYS, chapterAchievements, chapterCard, chapterOgImage, chapterPage, chapterPublicPage } from "../../app/models/chapters/public-page.server";
import { sitemapEntries, upcomingPublicEvents } from "../../app/models/events/public.server";
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

  it("the page's one read equals the separate reads it replaced, for every kind of viewer", async () => {
    // leads written two ways, a second lead no longer active, volunteers in every state, an unverified account
    const leadA = await createUser(t.db, { name: "  Rahmat   Hidayat " });
    const leadB = await createUser(t.db, { name: "Ayu Lestari" });
    const former = await createUser(t.db, { name: "Bekas Ketua" });
    await addMembership(t.db, { userId: leadA.id, chapterId: jember.id, role: "lead" });
    await addMembership(t.db, { userId: leadB.id, chapterId: jember.id, role: "lead" });
    await addMembership(t.db, { userId: former.id, chapterId: jember.id, role: "lead", status: "inactive" });
    await addMembership(t.db, { userId: leadB.id, chapterId: jember.id }); // a lead who also volunteers
    const pending = await createUser(t.db);
    await addMembership(t.db, { userId: pending.id, chapterId: jember.id, status: "pending" });
    const declined = await createUser(t.db);
    const d = await addMembership(t.db, { userId: declined.id, chapterId: jember.id, status: "declined" });
    await t.db.update(memberships).set({ decisionReason: "Kuota penuh, coba semester depan" }).where(eq(memberships.id, d.id));
    const unverified = await createUser(t.db);
    await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified.id));
    const elsewhere = await createUser(t.db);
    const date = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 12; i++) await createOutreachEvent(t.db, { chapterId: jember.id, leadId: leadA.id, venueRegion: "35.09.01", date, title: `Kelas ${i}` });
    await createOutreachEvent(t.db, { chapterId: jember.id, leadId: leadA.id, venueRegion: "35.09.01", date, draft: true });
    for (const viewer of [null, leadA, leadB, former, pending, declined, unverified, elsewhere]) {
      const userId = viewer?.id ?? null;
      const page = await chapterPage(t.db, { slug: jember.slug, userId, locale: "en" });
      assert.ok(page);
      assert.deepEqual(page.chapter, await getChapterBySlug(t.db, jember.slug, userId));
      assert.deepEqual(page.leads, await leadFirstNames(t.db, jember.id));
      const mine = userId ? (await myMemberships(t.db, userId)).find((m) => m.chapterId === jember.id && m.role === "volunteer") : undefined;
      assert.equal(page.myDecisionReason, mine?.decisionReason ?? null);
      assert.equal(page.emailVerified, userId ? await isEmailVerified(t.db, userId) : null);
      const upcoming = await upcomingPublicEvents(t.db, { chapterId: jember.id, limit: 10 });
      assert.deepEqual(
        page.upcoming,
        upcoming.map((e) => ({ id: e.id, title: e.title, status: e.status, startsAt: e.startsAt, timeZone: e.timeZone, venueName: e.venueName, regionName: e.regionName })),
      );
    }
    // first names of the active leads only, ordered by the name as stored (the leading spaces sort first)
    assert.deepEqual((await chapterPage(t.db, { slug: jember.slug, userId: leadA.id, locale: "id" }))?.leads, ["Rahmat", "Ayu"]);
    assert.equal((await chapterPage(t.db, { slug: jember.slug, userId: declined.id, locale: "id" }))?.myDecisionReason, "Kuota penuh, coba semester depan");
    assert.equal((await chapterPage(t.db, { slug: jember.slug, userId: unverified.id, locale: "id" }))?.emailVerified, false);
    assert.equal(await chapterPage(t.db, { slug: "tidak-ada", userId: leadA.id, locale: "id" }), null);
  });

  it("the year shown is the chapter's own, also in the hours when Indonesia's zones disagree on it", async () => {
    // 31 Dec 2026 22:30 in Jember (WIB) is already 1 Jan 2027 in Papua (WIT)
    const page = await chapterPage(t.db, { slug: jember.slug, userId: null, locale: "id", now: new Date("2026-12-31T15:30:00Z") });
    assert.equal(page?.achievements.year, YEAR);
    assert.equal(page?.achievements.sentence, (await chapterAchievements(t.db, { slug: jember.slug, year: YEAR, locale: "id" }))?.sentence);
    const next = await chapterPage(t.db, { slug: jember.slug, userId: null, locale: "id", now: new Date("2026-12-31T17:30:00Z") });
    assert.equal(next?.achievements.year, YEAR + 1);
    assert.equal(next?.achievements.activities.length, 0);
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

  it("the link-preview card says the chapter, its province, the year's reach and the next event; an unknown chapter has none", async () => {
    const page = await chapterPage(t.db, { slug: jember.slug, userId: null, locale: "id", now: NOW });
    const card = await chapterCard(t.db, jember.slug, NOW);
    assert.ok(page && card);
    assert.equal(card.title, "RTIK Kabupaten Jember");
    assert.equal(card.kicker, "Relawan TIK · Jawa Timur");
    assert.equal(card.lines[0], "Capaian tahun 2026: 20 sekolah melalui Internet Sehat, 3 pesantren, 10 UMKM go-online dan 3 desa go-online");
    const next = page.upcoming[0];
    assert.ok(next, "the earlier cases planned events");
    assert.equal(card.lines[1], `Kegiatan berikutnya: ${next.title}, ${formatDateTime(next.startsAt, "id", "Asia/Jakarta")}`);
    assert.match(card.lines[1] ?? "", /WIB/);
    // a new chapter: nothing approved, nothing planned
    const fresh = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Kabupaten Banyuwangi" });
    assert.deepEqual((await chapterCard(t.db, fresh.slug, NOW))?.lines, ["Belum ada kegiatan terjadwal."]);
    // a cancelled event sooner than the next one held is not announced as the next event
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: fresh.id, role: "lead" });
    const cancelled = await createOutreachEvent(t.db, { chapterId: fresh.id, leadId: lead.id, venueRegion: "35.10.01", date: "2026-11-25", title: "Dibatalkan" });
    await t.db.update(events).set({ status: "cancelled" }).where(eq(events.id, cancelled));
    assert.deepEqual((await chapterCard(t.db, fresh.slug, NOW))?.lines, ["Belum ada kegiatan terjadwal."]);
    await createOutreachEvent(t.db, { chapterId: fresh.id, leadId: lead.id, venueRegion: "35.10.01", date: "2026-11-27", title: "Literasi Digital Banyuwangi" });
    assert.match((await chapterCard(t.db, fresh.slug, NOW))?.lines[0] ?? "", /^Kegiatan berikutnya: Literasi Digital Banyuwangi, /);
    const png = await chapterOgImage(t.db, jember.slug);
    assert.ok(png);
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["png", 1200, 630]);
    assert.equal(await chapterCard(t.db, "tidak-ada", NOW), null);
  });
});
