import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { eventRoles, events, eventSessions, institutions, outcomeInstitutions, outcomeReports, programs, signups } from "../../db/schema/events";
import { rowsOf } from "../../db/rows";
import { localToUtc } from "../../app/models/events/events.server";
import { approveReport, returnReport } from "../../app/models/events/outcomes.server";
import { computeIndicators, computeIndicatorsFromRecords, IMPLEMENTATIONS, scopeFigures, sumFigures } from "../../app/models/reports/indicators.server";
import type { Period } from "../../app/models/reports/period";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const Y: Period = { year: 2026, semester: 0 };

/**
 * Approvals and returns pressed at the same moment, in one chapter and across chapters of one province: the
 * same institutions and volunteers appear in many reports, so a "distinct" figure is right only if refreshes of
 * one chapter-year follow each other and the province/national deltas all land.
 */
describe("maintained roll-ups under simultaneous approvals", () => {
  let t: TestDatabase;
  const evs: { id: number; chapterId: number; leadId: string }[] = [];
  // every event of 2026 is over by then (approval waits for the end)
  const LATER = new Date("2027-01-15T00:00:00Z");
  let chapterIds: number[] = [];

  before(async () => {
    t = await createTestDatabase();
    const [p] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, "internet-sehat"));
    const volunteers = [];
    for (let i = 0; i < 6; i++) volunteers.push(await createUser(t.db, { name: `Relawan ${i}` }));
    for (const regionCode of ["35.09", "35.78", "35.09"]) {
      const c = await createChapter(t.db, { regionCode });
      const lead = await createUser(t.db, { name: "Ketua" });
      await addMembership(t.db, { userId: lead.id, chapterId: c.id, role: "lead" });
      chapterIds.push(c.id);
      const schools = [];
      for (let k = 0; k < 3; k++) {
        const [row] = await t.db.insert(institutions).values({ type: "school", name: `SD ${c.id}-${k}`, regionCode, dedupKey: `conc|${c.id}|${k}` }).returning({ id: institutions.id });
        schools.push(row!.id);
      }
      for (let n = 0; n < 12; n++) {
        const startsAt = localToUtc(`2026-${String(1 + (n % 12)).padStart(2, "0")}-15`, "09:00", "Asia/Jakarta");
        const [e] = await t.db
          .insert(events)
          .values({ chapterId: c.id, programId: p!.id, regionCode, title: `Kegiatan ${n}`, status: "completed", timeZone: "Asia/Jakarta", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), checkinCode: `K${n}` })
          .returning({ id: events.id });
        const [role] = await t.db.insert(eventRoles).values({ eventId: e!.id, name: "Fasilitator", capacity: 10 }).returning({ id: eventRoles.id });
        const [session] = await t.db.insert(eventSessions).values({ eventId: e!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }).returning({ id: eventSessions.id });
        const [rep] = await t.db.insert(outcomeReports).values({ eventId: e!.id, status: "submitted", participantsTotal: 10 + n }).returning({ id: outcomeReports.id });
        await t.db.insert(outcomeInstitutions).values({ reportId: rep!.id, institutionId: schools[n % 3]! });
        for (const v of volunteers.slice(0, 1 + (n % 5)))
          await t.db.insert(signups).values({ eventId: e!.id, roleId: role!.id, sessionId: session!.id, userId: v.id, status: "confirmed", queuedAt: new Date(), attendedAt: startsAt, hoursCredited: 2 });
        evs.push({ id: e!.id, chapterId: c.id, leadId: lead.id });
      }
    }
    chapterIds = [...new Set(chapterIds)];
  });
  after(async () => {
    await t?.close();
  });

  async function assertEqualToRecords() {
    const raw = await computeIndicatorsFromRecords(t.db, { chapterIds: null, period: Y });
    const kept = await computeIndicators(t.db, { chapterIds: null, period: Y });
    const province = await scopeFigures(t.db, { provinceCode: "35", period: Y });
    const nation = await scopeFigures(t.db, { provinceCode: null, period: Y });
    for (const key of Object.keys(IMPLEMENTATIONS)) {
      for (const id of chapterIds) assert.deepEqual(sumFigures(kept, key, 12, [id]), sumFigures(raw, key, 12, [id]), `chapter ${id} ${key}`);
      const all = sumFigures(raw, key, 12);
      assert.deepEqual(province.get(key) ?? { total: 0, months: Array(12).fill(0) }, all, `province ${key}`);
      assert.deepEqual(nation.get(key) ?? { total: 0, months: Array(12).fill(0) }, all, `nation ${key}`);
    }
  }

  it("every approval lands once, whatever the interleaving", async () => {
    const results = await Promise.all(evs.map((e) => approveReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: e.leadId, now: LATER })));
    assert.ok(results.every((r) => r.ok));
    await assertEqualToRecords();
    const total = await scopeFigures(t.db, { provinceCode: null, period: Y });
    assert.equal(total.get("events_held")?.total, evs.length);
    assert.equal(total.get("active_volunteers")?.total, 5 * chapterIds.length);
  });

  it("returns and approvals at the same time", async () => {
    await Promise.all(evs.filter((_, i) => i % 2 === 0).map((e) => returnReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: e.leadId, note: "Lengkapi foto" })));
    await t.db.update(outcomeReports).set({ status: "submitted" }).where(sql`status = 'returned' and event_id % 3 = 0`);
    const again = evs.filter((_, i) => i % 2 === 0);
    await Promise.all([
      ...again.map((e) => approveReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: e.leadId, now: LATER })),
      ...evs.filter((_, i) => i % 4 === 1).map((e) => returnReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: e.leadId, note: "Periksa lagi" })),
    ]);
    await assertEqualToRecords();
    const dirty = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from figure_dirty`))[0]?.n;
    assert.equal(Number(dirty), 0);
  });
});
