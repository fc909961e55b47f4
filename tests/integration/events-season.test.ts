import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { events, eventSessions, institutions, onboardings, outcomeInstitutions, programs } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import {
  eventFormDefaults,
  findOrCreateInstitution,
  getEvent,
  listPrograms,
  listUpcomingEvents,
  mergeInstitutions,
  parseEventForm,
  searchInstitutions,
  deleteRole,
  eventsNeedingReport,
  updateEvent,
  updateRole,
} from "../../app/models/events/events.server";
import { eventIcs } from "../../app/models/events/calendar.server";
import { env } from "../../app/env.server";
import { addProgram, listAllPrograms, programSchema, setProgramActive, updateProgram } from "../../app/models/events/programs.server";
import { participantCounts, registerParticipant, removeParticipant, listParticipants } from "../../app/models/events/participants.server";
import { chapterOutcomeTotals, approveReport, canFileReport, getReport, onboardingRowsFromForm, returnReport, saveReport } from "../../app/models/events/outcomes.server";
import { users } from "../../db/schema/accounts";
import { cancelSignup, overlappingSignups, signUp, suggestVolunteers } from "../../app/models/events/signups.server";
import { skills, userSkills } from "../../db/schema/profiles";
import { addVenue } from "../../app/models/events/venues.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

function form(values: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

/** Reports are filed and approved after the event (honest timing): these tests look back from a month later. */
const AFTER_EVENTS = new Date(Date.now() + 30 * 86400_000);

describe("an outreach season", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  let lead: { id: string };
  let vols: { id: string; email: string }[];

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" });
    lead = await createUser(t.db, { name: "Yakob Lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    vols = [];
    for (let i = 0; i < 3; i++) {
      const u = await createUser(t.db, { name: `Relawan Papua ${i}` });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  it("manages programs: add, refuse a duplicate, change declared outcomes, deactivate", async () => {
    const parsed = programSchema.safeParse({ nameId: "Kelas Konten Kreatif", nameEn: "Creative Content Class", outcomes: ["participants"] });
    assert.ok(parsed.success);
    const added = await addProgram(t.db, parsed.data);
    assert.ok(added.ok);
    assert.deepEqual(await addProgram(t.db, { ...parsed.data, nameEn: "Other" }), { ok: false, errors: { nameId: ["events.programs.exists"] } });
    assert.equal(programSchema.safeParse({ nameId: "X", nameEn: "X", outcomes: [] }).success, false);
    assert.equal(programSchema.safeParse({ nameId: "X", nameEn: "X", outcomes: ["bogus"] }).success, false);
    assert.ok(await updateProgram(t.db, added.id, { ...parsed.data, outcomes: ["onboarding", "participants", "onboarding"] }));
    const [row] = await t.db.select({ outcomes: programs.outcomes, slug: programs.slug }).from(programs).where(eq(programs.id, added.id));
    assert.deepEqual(row, { outcomes: ["participants", "onboarding"], slug: "kelas-konten-kreatif" });
    assert.ok((await listPrograms(t.db)).some((p) => p.id === added.id));
    assert.ok(await setProgramActive(t.db, added.id, false));
    assert.ok(!(await listPrograms(t.db)).some((p) => p.id === added.id), "inactive programs are not offered to planners");
    assert.equal((await listAllPrograms(t.db)).find((p) => p.id === added.id)?.active, false);
  });

  it("plans a 3-day bimtek with a batch per day, in WIT, labels in the feed", async () => {
    const id = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      programSlug: "bimtek-opd",
      venueRegion: "91.71.01",
      venueName: "Aula Kantor Wali Kota",
      date: "2027-05-11",
      startTime: "08:00",
      endTime: "15:00",
      days: 3,
      sessionLabels: "Angkatan 1: Diskominfo, Bappeda\nAngkatan 2: Dinas Pendidikan\nAngkatan 3: Kecamatan",
    });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    assert.equal(e.timeZone, "Asia/Jayapura");
    assert.deepEqual(
      e.sessions.map((s) => [s.label, s.startsAt.toISOString()]),
      [
        ["Angkatan 1: Diskominfo, Bappeda", "2027-05-10T23:00:00.000Z"],
        ["Angkatan 2: Dinas Pendidikan", "2027-05-11T23:00:00.000Z"],
        ["Angkatan 3: Kecamatan", "2027-05-12T23:00:00.000Z"],
      ],
    );
    assert.equal(eventFormDefaults(e).sessionLabels, "Angkatan 1: Diskominfo, Bappeda\nAngkatan 2: Dinas Pendidikan\nAngkatan 3: Kecamatan");
    const comp = new ICAL.Component(ICAL.parse((await eventIcs(t.db, id)) ?? ""));
    const vevents = comp.getAllSubcomponents("vevent");
    assert.equal(vevents.length, 3);
    assert.equal(vevents[1]?.getFirstPropertyValue("summary"), `${e.title} (2/3 · Angkatan 2: Dinas Pendidikan)`);
    assert.equal(vevents[0]?.getFirstProperty("dtstart")?.getParameter("tzid"), "Asia/Jayapura");
    assert.notEqual(vevents[0]?.getFirstPropertyValue("uid"), vevents[1]?.getFirstPropertyValue("uid"));
  });

  it("editing tells the signed-up volunteers, in the same transaction", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.02", date: inDays(9) });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    await signUp(t.db, { eventId: id, roleId: e.roles[0]?.id ?? 0, userId: vols[0]?.id ?? "" });
    await signUp(t.db, { eventId: id, roleId: e.roles[1]?.id ?? 0, userId: vols[1]?.id ?? "" });
    const parsed = parseEventForm(form({ ...eventFormDefaults(e), endTime: "12:30" }));
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId: id, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId: id });
    const mails = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "event-changed"));
    const mine = mails.filter((m) => m.payload && typeof m.payload === "object" && "event" in m.payload && JSON.stringify(m.payload.event).includes(`"id":${id}`));
    assert.deepEqual(mine.map((m) => m.to).sort(), [vols[0]?.email, vols[1]?.email].sort());
    assert.deepEqual(mine.map((m) => (m.payload as { changes?: string[] }).changes), [["time"], ["time"]], "the email says what changed");
    const sequence = async () => (await t.db.select({ s: events.sequence }).from(events).where(eq(events.id, id)))[0]?.s;
    const seqAfterEdit = await sequence();

    // saving the form again as it is: no new calendar sequence, no email
    const again = await getEvent(t.db, id);
    assert.ok(again);
    const same = parseEventForm(form(eventFormDefaults(again)));
    assert.ok(same.success);
    assert.deepEqual(await updateEvent(t.db, { eventId: id, chapterId: chapter.id, userId: lead.id, form: same.data }), { ok: true, eventId: id });
    assert.equal(await sequence(), seqAfterEdit);
    const countMine = async () =>
      (await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.template, "event-changed"))).filter((m) => JSON.stringify(m.payload).includes(`"id":${id}`)).length;
    assert.equal(await countMine(), 2);

    // a new description reaches the calendars (new sequence) but is not worth an email
    const described = parseEventForm(form({ ...eventFormDefaults(again), description: "Bawa laptop bila ada." }));
    assert.ok(described.success);
    assert.equal((await updateEvent(t.db, { eventId: id, chapterId: chapter.id, userId: lead.id, form: described.data })).ok, true);
    assert.equal(await sequence(), (seqAfterEdit ?? 0) + 1);
    assert.equal(await countMine(), 2);
    // someone else's chapter cannot edit it
    assert.equal((await updateEvent(t.db, { eventId: id, chapterId: chapter.id + 999, userId: lead.id, form: parsed.data })).ok, false);
  });

  it("the lead assigns and removes people; removal promotes the waitlist; overlapping sign-ups are found", async () => {
    const date = inDays(12);
    const a = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.03", date, roles: [{ name: "Fasilitator", capacity: 1 }] });
    const b = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.04", date, startTime: "10:00", endTime: "13:00" });
    const ea = await getEvent(t.db, a);
    const eb = await getEvent(t.db, b);
    assert.ok(ea && eb);
    const role = ea.roles[0]?.id ?? 0;
    assert.deepEqual(await signUp(t.db, { eventId: a, roleId: role, userId: vols[0]?.id ?? "", assignedBy: lead.id }), { ok: true, status: "confirmed", position: null });
    assert.deepEqual(await signUp(t.db, { eventId: a, roleId: role, userId: vols[1]?.id ?? "", assignedBy: lead.id }), { ok: false, reason: "full" }, "a lead does not assign onto the waitlist");
    assert.deepEqual(await signUp(t.db, { eventId: a, roleId: role, userId: vols[1]?.id ?? "" }), { ok: true, status: "waitlisted", position: 1 });
    assert.deepEqual(await cancelSignup(t.db, { eventId: a, userId: vols[0]?.id ?? "", byLead: true }), { ok: true, promotedUserId: vols[1]?.id });
    const removed = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, vols[0]?.email ?? ""), eq(outbox.template, "event-signup")));
    assert.ok(removed.length >= 2, "confirmation and removal notice");
    // the confirmation and the promotion carry the event's .ics; the waitlist notice does not
    const icsOf = (payload: unknown) => {
      const list = payload && typeof payload === "object" && "attachments" in payload && Array.isArray(payload.attachments) ? payload.attachments : [];
      const first: unknown = list[0];
      return first && typeof first === "object" && "content" in first && typeof first.content === "string" ? first.content : null;
    };
    const mails = await t.db.select({ to: outbox.toEmail, template: outbox.template, payload: outbox.payload }).from(outbox).where(sql`${outbox.payload}->'event'->>'id' = ${String(a)}`);
    const promoted = mails.find((m) => m.template === "event-promoted" && m.to === vols[1]?.email);
    const promotedIcs = new ICAL.Component(ICAL.parse(icsOf(promoted?.payload) ?? ""));
    assert.equal(promotedIcs.getFirstSubcomponent("vevent")?.getFirstPropertyValue("uid"), `event-${a}-1@${new URL(env.APP_URL).hostname}`);
    const waitlisted = mails.find((m) => m.template === "event-signup" && m.to === vols[1]?.email);
    assert.equal(icsOf(waitlisted?.payload), null);
    assert.ok(icsOf(mails.find((m) => m.template === "event-signup" && m.to === vols[0]?.email)?.payload)?.includes("BEGIN:VEVENT"));
    await signUp(t.db, { eventId: b, roleId: eb.roles[0]?.id ?? 0, userId: vols[1]?.id ?? "" });
    const overlaps = await overlappingSignups(t.db, { eventId: b, userId: vols[1]?.id ?? "", startsAt: eb.startsAt, endsAt: eb.endsAt });
    assert.deepEqual(overlaps.map((o) => o.id), [a]);
  });

  it("edits and deletes roles; suggests members whose skills match a role that is short of people", async () => {
    const [skill] = await t.db.select({ id: skills.id, nameId: skills.nameId, slug: skills.slug }).from(skills).limit(1);
    assert.ok(skill, "skills are seeded");
    await t.db.insert(userSkills).values({ userId: vols[2]?.id ?? "", skillId: skill.id });
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.05", date: inDays(20), roles: [{ name: "Narasumber", capacity: 2 }, { name: "Registrasi", capacity: 1 }] });
    const e = await getEvent(t.db, id);
    const [nara, reg] = e?.roles ?? [];
    assert.ok(nara && reg);
    assert.equal(await updateRole(t.db, { eventId: id, chapterId: chapter.id + 999, roleId: nara.id, name: "X", skills: "", hours: null }), false);
    assert.ok(await updateRole(t.db, { eventId: id, chapterId: chapter.id, roleId: nara.id, name: "Narasumber utama", skills: `${skill.nameId.toUpperCase()}, Bahasa Papua`, hours: 4 }));
    const suggested = await suggestVolunteers(t.db, { eventId: id, chapterId: chapter.id });
    assert.deepEqual(suggested.get(nara.id)?.map((p) => p.userId), [vols[2]?.id]);
    assert.equal(suggested.get(reg.id), undefined, "no wanted skills, no suggestions");
    await signUp(t.db, { eventId: id, roleId: nara.id, userId: vols[2]?.id ?? "" });
    assert.equal((await suggestVolunteers(t.db, { eventId: id, chapterId: chapter.id })).get(nara.id), undefined, "signed-up people are not suggested");
    assert.equal(await deleteRole(t.db, { eventId: id, chapterId: chapter.id, roleId: nara.id }), "inUse");
    assert.equal(await deleteRole(t.db, { eventId: id, chapterId: chapter.id + 999, roleId: reg.id }), "notFound");
    assert.equal(await deleteRole(t.db, { eventId: id, chapterId: chapter.id, roleId: reg.id }), "deleted");
    assert.deepEqual((await getEvent(t.db, id))?.roles.map((r) => [r.name, r.hours, r.wantedSkills.length]), [["Narasumber utama", 4, 2]]);
  });

  it("finds upcoming events by chapter, region and program", async () => {
    const other = await createChapter(t.db, { regionCode: "73.71", name: "RTIK Makassar (lain)" });
    const otherLead = await createUser(t.db);
    await addMembership(t.db, { userId: otherLead.id, chapterId: other.id, role: "lead" });
    const far = await createOutreachEvent(t.db, { chapterId: other.id, leadId: otherLead.id, venueRegion: "73.71.01", date: inDays(6), programSlug: "umkm-go-online" });
    const near = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.01", date: inDays(6), programSlug: "umkm-go-online" });
    const draft = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.01", date: inDays(6), draft: true });
    const ids = (l: { id: number }[]) => l.map((x) => x.id);
    const mine = ids(await listUpcomingEvents(t.db, { chapterIds: [chapter.id] }));
    assert.ok(mine.includes(near) && !mine.includes(far) && !mine.includes(draft));
    const byRegion = ids(await listUpcomingEvents(t.db, { regionPrefix: "73.71" }));
    assert.ok(byRegion.includes(far) && !byRegion.includes(near));
    const [umkm] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, "umkm-go-online"));
    const byProgram = await listUpcomingEvents(t.db, { programId: umkm?.id });
    assert.ok(ids(byProgram).includes(far) && ids(byProgram).includes(near));
    assert.ok(byProgram.every((e) => e.programNameId === "UMKM Go-Online"));
    const ne = await getEvent(t.db, near);
    await signUp(t.db, { eventId: near, roleId: ne?.roles[1]?.id ?? 0, userId: vols[2]?.id ?? "" });
    const seen = await listUpcomingEvents(t.db, { chapterIds: [chapter.id], userId: vols[2]?.id });
    assert.equal(seen.find((e) => e.id === near)?.myStatus, "confirmed");
    assert.equal(seen.find((e) => e.id === draft), undefined);
  });

  it("registers participants at the door with the on-site code and counts them", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.02", date: inDays(3) });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    const onSite = new Date(e.startsAt.getTime() + 1800_000);
    const f = { code: e.checkinCode.toLowerCase(), name: "Maria Wenda", institutionName: "SMA Negeri 1 Jayapura", gender: "female" as const };
    // a wrong code and the right code before the door opens get the same answer (item 10: no code oracle)
    assert.deepEqual(await registerParticipant(t.db, { eventId: id, form: { ...f, code: "XXXXXX" }, now: onSite }), { ok: false, reason: "refused" });
    assert.deepEqual(await registerParticipant(t.db, { eventId: id, form: f, now: new Date(e.startsAt.getTime() - 86400_000) }), { ok: false, reason: "refused" });
    assert.deepEqual(await registerParticipant(t.db, { eventId: id, form: f, now: onSite }), { ok: true, already: false });
    await registerParticipant(t.db, { eventId: id, form: { code: e.checkinCode, name: "Yosua", gender: "male" }, now: onSite });
    await registerParticipant(t.db, { eventId: id, form: { code: e.checkinCode, name: "Tanpa Nama Lembaga" }, now: onSite });
    const counts = await participantCounts(t.db, id);
    assert.deepEqual({ total: counts.total, female: counts.female, male: counts.male }, { total: 3, female: 1, male: 1 });
    // guessing from one address stops after 10 failures (also for the right code afterwards); others are not held
    const guesser = "198.51.100.7";
    for (let i = 0; i < 10; i++) await registerParticipant(t.db, { eventId: id, form: { ...f, code: `ZZZZ${String(i).padStart(2, "0")}` }, ip: guesser, now: onSite });
    assert.deepEqual(await registerParticipant(t.db, { eventId: id, form: f, ip: guesser, now: onSite }), { ok: false, reason: "tooMany" });
    assert.deepEqual(await registerParticipant(t.db, { eventId: id, form: { ...f, name: "Peserta Lain" }, ip: "198.51.100.8", now: onSite }), { ok: true, already: false });
    await removeParticipant(t.db, { eventId: id, participantId: (await listParticipants(t.db, id)).at(-1)?.id ?? 0 });
    const list = await listParticipants(t.db, id);
    assert.equal(await removeParticipant(t.db, { eventId: id + 1000, participantId: list[2]?.id ?? 0 }), false);
    assert.equal(await removeParticipant(t.db, { eventId: id, participantId: list[2]?.id ?? 0 }), true);
    assert.equal((await participantCounts(t.db, id)).total, 2);
  });

  it("records several UMKM brought online with what was set up; one name counts once; a re-save replaces", async () => {
    const { rows, errors } = onboardingRowsFromForm(
      form({
        "onb.0.name": "Keripik Keladi Mama Yuli",
        "onb.0.type": "umkm",
        "onb.0.kinds": ["marketplace", "qris"],
        "onb.1.name": "Noken Asli Sentani",
        "onb.1.kinds": ["gbp", "bogus"],
        "onb.2.name": "",
        "onb.3.name": "Kopi Wamena",
        "onb.4.kinds": ["social"],
        "onb.5.name": "keripik keladi mama  yuli",
        "onb.5.kinds": ["social"],
      }),
    );
    assert.deepEqual(errors, { "onb.3.kinds": ["events.report.onlineKindRequired"], "onb.4.name": ["errors.required"] });
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1], { name: "Noken Asli Sentani", type: "umkm", kinds: ["gbp"] });

    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.03", date: inDays(1), programSlug: "umkm-go-online" });
    const base = { participantsTotal: 25, notes: "Pelatihan 2 sesi", institutionIds: [] };
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterRegion: "91.71", eventRegion: "91.71.03", userId: lead.id, form: base, onboarded: rows, photos: [] });
    let r = await getReport(t.db, id);
    assert.ok(r);
    assert.equal(r.online.length, 2, "the same UMKM typed twice is one row");
    assert.deepEqual(r.online.find((o) => o.name === "Keripik Keladi Mama Yuli")?.kinds, ["marketplace", "social", "qris"]);
    assert.equal(r.reached.length, 2, "onboarded UMKM count as reached");
    const before = await chapterOutcomeTotals(t.db, chapter.id);
    assert.ok((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterId: chapter.id, userId: lead.id })).ok);
    const totals = await chapterOutcomeTotals(t.db, chapter.id);
    assert.equal(totals.onboarded - before.onboarded, 2);

    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterRegion: "91.71", eventRegion: "91.71.03", userId: lead.id, form: base, onboarded: [rows[1] ?? { name: "", type: "umkm", kinds: [] }], photos: [] });
    r = await getReport(t.db, id);
    assert.deepEqual(r?.online.map((o) => o.name), ["Noken Asli Sentani"]);
    assert.equal(r?.status, "submitted", "an edit goes back for approval");
  });

  it("a documentation volunteer files the report; the lead is told, sends it back, then approves it", async () => {
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.04", date: inDays(2), roles: [{ name: "Narasumber", capacity: 1 }, { name: "Documentation", capacity: 1 }] });
    const e = await getEvent(t.db, id);
    const [nara, doc] = e?.roles ?? [];
    assert.ok(nara && doc);
    await signUp(t.db, { eventId: id, roleId: nara.id, userId: vols[0]?.id ?? "" });
    await signUp(t.db, { eventId: id, roleId: doc.id, userId: vols[1]?.id ?? "" });
    assert.equal(await canFileReport(t.db, id, vols[0]?.id ?? "", false), false, "a speaker does not file the report");
    assert.equal(await canFileReport(t.db, id, vols[1]?.id ?? "", false), true);
    const base = { participantsTotal: 60, institutionIds: [] };
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterRegion: "91.71", eventRegion: "91.71.04", userId: vols[1]?.id ?? "", form: base, onboarded: [], photos: [] });
    const byEvent = sql`${outbox.payload}->'event'->>'id' = ${String(id)}`;
    const sent = async () => (await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "event-report"), byEvent))).map((m) => `${m.to}:${m.payload && typeof m.payload === "object" && "kind" in m.payload ? String(m.payload.kind) : ""}`);
    const [leadRow] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, lead.id));
    assert.deepEqual(await sent(), [`${leadRow?.email}:submitted`]);
    assert.equal(await returnReport(t.db, { eventId: id, chapterId: chapter.id, userId: lead.id, note: "Tambahkan foto dan jumlah perempuan." }), true);
    assert.equal((await getReport(t.db, id))?.status, "returned");
    assert.equal((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterId: chapter.id, userId: lead.id })).ok, false, "a returned report must be filed again first");
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterRegion: "91.71", eventRegion: "91.71.04", userId: vols[1]?.id ?? "", form: { ...base, participantsFemale: 30 }, onboarded: [], photos: [] });
    assert.equal((await approveReport(t.db, { now: AFTER_EVENTS, eventId: id, chapterId: chapter.id, userId: lead.id })).ok, true);
    assert.deepEqual((await sent()).sort(), [`${leadRow?.email}:submitted`, `${leadRow?.email}:submitted`, `${vols[1]?.email}:approved`, `${vols[1]?.email}:returned`].sort());
  });

  it("lists held events still waiting for an approved report; several new institutions per line", async () => {
    const past = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.05", date: inDays(1), title: "Seminar Literasi Digital" });
    await t.db.update(events).set({ startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 2 * 3600_000) }).where(eq(events.id, past));
    const future = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.05", date: inDays(8) });
    const ids = async () => (await eventsNeedingReport(t.db, [chapter.id])).map((e) => [e.id, e.reportStatus]);
    assert.ok((await ids()).some(([id, st]) => id === past && st === null));
    assert.ok(!(await ids()).some(([id]) => id === future));
    await saveReport(t.db, { now: AFTER_EVENTS,
      eventId: past,
      chapterRegion: "91.71",
      eventRegion: "91.71.05",
      userId: lead.id,
      form: { participantsTotal: 90, institutionIds: [], newInstitutionName: "SMA Negeri 4 Jayapura\r\nSMK Negeri 2 Jayapura\n\nsma n 4 jayapura", newInstitutionType: "school" },
      onboarded: [],
      photos: [],
    });
    assert.equal((await getReport(t.db, past))?.reached.length, 2);
    assert.ok((await ids()).some(([id, st]) => id === past && st === "submitted"));
    await approveReport(t.db, { now: AFTER_EVENTS, eventId: past, chapterId: chapter.id, userId: lead.id });
    assert.ok(!(await ids()).some(([id]) => id === past));
    assert.deepEqual(await eventsNeedingReport(t.db, []), []);
  });

  it("keeps one registry row per institution: dedup on add, manual merge of what normalising missed", async () => {
    const first = await addVenue(t.db, { regionPrefix: "91.71", userId: lead.id, form: { name: "SMP Negeri 2 Jayapura", type: "school", regionCode: "91.71.01", address: "Jl. Raya Abepura" } });
    const again = await addVenue(t.db, { regionPrefix: "91.71", userId: lead.id, form: { name: "SMPN 2 Jayapura", type: "school", regionCode: "91.71.01" } });
    assert.ok(first.ok && again.ok);
    assert.equal(first.id, again.id);
    assert.equal(first.created && !again.created, true);
    assert.deepEqual(await addVenue(t.db, { regionPrefix: "91.71", userId: lead.id, form: { name: "SMP X", type: "school", regionCode: "73.71.01" } }), { ok: false });

    // "SMP Dua Jayapura" is the same school, typed differently: events and reports at both, then a merge
    const dup = await findOrCreateInstitution(t.db, { type: "school", name: "SMP Dua Jayapura", regionCode: "91.71.01" });
    const e1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.01", venueName: "SMP Dua Jayapura", date: inDays(2) });
    const e2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.01", venueName: "SMP Negeri 2 Jayapura", date: inDays(4) });
    const rep = { participantsTotal: 40, institutionIds: [String(first.id), String(dup.id)] };
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: e1, chapterRegion: "91.71", eventRegion: "91.71.01", userId: lead.id, form: rep, onboarded: [], photos: [] });
    await saveReport(t.db, { now: AFTER_EVENTS, eventId: e2, chapterRegion: "91.71", eventRegion: "91.71.01", userId: lead.id, form: { ...rep, institutionIds: [String(dup.id)] }, onboarded: [], photos: [] });
    const found = await searchInstitutions(t.db, { regionPrefix: "91.71", q: "jayapura", type: "school" });
    assert.deepEqual(found.find((x) => x.id === dup.id) && { events: found.find((x) => x.id === dup.id)?.events, reports: found.find((x) => x.id === dup.id)?.reports }, { events: 1, reports: 2 });

    assert.deepEqual(await mergeInstitutions(t.db, { fromId: dup.id, intoId: dup.id, regionPrefix: "91.71" }), { ok: false, reason: "same" });
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: dup.id, intoId: first.id, regionPrefix: "73.71" }), { ok: false, reason: "notFound" });
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: dup.id, intoId: first.id, regionPrefix: "91.71" }), { ok: true });
    assert.equal((await t.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, dup.id))).length, 0);
    const [ev] = await t.db.select({ venueId: events.venueId }).from(events).where(eq(events.id, e1));
    assert.equal(ev?.venueId, first.id);
    const reached = await t.db.select({ reportId: outcomeInstitutions.reportId, inst: outcomeInstitutions.institutionId }).from(outcomeInstitutions).where(eq(outcomeInstitutions.institutionId, first.id));
    assert.equal(reached.length, 2, "each report names the school once");
    const sessions = await t.db.select({ id: eventSessions.id }).from(eventSessions).where(eq(eventSessions.eventId, e1));
    assert.equal(sessions.length, 1);
    assert.equal((await t.db.select({ r: onboardings.reportId }).from(onboardings).where(eq(onboardings.institutionId, dup.id))).length, 0);
  });
});
