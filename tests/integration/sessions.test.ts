import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { signups } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { getEvent, listUpcomingEvents, parseEventForm, updateEvent, eventFormDefaults } from "../../app/models/events/events.server";
import { cancelSignup, checkIn, sendEventReminders, setRoleCapacity, signUp } from "../../app/models/events/signups.server";
import { eventIcs, personalFeed, resetCalendarToken } from "../../app/models/events/calendar.server";
import { approveReport, saveReport } from "../../app/models/events/outcomes.server";
import { renderEmail } from "../../emails";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

function vevents(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({ uid: String(v.getFirstPropertyValue("uid")), summary: String(v.getFirstPropertyValue("summary")), start: v.getFirstPropertyValue("dtstart")?.toString() ?? "" }));
}

/** The Pekalongan network bimtek: three days, Angkatan 1–3, four technicians a day. */
describe("sessions: per-day places, waitlists, calendars, emails, check-in; honest report timing", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const vols: { id: string; email: string }[] = [];
  let eventId = 0;
  let roleId = 0;
  let days: { id: number; startsAt: Date; endsAt: Date }[] = [];

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "33.75", name: "RTIK Kota Pekalongan" });
    lead = await createUser(t.db, { name: "Lead Pekalongan" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    for (let i = 0; i < 8; i++) {
      const u = await createUser(t.db, { name: `Teknisi ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      vols.push(u);
    }
    eventId = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "33.75.01",
      title: "Bimtek Jaringan OPD",
      date: inDays(10),
      startTime: "08:00",
      endTime: "16:00",
      days: 3,
      sessionLabels: "Angkatan 1\nAngkatan 2\nAngkatan 3",
      cutoffHours: 12,
      roles: [{ name: "Teknisi", capacity: 4 }],
    });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    roleId = e.roles[0]?.id ?? 0;
    days = e.sessions;
    assert.equal(days.length, 3);
  });
  after(async () => {
    await t.close();
  });

  const day = (n: 1 | 2 | 3) => days[n - 1]?.id ?? 0;
  const statusOn = async (userId: string, n: 1 | 2 | 3) =>
    (await t.db.select({ status: signups.status, pos: signups.waitlistPosition }).from(signups).where(and(eq(signups.sessionId, day(n)), eq(signups.userId, userId))))[0] ?? null;

  it("keeps four places per day: the fifth on day 2 is waitlisted while day 1 and 3 still have room", async () => {
    for (const v of vols.slice(0, 4)) assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [day(2)] }), { ok: true, status: "confirmed", position: null });
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: vols[4]!.id, sessionIds: [day(2)] }), { ok: true, status: "waitlisted", position: 1 });
    // the same person is confirmed on day 1 and day 3 in one go
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: vols[4]!.id, sessionIds: [day(1), day(3)] }), { ok: true, status: "confirmed", position: null });
    assert.equal((await statusOn(vols[4]!.id, 1))?.status, "confirmed");
    assert.equal((await statusOn(vols[4]!.id, 2))?.status, "waitlisted");
    assert.equal((await statusOn(vols[4]!.id, 3))?.status, "confirmed");
    // again for a day already held: nothing changes
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: vols[4]!.id, sessionIds: [day(1)] }), { ok: false, reason: "already" });
    // "all days" for someone new: confirmed on 1 and 3, waitlisted (no. 2) on 2
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: vols[5]!.id }), { ok: true, status: "partial", position: 2 });
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, vols[5]!.email), eq(outbox.template, "event-signup")));
    const told = renderEmail("event-signup", mail?.payload as Record<string, unknown>, "id");
    assert.match(told.subject, /^Terdaftar di sebagian hari: /, "not 'Daftar tunggu' for someone who holds two of the three days");
    assert.match(told.text, /terdaftar di sebagian hari dan masuk daftar tunggu di hari lain/);
    const e = await getEvent(t.db, eventId);
    const placed = (n: 1 | 2 | 3) => e?.places.find((p) => p.sessionId === day(n));
    assert.deepEqual([placed(1)?.confirmed, placed(2)?.confirmed, placed(3)?.confirmed], [2, 4, 2]);
    assert.deepEqual([placed(1)?.waitlisted, placed(2)?.waitlisted, placed(3)?.waitlisted], [0, 2, 0]);
  });

  it("the events list says where a volunteer stands across the days, and counts places over all days", async () => {
    const [row] = (await listUpcomingEvents(t.db, { chapterIds: [chapter.id], userId: vols[4]!.id })).filter((e) => e.id === eventId);
    assert.equal(row?.myStatus, "confirmed");
    assert.equal(row?.places, 12);
    assert.equal(row?.confirmed, 8);
  });

  it("the signup email lists each day's hours and the place held on each, not one 56-hour block", async () => {
    const [mail] = await t.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.toEmail, vols[5]!.email), eq(outbox.template, "event-signup")));
    assert.ok(mail);
    const rendered = renderEmail("event-signup", mail.payload as Record<string, unknown>, "id");
    assert.match(rendered.text, /Hari 1 \(Angkatan 1\): .*08\.00.*16\.00 WIB — terdaftar/);
    assert.match(rendered.text, /Hari 2 \(Angkatan 2\): .*— daftar tunggu no\. 2/);
    assert.match(rendered.text, /Hari 3 \(Angkatan 3\): .*— terdaftar/);
    assert.doesNotMatch(rendered.text, /Waktu: .*–.*(Jumat|Friday)/);
  });

  it("promotes per day: a day-2 cancellation moves day 2's waitlist only", async () => {
    const r = await cancelSignup(t.db, { eventId, userId: vols[0]!.id, sessionId: day(2) });
    assert.deepEqual(r, { ok: true, promotedUserId: vols[4]!.id });
    assert.equal((await statusOn(vols[4]!.id, 2))?.status, "confirmed");
    assert.deepEqual(await statusOn(vols[5]!.id, 2), { status: "waitlisted", pos: 1 });
    const promoted = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, vols[4]!.email), eq(outbox.template, "event-promoted")));
    assert.equal(promoted.length, 1);
    // a lead raising day 2 to five places promotes the next one there, and only there
    assert.ok(await setRoleCapacity(t.db, { eventId, roleId, capacity: 5, sessionId: day(2) }));
    assert.equal((await statusOn(vols[5]!.id, 2))?.status, "confirmed");
    const e = await getEvent(t.db, eventId);
    assert.deepEqual(
      days.map((d) => e?.places.find((p) => p.sessionId === d.id)?.capacity),
      [4, 5, 4],
    );
  });

  it("the calendar of a volunteer holding day 1 and day 3 has exactly those two days", async () => {
    const v = vols[6]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [day(1), day(3)] })).ok, true);
    const token = await resetCalendarToken(t.db, v.id);
    const feed = vevents((await personalFeed(t.db, token)) ?? "");
    assert.equal(feed.length, 2);
    assert.deepEqual(
      feed.map((f) => f.summary),
      ["Bimtek Jaringan OPD (1/3 · Angkatan 1)", "Bimtek Jaringan OPD (3/3 · Angkatan 3)"],
    );
    // the event's own .ics for them too; for someone holding nothing, every day
    assert.equal(vevents((await eventIcs(t.db, eventId, v.id)) ?? "").length, 2);
    assert.equal(vevents((await eventIcs(t.db, eventId, lead.id)) ?? "").length, 3);
    // the confirmation's attachment: the two days only
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, v.email), eq(outbox.template, "event-signup")));
    const att = (mail?.payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? "";
    assert.equal(vevents(att).length, 2);
  });

  it("the reminder of a day gives that day's hours and attaches that day only", async () => {
    const job = (sessionId: number) => ({ db: t.db, job: { id: 0, kind: "event-reminder", dedupKey: `event-reminder:${eventId}:${sessionId}`, attempt: 1, runAt: new Date() } });
    await sendEventReminders({ eventId, sessionId: day(3) }, job(day(3)));
    const mails = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, vols[6]!.email), eq(outbox.template, "event-reminder")));
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    const text = renderEmail("event-reminder", mail.payload as Record<string, unknown>, "en").text;
    assert.match(text, /Day 3 \(Angkatan 3\): .*08:00.*16:00 WIB/);
    assert.doesNotMatch(text, /Day 1|Day 2/);
    const att = (mail.payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? "";
    assert.deepEqual(vevents(att).map((v) => v.summary), ["Bimtek Jaringan OPD (3/3 · Angkatan 3)"]);
  });

  it("checks in per day: day 1's code credits day 1's hours, not day 2 they do not hold", async () => {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const v = vols[6]!;
    const onDay = (n: 1 | 2 | 3) => new Date((days[n - 1]?.startsAt.getTime() ?? 0) + 3600_000);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code: e.checkinCode, now: onDay(1) }), { ok: true, hours: 8, sessionId: day(1) });
    // pressing again on day 2 (not held) credits nothing, and says today is not theirs
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code: e.checkinCode, now: onDay(2) }), { ok: false, reason: "notToday" });
    // someone holding day 3 only cannot check in on day 1
    assert.equal((await signUp(t.db, { eventId, roleId, userId: vols[7]!.id, sessionIds: [day(3)] })).ok, true);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: vols[7]!.id, code: e.checkinCode, now: onDay(1) }), { ok: false, reason: "notToday" });
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code: e.checkinCode, now: onDay(3) }), { ok: true, hours: 8, sessionId: day(3) });
    const rows = await t.db.select({ hours: signups.hoursCredited }).from(signups).where(eq(signups.userId, v.id)).orderBy(asc(signups.sessionId));
    assert.deepEqual(rows.map((r) => r.hours), [8, 8]);
  });

  it("an edit keeps the places people hold, and refuses dropping a day someone holds", async () => {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const defaults = eventFormDefaults(e);
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...defaults, venueId: String(e.venueId), startTime: "09:00" })) form.set(k, v);
    form.set("role.0.name", "Teknisi");
    form.set("role.0.capacity", "4");
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    assert.equal((await statusOn(vols[6]!.id, 3))?.status, "confirmed", "a time change keeps the places");
    // the edit page opened again after that save (it carries the event's sequence as loaded)
    form.set("loaded", String((await getEvent(t.db, eventId))?.sequence));
    const twoDays = parseEventForm((() => {
      form.set("days", "2");
      return form;
    })());
    assert.ok(twoDays.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: twoDays.data }), { ok: false, errors: { days: ["events.sessionHeld"] } });
    assert.equal((await getEvent(t.db, eventId))?.sessions.length, 3);
  });

  it("refuses a report before the event starts and its approval before the event ends", async () => {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const report = { eventId, chapterRegion: "33.75", eventRegion: "33.75.01", userId: lead.id, form: { participantsTotal: 94, notes: "", institutionIds: [] }, onboarded: [], photos: [] };
    assert.deepEqual(await saveReport(t.db, report), { ok: false, reason: "notStarted" }, "a report for a future event");
    const duringDay2 = new Date((days[1]?.startsAt.getTime() ?? 0) + 3600_000);
    const filed = await saveReport(t.db, { ...report, now: duringDay2 });
    assert.equal(filed.ok, true, "filed once the event has started");
    assert.deepEqual(await approveReport(t.db, { eventId, chapterId: chapter.id, userId: lead.id, now: duringDay2 }), { ok: false, reason: "notEnded" });
    assert.deepEqual(await approveReport(t.db, { eventId, chapterId: chapter.id, userId: lead.id, now: new Date(e.endsAt.getTime() + 60_000) }), { ok: true });
  });
});
