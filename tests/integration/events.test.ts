import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { and, eq, like, sql } from "drizzle-orm";
import ICAL from "ical.js";
import sharp from "sharp";
import { events, programs, signups } from "../../db/schema/events";
import { outbox, jobs } from "../../db/schema/outbox";
import { cancelEvent, chaptersOf, eventListContext, findOrCreateInstitution, getEvent, homeKabupaten, listPrograms, localToUtc, normaliseInstitutionName, updateEvent, eventFormDefaults, parseEventForm } from "../../app/models/events/events.server";
import { cancelSignup, checkIn, markAttendance, sendEventReminders, signUp, volunteerHours } from "../../app/models/events/signups.server";
import { chapterFeed, eventIcs, personalFeed, resetCalendarToken, revokeCalendarToken } from "../../app/models/events/calendar.server";
import { approveReport, chapterOutcomeTotals, checkPhotos, photoDir, saveReport, storePhotos } from "../../app/models/events/outcomes.server";
import { runDueJobs } from "../../app/services/jobs.server";
import { addMembership, createChapter, createOutreachEvent, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return { comp, events: comp.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) })) };
}

const tomorrowLocal = (offsetDays = 2) => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);

/** Reports are filed and approved after the event (honest timing): these tests look back from a month later. */
const AFTER_EVENTS = new Date(Date.now() + 30 * 86400_000);

describe("outreach events", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  let lead: { id: string };
  let vols: { id: string; email: string }[];

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "73.71", name: "RTIK Kota Makassar" });
    lead = await createUser(t.db, { name: "Andi Lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    vols = [];
    for (let i = 0; i < 4; i++) {
      const u = await createUser(t.db, { name: `Relawan ${i}`, locale: i % 2 ? "en" : "id" });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  it("seeds the program types by migration", async () => {
    const list = await t.db.select({ slug: programs.slug, outcomes: programs.outcomes }).from(programs);
    assert.equal(list.length, 11);
    assert.deepEqual(list.find((p) => p.slug === "umkm-go-online")?.outcomes, ["participants", "institutions", "onboarding"]);
  });

  it("deduplicates institutions by type, region and normalised name", async () => {
    assert.equal(normaliseInstitutionName("SMP Negeri 1 Makassar"), normaliseInstitutionName("smpn 1  makassar"));
    const a = await findOrCreateInstitution(t.db, { type: "school", name: "SMP Negeri 1 Makassar", regionCode: "73.71.01" });
    const b = await findOrCreateInstitution(t.db, { type: "school", name: "SMPN 1 Makassar", regionCode: "73.71.01" });
    assert.equal(a.id, b.id);
    const c = await findOrCreateInstitution(t.db, { type: "school", name: "SMPN 1 Makassar", regionCode: "73.71.02" });
    assert.notEqual(a.id, c.id);
  });

  it("stores the venue's local time as UTC and shows it back (WITA)", async () => {
    assert.equal(localToUtc("2026-12-01", "08:00", "Asia/Makassar").toISOString(), "2026-12-01T00:00:00.000Z");
    assert.equal(localToUtc("2026-12-01", "08:00", "Asia/Jayapura").toISOString(), "2026-11-30T23:00:00.000Z");
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.01", date: "2027-03-03", days: 3 });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    assert.equal(e.timeZone, "Asia/Makassar");
    assert.equal(e.startsAt.toISOString(), "2027-03-03T00:00:00.000Z");
    assert.equal(e.sessions.length, 3);
    assert.equal(e.endsAt.toISOString(), "2027-03-05T03:00:00.000Z");
    assert.equal(eventFormDefaults(e).startTime, "08:00");
    // a reminder job for each day, the day before it
    const dayJobs = await t.db.select({ runAt: jobs.runAt }).from(jobs).where(like(jobs.dedupKey, `event-reminder:${id}:%`)).orderBy(jobs.runAt);
    assert.deepEqual(
      dayJobs.map((j) => j.runAt.toISOString()),
      ["2027-03-02T00:00:00.000Z", "2027-03-03T00:00:00.000Z", "2027-03-04T00:00:00.000Z"],
    );
  });

  it("confirms up to capacity, waitlists first come first served, promotes on cancel with an email", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.03", date: tomorrowLocal(5), roles: [{ name: "Fasilitator", capacity: 2 }] });
    const e = await getEvent(t.db, id);
    const roleId = e?.roles[0]?.id ?? 0;
    const results = [];
    for (const v of vols) results.push(await signUp(t.db, { eventId: id, roleId, userId: v.id }));
    assert.deepEqual(results.map((r) => (r.ok ? `${r.status}:${r.position}` : r.reason)), ["confirmed:null", "confirmed:null", "waitlisted:1", "waitlisted:2"]);
    assert.deepEqual(await signUp(t.db, { eventId: id, roleId, userId: vols[0]?.id ?? "" }), { ok: false, reason: "already" });
    const counted = await getEvent(t.db, id);
    assert.deepEqual(counted?.roles.map((x) => [x.confirmed, x.waitlisted]), [[2, 2]]);
    const outsider = await createUser(t.db);
    assert.deepEqual(await signUp(t.db, { eventId: id, roleId, userId: outsider.id }), { ok: false, reason: "notMember" });

    const r = await cancelSignup(t.db, { eventId: id, userId: vols[1]?.id ?? "" });
    assert.deepEqual(r, { ok: true, promotedUserId: vols[2]?.id });
    const rows = await t.db.select({ userId: signups.userId, status: signups.status, pos: signups.waitlistPosition }).from(signups).where(eq(signups.eventId, id));
    const byUser = new Map(rows.map((x) => [x.userId, x]));
    assert.equal(byUser.get(vols[2]?.id ?? "")?.status, "confirmed");
    assert.equal(byUser.get(vols[3]?.id ?? "")?.pos, 1);
    const mails = await t.db.select({ to: outbox.toEmail, template: outbox.template }).from(outbox).where(eq(outbox.template, "event-promoted"));
    assert.deepEqual(mails.map((m) => m.to), [vols[2]?.email]);
    const confirmations = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.template, "event-signup"), eq(outbox.toEmail, vols[0]?.email ?? "")));
    assert.equal(confirmations.length, 1);
  });

  it("closes sign-up at the cutoff", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.03", date: tomorrowLocal(5), cutoffHours: 24 * 6 });
    const e = await getEvent(t.db, id);
    assert.deepEqual(await signUp(t.db, { eventId: id, roleId: e?.roles[0]?.id ?? 0, userId: vols[0]?.id ?? "" }), { ok: false, reason: "closed" });
  });

  it("checks in with the code and credits hours; the lead can mark attendance", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.04", date: tomorrowLocal(3), days: 2, startTime: "08:00", endTime: "12:00" });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    const [narasumber, dok] = e.roles;
    await signUp(t.db, { eventId: id, roleId: narasumber?.id ?? 0, userId: vols[0]?.id ?? "" });
    await signUp(t.db, { eventId: id, roleId: dok?.id ?? 0, userId: vols[1]?.id ?? "" });
    const onSite = new Date(e.startsAt.getTime() + 3600_000);
    assert.deepEqual(await checkIn(t.db, { eventId: id, userId: vols[0]?.id ?? "", code: "WRONG1", now: onSite }), { ok: false, reason: "wrongCode" });
    assert.deepEqual(await checkIn(t.db, { eventId: id, userId: vols[0]?.id ?? "", code: e.checkinCode, now: new Date(e.startsAt.getTime() - 86400_000) }), { ok: false, reason: "notOpen" });
    // per session now: day 1 credits day 1's 4 hours, day 2 its own 4
    assert.deepEqual(await checkIn(t.db, { eventId: id, userId: vols[0]?.id ?? "", code: e.checkinCode.toLowerCase(), now: onSite }), { ok: true, hours: 4, sessionId: e.sessions[0]?.id });
    const dayTwo = new Date((e.sessions[1]?.startsAt.getTime() ?? 0) + 3600_000);
    assert.deepEqual(await checkIn(t.db, { eventId: id, userId: vols[0]?.id ?? "", code: e.checkinCode, now: dayTwo }), { ok: true, hours: 4, sessionId: e.sessions[1]?.id });
    assert.deepEqual(await volunteerHours(t.db, vols[0]?.id ?? ""), { approved: 0, pending: 8 });
    assert.deepEqual(await checkIn(t.db, { eventId: id, userId: vols[3]?.id ?? "", code: e.checkinCode, now: onSite }), { ok: false, reason: "notSignedUp" });
    const [s] = await t.db.select({ id: signups.id }).from(signups).where(and(eq(signups.eventId, id), eq(signups.userId, vols[1]?.id ?? "")));
    assert.equal(await markAttendance(t.db, { eventId: id + 1000, signupId: s?.id ?? 0, attended: true }), false);
    assert.equal(await markAttendance(t.db, { eventId: id, signupId: s?.id ?? 0, attended: true }), true);
    assert.ok((await volunteerHours(t.db, vols[1]?.id ?? "")).pending >= 4);
  });

  it("writes feeds that ical.js parses: TZID, stable UIDs, SEQUENCE bumped, CANCELLED", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.02", date: "2027-04-10", startTime: "09:00", endTime: "12:00" });
    const first = await eventIcs(t.db, id);
    assert.ok(first);
    assert.match(first, /DTSTART;TZID=Asia\/Makassar:20270410T090000/);
    const p1 = parseIcs(first);
    const ev1 = p1.events[0];
    assert.ok(ev1);
    assert.equal(ev1.e.startDate.toJSDate().toISOString(), "2027-04-10T01:00:00.000Z");
    assert.equal(ev1.v.getFirstProperty("dtstart")?.getParameter("tzid"), "Asia/Makassar");
    assert.equal(ev1.e.startDate.zone?.tzid, "Asia/Makassar");
    assert.equal(ev1.v.getFirstPropertyValue("sequence"), 0);
    const uid = ev1.e.uid;

    const e = await getEvent(t.db, id);
    assert.ok(e);
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(e), startTime: "10:00" })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId: id, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId: id });
    const p2 = parseIcs((await eventIcs(t.db, id)) ?? "");
    assert.equal(p2.events[0]?.e.uid, uid);
    assert.equal(p2.events[0]?.v.getFirstPropertyValue("sequence"), 1);
    assert.equal(p2.events[0]?.e.startDate.toJSDate().toISOString(), "2027-04-10T02:00:00.000Z");

    // personal feed: confirmed events only; revocable
    const roleId = e.roles[0]?.id ?? 0;
    await signUp(t.db, { eventId: id, roleId, userId: vols[3]?.id ?? "" });
    const token = await resetCalendarToken(t.db, vols[3]?.id ?? "");
    const feed = parseIcs((await personalFeed(t.db, token)) ?? "");
    assert.ok(feed.events.some((x) => x.e.uid === uid));

    assert.equal(await cancelEvent(t.db, { eventId: id, chapterId: chapter.id }), true);
    const p3 = parseIcs((await personalFeed(t.db, token)) ?? "");
    const cancelled = p3.events.find((x) => x.e.uid === uid);
    assert.equal(cancelled?.v.getFirstPropertyValue("status"), "CANCELLED");
    assert.equal(cancelled?.v.getFirstPropertyValue("sequence"), 2);
    const chapterIcs = parseIcs((await chapterFeed(t.db, chapter.slug)) ?? "");
    assert.ok(chapterIcs.events.length >= 1);
    assert.equal(chapterIcs.events.find((x) => x.e.uid === uid)?.v.getFirstPropertyValue("status"), "CANCELLED");
    const changed = await t.db.select({ template: outbox.template }).from(outbox).where(and(eq(outbox.template, "event-changed"), eq(outbox.toEmail, vols[3]?.email ?? "")));
    assert.equal(changed.length, 1, "the cancellation is emailed");

    await revokeCalendarToken(t.db, vols[3]?.id ?? "");
    assert.equal(await personalFeed(t.db, token), null);
  });

  it("sends the day-before reminder with the .ics in the payload, once", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.01", date: tomorrowLocal(4) });
    const e = await getEvent(t.db, id);
    await signUp(t.db, { eventId: id, roleId: e?.roles[0]?.id ?? 0, userId: vols[0]?.id ?? "" });
    await t.db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(like(jobs.dedupKey, `event-reminder:${id}:%`));
    const r = await runDueJobs(t.db, { handlers: { "event-reminder": sendEventReminders } });
    assert.ok(r.done >= 1);
    const mails = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "event-reminder"), sql`${outbox.payload}->'event'->>'id' = ${String(id)}`));
    assert.equal(mails.length, 1);
    const payload = mails[0]?.payload;
    assert.ok(payload && typeof payload === "object" && "attachments" in payload && Array.isArray(payload.attachments));
    const att: unknown = payload.attachments[0];
    assert.ok(att && typeof att === "object" && "content" in att && typeof att.content === "string");
    assert.equal(parseIcs(att.content).events.length, 1);
  });

  it("counts only approved reports, each institution once", async () => {
    const before = await chapterOutcomeTotals(t.db, chapter.id);
    const id1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.05", date: tomorrowLocal(1) });
    const id2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.05", date: tomorrowLocal(2) });
    const school = await findOrCreateInstitution(t.db, { type: "school", name: "SMA Negeri 5 Makassar", regionCode: "73.71.05" });
    const form = { participantsTotal: 120, participantsFemale: 70, participantsMale: 50, notes: "", institutionIds: [String(school.id)] };
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id1, chapterRegion: "73.71", eventRegion: "73.71.05", userId: lead.id, form, onboarded: [], photos: [] });
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id2, chapterRegion: "73.71", eventRegion: "73.71.05", userId: lead.id, form: { ...form, newInstitutionName: "sma n 5 makassar", newInstitutionType: "school" }, onboarded: [], photos: [] });
    assert.deepEqual(await chapterOutcomeTotals(t.db, chapter.id), before, "submitted reports do not count");
    assert.equal((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id1, chapterId: chapter.id + 999, userId: lead.id })).ok, false);
    assert.equal((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id1, chapterId: chapter.id, userId: lead.id })).ok, true);
    assert.equal((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id2, chapterId: chapter.id, userId: lead.id })).ok, true);
    const after = await chapterOutcomeTotals(t.db, chapter.id);
    assert.equal(after.participants - before.participants, 240);
    assert.equal(after.institutions - before.institutions, 1, "the same school reached twice counts once");
    const [ev] = await t.db.select({ status: events.status }).from(events).where(eq(events.id, id1));
    assert.equal(ev?.status, "completed");
  });

  it("resizes photos, strips EXIF/GPS, refuses other types", async () => {
    const withGps = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#3a7" } })
      .jpeg()
      .withExif({ IFD0: { Make: "Simpul", Model: "Test" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "5/1 8/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "119/1 25/1 0/1" } })
      .toBuffer();
    const meta = await sharp(withGps).metadata();
    assert.ok(meta.exif && meta.exif.length > 100, "the source carries EXIF with GPS");
    const file = new File([withGps], "foto.jpg", { type: "image/jpeg" });
    const checked = checkPhotos([file]);
    assert.ok(checked.ok);
    const stored = await storePhotos(checked.files);
    assert.ok(stored.ok);
    const out = await fs.readFile(path.join(photoDir(), stored.stored[0]?.fileName ?? ""));
    const m = await sharp(out).metadata();
    assert.equal(m.exif, undefined);
    assert.equal(m.width, 1600);
    assert.equal(m.format, "jpeg");
    assert.equal(out.includes(Buffer.from("GPS")), false);
    assert.deepEqual(checkPhotos([new File(["%PDF-1.4"], "x.pdf", { type: "application/pdf" })]), { ok: false, error: "events.report.photoType" });
    assert.deepEqual(await storePhotos([new File(["not an image"], "x.jpg", { type: "image/jpeg" })]), { ok: false, error: "events.report.photoUnreadable" });
    await fs.rm(path.join(photoDir(), stored.stored[0]?.fileName ?? ""), { force: true });
  });
});

describe("event list context", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("equals its three separate reads: chapters (inactive ones and other people's left out), active programs, home kabupaten", async () => {
    const u = await createUser(t.db, { name: "Rina Dua Cabang" });
    const a = await createChapter(t.db, { name: "RTIK Zeta Konteks", regionCode: "35.09" });
    const b = await createChapter(t.db, { name: "RTIK Alfa Konteks", regionCode: "35.10" });
    const c = await createChapter(t.db, { name: "RTIK Tidak Aktif", regionCode: "35.11" });
    await addMembership(t.db, { userId: u.id, chapterId: a.id, role: "lead" });
    await addMembership(t.db, { userId: u.id, chapterId: b.id });
    await addMembership(t.db, { userId: u.id, chapterId: c.id, status: "inactive" });
    const other = await createUser(t.db, { name: "Orang Lain" });
    await addMembership(t.db, { userId: other.id, chapterId: c.id });

    const before = await eventListContext(t.db, u.id);
    assert.equal(before.home, null, "no profile yet");
    await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.10.02.2003" });
    const ctx = await eventListContext(t.db, u.id);
    assert.deepEqual(ctx.mine, await chaptersOf(t.db, u.id));
    assert.deepEqual(ctx.mine.map((m) => [m.name, m.role]), [["RTIK Alfa Konteks", "volunteer"], ["RTIK Zeta Konteks", "lead"]]);
    assert.deepEqual(ctx.programs, (await listPrograms(t.db)).map((p) => ({ id: p.id, nameId: p.nameId, nameEn: p.nameEn })));
    assert.ok(ctx.programs.length > 0);
    assert.equal(ctx.home, await homeKabupaten(t.db, u.id));
    assert.equal(ctx.home, "35.10");
    const nobody = await createUser(t.db, { name: "Belum Bergabung" });
    assert.deepEqual(await eventListContext(t.db, nobody.id), { mine: [], programs: ctx.programs, home: null });
  });
});
