import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { eventParticipants, eventParticipantTickets, events, eventSessions, signups } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { cancelEvent, getEvent, localToUtc, parseEventForm, updateEvent, eventFormDefaults, utcToLocal } from "../../app/models/events/events.server";
import { cancelSignup, checkIn, setRoleCapacity, signUp } from "../../app/models/events/signups.server";
import {
  aheadSchema,
  listParticipants,
  notifyParticipantsChanged,
  PARTICIPANT_REMINDER_JOB,
  participantCounts,
  participantSchema,
  registerAhead,
  registerParticipant,
  registrationTicket,
  sendParticipantReminders,
  setParticipantCapacity,
} from "../../app/models/events/participants.server";
import { renderEmail } from "../../emails";
import { runDueJobs } from "../../app/services/jobs.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, formOf } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

function vevents(text: string) {
  if (!text) return [];
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    status: String(v.getFirstPropertyValue("status")),
    start: v.getFirstPropertyValue("dtstart")?.toString() ?? "",
  }));
}

/** Events as chapters really run them: a smaller room, a moved day, a cancelled event. */
describe("events as chapters run them", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";
  const vols: { id: string; email: string }[] = [];

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" }));
    for (let i = 0; i < 8; i++) {
      const u = await createUser(t.db, { name: `Relawan Jayapura ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  const statusOf = async (eventId: number, userId: string) =>
    (await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, userId))))[0]?.status;

  it("a role's places lowered below the people signed up: nobody is removed, the page says the new number, and a cancellation no longer fills the place", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(6), roles: [{ name: "Pendamping", capacity: 5 }] });
    const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
    for (const v of vols.slice(0, 7)) assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id })).ok, true);
    // the room turned out smaller: three places
    assert.ok(await setRoleCapacity(t.db, { eventId, roleId, capacity: 3 }));
    const e = await getEvent(t.db, eventId);
    assert.equal(e?.roles[0]?.capacity, 3);
    assert.deepEqual(
      e?.places.map((p) => [p.capacity, p.confirmed, p.waitlisted]),
      [[3, 5, 2]],
      "the five who hold a place keep it; the page shows three places",
    );
    // one of the five cancels: four remain, still more than three, so nobody moves up from the waitlist
    assert.equal((await cancelSignup(t.db, { eventId, userId: vols[0]!.id })).ok, true);
    assert.equal(await statusOf(eventId, vols[5]!.id), "waitlisted");
    assert.equal((await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, vols[5]!.email), eq(outbox.template, "event-promoted")))).length, 0);
    // someone new joins the waitlist, not a place
    const late = await signUp(t.db, { eventId, roleId, userId: vols[7]!.id });
    assert.deepEqual(late, { ok: true, status: "waitlisted", position: 3 });
    // two more cancel: two confirmed, one place free, the first in line moves up
    await cancelSignup(t.db, { eventId, userId: vols[1]!.id });
    await cancelSignup(t.db, { eventId, userId: vols[2]!.id });
    assert.equal(await statusOf(eventId, vols[5]!.id), "confirmed");
    assert.equal(await statusOf(eventId, vols[6]!.id), "waitlisted");
    assert.deepEqual((await getEvent(t.db, eventId))?.places.map((p) => [p.capacity, p.confirmed, p.waitlisted]), [[3, 3, 2]]);
  });

  const attachmentOf = (payload: unknown) => (payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? null;
  const mailsTo = (email: string, template: string) =>
    t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, email), eq(outbox.template, template))).orderBy(outbox.id);

  it("a day moved, then the event cancelled: each email carries the .ics of the days held, so the phone's calendar moves and drops them", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(8), days: 2, roles: [{ name: "Pendamping", capacity: 2 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const day2 = e.sessions[1];
    const roleId = e.roles[0]?.id ?? 0;
    const a = await createUser(t.db, { name: "Yokbeth" });
    const b = await createUser(t.db, { name: "Marthen" });
    const c = await createUser(t.db, { name: "Naomi" });
    for (const u of [a, b, c]) await addMembership(t.db, { userId: u.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: a.id, sessionIds: [day2!.id] })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: b.id })).ok, true);
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: c.id, sessionIds: [day2!.id] }), { ok: true, status: "waitlisted", position: 1 });
    const signedUp = vevents(attachmentOf((await mailsTo(a.email, "event-signup"))[0]?.payload) ?? "");
    assert.deepEqual(signedUp.map((v) => [v.uid.split("@")[0], v.start]), [[`event-${eventId}-2`, `${inDays(9)}T08:00:00`]]);

    // the whole event moves a day later and starts at 09:00 WIT
    const form = formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), date: inDays(9), startTime: "09:00", "role.0.name": "Pendamping", "role.0.capacity": "2" });
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId, userId: leadId, form: parsed.data }), { ok: true, eventId });
    const moved = vevents(attachmentOf((await mailsTo(a.email, "event-changed"))[0]?.payload) ?? "");
    assert.deepEqual(
      moved.map((v) => [v.uid, v.start, v.status]),
      [[signedUp[0]!.uid, `${inDays(10)}T09:00:00`, "CONFIRMED"]],
      "the day held, under the same UID, at its new time",
    );
    assert.ok(moved[0]!.sequence > signedUp[0]!.sequence, "a later SEQUENCE replaces the entry");
    assert.equal(vevents(attachmentOf((await mailsTo(b.email, "event-changed"))[0]?.payload) ?? "").length, 2, "both days for who holds both");
    assert.equal(attachmentOf((await mailsTo(c.email, "event-changed"))[0]?.payload), null, "nothing for the waitlist: nothing of it is in their calendar");

    assert.equal(await cancelEvent(t.db, { eventId, chapterId }), true);
    const cancelled = vevents(attachmentOf((await mailsTo(a.email, "event-changed"))[1]?.payload) ?? "");
    assert.deepEqual(cancelled.map((v) => [v.uid, v.status]), [[signedUp[0]!.uid, "CANCELLED"]]);
    assert.ok(cancelled[0]!.sequence > moved[0]!.sequence);
    assert.deepEqual(vevents(attachmentOf((await mailsTo(b.email, "event-changed"))[1]?.payload) ?? "").map((v) => v.status), ["CANCELLED", "CANCELLED"]);
  });

  it("a participant who registers ahead after the day-before reminder went out still gets it, with the ticket link and code", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(5) });
    // the event starts in ten hours
    const start = new Date(Date.now() + 10 * 3600_000);
    const end = new Date(start.getTime() + 3 * 3600_000);
    await t.db.update(events).set({ startsAt: start, endsAt: end, signupCutoff: start }).where(eq(events.id, eventId));
    await t.db.update(eventSessions).set({ startsAt: start, endsAt: end }).where(eq(eventSessions.eventId, eventId));
    const handlers = { [PARTICIPANT_REMINDER_JOB]: sendParticipantReminders };
    const first = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Yulianus Wenda", email: "yulianus@contoh.test" }) });
    assert.ok(first.ok && !first.already);
    await runDueJobs(t.db, { handlers });
    assert.equal((await mailsTo("yulianus@contoh.test", "participant-reminder")).length, 1);
    // registration ahead stays open until the start: someone registers that evening
    const late = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Martha Kogoya", institutionName: "SMA Negeri 1 Jayapura", email: "martha@contoh.test" }) });
    assert.ok(late.ok && !late.already && late.status === "confirmed");
    await runDueJobs(t.db, { handlers });
    const mails = await mailsTo("martha@contoh.test", "participant-reminder");
    assert.equal(mails.length, 1, "the late registrant is reminded too");
    const payload = mails[0]?.payload as { code?: string; ticketUrl?: string };
    assert.equal(payload.code, late.code);
    assert.match(payload.ticketUrl ?? "", new RegExp(`/e/${eventId}/tiket/`));
    assert.equal((await mailsTo("yulianus@contoh.test", "participant-reminder")).length, 1, "the first is not reminded twice");
  });

  it("a volunteer moved up from the waitlist a second time is told the second time too", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(7), roles: [{ name: "Dokumentasi", capacity: 1 }] });
    const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
    const [holder, other, x] = [vols[0]!, vols[1]!, vols[2]!];
    assert.equal((await signUp(t.db, { eventId, roleId, userId: holder.id })).ok, true);
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: x.id }), { ok: true, status: "waitlisted", position: 1 });
    const promotedMails = async () =>
      (await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, x.email), eq(outbox.template, "event-promoted")))).filter(
        (m) => (m.payload as { event?: { id?: number } }).event?.id === eventId,
      ).length;
    await cancelSignup(t.db, { eventId, userId: holder.id });
    assert.equal(await promotedMails(), 1);
    // x cannot come after all, then can again: back on the waitlist behind someone new
    await cancelSignup(t.db, { eventId, userId: x.id });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: other.id })).ok, true);
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: x.id }), { ok: true, status: "waitlisted", position: 1 });
    await cancelSignup(t.db, { eventId, userId: other.id });
    assert.equal(await statusOf(eventId, x.id), "confirmed");
    assert.equal(await promotedMails(), 2, "the second place is announced like the first");
  });

  it("the door: the same person again, the name written another way and the phone in three spellings or with a digit too many, is counted once", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(3) });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const at = new Date(e.startsAt.getTime() + 3600_000);
    const door = (form: Record<string, string>) => registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: e.checkinCode.toLowerCase(), ...form }), now: at });
    assert.deepEqual(await door({ name: "Charles Yikwa", institutionName: "SMP Negeri 2 Jayapura", phone: "0812-3456-7890" }), { ok: true, already: false });
    assert.deepEqual(await door({ name: "charles  YIKWA", institutionName: "SMPN 2 Jayapura", phone: "+62 812 3456 7890" }), { ok: true, already: true });
    assert.deepEqual(await door({ name: "Charles Yikwa", institutionName: "SMP Negeri 2 Jayapura", phone: "812345678900" }), { ok: true, already: true }, "a digit too many, same name and school");
    assert.deepEqual(await door({ name: "Charles Yikwa", institutionName: "SMP N 2 Jayapura", phone: "0812-3456-789" }), { ok: true, already: true }, "a digit missing");
    // two people of one name and school told apart by two really different phones stay two
    assert.deepEqual(await door({ name: "Charles Yikwa", institutionName: "SMP Negeri 2 Jayapura", phone: "0813-9999-1111" }), { ok: true, already: false });
    const counts = await participantCounts(t.db, eventId);
    assert.equal(counts.total, 2);
    assert.equal(counts.repeats, 3);
  });

  it("participants registered ahead hear that the event moved, with their code, a working ticket link and the new .ics", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(10) });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 1 }));
    const placed = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Ones Tabuni", email: "ones@contoh.test" }) });
    const waiting = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Agustina Murib", email: "agustina@contoh.test" }) });
    assert.ok(placed.ok && placed.status === "confirmed" && waiting.ok && waiting.status === "waitlisted");
    assert.ok((await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Tanpa Email" }) })).ok);
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const form = parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), date: inDays(11), startTime: "10:00", endTime: "13:00" }));
    assert.ok(form.success);
    const saved = await updateEvent(t.db, { eventId, chapterId, userId: leadId, form: form.data, alsoTell: (tx, change) => notifyParticipantsChanged(tx, eventId, change) });
    assert.deepEqual(saved, { ok: true, eventId });
    const told = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "participant-changed")).orderBy(outbox.id);
    const mine = told.filter((m) => (m.payload as { event?: { id?: number } }).event?.id === eventId);
    assert.deepEqual(mine.map((m) => m.to), ["ones@contoh.test", "agustina@contoh.test"]);
    const p = mine[0]!.payload as { code?: string; ticketUrl?: string; changes?: string[] };
    assert.equal(p.code, placed.ok ? placed.code : "");
    assert.deepEqual(p.changes, ["time"]);
    const token = (p.ticketUrl ?? "").split("/tiket/")[1] ?? "";
    assert.equal((await registrationTicket(t.db, { eventId, token }))?.person.name, "Ones Tabuni", "the emailed link opens the ticket");
    assert.deepEqual(vevents(attachmentOf(mine[0]!.payload) ?? "").map((v) => v.start), [`${inDays(11)}T10:00:00`]);
    assert.equal(attachmentOf(mine[1]!.payload), null, "no calendar entry for who is still waiting");
    const rendered = renderEmail("participant-changed", mine[0]!.payload as Record<string, unknown>, "id");
    assert.match(rendered.text, /yang berubah: waktu/);
    assert.match(rendered.text, new RegExp(p.code ?? "-"));
  });

  it("a move told to 231 people registered ahead: one e-mail each with a ticket link of their own, all in the save's transaction", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(12) });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 230 }));
    const people: { name: string; email: string; code: string | null }[] = [];
    for (let i = 0; i < 231; i++) {
      const person = { name: `Peserta Literasi ${i + 1}`, email: `peserta.${i + 1}@contoh.test` };
      const r = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", ...person, institutionName: `SD Inpres ${(i % 30) + 1} Jayapura` }) });
      assert.ok(r.ok);
      people.push({ ...person, code: r.code });
    }
    const changedMails = async () =>
      (await t.db.select({ to: outbox.toEmail, payload: outbox.payload, dedupKey: outbox.dedupKey }).from(outbox).where(eq(outbox.template, "participant-changed")).orderBy(outbox.id)).filter(
        (m) => (m.payload as { event?: { id?: number } }).event?.id === eventId,
      );
    const ticketRows = async () => (await t.db.select({ id: eventParticipantTickets.participantId }).from(eventParticipantTickets).innerJoin(eventParticipants, eq(eventParticipants.id, eventParticipantTickets.participantId)).where(eq(eventParticipants.eventId, eventId))).length;
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const moveTo = (date: string) => parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), date }));

    // the save fails after the e-mails were queued: nothing of it stays, the event has not moved
    const failing = moveTo(inDays(13));
    assert.ok(failing.success);
    const ticketsBefore = await ticketRows();
    await assert.rejects(
      updateEvent(t.db, {
        eventId,
        chapterId,
        userId: leadId,
        form: failing.data,
        alsoTell: async (tx, change) => {
          await notifyParticipantsChanged(tx, eventId, change);
          throw new Error("the connection dropped");
        },
      }),
    );
    assert.equal((await changedMails()).length, 0);
    assert.equal(await ticketRows(), ticketsBefore);
    assert.equal((await getEvent(t.db, eventId))?.startsAt.getTime(), e.startsAt.getTime());

    const form = moveTo(inDays(14));
    assert.ok(form.success);
    let change = { sequence: 0, changes: [] as ("time" | "venue" | "title")[] };
    const saved = await updateEvent(t.db, {
      eventId,
      chapterId,
      userId: leadId,
      form: form.data,
      alsoTell: async (tx, c) => {
        change = c;
        await notifyParticipantsChanged(tx, eventId, c);
      },
    });
    assert.deepEqual(saved, { ok: true, eventId });
    const mails = await changedMails();
    assert.deepEqual(mails.map((m) => m.to).sort(), people.map((p) => p.email).sort(), "everyone once, the one waiting too");
    assert.equal(await ticketRows(), ticketsBefore + 231, "a ticket link for each e-mail queued");
    for (const [i, p] of people.entries()) {
      const mail = mails.find((m) => m.to === p.email);
      const payload = mail?.payload as { code?: string; ticketUrl?: string; attachments?: unknown[] };
      assert.equal(payload.code, p.code);
      const token = (payload.ticketUrl ?? "").split("/tiket/")[1] ?? "";
      assert.equal((await registrationTicket(t.db, { eventId, token }))?.person.name, p.name, "each link opens its own ticket");
      assert.equal(payload.attachments?.length, i < 230 ? 1 : 0, "the .ics to those holding a place");
    }
    // the same change told again (a retried job, a second call) queues nothing and leaves no unused ticket
    await t.db.transaction((tx) => notifyParticipantsChanged(tx, eventId, change));
    assert.equal((await changedMails()).length, 231);
    assert.equal(await ticketRows(), ticketsBefore + 231);
  });

  it("checking in twice on day 2 of a two-day event never credits day 1, which the volunteer missed", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(4), days: 2, startTime: "08:00", endTime: "15:00", roles: [{ name: "Pendamping", capacity: 3 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const [day1, day2] = [e.sessions[0]!, e.sessions[1]!];
    const v = vols[3]!;
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]?.id ?? 0, userId: v.id })).ok, true);
    const morning = new Date(new Date(day2.startsAt).getTime() + 30 * 60_000);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code: e.checkinCode, now: morning }), { ok: true, hours: 7, sessionId: day2.id });
    // the QR code scanned again after lunch
    const afternoon = new Date(morning.getTime() + 5 * 3600_000);
    assert.deepEqual(await checkIn(t.db, { eventId, userId: v.id, code: e.checkinCode, now: afternoon }), { ok: true, hours: 7, sessionId: day2.id });
    const rows = await t.db.select({ sessionId: signups.sessionId, attendedAt: signups.attendedAt, hours: signups.hoursCredited }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, v.id)));
    assert.deepEqual(
      rows.map((r) => [r.sessionId === day1.id ? 1 : 2, r.attendedAt !== null, r.hours]).sort(),
      [
        [1, false, null],
        [2, true, 7],
      ],
    );
  });

  // Its speed (seconds of the server's thread when every pair was compared) is a benchmark's matter, not a timed test.
  it("the lead's participant list of 2,000 people marks the look-alikes, and only them", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(2) });
    const first = ["Siti", "Ahmad", "Budi", "Dewi", "Rizal", "Nur", "Muhammad", "Agus", "Sri", "Eko", "Yohanes", "Maria", "Yakomina", "Marthen"];
    const last = ["Aminah", "Fauzi", "Santoso", "Lestari", "Hidayat", "Wenda", "Kogoya", "Rahmawati", "Saputra", "Pratama", "Tabuni"];
    const names = Array.from({ length: 1993 }, (_, i) => `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}${String.fromCharCode(97 + (Math.floor(i / 676) % 26))}`);
    // the pairs a lead should see: the same name twice, a letter or two apart, and names too short to compare loosely
    names.push("Muhammad Rizky", "Muhamad Rizki", "Yohanes Wenda", "Yohanis Wenda", "Ani", "Ani", "Ana");
    const createdAt = new Date();
    for (let i = 0; i < names.length; i += 500)
      await t.db.insert(eventParticipants).values(
        names.slice(i, i + 500).map((name, k) => ({ eventId, name, personKey: `${name.toLowerCase()}|`, source: "door" as const, status: "confirmed" as const, checkedInAt: createdAt, createdAt: new Date(createdAt.getTime() + i + k) })),
      );
    const list = await listParticipants(t.db, eventId);
    assert.equal(list.length, 2000);
    const alike = (name: string) => list.find((r) => r.name === name)?.lookAlikes.map((o) => o.name);
    assert.deepEqual(alike("Muhammad Rizky"), ["Muhamad Rizki"]);
    assert.deepEqual(alike("Muhamad Rizki"), ["Muhammad Rizky"]);
    assert.deepEqual(alike("Ani"), ["Ani"], "a short name: only the same name");
    assert.deepEqual(alike("Ana"), []);
    assert.deepEqual(alike("Yohanis Wenda"), ["Yohanes Wenda"]);
  });

  it("a reminder sent at registration on the morning of the event says today, the evening before says tomorrow", async () => {
    const day = utcToLocal(new Date(Date.now() + 2 * 86400_000), "Asia/Jayapura").date;
    const eve = utcToLocal(new Date(Date.now() + 86400_000), "Asia/Jayapura").date;
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: day, startTime: "10:00", endTime: "12:00" });
    const morning = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Pagi Hari", email: "pagi@contoh.test" }), now: localToUtc(day, "07:00", "Asia/Jayapura") });
    const evening = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Malam Sebelumnya", email: "malam@contoh.test" }), now: localToUtc(eve, "20:00", "Asia/Jayapura") });
    assert.ok(morning.ok && evening.ok);
    const subject = async (to: string) => renderEmail("participant-reminder", ((await mailsTo(to, "participant-reminder"))[0]?.payload ?? {}) as Record<string, unknown>, "id").subject;
    assert.match(await subject("pagi@contoh.test"), /^Pengingat hari ini: /);
    assert.match(await subject("malam@contoh.test"), /^Pengingat besok: /);
  });

  it("a volunteer who cancels from a page opened before the event was cancelled moves nobody up to a place in a cancelled event", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(9), roles: [{ name: "Narasumber", capacity: 1 }] });
    const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
    const holder = await createUser(t.db, { name: "Pemegang Tempat" });
    const waiting = await createUser(t.db, { name: "Penunggu Tempat" });
    for (const u of [holder, waiting]) await addMembership(t.db, { userId: u.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId, userId: holder.id })).ok, true);
    assert.deepEqual(await signUp(t.db, { eventId, roleId, userId: waiting.id }), { ok: true, status: "waitlisted", position: 1 });
    assert.equal(await cancelEvent(t.db, { eventId, chapterId }), true);
    assert.equal((await cancelSignup(t.db, { eventId, userId: holder.id })).ok, true);
    assert.equal(await statusOf(eventId, waiting.id), "waitlisted");
    assert.equal((await mailsTo(waiting.email, "event-promoted")).length, 0, "no \"a place for you\" for an event that will not take place");
  });
});
