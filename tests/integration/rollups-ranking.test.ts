import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { eventRoles, events, outcomeReports, programs } from "../../db/schema/events";
import { indicators, targets } from "../../db/schema/reports";
import { localToUtc } from "../../app/models/events/events.server";
import { RANKING_PAGE_SIZE, rollupDashboard } from "../../app/models/reports/reports.server";
import { progressPercent, type Period } from "../../app/models/reports/period";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const Y: Period = { year: 2026, semester: 0 };
const NOW = new Date("2026-06-01T05:00:00Z");
/** chapter k reaches 1 / (k + 1): its rank is one more than the number of chapters showing a higher whole percentage */
const shown = (k: number) => Math.round(100 / (k + 1));
const expectedRank = (k: number) => 1 + Array.from({ length: RANKING_PAGE_SIZE + 7 }, (_, j) => j).filter((j) => shown(j) > shown(k)).length;

/** The ranking is sent a page at a time: the national page never carries every chapter. */
describe("roll-up ranking", () => {
  let t: TestDatabase;
  const ids: number[] = [];
  let admin: { id: string };

  before(async () => {
    t = await createTestDatabase();
    admin = await createUser(t.db, { name: "Admin" });
    const [p] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, "internet-sehat"));
    const [held] = await t.db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, "events_held"));
    // chapter k (55 in Jawa Timur, 2 in Sulawesi Selatan: k = 19 and 39) held one approved event against a target of k + 1 events,
    // so it reaches 1 / (k + 1) of its target and ranks k + 1
    for (let k = 0; k < RANKING_PAGE_SIZE + 7; k++) {
      const regionCode = k % 20 === 19 ? "73.71" : "35.09";
      const c = await createChapter(t.db, { regionCode, name: `RTIK Peringkat ${String(k).padStart(2, "0")}` });
      ids.push(c.id);
      const zone = regionCode === "73.71" ? "Asia/Makassar" : "Asia/Jakarta";
      const startsAt = localToUtc("2026-03-10", "09:00", zone);
      const [e] = await t.db
        .insert(events)
        .values({ chapterId: c.id, programId: p!.id, regionCode, title: `Kegiatan ${k}`, status: "completed", timeZone: zone, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), checkinCode: `R${k}` })
        .returning({ id: events.id });
      await t.db.insert(eventRoles).values({ eventId: e!.id, name: "Narasumber", capacity: 2 });
      await t.db.insert(outcomeReports).values({ eventId: e!.id, status: "approved", participantsTotal: 10 + k, approvedAt: new Date() });
      await t.db.insert(targets).values({ scope: "chapter", scopeKey: `chapter:${c.id}`, chapterId: c.id, indicatorId: held!.id, year: 2026, semester: 0, value: k + 1 });
    }
  });
  after(async () => {
    await t?.close();
  });

  it("sends one page of chapters with their place in the whole ranking", async () => {
    const viewer = { id: admin.id, isAdmin: true };
    const first = await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer, now: NOW });
    assert.equal(first.chapterCount, RANKING_PAGE_SIZE + 7);
    assert.equal(first.ranking.length, RANKING_PAGE_SIZE);
    assert.deepEqual(first.rankingPage, { page: 1, pageCount: 2, from: 1, to: RANKING_PAGE_SIZE });
    // chapters showing the same whole percentage share a rank (1, 1, 3): 1/12 and 1/13 both show 8 %
    assert.deepEqual(
      first.ranking.map((c) => c.rank),
      Array.from({ length: RANKING_PAGE_SIZE }, (_, k) => expectedRank(k)),
    );
    assert.deepEqual(
      first.ranking.slice(10, 14).map((c) => [Math.round(c.progress! * 100), c.rank]),
      [
        [9, 11],
        [8, 12],
        [8, 12],
        [7, 14],
      ],
    );
    assert.equal(first.ranking[0]!.id, ids[0]);
    assert.equal(first.ranking[0]!.progress, 1);
    assert.ok(first.ranking[0]!.provinceName.length > 0);
    assert.deepEqual(
      first.provinces.map((p) => p.code),
      ["35", "73"],
    );
    assert.equal(first.rows.find((r) => r.key === "events_held")?.value, RANKING_PAGE_SIZE + 7);

    const second = await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer, now: NOW, page: 2 });
    assert.deepEqual(
      second.ranking.map((c) => c.id),
      ids.slice(RANKING_PAGE_SIZE),
    );
    // the rest all show 2 %, as do the last ones of the first page: one shared rank
    assert.deepEqual(
      second.ranking.map((c) => c.rank),
      Array.from({ length: 7 }, () => expectedRank(RANKING_PAGE_SIZE)),
    );
    assert.equal(expectedRank(RANKING_PAGE_SIZE), first.ranking.at(-1)!.rank);
    // a page past the end shows the last one
    const beyond = await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer, now: NOW, page: 40 });
    assert.equal(beyond.rankingPage.page, 2);

    const sulsel = await rollupDashboard(t.db, { provinceCode: "73", period: Y, locale: "id", viewer, now: NOW });
    assert.equal(sulsel.chapterCount, 2);
    assert.deepEqual(
      sulsel.ranking.map((c) => [c.id, c.rank]),
      [
        [ids[19], 1],
        [ids[39], 2],
      ],
    );
    assert.equal(sulsel.rows.find((r) => r.key === "participants")?.value, 10 + 19 + (10 + 39));
  });

  it("what should be reached by now is whole for counts and to a tenth for hours (DECISIONS 118)", async () => {
    const [hours] = await t.db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, "volunteer_hours"));
    await t.db.insert(targets).values({ scope: "national", scopeKey: "national", indicatorId: hours!.id, year: 2026, semester: 0, value: 4000 });
    const d = await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer: { id: admin.id, isAdmin: true }, now: NOW });
    const events = d.rows.find((r) => r.key === "events_held")!;
    // the chapters' targets summed: 1 + 2 + … + 57 events
    assert.equal(events.target, 1653);
    assert.equal(events.expected, Math.round(1653 * d.elapsed));
    assert.ok(!Number.isInteger(1653 * d.elapsed), "the fixture is one where the product has decimals");
    const h = d.rows.find((r) => r.key === "volunteer_hours")!;
    assert.equal(h.decimals, 1);
    assert.equal(h.expected, Math.round(4000 * d.elapsed * 10) / 10);
    assert.ok(!Number.isInteger(h.expected!), "hours keep their tenth");
    await t.db.delete(targets).where(eq(targets.scopeKey, "national"));
  });

  it("judges targets at risk at the time of the view, names the province, and opens only the chapters a lead leads", async () => {
    const viewer = { id: admin.id, isAdmin: true };
    // chapter k reached 1 event of its target k + 1: met (k = 0); on 1 June (41 % of the year) on track while
    // 1 ≥ 0.9 × (k + 1) × 0.41, so k = 1; at risk from k = 2; at the year's end every unmet target is missed
    const june = await rollupDashboard(t.db, { provinceCode: "35", period: Y, locale: "id", viewer, now: NOW });
    assert.equal(june.provinceName, "Jawa Timur");
    assert.equal(june.chapterCount, RANKING_PAGE_SIZE + 7 - 2);
    for (const c of june.ranking) {
      const k = ids.indexOf(c.id);
      assert.equal(c.atRisk, k >= 2 ? 1 : 0, `chapter ${k} in June`);
      assert.equal(c.withTargets, 1);
    }
    const december = await rollupDashboard(t.db, { provinceCode: "35", period: Y, locale: "id", viewer, now: new Date("2027-01-05T00:00:00Z") });
    for (const c of december.ranking) assert.equal(c.atRisk, ids.indexOf(c.id) >= 1 ? 1 : 0);

    // a province code that names no province: the page answers 404 on this
    const none = await rollupDashboard(t.db, { provinceCode: "99", period: Y, locale: "id", viewer, now: NOW });
    assert.equal(none.provinceName, null);
    assert.equal(none.chapterCount, 0);
    // a province without chapters: its name, no ranking, page 1 of 1
    const aceh = await rollupDashboard(t.db, { provinceCode: "11", period: Y, locale: "id", viewer, now: NOW, page: 3 });
    assert.ok(aceh.provinceName);
    assert.deepEqual(aceh.ranking, []);
    assert.deepEqual(aceh.rankingPage, { page: 1, pageCount: 1, from: 0, to: 0 });
    assert.equal(aceh.rows.find((r) => r.key === "events_held")?.value, 0);
    assert.equal((await rollupDashboard(t.db, { provinceCode: null, period: Y, locale: "id", viewer, now: NOW })).provinceName, null);

    // a lead (not an admin) may open the chapter they lead, and only that one
    const lead = await createUser(t.db, { name: "Lead Chapter Tiga" });
    await addMembership(t.db, { userId: lead.id, chapterId: ids[3]!, role: "lead" });
    const asLead = await rollupDashboard(t.db, { provinceCode: "35", period: Y, locale: "en", viewer: { id: lead.id, isAdmin: false }, now: NOW });
    assert.deepEqual(
      asLead.ranking.filter((c) => c.canOpen).map((c) => c.id),
      [ids[3]],
    );
    assert.ok(asLead.rows.every((r) => r.name.length > 0 && r.definition.length > 0));
    assert.notEqual(asLead.rows[0]!.name, june.rows[0]!.name, "indicator names in the reader's language");
  });
  it("writes and ranks a chapter's progress as the Laporan does: 1 % once anything counts, 99 % until the target is met", async () => {
    const viewer = { id: admin.id, isAdmin: true };
    const [p] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, "internet-sehat"));
    const [participants] = await t.db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, "participants"));
    // six chapters in Bali, each with a target of 1,000 participants and one approved event of these many
    const reached: [string, number][] = [
      ["Tuntas", 1000],
      ["Hampir A", 996],
      ["Hampir B", 995],
      ["Sedikit A", 3],
      ["Sedikit B", 8],
      ["Nihil", 0],
    ];
    const byName = new Map<number, string>();
    for (const [name, total] of reached) {
      const c = await createChapter(t.db, { regionCode: "51.71", name: `RTIK Bali ${name}` });
      byName.set(c.id, name);
      const startsAt = localToUtc("2026-03-10", "09:00", "Asia/Makassar");
      const [e] = await t.db
        .insert(events)
        .values({ chapterId: c.id, programId: p!.id, regionCode: "51.71", title: `Kegiatan ${name}`, status: "completed", timeZone: "Asia/Makassar", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), checkinCode: `B${name.replace(/\W/g, "")}` })
        .returning({ id: events.id });
      await t.db.insert(eventRoles).values({ eventId: e!.id, name: "Narasumber", capacity: 2 });
      await t.db.insert(outcomeReports).values({ eventId: e!.id, status: "approved", participantsTotal: total, approvedAt: new Date() });
      await t.db.insert(targets).values({ scope: "chapter", scopeKey: `chapter:${c.id}`, chapterId: c.id, indicatorId: participants!.id, year: 2026, semester: 0, value: 1000 });
    }
    const bali = await rollupDashboard(t.db, { provinceCode: "51", period: Y, locale: "id", viewer, now: NOW });
    // 995 of 1,000 is not "100 %" next to the chapter that met its target, and 3 of 1,000 is not "0 %" next to the one
    // that reached nobody: the percent shown is the Laporan's, and chapters showing the same percent share a rank
    assert.deepEqual(
      bali.ranking.map((c) => [byName.get(c.id), progressPercent(c.progress!, 1), c.rank]),
      [
        ["Tuntas", 100, 1],
        ["Hampir A", 99, 2],
        ["Hampir B", 99, 2],
        ["Sedikit B", 1, 4],
        ["Sedikit A", 1, 4],
        ["Nihil", 0, 6],
      ],
    );
  });
});
