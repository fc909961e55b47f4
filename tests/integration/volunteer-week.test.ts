import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import { signups } from "../../db/schema/events";
import { getEvent } from "../../app/models/events/events.server";
import { checkedInNow, checkIn, signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const HOUR = 3600_000;

/** A volunteer's own week, in a WITA chapter: a three-day bimtek, day by day. */
describe("a volunteer's week: check-in day by day", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";
  const vols: { id: string; email: string }[] = [];

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "73.71", name: "RTIK Kota Makassar" }));
    for (let i = 0; i < 6; i++) {
      const u = await createUser(t.db, { name: `Relawan Makassar ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  async function bimtek() {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date: inDays(6), days: 3, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const days = e.sessions.map((s) => ({ id: s.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
    return { eventId, roleId: e.roles[0]?.id ?? 0, code: e.checkinCode, days };
  }

  it("the check-in page of day 2 asks for the code again, though day 1 was checked in yesterday", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const v = vols[0]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id })).ok, true);
    const day1Morning = new Date(days[0]!.startsAt.getTime() + HOUR / 2);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: day1Morning }), { ok: true, hours: 8, sessionId: days[0]!.id });
    assert.equal(await checkedInNow(t.db, eventId, v.id, day1Morning), true);
    // 07:30 WITA on day 2: day 1 was yesterday; the page must show the form for today, not "you're in"
    const day2Early = new Date(days[1]!.startsAt.getTime() - HOUR / 2);
    assert.equal(await checkedInNow(t.db, eventId, v.id, day2Early), false);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: day2Early }), { ok: true, hours: 8, sessionId: days[1]!.id });
    assert.equal(await checkedInNow(t.db, eventId, v.id, day2Early), true);
  });

  it("coming on a day not held credits nothing, not even the day before that was missed", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const v = vols[1]!;
    // holds day 1 and day 3, missed day 1, comes on day 2
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[0]!.id, days[2]!.id] })).ok, true);
    const day2Morning = new Date(days[1]!.startsAt.getTime() + HOUR);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: day2Morning }), { ok: false, reason: "notToday" });
    assert.equal(await checkedInNow(t.db, eventId, v.id, day2Morning), false);
    // late the same evening of day 1 still counts for day 1 (they forgot to press on site)
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(days[0]!.endsAt.getTime() + 5 * HOUR) }), { ok: true, hours: 8, sessionId: days[0]!.id });
    // pressing again on day 2 credits nothing new either
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: day2Morning }), { ok: false, reason: "notToday" });
    // day 3 is theirs
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(days[2]!.startsAt.getTime() + HOUR) }), { ok: true, hours: 8, sessionId: days[2]!.id });
    const rows = await t.db.select({ hours: signups.hoursCredited }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, v.id))).orderBy(asc(signups.sessionId));
    assert.deepEqual(rows.map((r) => r.hours), [8, 8]);
  });

  it("the day after the last day, a volunteer who forgot to press still checks in for it", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const v = vols[2]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[2]!.id] })).ok, true);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(days[2]!.endsAt.getTime() + 20 * HOUR) }), { ok: true, hours: 8, sessionId: days[2]!.id });
    // someone holding only day 1 cannot check in on day 3: told it is not their day, not that check-in is closed
    const w = vols[3]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: w.id, sessionIds: [days[0]!.id] })).ok, true);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: w.id, code, now: new Date(days[2]!.startsAt.getTime()) }), { ok: false, reason: "notToday" });
    // and two days after the end, check-in is closed for everyone
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(days[2]!.endsAt.getTime() + 25 * HOUR) }), { ok: false, reason: "notOpen" });
  });
});
