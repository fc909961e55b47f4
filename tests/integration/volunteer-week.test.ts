import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { signups } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { getEvent } from "../../app/models/events/events.server";
import { cancelSignup, checkedInNow, checkIn, sendEventReminders, signUp } from "../../app/models/events/signups.server";
import type { JobContext } from "../../app/services/jobs.server";
import { leaveChapter } from "../../app/models/accounts/personal-data.server";
import { setMembershipStatus } from "../../app/models/chapters/chapters.server";
import { attendedEvents, hoursPeriods, issueEventCertificate } from "../../app/models/reports/certificates.server";
import { outcomeReports } from "../../db/schema/events";
import { certificates } from "../../db/schema/reports";
import { renderEmail } from "../../emails";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const HOUR = 3600_000;

function vevents(text: string | null) {
  if (!text) return [];
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")).split("@")[0],
    sequence: Number(v.getFirstPropertyValue("sequence")),
    stamp: String(v.getFirstPropertyValue("dtstamp")),
    status: String(v.getFirstPropertyValue("status")),
  }));
}

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

  const mailsTo = (email: string) =>
    t.db.select({ template: outbox.template, payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, email)).orderBy(asc(outbox.id));
  const icsOf = (payload: unknown) => (payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? null;

  it("dropping day 1 later sends day 1 as CANCELLED, so the entry the sign-up put in the phone's calendar goes", async () => {
    const { eventId, roleId, days } = await bimtek();
    const v = vols[4]!;
    // signed up an hour ago, drops day 1 now
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, now: new Date(Date.now() - HOUR) })).ok, true);
    const signedUp = vevents(icsOf((await mailsTo(v.email))[0]?.payload));
    assert.equal(signedUp.length, 3);
    const dropAt = new Date();
    assert.deepEqual(await cancelSignup(t.db, { eventId, userId: v.id, sessionId: days[0]!.id, now: dropAt }), { ok: true, promotedUserId: null });
    const mails = await mailsTo(v.email);
    assert.equal(mails.length, 2, "the sign-up, then the drop");
    const dropped = mails[1]!;
    assert.equal(dropped.template, "event-signup");
    const cal = vevents(icsOf(dropped.payload));
    assert.deepEqual(cal.map((x) => [x.uid, x.status]), [[signedUp[0]!.uid, "CANCELLED"]], "day 1 only, under the UID it came with");
    assert.ok(cal[0]!.sequence > signedUp[0]!.sequence || cal[0]!.stamp > signedUp[0]!.stamp, "newer than the entry it replaces");
    const told = renderEmail("event-signup", dropped.payload as Record<string, unknown>, "id");
    assert.match(told.subject, /dibatalkan/i);
    assert.doesNotMatch(told.text, /koordinator/i, "they cancelled it themselves");
    assert.match(told.text, /Hari 1/);
    assert.doesNotMatch(told.text, /Hari 2|Hari 3/);
    // signing up for day 1 again a minute later puts it back: newer than the cancellation
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[0]!.id], now: new Date(dropAt.getTime() + 60_000) })).ok, true);
    const again = vevents(icsOf((await mailsTo(v.email))[2]?.payload)).find((x) => x.uid === signedUp[0]!.uid);
    assert.ok(again && again.status === "CONFIRMED");
    assert.ok(again.sequence > cal[0]!.sequence || (again.sequence === cal[0]!.sequence && again.stamp > cal[0]!.stamp), "the new entry wins over the cancellation");
  });

  it("a lead removing someone sends the days they held as CANCELLED too", async () => {
    const { eventId, roleId, days } = await bimtek();
    const v = vols[5]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[1]!.id, days[2]!.id] })).ok, true);
    assert.equal((await cancelSignup(t.db, { eventId, userId: v.id, byLead: true })).ok, true);
    const mails = await mailsTo(v.email);
    const removed = mails[mails.length - 1]!;
    assert.match(renderEmail("event-signup", removed.payload as Record<string, unknown>, "en").subject, /Removed by the lead/);
    assert.deepEqual(vevents(icsOf(removed.payload)).map((x) => [x.uid, x.status]), [
      [`event-${eventId}-2`, "CANCELLED"],
      [`event-${eventId}-3`, "CANCELLED"],
    ]);
  });

  it("leaving the chapter during day 1 of a bimtek gives up days 2 and 3, keeps day 1 attended, and is not called a removal", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const leaver = await createUser(t.db, { name: "Relawan Pindah Kota" });
    await addMembership(t.db, { userId: leaver.id, chapterId });
    const waiting: string[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await createUser(t.db, { name: `Relawan Antre ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      assert.equal((await signUp(t.db, { eventId, roleId, userId: u.id })).ok, true);
    }
    assert.equal((await signUp(t.db, { eventId, roleId, userId: leaver.id })).ok, true);
    for (let i = 0; i < 1; i++) {
      const u = await createUser(t.db, { name: `Relawan Tunggu ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      const r = await signUp(t.db, { eventId, roleId, userId: u.id });
      assert.deepEqual(r, { ok: true, status: "waitlisted", position: 1 });
      waiting.push(u.id);
    }
    const day1 = new Date(days[0]!.startsAt.getTime() + HOUR);
    assert.equal((await checkIn(t.db, { eventId, userId: leaver.id, code, now: day1 })).ok, true);
    assert.equal(await leaveChapter(t.db, leaver.id, chapterId, new Date(day1.getTime() + HOUR)), true);
    const rows = await t.db.select({ sessionId: signups.sessionId, status: signups.status, hours: signups.hoursCredited }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, leaver.id))).orderBy(asc(signups.sessionId));
    assert.deepEqual(rows.map((r) => [r.status, r.hours]), [["confirmed", 8], ["cancelled", null], ["cancelled", null]]);
    const moved = await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, waiting[0]!))).orderBy(asc(signups.sessionId));
    assert.deepEqual(moved.map((r) => r.status), ["waitlisted", "confirmed", "confirmed"], "the waitlist moves up on days 2 and 3");
    const last = (await mailsTo(leaver.email)).pop();
    assert.ok(last);
    assert.doesNotMatch(renderEmail("event-signup", last.payload as Record<string, unknown>, "id").text, /koordinator/i);
    assert.deepEqual(vevents(icsOf(last.payload)).map((x) => [x.uid, x.status]), [[`event-${eventId}-2`, "CANCELLED"], [`event-${eventId}-3`, "CANCELLED"]]);
  });

  it("a lead removing someone after day 1 keeps day 1's attendance and hours", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const v = await createUser(t.db, { name: "Relawan Sakit Hari 2" });
    await addMembership(t.db, { userId: v.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id })).ok, true);
    assert.equal((await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(days[0]!.startsAt.getTime() + HOUR) })).ok, true);
    assert.equal((await cancelSignup(t.db, { eventId, userId: v.id, byLead: true })).ok, true);
    const rows = await t.db.select({ status: signups.status, hours: signups.hoursCredited }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, v.id))).orderBy(asc(signups.sessionId));
    assert.deepEqual(rows.map((r) => [r.status, r.hours]), [["confirmed", 8], ["cancelled", null], ["cancelled", null]]);
  });

  it("the certificate of someone who came on days 2 and 3 gives days 2 and 3 and 16 hours, not day 1", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const v = await createUser(t.db, { name: "Relawan Hari Kedua" });
    await addMembership(t.db, { userId: v.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[1]!.id, days[2]!.id] })).ok, true);
    for (const d of [days[1]!, days[2]!]) assert.equal((await checkIn(t.db, { eventId, userId: v.id, code, now: new Date(d.startsAt.getTime() + HOUR) })).ok, true);
    await t.db.insert(outcomeReports).values({ eventId, status: "approved", participantsTotal: 30, approvedAt: new Date() });
    const [listed] = await attendedEvents(t.db, v.id);
    assert.equal(listed?.hours, 16);
    assert.equal(listed?.startsAt.getTime(), days[1]!.startsAt.getTime(), "the list on /sertifikat dates it by the first day attended");
    const r = await issueEventCertificate(t.db, { eventId, userId: v.id });
    assert.ok(r.ok);
    const [cert] = await t.db.select({ date: certificates.activityDate, hours: certificates.hours }).from(certificates).where(eq(certificates.code, r.code));
    assert.deepEqual(cert, { date: `${inDays(7)},${inDays(8)}`, hours: 16 });
  });

  it("a volunteer set inactive gives up the days ahead: the waitlist moves up and no reminder comes", async () => {
    const { eventId, roleId, days } = await bimtek();
    const quiet = await createUser(t.db, { name: "Relawan Tak Aktif" });
    await addMembership(t.db, { userId: quiet.id, chapterId });
    const others: string[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await createUser(t.db, { name: `Relawan Aktif ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      others.push(u.id);
    }
    for (const id of [quiet.id, ...others.slice(0, 3)]) assert.equal((await signUp(t.db, { eventId, roleId, userId: id, sessionIds: [days[1]!.id] })).ok, true);
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: others[3]!, sessionIds: [days[1]!.id] }), { ok: true, status: "waitlisted", position: 1 });
    assert.equal(await setMembershipStatus(t.db, { chapterId, userId: quiet.id, actorId: leadId, status: "inactive" }), true);
    const status = async (userId: string) => (await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, userId))))[0]?.status;
    assert.equal(await status(quiet.id), "cancelled");
    assert.equal(await status(others[3]!), "confirmed");
    await sendEventReminders({ eventId, sessionId: days[1]!.id }, { db: t.db } as JobContext);
    const reminded = await t.db.select({ to: outbox.toEmail }).from(outbox).where(and(eq(outbox.template, "event-reminder"), eq(outbox.toEmail, quiet.email)));
    assert.equal(reminded.length, 0);
    assert.equal((await t.db.select({ to: outbox.toEmail }).from(outbox).where(eq(outbox.template, "event-reminder"))).length, 4, "the four who hold day 2");
  });

  it("a volunteer who moved away still finds the hours they gave the chapter they left, for a certificate", async () => {
    const { eventId, roleId, code, days } = await bimtek();
    const mover = await createUser(t.db, { name: "Relawan Pindah ke Jayapura" });
    await addMembership(t.db, { userId: mover.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: mover.id, sessionIds: [days[0]!.id] })).ok, true);
    assert.equal((await checkIn(t.db, { eventId, userId: mover.id, code, now: new Date(days[0]!.startsAt.getTime() + HOUR) })).ok, true);
    await t.db.insert(outcomeReports).values({ eventId, status: "approved", participantsTotal: 25, approvedAt: new Date() });
    const now = new Date(days[0]!.endsAt.getTime() + 2 * HOUR);
    const before = await hoursPeriods(t.db, mover.id, now);
    assert.deepEqual(before.map((p) => [p.chapterId, p.hours]), [[chapterId, 8]]);
    assert.equal(await leaveChapter(t.db, mover.id, chapterId, now), true);
    const after = await hoursPeriods(t.db, mover.id, now);
    assert.deepEqual(after.map((p) => [p.chapterId, p.hours]), [[chapterId, 8]]);
  });
});
