import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq, isNotNull, like } from "drizzle-orm";
import ICAL from "ical.js";
import { eventSessions, outcomeReports, signups } from "../../db/schema/events";
import { jobs, outbox } from "../../db/schema/outbox";
import { certificates } from "../../db/schema/reports";
import { eventFormDefaults, getEvent, parseEventForm, updateEvent, utcToLocal } from "../../app/models/events/events.server";
import { dayFormDefaults, parseDayForm, updateEventDay } from "../../app/models/events/event-days.server";
import { markAttendance, signUp } from "../../app/models/events/signups.server";
import { attendedEvents, getCertificate, issueEventCertificate } from "../../app/models/reports/certificates.server";
import { certificatePdf } from "../../app/models/reports/pdf.server";
import { formatDays } from "../../app/i18n/format";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, formOf, todayIn } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";

const ZONE = "Asia/Makassar";
/** A date n days from today, on the calendar of Makassar (WITA). */
const witaDay = (n: number) => {
  const [y, m, d] = todayIn(ZONE).split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
};

function vevents(text: string | null) {
  if (!text) return [];
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")).split("@")[0],
    sequence: Number(v.getFirstPropertyValue("sequence")),
    start: String(v.getFirstPropertyValue("dtstart")),
    end: String(v.getFirstPropertyValue("dtend")),
  }));
}

/** A three-day bimtek whose days do not all run the same hours, as a WITA chapter runs it. */
describe("a multi-day event's days, each with its own times", () => {
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

  async function bimtek(date: string, roles = [{ name: "Fasilitator", capacity: 40 }]) {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date, days: 3, startTime: "08:00", endTime: "16:00", roles });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    return { eventId, roleId: e.roles[0]!.id, days: e.sessions.map((s) => s.id), e };
  }

  /** One day's form as the days page fills it, with the fields the lead changed. */
  async function editDay(eventId: number, n: number, changes: Record<string, string>) {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const d = dayFormDefaults(e)[n - 1]!;
    const parsed = parseDayForm(formOf({ sessionId: String(d.id), date: d.date, startTime: d.startTime, endTime: d.endTime, label: d.label, ...changes }));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    return updateEventDay(t.db, { eventId, chapterId, form: parsed.data });
  }

  /** The event form as the edit page fills it, with the fields the lead changed. */
  async function edit(eventId: number, changes: Record<string, string>) {
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const roles: Record<string, string> = {};
    e.roles.forEach((r, i) => {
      roles[`role.${i}.name`] = r.name;
      roles[`role.${i}.capacity`] = String(r.capacity);
    });
    const parsed = parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), ...roles, ...changes }));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    return updateEvent(t.db, { eventId, chapterId, userId: leadId, form: parsed.data });
  }

  const times = async (eventId: number) =>
    (await t.db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt))).map((s) => {
      const a = utcToLocal(s.startsAt, ZONE);
      return `${a.date} ${a.time}–${utcToLocal(s.endsAt, ZONE).time}`;
    });
  const mailsTo = (email: string, template = "event-changed") =>
    t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, email), eq(outbox.template, template))).orderBy(asc(outbox.id));
  const icsOf = (payload: unknown) => (payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? null;

  it("day 3 ends at noon: the other days keep 08:00–16:00, those holding day 3 get the new time in their calendar, its reminder follows", async () => {
    const date = witaDay(5);
    const { eventId, roleId, days } = await bimtek(date);
    const [all, onlyDay1, day3] = [vols[0]!, vols[1]!, vols[2]!];
    assert.equal((await signUp(t.db, { eventId, roleId, userId: all.id })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: onlyDay1.id, sessionIds: [days[0]!] })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: day3.id, sessionIds: [days[2]!] })).ok, true);
    const seqBefore = (await getEvent(t.db, eventId))!.sequence;

    assert.deepEqual(await editDay(eventId, 3, { endTime: "12:00", label: "Penutupan" }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${date} 08:00–16:00`, `${witaDay(6)} 08:00–16:00`, `${witaDay(7)} 08:00–12:00`]);
    const e = (await getEvent(t.db, eventId))!;
    assert.equal(utcToLocal(e.endsAt, ZONE).time, "12:00", "the event ends when its last day does");
    assert.equal(e.sequence, seqBefore + 1);
    assert.equal(e.sessions[2]!.label, "Penutupan");

    assert.equal((await mailsTo(onlyDay1.email)).length, 0, "someone holding day 1 only hears nothing");
    for (const v of [all, day3]) {
      const mails = await mailsTo(v.email);
      assert.equal(mails.length, 1);
      const cal = vevents(icsOf(mails[0]!.payload));
      const three = cal.find((x) => x.uid === `event-${eventId}-3`);
      assert.ok(three, "day 3 in the .ics under its UID");
      assert.equal(three.sequence, seqBefore + 1);
      assert.match(three.end, /T04:00:00Z?$|T12:00:00/, "day 3 ends 12:00 WITA (04:00 UTC)");
    }
    // the day's reminder job runs the day before the new start
    const [job] = await t.db.select({ runAt: jobs.runAt }).from(jobs).where(and(eq(jobs.status, "pending"), like(jobs.dedupKey, `%:${eventId}:%`), eq(jobs.kind, "event-reminder"))).orderBy(asc(jobs.runAt)).offset(2);
    assert.ok(job);

    // moving only day 3 to the afternoon
    assert.deepEqual(await editDay(eventId, 3, { startTime: "13:00", endTime: "16:00" }), { ok: true, eventId });
    assert.deepEqual((await times(eventId))[2], `${witaDay(7)} 13:00–16:00`);
    const d3 = (await getEvent(t.db, eventId))!.sessions[2]!;
    const reminders = await t.db.select({ runAt: jobs.runAt, key: jobs.dedupKey }).from(jobs).where(and(eq(jobs.status, "pending"), eq(jobs.kind, "event-reminder"), like(jobs.dedupKey, `%:${eventId}:%`)));
    assert.ok(
      reminders.some((r) => r.runAt.getTime() === d3.startsAt.getTime() - 86_400_000),
      "day 3's reminder follows the new start",
    );
  });

  it("saving the event form with its times left alone keeps each day's own times; a change for all that one day cannot take is refused, naming it", async () => {
    const date = witaDay(10);
    const { eventId } = await bimtek(date);
    assert.deepEqual(await editDay(eventId, 3, { endTime: "12:00" }), { ok: true, eventId });
    assert.deepEqual(await edit(eventId, { title: "Bimtek Literasi Digital Guru SD" }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${date} 08:00–16:00`, `${witaDay(11)} 08:00–16:00`, `${witaDay(12)} 08:00–12:00`]);
    // every day an hour later in the morning: day 3 keeps its noon end
    assert.deepEqual(await edit(eventId, { startTime: "09:00" }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${date} 09:00–16:00`, `${witaDay(11)} 09:00–16:00`, `${witaDay(12)} 09:00–12:00`]);
    // 13:00 for all: day 3 would end before it starts
    const r = await edit(eventId, { startTime: "13:00" });
    assert.deepEqual(r, { ok: false, errors: { startTime: ["events.dayTimesClash?day=3&start=13:00&end=12:00"] } });
    // the whole event a week later keeps each day's times
    assert.deepEqual(await edit(eventId, { date: witaDay(17) }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${witaDay(17)} 09:00–16:00`, `${witaDay(18)} 09:00–16:00`, `${witaDay(19)} 09:00–12:00`]);
  });

  it("a bimtek whose day 3 moved a day later, after a rest day, moves as a whole: each day as many days later, the rest day kept", async () => {
    const date = witaDay(30);
    const { eventId, roleId, days } = await bimtek(date);
    const day3 = vols[3]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: day3.id, sessionIds: [days[2]!] })).ok, true);
    assert.deepEqual(await editDay(eventId, 3, { date: witaDay(33), endTime: "12:00" }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${date} 08:00–16:00`, `${witaDay(31)} 08:00–16:00`, `${witaDay(33)} 08:00–12:00`]);
    // the hall is taken that week: the first date a week later
    assert.deepEqual(await edit(eventId, { date: witaDay(37) }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${witaDay(37)} 08:00–16:00`, `${witaDay(38)} 08:00–16:00`, `${witaDay(40)} 08:00–12:00`]);
    const mails = await mailsTo(day3.email);
    const three = vevents(icsOf(mails[mails.length - 1]!.payload)).find((x) => x.uid === `event-${eventId}-3`);
    assert.match(three?.start ?? "", new RegExp(witaDay(40)), "the one holding day 3 gets its new date");
    // a day earlier, with new times for all and a fourth day: the rest day stays, day 4 follows day 3
    assert.deepEqual(await edit(eventId, { date: witaDay(36), startTime: "07:30", endTime: "15:00", days: "4" }), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${witaDay(36)} 07:30–15:00`, `${witaDay(37)} 07:30–15:00`, `${witaDay(39)} 07:30–15:00`, `${witaDay(40)} 07:30–15:00`]);
  });

  it("a day overlapping another of the event is refused; a bad time is refused next to the field", async () => {
    const date = witaDay(20);
    const { eventId } = await bimtek(date);
    assert.deepEqual(await editDay(eventId, 3, { date: witaDay(21), startTime: "15:00", endTime: "17:00" }), { ok: false, errors: { startTime: ["events.dayOverlaps?day=2"] } });
    assert.equal(parseDayForm(formOf({ sessionId: "1", date, startTime: "12:00", endTime: "08:00" })).success, false);
    assert.deepEqual(await times(eventId), [`${date} 08:00–16:00`, `${witaDay(21)} 08:00–16:00`, `${witaDay(22)} 08:00–16:00`]);
  });

  it("day 2 corrected after it was held: its length's hours follow, its date stays, a certificate with the old hours refuses it", async () => {
    const { eventId, roleId, days } = await bimtek(witaDay(-2));
    for (const v of vols.slice(0, 3)) assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id, sessionIds: [days[0]!, days[1]!], assignedBy: leadId })).ok, true);
    const held = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId));
    for (const r of held) assert.equal(await markAttendance(t.db, { eventId, signupId: r.id, attended: true }), true);
    const hours = async (sessionId: number) =>
      (await t.db.select({ h: signups.hoursCredited }).from(signups).where(and(eq(signups.sessionId, sessionId), isNotNull(signups.attendedAt)))).map((r) => r.h);
    assert.deepEqual(await hours(days[1]!), [8, 8, 8]);
    assert.deepEqual(await editDay(eventId, 2, { endTime: "12:00" }), { ok: true, eventId });
    assert.deepEqual(await hours(days[1]!), [4, 4, 4], "day 2 ran 08:00–12:00");
    assert.deepEqual(await hours(days[0]!), [8, 8, 8], "day 1 untouched");
    assert.deepEqual(await editDay(eventId, 2, { date: witaDay(2) }), { ok: false, errors: { date: [`events.heldDayMoved?day=2&date=${witaDay(-1)}`] } });
    await t.db.insert(outcomeReports).values({ eventId, status: "approved", participantsTotal: 30, approvedAt: new Date() });
    assert.ok((await issueEventCertificate(t.db, { eventId, userId: vols[0]!.id })).ok);
    assert.deepEqual(await editDay(eventId, 2, { endTime: "13:00" }), { ok: false, errors: { endTime: ["events.hoursCertified"] } });
    assert.deepEqual(await hours(days[1]!), [4, 4, 4]);
  });

  it("a certificate states the days attended; one issued before states its one day as it did", async () => {
    const { eventId, roleId, days } = await bimtek(witaDay(-4));
    const [every, firstAndLast] = [vols[3]!, vols[4]!];
    assert.equal((await signUp(t.db, { eventId, roleId, userId: every.id, assignedBy: leadId })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: firstAndLast.id, sessionIds: [days[0]!, days[2]!], assignedBy: leadId })).ok, true);
    for (const r of await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId))) assert.equal(await markAttendance(t.db, { eventId, signupId: r.id, attended: true }), true);
    await t.db.insert(outcomeReports).values({ eventId, status: "approved", participantsTotal: 30, approvedAt: new Date() });
    const a = await issueEventCertificate(t.db, { eventId, userId: every.id });
    const b = await issueEventCertificate(t.db, { eventId, userId: firstAndLast.id });
    assert.ok(a.ok && b.ok);
    const certA = (await getCertificate(t.db, a.code))!;
    const certB = (await getCertificate(t.db, b.code))!;
    assert.equal(certA.activityDate, [witaDay(-4), witaDay(-3), witaDay(-2)].join(","));
    assert.equal(certB.activityDate, [witaDay(-4), witaDay(-2)].join(","));
    const pdfA = (await pdfText(await certificatePdf(certA, "id"))).text.replace(/\s+/g, " ");
    assert.ok(pdfA.includes(`pada ${formatDays([witaDay(-4), witaDay(-3), witaDay(-2)], "id")} (24 jam)`), pdfA);
    assert.match(formatDays([witaDay(-4), witaDay(-3), witaDay(-2)], "id"), /^\d+( [A-Z][a-z]+)?–\d+ [A-Z][a-z]+ \d{4}$|^\d+ [A-Z][a-z]+( \d{4})? – \d+ [A-Z][a-z]+ \d{4}$/);
    const pdfB = (await pdfText(await certificatePdf(certB, "en"))).text.replace(/\s+/g, " ");
    assert.ok(pdfB.includes(` and `) && pdfB.includes("(16 hours)"), pdfB);
    const [listed] = (await attendedEvents(t.db, firstAndLast.id)).filter((x) => x.eventId === eventId);
    assert.equal(listed?.days, [witaDay(-4), witaDay(-2)].join(","));
    // a certificate issued before the days were stored keeps its one date
    await t.db.update(certificates).set({ activityDate: witaDay(-4) }).where(eq(certificates.code, a.code));
    const old = (await getCertificate(t.db, a.code))!;
    assert.ok((await pdfText(await certificatePdf(old, "id"))).text.replace(/\s+/g, " ").includes(`pada ${formatDays([witaDay(-4)], "id")} (24 jam)`));
    // issuing again returns the same certificate, not rewritten
    const again = await issueEventCertificate(t.db, { eventId, userId: every.id });
    assert.deepEqual(again, { ok: true, code: a.code, created: false });
    assert.equal((await getCertificate(t.db, a.code))!.activityDate, witaDay(-4));
  });

  it("two leads at once: a title saved from a page opened before day 3 moved keeps day 3; times typed over it are refused, then saved on a second press", async () => {
    const date = witaDay(30);
    const { eventId } = await bimtek(date);
    const opened = eventFormDefaults((await getEvent(t.db, eventId))!);
    const save = async (changes: Record<string, string>, loaded = opened.loaded!) => {
      const e = (await getEvent(t.db, eventId))!;
      const parsed = parseEventForm(formOf({ ...opened, venueId: String(e.venueId), "role.0.name": "Fasilitator", "role.0.capacity": "40", loaded, ...changes }));
      assert.ok(parsed.success);
      return updateEvent(t.db, { eventId, chapterId, userId: leadId, form: parsed.data });
    };
    // the other lead moves day 3 to the afternoon meanwhile
    assert.deepEqual(await editDay(eventId, 3, { startTime: "13:00", endTime: "16:00" }), { ok: true, eventId });
    assert.deepEqual(await save({ title: "Bimtek Guru SD" }), { ok: true, eventId });
    assert.deepEqual((await times(eventId))[2], `${witaDay(32)} 13:00–16:00`, "the title's save kept day 3's own times");
    const refused = await save({ endTime: "15:00" });
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.errors.date?.[0] === "events.daysChangedMeanwhile" && typeof refused.sequence === "number");
    assert.deepEqual((await times(eventId))[2], `${witaDay(32)} 13:00–16:00`);
    // the page comes back with the sequence of now: pressing again after a look goes through
    assert.deepEqual(await save({ endTime: "15:00" }, String(!refused.ok && refused.sequence)), { ok: true, eventId });
    assert.deepEqual(await times(eventId), [`${date} 08:00–15:00`, `${witaDay(31)} 08:00–15:00`, `${witaDay(32)} 13:00–15:00`]);
  });

  it("a chapter's 3-day training with daily batches: day 2 full, days 1 and 3 only, day 2 corrected after day 1 was held", async () => {
    const start = witaDay(-1);
    const { eventId, roleId, days } = await bimtek(start);
    const many: { id: string; email: string }[] = [];
    for (let i = 0; i < 41; i++) {
      const u = await createUser(t.db, { name: `Peserta Batch ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      many.push(u);
    }
    for (const u of many.slice(0, 40)) assert.equal((await signUp(t.db, { eventId, roleId, userId: u.id, sessionIds: [days[1]!], assignedBy: leadId })).ok, true);
    const late = many[40]!;
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: late.id, sessionIds: [days[1]!], assignedBy: leadId }), { ok: false, reason: "full" }, "day 2 is full");
    const ends = vols[5]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: ends.id, sessionIds: [days[0]!, days[2]!], assignedBy: leadId })).ok, true);
    const [d1] = await t.db.select({ id: signups.id }).from(signups).where(and(eq(signups.userId, ends.id), eq(signups.sessionId, days[0]!)));
    assert.equal(await markAttendance(t.db, { eventId, signupId: d1!.id, attended: true }), true);
    const before = await t.db.select({ id: outbox.id }).from(outbox);
    assert.deepEqual(await editDay(eventId, 2, { startTime: "09:00", endTime: "15:00" }), { ok: true, eventId });
    const sent = (await t.db.select({ to: outbox.toEmail, template: outbox.template }).from(outbox)).slice(before.length).filter((m) => m.template === "event-changed");
    assert.equal(sent.length, 40, "the 40 holding day 2");
    assert.ok(!sent.some((m) => m.to === ends.email), "days 1 and 3 only: nothing changed for them");
    assert.deepEqual(await times(eventId), [`${start} 08:00–16:00`, `${witaDay(0)} 09:00–15:00`, `${witaDay(1)} 08:00–16:00`]);
  });

  it("writes the days as a certificate states them, in both languages", () => {
    assert.equal(formatDays(["2026-12-12", "2026-12-13", "2026-12-14"], "id"), "12–14 Desember 2026");
    assert.equal(formatDays(["2026-12-12", "2026-12-13", "2026-12-14"], "en"), "12–14 December 2026");
    assert.equal(formatDays(["2026-12-14", "2026-12-12"], "id"), "12 dan 14 Desember 2026");
    assert.equal(formatDays(["2026-12-12", "2026-12-14"], "en"), "12 and 14 December 2026");
    assert.equal(formatDays(["2026-11-30", "2026-12-01", "2026-12-02"], "id"), "30 November – 2 Desember 2026");
    assert.equal(formatDays(["2026-11-30", "2026-12-01", "2026-12-02"], "en"), "30 November – 2 December 2026");
    assert.equal(formatDays(["2026-12-31", "2027-01-01"], "id"), "31 Desember 2026 – 1 Januari 2027");
    assert.equal(formatDays(["2026-12-01", "2026-12-02", "2026-12-04", "2026-12-08"], "id"), "1–2, 4 dan 8 Desember 2026");
    assert.equal(formatDays(["2026-12-12"], "id"), "12 Desember 2026");
    assert.equal(formatDays(["2026-12-12", "2026-12-12"], "en"), "12 December 2026");
  });
});
