import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { knownDevices, passwords, sessions, users } from "../../db/schema/accounts";
import { memberships } from "../../db/schema/chapters";
import { calendarTokens, signups } from "../../db/schema/events";
import { jobs, outbox } from "../../db/schema/outbox";
import { dataAccessLog, emailChanges } from "../../db/schema/privacy";
import { volunteerProfiles } from "../../db/schema/profiles";
import { tutoringRequestEvents, tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import type { SessionUser } from "../../app/auth/session.server";
import { authenticateByPassword, changePassword, isEmailVerified } from "../../app/models/accounts/accounts.server";
import { confirmEmailChange, eraseAccount, leaveChapter, personalDataOf, requestEmailChange } from "../../app/models/accounts/personal-data.server";
import { setMembershipStatus } from "../../app/models/chapters/chapters.server";
import { accessToMember, accessToRequest, listChapterAccess, logDataAccess } from "../../app/models/privacy/access-log.server";
import { PRIVACY_VERSION } from "../../app/models/privacy/notice";
import { RETENTION_JOB, retentionJob, runRetention } from "../../app/models/privacy/retention.server";
import { resetCalendarToken } from "../../app/models/events/calendar.server";
import { chapterReport, getChapterRef } from "../../app/models/reports/reports.server";
import type { Period } from "../../app/models/reports/period";
import { correctRequestByToken, eraseRequestByToken } from "../../app/models/tutoring/learner-data.server";
import { claimRequest, completeRequest, getRequestForVolunteer, logSession } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, getRequestByToken, getRequestForLead, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { tutoringStats } from "../../app/models/tutoring/stats.server";
import { runDueJobs } from "../../app/services/jobs.server";
import { queueEmail } from "../../app/services/outbox.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertAttendance, insertEvent } from "../support/reports-fixture";
import { addMembership, createChapter, createUser, createVolunteerProfile, formOf } from "../factories";

let t: TestDatabase;
let ip = 0;
const PERIOD: Period = { year: 2026, semester: 0 };

before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const baseForm = { name: "Bu Sri", whatsapp: "0812-1111-2222", topics: ["marketplace"], forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" };

async function fileRequest(regionCode: string, over: Record<string, string | string[]> = {}) {
  const parsed = parseTutoringForm(formOf({ ...baseForm, ...over }), regionCode);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.9.0.${++ip}`, locale: "id", appUrl: "https://simpul.test" });
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

const su = (u: { id: string; email: string; name: string }, isAdmin = false): SessionUser => ({ id: u.id, email: u.email, name: u.name, locale: "id", isAdmin });

/** A tutor claims, logs a session on `heldOn` and completes; the request's closing date is then set to `closedAt`. */
async function tutorAndComplete(tutor: SessionUser, requestId: number, heldOn: string, minutes: number, closedAt: string) {
  assert.deepEqual(await claimRequest(t.db, tutor, requestId), { ok: true });
  // a session is never older than its request: the request was made that day
  await t.db.update(tutoringRequests).set({ createdAt: new Date(`${heldOn}T00:00:00Z`) }).where(eq(tutoringRequests.id, requestId));
  assert.deepEqual(await logSession(t.db, tutor, requestId, { heldOn, minutes, topic: "Marketplace", notes: "Bu Sri di rumah, Jl. Mawar 3" }), { ok: true });
  assert.deepEqual(await completeRequest(t.db, tutor, requestId, ""), { ok: true });
  await t.db.update(tutoringRequests).set({ closedAt: new Date(closedAt) }).where(eq(tutoringRequests.id, requestId));
}

/** Every figure of the chapter's Laporan Capaian (indicators with months, per program, tutoring summary, hours). */
async function figures(slug: string) {
  const chapter = await getChapterRef(t.db, slug);
  assert.ok(chapter);
  const r = await chapterReport(t.db, { chapter, period: PERIOD, locale: "id", now: new Date("2026-12-01T00:00:00Z") });
  return {
    indicators: r.rows.map((row) => JSON.stringify(row)),
    perProgram: JSON.stringify(r.perProgram),
    activities: JSON.stringify(r.activities),
    tutoring: JSON.stringify(r.tutoring),
    hours: r.honour.map((h) => JSON.stringify(Object.values(h).filter((v) => typeof v === "number"))).sort(),
    stats: JSON.stringify(await tutoringStats(t.db, { chapterIds: [chapter.id], from: new Date("2026-01-01T00:00:00+07:00"), to: new Date("2027-01-01T00:00:00+07:00") })),
  };
}

describe("volunteer erasure", () => {
  it("anonymises the person, cancels what lies ahead, and leaves every report figure the same", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Jember Privasi", regionCode: "35.09" });
    const lead = await createUser(t.db, { name: "Lead Privasi" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const siti = await createUser(t.db, { name: "Siti Aminah", email: "siti.privasi@example.test", password: "kopi tubruk pagi" });
    const budi = await createUser(t.db, { name: "Budi Santoso" });
    const waiting = await createUser(t.db, { name: "Wati Menunggu" });
    for (const u of [siti, budi, waiting]) await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    await createVolunteerProfile(t.db, { userId: siti.id, regionCode: "35.09.01", whatsapp: "+6281234500001", skills: ["marketplace"], languages: ["id"], availability: ["sabtu-pagi"] });
    await createVolunteerProfile(t.db, { userId: budi.id, regionCode: "35.09.01", whatsapp: "+6281234500002", skills: ["marketplace"], languages: ["id"], availability: ["sabtu-pagi"] });
    await resetCalendarToken(t.db, siti.id);
    await t.db.insert(sessions).values({ id: `s-${siti.id}`, userId: siti.id, expiresAt: new Date(Date.now() + 86400_000) });

    // two approved events with attendance and hours (Siti in both), one with a repeat institution
    const e1 = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", date: "2026-03-10", time: "08:00", participants: 40 });
    const e2 = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", date: "2026-08-17", time: "09:00", participants: 25 });
    await insertAttendance(t.db, e1, siti.id, 4);
    await insertAttendance(t.db, e1, budi.id, 3);
    await insertAttendance(t.db, e2, siti.id, 5);
    // an upcoming event where Siti holds the only place and Wati waits
    const future = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", date: "2027-02-01", time: "08:00", status: null });
    await t.db.execute(sql`update event_role set capacity = 1 where id = ${future.roleId}`);
    await t.db.execute(sql`insert into event_session_role (session_id, role_id, event_id, capacity) values (${future.sessionId}, ${future.roleId}, ${future.id}, 1)`);
    await t.db.execute(sql`update event set status = 'published' where id = ${future.id}`);
    await t.db.insert(signups).values({ eventId: future.id, roleId: future.roleId, sessionId: future.sessionId, userId: siti.id, status: "confirmed", queuedAt: new Date() });
    await t.db.insert(signups).values({ eventId: future.id, roleId: future.roleId, sessionId: future.sessionId, userId: waiting.id, status: "waitlisted", queuedAt: new Date(), waitlistPosition: 1 });

    // tutoring: Siti completed two requests (the same learner twice), Budi one
    const r1 = await fileRequest("35.09.01.2003", { name: "Pak Slamet", whatsapp: "0813-5555-0001" });
    const r2 = await fileRequest("35.09.01.2003", { name: "Pak  Slamet", whatsapp: "+62 813 5555 0001" });
    const r3 = await fileRequest("35.09.01.2003", { name: "Bu Ani", whatsapp: "0813-5555-0003" });
    await tutorAndComplete(su(siti), r1.requestId, "2026-04-02", 90, "2026-04-03T05:00:00Z");
    await tutorAndComplete(su(siti), r2.requestId, "2026-09-02", 60, "2026-09-03T05:00:00Z");
    await tutorAndComplete(su(budi), r3.requestId, "2026-10-02", 45, "2026-10-03T05:00:00Z");
    // and holds an open one
    const r4 = await fileRequest("35.09.01.2003", { name: "Mbak Rina", whatsapp: "0813-5555-0004" });
    assert.deepEqual(await claimRequest(t.db, su(siti), r4.requestId), { ok: true });

    const before = await figures(chapter.slug);
    assert.ok(before.indicators.some((r) => r.includes('"key":"volunteer_hours"')));

    // a browser she logged in on (the lockout's known device) is part of her account too
    await t.db.insert(knownDevices).values({ tokenHash: `device-${siti.id}`, userId: siti.id });
    const wrong = await eraseAccount(t.db, siti.id, "bukan kata sandinya");
    assert.deepEqual(wrong, { ok: false, errors: { password: ["privacy.account.wrongPassword"] } });
    assert.deepEqual(await eraseAccount(t.db, siti.id, "kopi tubruk pagi"), { ok: true });

    const after = await figures(chapter.slug);
    assert.deepEqual(after.indicators, before.indicators);
    assert.deepEqual(after.perProgram, before.perProgram);
    assert.deepEqual(after.activities, before.activities);
    assert.deepEqual(after.hours, before.hours);
    assert.deepEqual(JSON.parse(after.stats).distinctLearners, JSON.parse(before.stats).distinctLearners);
    assert.deepEqual(JSON.parse(after.stats).completedRequests, JSON.parse(before.stats).completedRequests);
    assert.deepEqual(after.tutoring, before.tutoring);

    const [row] = await t.db.select().from(users).where(eq(users.id, siti.id));
    assert.ok(row?.erasedAt);
    assert.deepEqual(await t.db.select().from(knownDevices).where(eq(knownDevices.userId, siti.id)), []);
    assert.equal(row?.name, "—");
    assert.ok(!row?.email.includes("siti"));
    assert.equal((await t.db.select().from(passwords).where(eq(passwords.userId, siti.id))).length, 0);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, siti.id))).length, 0);
    assert.equal((await t.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, siti.id))).length, 0);
    assert.equal((await t.db.select().from(calendarTokens).where(eq(calendarTokens.userId, siti.id))).length, 0);
    assert.equal((await t.db.select().from(memberships).where(eq(memberships.userId, siti.id))).length, 0);
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.toEmail, "siti.privasi@example.test"))).length, 0);
    // the attended sign-ups and sessions are still there (anonymous); the upcoming place went to Wati
    assert.equal((await t.db.select().from(signups).where(and(eq(signups.userId, siti.id), sql`${signups.attendedAt} is not null`))).length, 2);
    assert.equal((await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.tutorId, siti.id))).length, 2);
    const [wati] = await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, future.id), eq(signups.userId, waiting.id)));
    assert.equal(wati?.status, "confirmed");
    const [open] = await t.db.select({ status: tutoringRequests.status, tutorId: tutoringRequests.tutorId }).from(tutoringRequests).where(eq(tutoringRequests.id, r4.requestId));
    assert.deepEqual(open, { status: "new", tutorId: null });
    // cannot log in, no data to download, erasing again is refused
    const login = await authenticateByPassword(t.db, { email: "siti.privasi@example.test", password: "kopi tubruk pagi", ip: "10.8.0.1" });
    assert.equal(login.ok, false);
    assert.equal(await personalDataOf(t.db, siti.id), null);
    assert.equal((await eraseAccount(t.db, siti.id, "kopi tubruk pagi")).ok, false);
  });
});

describe("learner rights", () => {
  it("erasing from the tracking link removes name and contact at once; counts stay; the lead no longer sees them", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Banyuwangi Privasi", regionCode: "35.10" });
    const lead = await createUser(t.db, { name: "Lead Banyuwangi" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const tutor = await createUser(t.db, { name: "Wulan Tutor" });
    await addMembership(t.db, { userId: tutor.id, chapterId: chapter.id });
    // the same learner, contact written two ways, twice completed; another learner once
    const a = await fileRequest("35.10.01.2001", { name: "Pak Darmo", whatsapp: "0812-7777-0001", email: "darmo@example.test" });
    const b = await fileRequest("35.10.01.2001", { name: "Darmo", whatsapp: "+6281277770001" });
    const c = await fileRequest("35.10.01.2001", { name: "Bu Tini", whatsapp: "081277770002" });
    await tutorAndComplete(su(tutor), a.requestId, "2026-05-02", 60, "2026-05-03T05:00:00Z");
    await tutorAndComplete(su(tutor), b.requestId, "2026-06-02", 60, "2026-06-03T05:00:00Z");
    await tutorAndComplete(su(tutor), c.requestId, "2026-06-05", 30, "2026-06-06T05:00:00Z");
    const before = await figures(chapter.slug);
    assert.ok(before.indicators.some((r) => r.includes('"key":"learners_helped"') && r.includes('"value":2,')), before.indicators.join("\n"));

    // the lead opens the contact: logged, and the learner sees it
    const seen = await getRequestForLead(t.db, su(lead), chapter.id, a.requestId);
    assert.ok(seen.ok && seen.request.whatsapp === "+6281277770001");
    assert.equal((await accessToRequest(t.db, a.requestId)).length, 1);

    assert.deepEqual(await eraseRequestByToken(t.db, a.token, ""), { ok: false, errors: { confirm: ["privacy.learner.confirmRequired"] } });
    assert.deepEqual(await eraseRequestByToken(t.db, a.token, "yes"), { ok: true });
    const after = await figures(chapter.slug);
    assert.deepEqual(after, before);

    const tracked = await getRequestByToken(t.db, a.token);
    assert.ok(tracked?.erasedAt);
    assert.equal(tracked?.learnerName, "");
    assert.equal(tracked?.whatsapp, null);
    assert.equal(tracked?.email, null);
    const forLead = await getRequestForLead(t.db, su(lead), chapter.id, a.requestId);
    assert.ok(forLead.ok && forLead.request.whatsapp === null && forLead.request.learnerName === "");
    const notes = await t.db.select({ notes: tutoringSessions.notes, minutes: tutoringSessions.minutes }).from(tutoringSessions).where(eq(tutoringSessions.requestId, a.requestId));
    assert.deepEqual(notes, [{ notes: "", minutes: 60 }]);
    const mails = await t.db.select({ to: outbox.toEmail }).from(outbox).where(sql`${outbox.dedupKey} like ${`tutoring-%:${a.requestId}%`}`);
    assert.ok(mails.every((m) => m.to !== "darmo@example.test"), JSON.stringify(mails));
    const history = await t.db.select({ note: tutoringRequestEvents.note }).from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, a.requestId));
    assert.ok(history.some((h) => h.note === "tutoring.history.erased"));

    // the learner's next request shares the pinned key: still one learner
    const d = await fileRequest("35.10.01.2001", { name: "Pak Darmo", whatsapp: "0812 7777 0001" });
    const [keys] = rowsOfKeys(await t.db.select({ a: tutoringRequests.learnerKey }).from(tutoringRequests).where(eq(tutoringRequests.id, d.requestId)));
    const [bKey] = await t.db.select({ k: tutoringRequests.learnerKey }).from(tutoringRequests).where(eq(tutoringRequests.id, b.requestId));
    assert.ok(keys && keys === bKey?.k);
  });

  it("an open request erased is cancelled first; a correction changes name and contact and keeps the count", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Jember Koreksi", regionCode: "35.11" });
    const open = await fileRequest("35.11.01.2001", { name: "Dik Rafi", whatsapp: "0812-8888-0001" });
    assert.deepEqual(await eraseRequestByToken(t.db, open.token, "yes"), { ok: true });
    const [row] = await t.db.select({ status: tutoringRequests.status, name: tutoringRequests.learnerName }).from(tutoringRequests).where(eq(tutoringRequests.id, open.requestId));
    assert.deepEqual(row, { status: "cancelled", name: "" });

    const other = await fileRequest("35.11.01.2001", { name: "Bu Lestar", whatsapp: "0812-8888-0002" });
    const bad = await correctRequestByToken(t.db, other.token, formOf({ name: "", whatsapp: "12", email: "" }));
    assert.equal(bad.ok, false);
    const good = await correctRequestByToken(t.db, other.token, formOf({ name: "Bu Lestari", whatsapp: "0812-8888-0003", email: "lestari@example.test" }));
    assert.deepEqual(good, { ok: true });
    const fixed = await getRequestByToken(t.db, other.token);
    assert.equal(fixed?.learnerName, "Bu Lestari");
    assert.equal(fixed?.whatsapp, "+6281288880003");
    assert.equal(fixed?.email, "lestari@example.test");
    void chapter;
  });

  it("a minor's request needs a guardian's name, contact and consent, and records them", () => {
    const missing = parseTutoringForm(formOf({ ...baseForm, minor: "yes" }), "35.09.01.2003");
    assert.ok(!missing.ok);
    assert.deepEqual(missing.errors.guardianName, ["privacy.minor.guardianNameRequired"]);
    assert.deepEqual(missing.errors.guardianContact, ["privacy.minor.guardianContactRequired"]);
    assert.deepEqual(missing.errors.guardianConsent, ["privacy.minor.guardianConsentRequired"]);
    const unanswered = parseTutoringForm(formOf({ ...baseForm, minor: "" }), "35.09.01.2003");
    assert.ok(!unanswered.ok);
    assert.deepEqual(unanswered.errors.minor, ["privacy.minor.required"]);
    const badContact = parseTutoringForm(formOf({ ...baseForm, minor: "yes", guardianName: "Ibu Sari", guardianContact: "123", guardianConsent: "yes" }), "35.09.01.2003");
    assert.ok(!badContact.ok && badContact.errors.guardianContact);
    const ok = parseTutoringForm(formOf({ ...baseForm, minor: "yes", guardianName: "Ibu Sari", guardianContact: "0812-3333-4444", guardianConsent: "yes" }), "35.09.01.2003");
    assert.ok(ok.ok);
    assert.deepEqual(ok.data.guardian, { name: "Ibu Sari", contact: "+6281233334444" });
  });

  it("stores the guardian with the request", async () => {
    await createChapter(t.db, { name: "RTIK Lumajang", regionCode: "35.08" });
    const r = await fileRequest("35.08.01.2001", { name: "Dik Ayu", minor: "yes", guardianName: "Ibu Sari", guardianContact: "sari@example.test", guardianConsent: "yes" });
    const [row] = await t.db
      .select({ isMinor: tutoringRequests.isMinor, g: tutoringRequests.guardianName, c: tutoringRequests.guardianContact, at: tutoringRequests.guardianConsentAt, v: tutoringRequests.consentVersion })
      .from(tutoringRequests)
      .where(eq(tutoringRequests.id, r.requestId));
    assert.equal(row?.isMinor, true);
    assert.equal(row?.g, "Ibu Sari");
    assert.equal(row?.c, "sari@example.test");
    assert.ok(row?.at instanceof Date);
    assert.equal(row?.v, PRIVACY_VERSION);
  });
});

function rowsOfKeys(rows: { a: string | null }[]): (string | null)[] {
  return rows.map((r) => r.a);
}

describe("purpose limitation", () => {
  it("the tutor sees the learner's contact only while the tutoring runs and while an active volunteer", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Probolinggo", regionCode: "35.13" });
    const lead = await createUser(t.db, { name: "Lead Probolinggo" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const tutor = await createUser(t.db, { name: "Agus Tutor" });
    await addMembership(t.db, { userId: tutor.id, chapterId: chapter.id });
    const r = await fileRequest("35.13.01.2001", { name: "Pak Joko", whatsapp: "0812-9999-0001" });
    await claimRequest(t.db, su(tutor), r.requestId);
    const matched = await getRequestForVolunteer(t.db, su(tutor), r.requestId);
    assert.equal(matched?.learner?.whatsapp, "+6281299990001");

    await setMembershipStatus(t.db, { chapterId: chapter.id, userId: tutor.id, actorId: lead.id, status: "inactive" });
    const inactive = await getRequestForVolunteer(t.db, su(tutor), r.requestId);
    assert.equal(inactive?.learner ?? null, null);

    await setMembershipStatus(t.db, { chapterId: chapter.id, userId: tutor.id, actorId: lead.id, status: "active" });
    assert.equal((await getRequestForVolunteer(t.db, su(tutor), r.requestId))?.learner?.name, "Pak Joko");
    await t.db.update(tutoringRequests).set({ createdAt: new Date("2026-11-20T00:00:00Z") }).where(eq(tutoringRequests.id, r.requestId));
    await logSession(t.db, su(tutor), r.requestId, { heldOn: "2026-11-20", minutes: 60, topic: "WA" });
    await completeRequest(t.db, su(tutor), r.requestId, "");
    const closed = await getRequestForVolunteer(t.db, su(tutor), r.requestId);
    assert.ok(closed?.isTutor);
    assert.equal(closed?.learner ?? null, null);

    // leaving the chapter ends it too
    const r2 = await fileRequest("35.13.01.2001", { name: "Bu Lina", whatsapp: "0812-9999-0002" });
    await claimRequest(t.db, su(tutor), r2.requestId);
    assert.ok((await getRequestForVolunteer(t.db, su(tutor), r2.requestId))?.learner);
    assert.equal(await leaveChapter(t.db, tutor.id, chapter.id), true);
    assert.equal((await getRequestForVolunteer(t.db, su(tutor), r2.requestId))?.learner ?? null, null);
  });
});

describe("retention", () => {
  it("the daily job erases old learners' contacts, old emails' recipients and expired sessions, and schedules itself", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Situbondo", regionCode: "35.12" });
    const tutor = await createUser(t.db, { name: "Retensi Tutor" });
    await addMembership(t.db, { userId: tutor.id, chapterId: chapter.id });
    const old = await fileRequest("35.12.01.2001", { name: "Lama Sekali", whatsapp: "0812-6666-0001" });
    const recent = await fileRequest("35.12.01.2001", { name: "Baru Saja", whatsapp: "0812-6666-0002" });
    const stillOpen = await fileRequest("35.12.01.2001", { name: "Masih Buka", whatsapp: "0812-6666-0003" });
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000).toISOString();
    await tutorAndComplete(su(tutor), old.requestId, "2026-03-02", 60, daysAgo(200));
    await tutorAndComplete(su(tutor), recent.requestId, "2026-08-02", 60, daysAgo(150));
    await t.db.update(tutoringRequests).set({ createdAt: new Date("2026-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, stillOpen.requestId));
    const before = await figures(chapter.slug);

    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "lama@example.test", template: "notice", locale: "id", payload: { title: "x", body: "y" }, dedupKey: "retention-test-old" });
      await queueEmail(tx, { to: "baru@example.test", template: "notice", locale: "id", payload: { title: "x", body: "y" }, dedupKey: "retention-test-new" });
    });
    // counted from when it was sent, as the notice says: queued long ago but sent recently is kept
    await t.db.execute(sql`update outbox set status = 'sent', sent_at = now() - interval '40 days', created_at = now() - interval '41 days' where dedup_key = 'retention-test-old'`);
    await t.db.execute(sql`update outbox set status = 'sent', sent_at = now() - interval '5 days', created_at = now() - interval '60 days' where dedup_key = 'retention-test-new'`);
    await t.db.insert(sessions).values([
      { id: `old-${tutor.id}`, userId: tutor.id, expiresAt: new Date(Date.now() - 60_000) },
      { id: `live-${tutor.id}`, userId: tutor.id, expiresAt: new Date(Date.now() + 86400_000) },
    ]);

    // the access log: one entry older than the period, one made today (same lead, same member)
    await logDataAccess(t.db, tutor.id, { kind: "member_profile", chapterId: chapter.id, subjectUserId: tutor.id });
    await logDataAccess(t.db, tutor.id, { kind: "roster_export", chapterId: chapter.id });
    await t.db.execute(sql`update data_access_log set at = now() - interval '25 months' where actor_id = ${tutor.id} and kind = 'member_profile'`);

    const result = await runRetention(t.db, now, { learnerContactMonths: 6, outboxDays: 30, sessionIdleDays: 14, accessLogMonths: 24, participantContactMonths: 3 });
    assert.ok(result.learners >= 1 && result.emails >= 1 && result.sessions >= 1 && result.accessLog >= 1, JSON.stringify(result));
    const logLeft = await t.db.select({ kind: dataAccessLog.kind }).from(dataAccessLog).where(eq(dataAccessLog.actorId, tutor.id));
    assert.deepEqual(logLeft.map((l) => l.kind), ["roster_export"]);
    const rows = await t.db.select({ id: tutoringRequests.id, whatsapp: tutoringRequests.whatsapp, erasedBy: tutoringRequests.erasedBy }).from(tutoringRequests).where(eq(tutoringRequests.chapterId, chapter.id));
    const by = new Map(rows.map((r) => [r.id, r]));
    assert.deepEqual(by.get(old.requestId), { id: old.requestId, whatsapp: null, erasedBy: "retention" });
    assert.equal(by.get(recent.requestId)?.whatsapp, "+6281266660002");
    assert.equal(by.get(stillOpen.requestId)?.whatsapp, "+6281266660003");
    assert.deepEqual(await figures(chapter.slug), before);
    const mails = await t.db.select({ k: outbox.dedupKey, to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(sql`${outbox.dedupKey} like 'retention-test-%'`);
    assert.deepEqual(mails.find((m) => m.k === "retention-test-old"), { k: "retention-test-old", to: "", payload: {} });
    assert.equal(mails.find((m) => m.k === "retention-test-new")?.to, "baru@example.test");
    const left = await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, tutor.id));
    assert.deepEqual(left.map((s) => s.id), [`live-${tutor.id}`]);

    // the migration scheduled it; the worker runs it once and it schedules its next run a day later
    const [job] = await t.db.select().from(jobs).where(eq(jobs.dedupKey, RETENTION_JOB));
    assert.ok(job, "the migration schedules the first run");
    await t.db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.dedupKey, RETENTION_JOB));
    const ran = await runDueJobs(t.db, { handlers: { [RETENTION_JOB]: retentionJob } });
    assert.equal(ran.dead, 0);
    const [next] = await t.db.select({ status: jobs.status, runAt: jobs.runAt }).from(jobs).where(eq(jobs.dedupKey, RETENTION_JOB));
    assert.equal(next?.status, "pending");
    assert.ok((next?.runAt.getTime() ?? 0) > Date.now() + 23 * 3600_000);
  });
});

describe("access log", () => {
  it("records openings and exports; the chapter's log and the member's own download show them", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Bondowoso", regionCode: "35.11" });
    const lead = await createUser(t.db, { name: "Lead Bondowoso" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const member = await createUser(t.db, { name: "Dewi Lestari" });
    await addMembership(t.db, { userId: member.id, chapterId: chapter.id });
    const outsider = await createUser(t.db, { name: "Orang Luar" });
    await logDataAccess(t.db, lead.id, { kind: "member_profile", chapterId: chapter.id, subjectUserId: member.id });
    await logDataAccess(t.db, lead.id, { kind: "roster_export", chapterId: chapter.id });
    await logDataAccess(t.db, lead.id, { kind: "report_export", chapterId: chapter.id, detail: "csv:2026" });
    const log = await listChapterAccess(t.db, chapter.id);
    assert.deepEqual(log.map((l) => l.kind).sort(), ["member_profile", "report_export", "roster_export"]);
    assert.equal(log.find((l) => l.kind === "member_profile")?.subjectName, "Dewi Lestari");
    const mine = await accessToMember(t.db, member.id);
    assert.deepEqual(mine.map((m) => m.kind).sort(), ["member_profile", "report_export", "roster_export"]);
    assert.ok(mine.every((m) => m.actorName === "Lead Bondowoso"));
    assert.deepEqual(await accessToMember(t.db, outsider.id), []);
    const data = await personalDataOf(t.db, member.id);
    assert.equal(data?.seenBy.length, 3);
    assert.equal(data?.account.name, "Dewi Lestari");
    const count = await t.db.select({ n: sql<number>`count(*)::int` }).from(dataAccessLog).where(eq(dataAccessLog.chapterId, chapter.id));
    assert.equal(Number(count[0]?.n), 3);
  });
});

describe("erasure's password", () => {
  it("is counted with the password change's tries: a session left open is no way to guess the password", async () => {
    const u = await createUser(t.db, { name: "Warnet Lupa Keluar", password: "sandi asli panjang" });
    for (let i = 0; i < 5; i++) assert.deepEqual(await eraseAccount(t.db, u.id, `tebakan ${i}`), { ok: false, errors: { password: ["privacy.account.wrongPassword"] } });
    // the sixth, even the right one, waits: nothing is erased
    assert.deepEqual(await eraseAccount(t.db, u.id, "sandi asli panjang"), { ok: false, errors: { password: ["privacy.account.tooManyTries"] } });
    const [still] = await t.db.select({ name: users.name, erasedAt: users.erasedAt }).from(users).where(eq(users.id, u.id));
    assert.deepEqual(still, { name: "Warnet Lupa Keluar", erasedAt: null });
    // and the password change's form counts the same tries
    const change = await changePassword(t.db, { userId: u.id, currentPassword: "sandi asli panjang", newPassword: "sandi baru panjang" });
    assert.equal(!change.ok && change.reason, "rateLimited");
    await t.db.execute(sql`delete from rate_limit where key = ${`pwchange:user:${u.id}`}`);
    assert.deepEqual(await eraseAccount(t.db, u.id, "sandi asli panjang"), { ok: true });
  });
});

describe("email correction", () => {
  it("confirming the new email ends the account's other sessions; the confirming browser stays logged in", async () => {
    const u = await createUser(t.db, { name: "Nina Sesi", email: "nina.lama@example.test" });
    const other = await createUser(t.db, { name: "Orang Lain" });
    const expiresAt = new Date(Date.now() + 86400_000);
    await t.db.insert(sessions).values([
      { id: `here-${u.id}`, userId: u.id, expiresAt },
      { id: `phone-${u.id}`, userId: u.id, expiresAt },
      { id: `office-${u.id}`, userId: u.id, expiresAt },
      { id: `other-${other.id}`, userId: other.id, expiresAt },
    ]);
    const tokenFor = async (newEmail: string) => {
      assert.deepEqual(await requestEmailChange(t.db, u.id, formOf({ newEmail }), { appUrl: "https://simpul.test" }), { ok: true });
      const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, newEmail));
      return String((mail?.payload as { link?: string }).link).split("/").pop() ?? "";
    };
    assert.deepEqual(await confirmEmailChange(t.db, await tokenFor("nina.baru@example.test"), { currentSessionId: `here-${u.id}` }), { ok: true, userId: u.id });
    const ids = async () => (await t.db.select({ id: sessions.id }).from(sessions).where(sql`${sessions.userId} in (${u.id}, ${other.id})`)).map((r) => r.id).sort();
    assert.deepEqual(await ids(), [`here-${u.id}`, `other-${other.id}`]);
    // confirmed on a device that is not logged in: every session of the account ends
    assert.deepEqual(await confirmEmailChange(t.db, await tokenFor("nina.ketiga@example.test")), { ok: true, userId: u.id });
    assert.deepEqual(await ids(), [`other-${other.id}`]);
  });

  it("a confirmed change sends the mail not yet sent to the new address; the notice of the change stays with the old one", async () => {
    const u = await createUser(t.db, { name: "Pindah Alamat", email: "pindah.lama@example.test" });
    const other = await createUser(t.db, { name: "Orang Lain Lagi" });
    const q = (to: string, key: string, template = "event-reminder") =>
      t.db.transaction((tx) => queueEmail(tx, { to, template, locale: "id", payload: { name: "x" }, dedupKey: key }));
    await q(u.email, `readdress-reminder-${u.id}`);
    await q(u.email, `readdress-dead-${u.id}`, "membership-approved");
    await q(u.email, `readdress-sent-${u.id}`, "membership-applied");
    await q(u.email, `password-reset:readdress-${u.id}`, "password-reset");
    await q(other.email, `readdress-other-${u.id}`);
    await t.db.update(outbox).set({ status: "dead", attempts: 8 }).where(eq(outbox.dedupKey, `readdress-dead-${u.id}`));
    await t.db.update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.dedupKey, `readdress-sent-${u.id}`));
    assert.deepEqual(await requestEmailChange(t.db, u.id, formOf({ newEmail: "pindah.baru@example.test" })), { ok: true });
    const [link] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, "pindah.baru@example.test"));
    const token = String((link?.payload as { link?: string }).link).split("/").pop() ?? "";
    // before confirming, nothing moves: the new address is not proven yet
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.toEmail, "pindah.baru@example.test"))).length, 1);
    assert.deepEqual(await confirmEmailChange(t.db, token), { ok: true, userId: u.id });
    const to = async (key: string) => (await t.db.select({ to: outbox.toEmail, status: outbox.status }).from(outbox).where(eq(outbox.dedupKey, key)))[0];
    assert.deepEqual(await to(`readdress-reminder-${u.id}`), { to: "pindah.baru@example.test", status: "pending" });
    assert.deepEqual(await to(`readdress-dead-${u.id}`), { to: "pindah.baru@example.test", status: "dead" });
    assert.deepEqual(await to(`readdress-sent-${u.id}`), { to: "pindah.lama@example.test", status: "sent" }, "what was sent stays as it was");
    assert.deepEqual(await to(`password-reset:readdress-${u.id}`), { to: "pindah.lama@example.test", status: "pending" }, "a reset link this change spends is not forwarded");
    assert.deepEqual(await to(`readdress-other-${u.id}`), { to: other.email, status: "pending" });
    const notices = await t.db.select({ key: outbox.dedupKey }).from(outbox).where(and(eq(outbox.toEmail, "pindah.lama@example.test"), sql`${outbox.dedupKey} like 'email-change-old:%'`));
    assert.equal(notices.length, 1, "the old address is told of the change");
  });

  it("the same change sent twice (a second tap on 3G): the first email's link works; a change to another address replaces it", async () => {
    const u = await createUser(t.db, { name: "Dua Kali Tekan", email: "dua.lama@example.test" });
    await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, u.id));
    assert.equal(await isEmailVerified(t.db, u.id), false);
    const links = async (to: string) =>
      (await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, to)).orderBy(outbox.id)).map((m) => String((m.payload as { link?: string }).link).split("/").pop() ?? "");
    for (let i = 0; i < 2; i++) assert.deepEqual(await requestEmailChange(t.db, u.id, formOf({ newEmail: "dua.baru@example.test" })), { ok: true });
    const [first, second] = await links("dua.baru@example.test");
    assert.ok(first && second && first !== second);
    assert.deepEqual(await confirmEmailChange(t.db, first), { ok: true, userId: u.id });
    assert.equal((await t.db.select({ email: users.email }).from(users).where(eq(users.id, u.id)))[0]?.email, "dua.baru@example.test");
    // the other link of the pair is spent with it
    assert.deepEqual(await confirmEmailChange(t.db, second), { ok: false, reason: "invalid" });

    // the account had never confirmed its first address: the link to the new one confirms it
    assert.equal(await isEmailVerified(t.db, u.id), true);
    // changing one's mind: the link to the earlier address stops
    await requestEmailChange(t.db, u.id, formOf({ newEmail: "salah.ketik@example.test" }));
    await requestEmailChange(t.db, u.id, formOf({ newEmail: "benar.ketik@example.test" }));
    const [typo] = await links("salah.ketik@example.test");
    assert.deepEqual(await confirmEmailChange(t.db, typo ?? ""), { ok: false, reason: "invalid" });
    const [right] = await links("benar.ketik@example.test");
    assert.deepEqual(await confirmEmailChange(t.db, right ?? ""), { ok: true, userId: u.id });
  });

  it("changes only after the link sent to the new address is used; a taken address is refused then", async () => {
    const u = await createUser(t.db, { name: "Rudi Ganti", email: "rudi.lama@example.test" });
    const taken = await createUser(t.db, { email: "sudah.dipakai@example.test" });
    const r = await requestEmailChange(t.db, u.id, formOf({ newEmail: "Rudi.Baru@Example.test" }), { appUrl: "https://simpul.test" });
    assert.deepEqual(r, { ok: true });
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, "rudi.baru@example.test"));
    const link = String((mail?.payload as { link?: string }).link);
    const token = link.split("/").pop() ?? "";
    assert.match(link, /^https:\/\/simpul\.test\/akun\/email\/[A-Za-z0-9_-]{43}$/);
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.toEmail, "rudi.lama@example.test"))).length, 1);
    const [still] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, u.id));
    assert.equal(still?.email, "rudi.lama@example.test");
    assert.deepEqual(await confirmEmailChange(t.db, token), { ok: true, userId: u.id });
    const [changed] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, u.id));
    assert.equal(changed?.email, "rudi.baru@example.test");
    assert.deepEqual(await confirmEmailChange(t.db, token), { ok: false, reason: "invalid" });

    await requestEmailChange(t.db, u.id, formOf({ newEmail: taken.email }));
    const [pending] = await t.db.select({ hash: emailChanges.tokenHash }).from(emailChanges).where(eq(emailChanges.userId, u.id));
    assert.ok(pending);
    const [m2] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, taken.email));
    const t2 = String((m2?.payload as { link?: string }).link).split("/").pop() ?? "";
    assert.deepEqual(await confirmEmailChange(t.db, t2), { ok: false, reason: "taken" });
    const bad = await requestEmailChange(t.db, u.id, formOf({ newEmail: "bukan-email" }));
    assert.equal(bad.ok, false);
  });
});
