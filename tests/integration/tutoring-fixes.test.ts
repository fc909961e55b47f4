import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, like, or } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { dataAccessLog } from "../../db/schema/privacy";
import { outbox } from "../../db/schema/outbox";
import { tutoringOffers, tutoringRequestEvents, tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import type { SessionUser } from "../../app/auth/session.server";
import { eraseAccount } from "../../app/models/accounts/personal-data.server";
import {
  claimRequest,
  completeRequest,
  firstName,
  getRequestForVolunteer,
  listBoard,
  logSession,
  offerRequest,
  parseSessionForm,
  respondToOffer,
  tutorForLearner,
} from "../../app/models/tutoring/offers.server";
import { addLearnerNote, createTutoringRequest, leadDecide, parseTutoringForm, rateByToken } from "../../app/models/tutoring/requests.server";
import { correctPlaceByToken, correctRequestByToken, eraseExpiredRequests, eraseRequestByToken } from "../../app/models/tutoring/learner-data.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { learnerPageData } from "../../app/models/tutoring/learner-page.server";
import { leadRequestPageData } from "../../app/models/tutoring/lead-request-page.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, createChapter, createUser, formOf, todayIn } from "../factories";

let t: TestDatabase;
let ip = 0;

before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const asUser = (u: { id: string; email: string; name: string }): SessionUser => ({ ...u, locale: "id", isAdmin: false });

const BASE = { name: "Pak Budi Santoso", whatsapp: "0812-3333-4444", email: "budi@example.test", topics: ["marketplace"], forWhom: "umkm", language: "jv", mode: "home", availability: ["sabtu-pagi"], consent: "yes", minor: "no" };

/** A chapter of its own with a lead; volunteers and requests in it. */
async function world() {
  const chapter = await createChapter(t.db, { regionCode: "35.09" });
  const lead = await createUser(t.db, { name: "Lead Uji" });
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const volunteer = async (name: string) => {
    const u = await createUser(t.db, { name });
    await addMembership(t.db, { userId: u.id, chapterId: chapter.id, role: "volunteer" });
    return u;
  };
  const request = async (over: Record<string, string | string[]> = {}, token?: string) => {
    const parsed = parseTutoringForm(formOf({ ...BASE, ...over }), "35.09.01.2003");
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.8.0.${++ip}`, locale: "id", appUrl: "https://simpul.test", token });
    assert.ok(r.ok, JSON.stringify(r));
    await t.db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
    return r;
  };
  const leave = (userId: string) =>
    t.db.update(memberships).set({ status: "inactive" }).where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapter.id)));
  return { chapter, lead, leadUser: asUser(lead), volunteer, request, leave };
}

async function rowOf(requestId: number) {
  const [row] = await t.db.select().from(tutoringRequests).where(eq(tutoringRequests.id, requestId));
  assert.ok(row);
  return row;
}

const today = () => todayIn();

describe("a volunteer who is no longer an active member of the chapter", () => {
  it("cannot accept a pending offer: refused, and the offer goes to the next candidate", async () => {
    const w = await world();
    const gone = await w.volunteer("Siti Gone");
    const next = await w.volunteer("Rudi Next");
    const req = await w.request();
    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, gone.id), { ok: true });
    await w.leave(gone.id);
    const answer = await respondToOffer(t.db, asUser(gone), req.requestId, "accept");
    assert.deepEqual(answer, { ok: false, errors: { _form: ["tutoring.volunteer.notMember"] } });
    const row = await rowOf(req.requestId);
    assert.equal(row.tutorId, null);
    assert.equal(row.status, "offered");
    const offers = await t.db.select().from(tutoringOffers).where(eq(tutoringOffers.requestId, req.requestId));
    assert.equal(offers.find((o) => o.volunteerId === gone.id)?.status, "withdrawn");
    assert.equal(offers.find((o) => o.volunteerId === next.id)?.status, "pending");
  });

  it("cannot log sessions on a request it still holds; the lead can offer it again", async () => {
    const w = await world();
    const gone = await w.volunteer("Siti Gone");
    const other = await w.volunteer("Rudi Other");
    const req = await w.request();
    assert.deepEqual(await claimRequest(t.db, asUser(gone), req.requestId), { ok: true });
    assert.deepEqual(await logSession(t.db, asUser(gone), req.requestId, { heldOn: today(), minutes: 60, topic: "Marketplace" }), { ok: true });
    await w.leave(gone.id);
    const refused = await logSession(t.db, asUser(gone), req.requestId, { heldOn: today(), minutes: 45, topic: "QRIS" });
    assert.deepEqual(refused, { ok: false, errors: { _form: ["tutoring.volunteer.notMember"] } });
    assert.equal((await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId))).length, 1);
    assert.deepEqual(await completeRequest(t.db, asUser(gone), req.requestId, "selesai"), { ok: false, errors: { _form: ["tutoring.volunteer.notMember"] } });
    assert.equal((await rowOf(req.requestId)).status, "in_progress");

    const page = await leadRequestPageData(t.db, { user: w.leadUser, chapterId: w.chapter.id, requestId: req.requestId, locale: "id" });
    assert.ok(page.ok);
    assert.equal(page.canOffer, true, "the lead's page offers the request again");
    assert.ok(page.candidates.some((c) => c.userId === other.id));
    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, other.id), { ok: true });
    const row = await rowOf(req.requestId);
    assert.equal(row.status, "offered");
    assert.equal(row.tutorId, null);
    assert.deepEqual(await respondToOffer(t.db, asUser(other), req.requestId, "accept"), { ok: true });
    assert.equal((await rowOf(req.requestId)).tutorId, other.id);
  });

  it("a request whose tutor is still active stays out of the lead's offers", async () => {
    const w = await world();
    const tutor = await w.volunteer("Aktif");
    const other = await w.volunteer("Lain");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, other.id), { ok: false, reason: "conflict" });
  });
});

describe("erasing a learner's data", () => {
  it("clears every free text of the request and every email about it, keeping dates, minutes and status", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { heldOn: today(), minutes: 90, topic: "Email untuk Pak Budi", notes: "Rumah Jl. Melati 5" }), { ok: true });
    // the learner corrects their email: mails to the old address stay queued/sent
    assert.deepEqual(await correctRequestByToken(t.db, req.token, formOf({ name: "Budi Santoso", whatsapp: "0812-3333-4444", email: "budi.baru@example.test" })), { ok: true });
    assert.deepEqual(await completeRequest(t.db, asUser(tutor), req.requestId, "Pak Budi sudah bisa kirim email ke anaknya di Surabaya"), { ok: true });
    const secret = /Budi|Melati|Surabaya|budi@example|0812/;

    assert.deepEqual(await eraseRequestByToken(t.db, req.token, "yes"), { ok: true });
    const row = await rowOf(req.requestId);
    assert.ok(row.erasedAt);
    assert.equal(row.status, "completed");
    const history = await t.db.select().from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, req.requestId));
    assert.ok(!history.some((h) => h.note && secret.test(h.note)), JSON.stringify(history.map((h) => h.note)));
    const sessions = await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId));
    assert.deepEqual(sessions.map((s) => [s.heldOn, s.minutes, s.topic, s.notes]), [[today(), 90, "", ""]]);
    const mails = await t.db.select().from(outbox).where(like(outbox.dedupKey, `tutoring-%:${req.requestId}%`));
    assert.ok(mails.length > 0);
    for (const m of mails) assert.ok(!secret.test(JSON.stringify(m)), JSON.stringify(m));
    assert.ok(!mails.some((m) => m.toEmail === "budi@example.test" || m.toEmail === "budi.baru@example.test"));
    const page = await learnerPageData(t.db, { token: req.token, locale: "id" });
    assert.ok(page && !secret.test(JSON.stringify(page.history)));
  });

  it("the lead's cancel note and the volunteer's email quoting it go too (retention job)", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    const note = "Pak Budi pindah ke Surabaya, rumah Jl. Melati 5, WA 0812-3333-4444";
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, req.requestId, "cancel", note), { ok: true });
    const [before] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-cancelled:${req.requestId}:${tutor.id}`));
    assert.ok(before && JSON.stringify(before.payload).includes("Melati"));
    await t.db.update(tutoringRequests).set({ closedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, req.requestId));
    assert.ok((await eraseExpiredRequests(t.db, 6)) >= 1);
    const history = await t.db.select().from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, req.requestId));
    assert.ok(!history.some((h) => h.note?.includes("Melati")));
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-cancelled:${req.requestId}:${tutor.id}`));
    assert.ok(mail, "the volunteer is still told the request was cancelled");
    assert.equal(mail.toEmail, tutor.email);
    assert.ok(!JSON.stringify(mail.payload).includes("Melati"));
    const lead = await leadRequestPageData(t.db, { user: w.leadUser, chapterId: w.chapter.id, requestId: req.requestId, locale: "id" });
    assert.ok(lead.ok && !JSON.stringify(lead.request.history).includes("Melati"));
  });

  it("takes no rating comment or note afterwards", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    await logSession(t.db, asUser(tutor), req.requestId, { heldOn: today(), minutes: 60, topic: "Marketplace" });
    await completeRequest(t.db, asUser(tutor), req.requestId, "");
    assert.deepEqual(await eraseRequestByToken(t.db, req.token, "yes"), { ok: true });
    const rated = await rateByToken(t.db, req.token, "4", "Nama saya Budi Santoso, 0812-3333-4444");
    assert.deepEqual(rated, { ok: false, errors: { rating: ["privacy.learner.erased"] } });
    const row = await rowOf(req.requestId);
    assert.equal(row.rating, null);
    assert.equal(row.ratingComment, null);
    assert.ok(!(await addLearnerNote(t.db, req.token, "Budi lagi")).ok);
  });
});

describe("the same request sent twice", () => {
  it("makes one request and answers the second submission with the first one's token", async () => {
    const w = await world();
    const token = "A".repeat(10) + Math.random().toString(36).slice(2, 12).padEnd(10, "x") + "b".repeat(23);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const parsed = parseTutoringForm(formOf(BASE), "35.09.01.2003");
    assert.ok(parsed.ok);
    const send = () => createTutoringRequest(t.db, parsed.data, { ip: `10.8.1.${++ip}`, locale: "id", appUrl: "https://simpul.test", token });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(a.token, token);
    assert.equal(b.requestId, a.requestId);
    assert.equal(c.requestId, a.requestId);
    assert.equal(c.token, token);
    const mails = await t.db.select().from(outbox).where(or(eq(outbox.dedupKey, `tutoring-received:${a.requestId}`), like(outbox.dedupKey, `tutoring-new-request:${a.requestId}:%`)));
    assert.equal(mails.length, 2);
    void w;
  });

  it("without a token (or a malformed one) every submission is a new request", async () => {
    const w = await world();
    const one = await w.request({}, "kurang");
    const two = await w.request();
    assert.notEqual(one.requestId, two.requestId);
    assert.notEqual(one.token, "kurang");
  });
});

describe("the tutor of a minor", () => {
  it("sees that the learner is under 18 and the guardian's name and contact", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request({ name: "Rani", minor: "yes", guardianName: "Ibu Rahmawati", guardianContact: "0812-9999-8888", guardianConsent: "yes" });
    const before = await getRequestForVolunteer(t.db, asUser(tutor), req.requestId);
    assert.equal(before?.learner, null, "nothing before accepting");
    await claimRequest(t.db, asUser(tutor), req.requestId);
    const seen = await getRequestForVolunteer(t.db, asUser(tutor), req.requestId);
    assert.equal(seen?.learner?.isMinor, true);
    assert.equal(seen?.learner?.guardianName, "Ibu Rahmawati");
    assert.equal(seen?.learner?.guardianContact, "+6281299998888");
    const page = await learnerPageData(t.db, { token: req.token, locale: "id" });
    assert.equal(page?.guardian?.contact, "+62 812-9999-8888", "formatted like the learner's own");
  });
});

describe("sessions", () => {
  it("refuses a date before the request was made, and says minutes when minutes are not whole", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { heldOn: "2020-01-01", minutes: 60, topic: "Email" }), { ok: false, errors: { heldOn: ["tutoring.session.beforeRequest"] } });
    assert.equal((await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId))).length, 0);
    // a bare "1,5" in the minutes field may be hours or minutes: asked again, in whole minutes
    for (const minutes of ["1,5", "1.5", "0,33 jam", "1,5 jam 10 menit", "dua jam"]) {
      const parsed = parseSessionForm(formOf({ heldOn: today(), minutes, topic: "Email" }));
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.errors.minutes, ["tutoring.session.minutesWhole"], minutes);
    }
  });

  it("reads the length as tutors type it: minutes, hours with a comma or a point, hours and minutes", async () => {
    const typed: [string, number][] = [
      ["90", 90],
      ["90 menit", 90],
      ["45 mnt", 45],
      ["2 jam", 120],
      ["2,5 jam", 150],
      ["2.5 jam", 150],
      ["1,25 jam", 75],
      ["2 jam 30 menit", 150],
      ["2 Jam 30 Menit", 150],
      ["2 jam dan 30 menit", 150],
      ["2 jam, 30 menit", 150],
      ["2 jam 30", 150],
      ["2j30m", 150],
      ["1:30", 90],
      ["2 hours 30 minutes", 150],
      ["1.5 hours", 90],
      ["90 min", 90],
      ["\u00a0２ jam ３０ menit ", 150],
    ];
    for (const [minutes, want] of typed) {
      const parsed = parseSessionForm(formOf({ heldOn: today(), minutes, topic: "Email" }));
      assert.ok(parsed.ok, `${minutes}: ${JSON.stringify(!parsed.ok && parsed.errors)}`);
      assert.equal(parsed.data.minutes, want, minutes);
    }
    // the limits still hold, said as the range
    for (const minutes of ["9 jam", "3 menit"]) {
      const parsed = parseSessionForm(formOf({ heldOn: today(), minutes, topic: "Email" }));
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.errors.minutes, ["tutoring.session.minutesRange"], minutes);
    }
    // logged as typed, the request's total counts the minutes
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    const parsed = parseSessionForm(formOf({ heldOn: today(), minutes: "2 jam 30 menit", topic: "Marketplace" }));
    assert.ok(parsed.ok);
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, parsed.data), { ok: true });
    const rows = await t.db.select({ minutes: tutoringSessions.minutes }).from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId));
    assert.deepEqual(rows, [{ minutes: 150 }]);
  });

  it("takes the request's day and today on the learner's calendar (WIB/WITA/WIT), not UTC", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const session = (heldOn: string) => ({ heldOn, minutes: 60, topic: "WhatsApp" });
    const sessionsOf = async (requestId: number) => (await t.db.select({ heldOn: tutoringSessions.heldOn }).from(tutoringSessions).where(eq(tutoringSessions.requestId, requestId))).map((s) => s.heldOn);
    // made at 05:00 WIB on 5 December, which is still the 4th in UTC
    const jember = await w.request();
    await claimRequest(t.db, asUser(tutor), jember.requestId);
    await t.db.update(tutoringRequests).set({ createdAt: new Date("2026-12-04T22:00:00Z") }).where(eq(tutoringRequests.id, jember.requestId));
    assert.deepEqual(await logSession(t.db, asUser(tutor), jember.requestId, session("2026-12-04")), { ok: false, errors: { heldOn: ["tutoring.session.beforeRequest"] } });
    assert.deepEqual(await logSession(t.db, asUser(tutor), jember.requestId, session("2026-12-05")), { ok: true });
    // made at 16:30 UTC on the 4th: 23:30 WIB (the 4th) in Jember, 01:30 WIT (the 5th) for a learner in Jayapura
    const late = new Date("2026-12-04T16:30:00Z");
    const wib = await w.request();
    const wit = await w.request();
    for (const r of [wib, wit]) await claimRequest(t.db, asUser(tutor), r.requestId);
    await t.db.update(tutoringRequests).set({ createdAt: late }).where(eq(tutoringRequests.id, wib.requestId));
    await t.db.update(tutoringRequests).set({ createdAt: late, regionCode: "91.71.01" }).where(eq(tutoringRequests.id, wit.requestId));
    assert.deepEqual(await logSession(t.db, asUser(tutor), wib.requestId, session("2026-12-04")), { ok: true });
    assert.deepEqual(await logSession(t.db, asUser(tutor), wit.requestId, session("2026-12-04")), { ok: false, errors: { heldOn: ["tutoring.session.beforeRequest"] } });
    assert.deepEqual(await logSession(t.db, asUser(tutor), wit.requestId, session("2026-12-05")), { ok: true });
    // tomorrow in WIB has not begun, whatever the hour in UTC
    const tomorrow = todayIn("Asia/Jakarta", new Date(Date.now() + 86400_000));
    assert.deepEqual(await logSession(t.db, asUser(tutor), wib.requestId, session(tomorrow)), { ok: false, errors: { heldOn: ["tutoring.session.future"] } });
    assert.deepEqual([await sessionsOf(jember.requestId), await sessionsOf(wib.requestId), await sessionsOf(wit.requestId)], [["2026-12-05"], ["2026-12-04"], ["2026-12-05"]]);
  });

  it("logs the tutor's look at the learner's contact once per 15 minutes", async () => {
    const w = await world();
    const tutor = await w.volunteer("Siti Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    for (let i = 0; i < 5; i++) await getRequestForVolunteer(t.db, asUser(tutor), req.requestId);
    const rows = await t.db.select().from(dataAccessLog).where(and(eq(dataAccessLog.actorId, tutor.id), eq(dataAccessLog.subjectRequestId, req.requestId)));
    assert.equal(rows.length, 1);
  });
});

describe("names", () => {
  it("skips titles and abbreviations for the first name", () => {
    assert.equal(firstName("Moh. Rizal Hidayat"), "Rizal");
    assert.equal(firstName("Hj. Siti Aminah"), "Siti");
    assert.equal(firstName("Dr. Ir. Bambang"), "Bambang");
    assert.equal(firstName("Pak Budi"), "Budi");
    assert.equal(firstName("Ibu Rahmawati"), "Rahmawati");
    assert.equal(firstName("Siti Nurhaliza"), "Siti");
    assert.equal(firstName("Dr."), "Dr.");
  });

  it("an erased tutor shows without name or contact", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Tutor");
    const req = await w.request();
    await claimRequest(t.db, asUser(tutor), req.requestId);
    await logSession(t.db, asUser(tutor), req.requestId, { heldOn: today(), minutes: 60, topic: "Email" });
    await completeRequest(t.db, asUser(tutor), req.requestId, "");
    assert.deepEqual(await eraseAccount(t.db, tutor.id, tutor.password), { ok: true });
    const contact = await tutorForLearner(t.db, await rowOf(req.requestId));
    assert.deepEqual(contact, { firstName: "", erased: true, whatsapp: null, email: null });
    const page = await learnerPageData(t.db, { token: req.token, locale: "id" });
    assert.equal(page?.tutor?.firstName, "Relawan (akun dihapus)");
    assert.ok(!JSON.stringify(page?.tutor).includes("erased.invalid"));
    const lead = await leadRequestPageData(t.db, { user: w.leadUser, chapterId: w.chapter.id, requestId: req.requestId, locale: "id" });
    assert.ok(lead.ok);
    assert.equal(lead.tutor?.name, "Relawan (akun dihapus)");
    assert.ok(!JSON.stringify(lead.tutor).includes("erased.invalid"));
  });
});

describe("an unmatched request whose learner's data retention has erased", () => {
  it("leaves the board and can no longer be claimed or offered: nobody is left to help", async () => {
    const w = await world();
    const tutor = await w.volunteer("Rani Relawan");
    const kept = await w.request({ name: "Bu Tini" });
    const req = await w.request();
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, req.requestId, "unmatched", ""), { ok: true });
    // unmatched stays on the board for volunteers until the retention period has passed
    const ids = async () => (await listBoard(t.db, asUser(tutor))).open.map((r) => r.id);
    assert.ok((await ids()).includes(req.requestId));
    await t.db.update(tutoringRequests).set({ closedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, req.requestId));
    assert.ok((await eraseExpiredRequests(t.db, 6)) >= 1);
    assert.ok(!(await ids()).includes(req.requestId));
    assert.ok((await ids()).includes(kept.requestId), "the other request stays");
    assert.deepEqual(await claimRequest(t.db, asUser(tutor), req.requestId), { ok: false, reason: "conflict" });
    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, tutor.id), { ok: false, reason: "conflict" });
    assert.equal((await rowOf(req.requestId)).tutorId, null);
  });
});

describe("a learner who picked the wrong kecamatan or desa", () => {
  it("moves the request from the tracking link while nobody has been offered it; a second send changes nothing", async () => {
    const w = await world();
    const r = await w.request();
    const before = await rowOf(r.requestId);
    // the place is checked as on /bantu, each refusal for the picker's field
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, null), { ok: false, errors: { region: ["regions.required"] } });
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "35.09"), { ok: false, errors: { region: ["regions.needKecamatan"] } });
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "35.99.99"), { ok: false, errors: { region: ["regions.invalid"] } });
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "11.01.01"), { ok: false, errors: { region: ["tutoring.noChapter"] } });
    assert.deepEqual(await correctPlaceByToken(t.db, "x".repeat(43), "35.09.02"), { ok: false, notFound: true });
    assert.equal((await rowOf(r.requestId)).regionCode, "35.09.01.2003");

    const page = await learnerPageData(t.db, { token: r.token, locale: "id" });
    assert.equal(page?.placePicker?.value, "35.09.01.2003", "the picker opens on the place chosen");
    assert.equal(page?.placeHeld, false);

    // Jombang → Cakru, Kencong (same kabupaten): same chapter, still on its board
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "35.09.02.2001"), { ok: true });
    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "35.09.02.2001"), { ok: true });
    const moved = await rowOf(r.requestId);
    assert.equal(moved.regionCode, "35.09.02.2001");
    assert.equal(moved.chapterId, before.chapterId);
    assert.equal(moved.status, "new");
    const notes = await t.db.select().from(tutoringRequestEvents).where(and(eq(tutoringRequestEvents.requestId, r.requestId), eq(tutoringRequestEvents.note, "tutoring.history.placeCorrected")));
    assert.equal(notes.length, 1, "the same place sent twice is one correction");
    assert.equal(notes[0]?.actorKind, "learner");
    const after = await learnerPageData(t.db, { token: r.token, locale: "id" });
    assert.match(after?.place ?? "", /^Cakru, Kencong/);
    const v = await w.volunteer("Relawan Kencong");
    assert.ok((await listBoard(t.db, asUser(v))).open.some((i) => i.id === r.requestId));
  });

  it("to another kabupaten: the chapter there takes it and its leads are told; a telecenter of the old kabupaten is dropped", async () => {
    const w = await world();
    const r = await w.request();
    const banyuwangi = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Banyuwangi Uji" });
    const lead = await createUser(t.db, { name: "Lead Banyuwangi" });
    await addMembership(t.db, { userId: lead.id, chapterId: banyuwangi.id, role: "lead" });
    const tc = await createTelecenter(t.db, { chapterId: w.chapter.id, userId: w.lead.id, form: { name: `Telecenter Jombang Uji ${r.requestId}`, regionCode: "35.09.01", address: "Jl. Uji 1", services: [] } });
    assert.ok(tc.ok);
    await t.db.update(tutoringRequests).set({ telecenterId: tc.id }).where(eq(tutoringRequests.id, r.requestId));

    assert.deepEqual(await correctPlaceByToken(t.db, r.token, "35.10.01"), { ok: true });
    const moved = await rowOf(r.requestId);
    assert.equal(moved.chapterId, banyuwangi.id);
    assert.equal(moved.regionCode, "35.10.01");
    assert.equal(moved.telecenterId, null);
    const mails = await t.db.select().from(outbox).where(like(outbox.dedupKey, `tutoring-new-request:${r.requestId}:${lead.id}:%`));
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.toEmail, lead.email);
    assert.equal((await learnerPageData(t.db, { token: r.token, locale: "id" }))?.chapterName, "RTIK Banyuwangi Uji");
  });

  it("is refused once a volunteer has been offered it or holds it (the learner is told to write a note), and once it is closed", async () => {
    const w = await world();
    const v = await w.volunteer("Relawan Pegang");
    const held = await w.request();
    assert.equal((await claimRequest(t.db, asUser(v), held.requestId)).ok, true);
    assert.deepEqual(await correctPlaceByToken(t.db, held.token, "35.09.02"), { ok: false, errors: { region: ["tutoring.track.placeHeld"] } });
    assert.equal((await rowOf(held.requestId)).regionCode, "35.09.01.2003");
    const page = await learnerPageData(t.db, { token: held.token, locale: "id" });
    assert.equal(page?.placePicker, null);
    assert.equal(page?.placeHeld, true);

    const offered = await w.request();
    assert.equal((await offerRequest(t.db, w.leadUser, w.chapter.id, offered.requestId, v.id)).ok, true);
    assert.deepEqual(await correctPlaceByToken(t.db, offered.token, "35.09.02"), { ok: false, errors: { region: ["tutoring.track.placeHeld"] } });

    const unmatched = await w.request();
    await t.db.update(tutoringRequests).set({ status: "unmatched" }).where(eq(tutoringRequests.id, unmatched.requestId));
    assert.deepEqual(await correctPlaceByToken(t.db, unmatched.token, "35.09.02"), { ok: true }, "nobody holds an unmatched request");

    const cancelled = await w.request();
    await t.db.update(tutoringRequests).set({ status: "cancelled" }).where(eq(tutoringRequests.id, cancelled.requestId));
    assert.deepEqual(await correctPlaceByToken(t.db, cancelled.token, "35.09.02"), { ok: false, errors: { region: ["tutoring.closed"] } });
    const closedPage = await learnerPageData(t.db, { token: cancelled.token, locale: "id" });
    assert.equal(closedPage?.placePicker, null);
    assert.equal(closedPage?.placeHeld, false);
  });
});
