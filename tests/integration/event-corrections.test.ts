import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { eventSessions, outcomeReports, signups } from "../../db/schema/events";
import { eventFormDefaults, getEvent, parseEventForm, updateEvent, utcToLocal } from "../../app/models/events/events.server";
import { approveReport } from "../../app/models/events/outcomes.server";
import { cancelSignup, markAttendance, signUp } from "../../app/models/events/signups.server";
import { issueEventCertificate, revokeCertificate } from "../../app/models/reports/certificates.server";
import { computeIndicators, computeIndicatorsFromRecords } from "../../app/models/reports/indicators.server";
import { currentPeriod } from "../../app/models/reports/period";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, formOf, todayIn } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const ZONE = "Asia/Makassar";
/** A date n days from today, on the calendar of Makassar (WITA). */
const witaDay = (n: number) => {
  const [y, m, d] = todayIn(ZONE).split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
};

/** A lead corrects an event after it began: the day's times, the days ahead, someone's attended day. WITA chapter. */
describe("a lead corrects an event after it began", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";
  let secondLeadId = "";
  const vols: string[] = [];

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "73.71", name: "RTIK Kota Makassar" }));
    const second = await createUser(t.db, { name: "Andi Koordinator Dua" });
    await addMembership(t.db, { userId: second.id, chapterId, role: "lead" });
    secondLeadId = second.id;
    for (let i = 0; i < 42; i++) {
      const u = await createUser(t.db, { name: `Relawan Makassar ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      vols.push(u.id);
    }
  });
  after(async () => {
    await t.close();
  });

  /** The edit form as the edit page fills it, with the fields the lead changed. */
  async function edit(eventId: number, changes: Record<string, string>, userId = leadId) {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const roles: Record<string, string> = {};
    e.roles.forEach((r, i) => {
      roles[`role.${i}.name`] = r.name;
      roles[`role.${i}.capacity`] = String(r.capacity);
      if (r.hours) roles[`role.${i}.hours`] = String(r.hours);
    });
    const parsed = parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), ...roles, ...changes }));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    return updateEvent(t.db, { eventId, chapterId, userId, form: parsed.data });
  }

  const hoursOf = async (sessionId: number) =>
    (await t.db.select({ userId: signups.userId, hours: signups.hoursCredited }).from(signups).where(and(eq(signups.sessionId, sessionId), isNotNull(signups.attendedAt))).orderBy(asc(signups.id))).map(
      (r) => r.hours,
    );

  it("a day's hours follow its corrected times; hours set for the role, or written for a person, stay", async () => {
    // a three-day bimtek that began yesterday (WITA), planned 08:00–16:00; day 1 ran 08:00–12:00
    const eventId = await createOutreachEvent(t.db, {
      chapterId,
      leadId,
      venueRegion: "73.71.01",
      title: "Bimtek Literasi Digital Guru",
      date: witaDay(-1),
      days: 3,
      startTime: "08:00",
      endTime: "16:00",
      roles: [
        { name: "Fasilitator", capacity: 40 },
        { name: "Panitia", capacity: 2, hours: 5 },
      ],
    });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const [fasil, panitia] = e.roles;
    const [day1, day2] = e.sessions;
    // 40 facilitators marked present on day 1 by the lead, two from the committee
    for (const v of vols.slice(0, 40)) assert.equal((await signUp(t.db, { eventId, roleId: fasil!.id, userId: v, sessionIds: [day1!.id], assignedBy: leadId })).ok, true);
    for (const v of vols.slice(40, 42)) assert.equal((await signUp(t.db, { eventId, roleId: panitia!.id, userId: v, sessionIds: [day1!.id], assignedBy: leadId })).ok, true);
    const rows = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.sessionId, day1!.id)).orderBy(asc(signups.id));
    for (const r of rows) assert.equal(await markAttendance(t.db, { eventId, signupId: r.id, attended: true }), true);
    // one facilitator's hours were written for her by hand (she came for two hours only)
    await t.db.update(signups).set({ hoursCredited: 2 }).where(eq(signups.id, rows[0]!.id));
    assert.deepEqual(await hoursOf(day1!.id), [2, ...Array(39).fill(8), 5, 5]);

    assert.deepEqual(await edit(eventId, { endTime: "12:00" }), { ok: true, eventId });
    assert.deepEqual(await hoursOf(day1!.id), [2, ...Array(39).fill(4), 5, 5], "day 1's length now gives 4 hours; the role's 5 and the hand-written 2 stay");
    const [s1] = await t.db.select().from(eventSessions).where(eq(eventSessions.id, day1!.id));
    assert.equal(utcToLocal(s1!.endsAt, ZONE).time, "12:00");
    // the days still ahead take the form's times too; nobody attended them, so nothing is credited there
    assert.deepEqual(await hoursOf(day2!.id), []);
  });

  it("an approved event's corrected hours move the maintained figures with the raw ones", async () => {
    const date = witaDay(-3);
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Kelas Internet Sehat", date, startTime: "08:00", endTime: "16:00", roles: [{ name: "Narasumber", capacity: 5 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    for (const v of vols.slice(0, 3)) assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v, assignedBy: leadId })).ok, true);
    for (const r of await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId))) await markAttendance(t.db, { eventId, signupId: r.id, attended: true });
    await t.db.insert(outcomeReports).values({ eventId, status: "submitted", participantsTotal: 30 });
    assert.equal((await approveReport(t.db, { eventId, chapterId, userId: leadId })).ok, true);
    const period = currentPeriod(new Date(`${date}T04:00:00Z`), ZONE);
    const hours = async () => {
      const kept = (await computeIndicators(t.db, { chapterIds: [chapterId], period, keys: ["volunteer_hours"] })).get(chapterId)?.get("volunteer_hours");
      const raw = (await computeIndicatorsFromRecords(t.db, { chapterIds: [chapterId], period, keys: ["volunteer_hours"] })).get(chapterId)?.get("volunteer_hours");
      assert.deepEqual(kept, raw, "maintained figures equal the raw computation");
      return kept?.total ?? 0;
    };
    const before = await hours();
    assert.deepEqual(await edit(eventId, { endTime: "11:00" }), { ok: true, eventId });
    assert.equal(await hours(), before - 3 * 5, "three volunteers, 8 hours each became 3");
  });

  it("a certificate issued with the old hours is not rewritten: the correction waits until it is revoked", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Pelatihan Operator Sekolah", date: witaDay(-4), startTime: "08:00", endTime: "16:00", roles: [{ name: "Narasumber", capacity: 5 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const v = vols[5]!;
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v, assignedBy: leadId })).ok, true);
    const [row] = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId));
    await markAttendance(t.db, { eventId, signupId: row!.id, attended: true });
    await t.db.insert(outcomeReports).values({ eventId, status: "submitted", participantsTotal: 12 });
    assert.equal((await approveReport(t.db, { eventId, chapterId, userId: leadId })).ok, true);
    const cert = await issueEventCertificate(t.db, { eventId, userId: v });
    assert.ok(cert.ok);
    assert.deepEqual(await edit(eventId, { endTime: "12:00" }), { ok: false, errors: { endTime: ["events.hoursCertified"] } });
    assert.deepEqual(await hoursOf(e.sessions[0]!.id), [8]);
    // a change of title alone still saves
    assert.deepEqual(await edit(eventId, { title: "Pelatihan Operator Sekolah (Dapodik)" }), { ok: true, eventId });
    assert.equal((await revokeCertificate(t.db, { chapterId, code: cert.code, reason: "Jam kegiatan dikoreksi", by: leadId })).ok, true);
    assert.deepEqual(await edit(eventId, { endTime: "12:00" }), { ok: true, eventId });
    assert.deepEqual(await hoursOf(e.sessions[0]!.id), [4]);
  });

  it("moving the days ahead never moves a day held: the edit is refused next to the date", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Website Desa", date: witaDay(-1), days: 3, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 5 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const v = vols[6]!;
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v, sessionIds: [e.sessions[0]!.id], assignedBy: leadId })).ok, true);
    const [row] = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId));
    await markAttendance(t.db, { eventId, signupId: row!.id, attended: true });
    const before = await t.db.select({ startsAt: eventSessions.startsAt }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
    // the lead shifts the start a day later to move day 3: every day would move, day 1 (attended) too
    assert.deepEqual(await edit(eventId, { date: witaDay(0) }), { ok: false, errors: { date: [`events.heldDayMoved?day=1&date=${witaDay(-1)}`] } });
    const after = await t.db.select({ startsAt: eventSessions.startsAt }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
    assert.deepEqual(after, before, "nothing moved");
    // a day over with people confirmed is held too, though the lead has not marked anyone yet
    const unmarked = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", date: witaDay(-2), days: 3, roles: [{ name: "Fasilitator", capacity: 5 }] });
    const u = await getEvent(t.db, unmarked);
    assert.equal((await signUp(t.db, { eventId: unmarked, roleId: u!.roles[0]!.id, userId: vols[9]!, assignedBy: leadId })).ok, true);
    const r = await edit(unmarked, { date: witaDay(1) });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors.date, [`events.heldDayMoved?day=1&date=${witaDay(-2)}`]);
    // a past date nobody held (the year typed wrong, nobody signed up) is corrected freely
    const typo = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", date: witaDay(-365), days: 2, roles: [{ name: "Fasilitator", capacity: 5 }] });
    assert.deepEqual(await edit(typo, { date: witaDay(3) }), { ok: true, eventId: typo });
    // a day added at the end, and the times corrected, save: the held days keep their dates
    assert.deepEqual(await edit(eventId, { days: "4", startTime: "08:30" }), { ok: true, eventId });
    const days = await t.db.select({ startsAt: eventSessions.startsAt }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
    assert.deepEqual(days.map((d) => utcToLocal(d.startsAt, ZONE).date), [witaDay(-1), witaDay(0), witaDay(1), witaDay(2)]);
  });

  it("two leads correcting the same day at the same moment: the hours follow the one saved last", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Sosialisasi PeduliLindungi", date: witaDay(-2), startTime: "08:00", endTime: "16:00", roles: [{ name: "Narasumber", capacity: 10 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    for (const v of vols.slice(10, 16)) assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v, assignedBy: leadId })).ok, true);
    const ids = (await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId)).orderBy(asc(signups.id))).map((r) => r.id);
    // one lead marks people present while the other corrects the times
    await Promise.all([
      edit(eventId, { endTime: "12:00" }, leadId),
      edit(eventId, { endTime: "11:00" }, secondLeadId),
      ...ids.map((id) => markAttendance(t.db, { eventId, signupId: id, attended: true })),
    ]);
    const [s] = await t.db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId));
    const expected = Math.round((s!.endsAt.getTime() - s!.startsAt.getTime()) / 3600_000);
    assert.ok(expected === 4 || expected === 3);
    assert.deepEqual(await hoursOf(s!.id), Array(6).fill(expected), "every present volunteer has the length of the day as saved");
  });

  it("a lead removing someone from an attended day is told to unmark the attendance first", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", date: witaDay(-1), days: 2, roles: [{ name: "Fasilitator", capacity: 5 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const v = vols[7]!;
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v, sessionIds: [e.sessions[0]!.id], assignedBy: leadId })).ok, true);
    const [row] = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId));
    await markAttendance(t.db, { eventId, signupId: row!.id, attended: true });
    assert.deepEqual(await cancelSignup(t.db, { eventId, userId: v, sessionId: e.sessions[0]!.id, byLead: true }), { ok: false, reason: "attended" });
    // someone never signed up is still "not found"
    assert.deepEqual(await cancelSignup(t.db, { eventId, userId: vols[8]!, sessionId: e.sessions[0]!.id, byLead: true }), { ok: false, reason: "notFound" });
    // unmarked, the removal goes through
    await markAttendance(t.db, { eventId, signupId: row!.id, attended: false });
    assert.equal((await cancelSignup(t.db, { eventId, userId: v, sessionId: e.sessions[0]!.id, byLead: true })).ok, true);
  });
});
