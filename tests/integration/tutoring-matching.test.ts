import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, like, sql } from "drizzle-orm";
import { jobs, outbox } from "../../db/schema/outbox";
import { tutoringOffers, tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { renderEmail } from "../../emails/index";
import type { SessionUser } from "../../app/auth/session.server";
import { runDueJobs } from "../../app/services/jobs.server";
import { MATCH_WEIGHTS, rankCandidates } from "../../app/models/tutoring/matching.server";
import {
  claimRequest,
  completeRequest,
  escalateTutoringRequest,
  expireTutoringOffer,
  getRequestForVolunteer,
  listBoard,
  logSession,
  offerRequest,
  respondToOffer,
  tutorForLearner,
  tutoringBoardScreen,
} from "../../app/models/tutoring/offers.server";
import { chapterTutoringScreen, openRequestsByKecamatan, tutoringStats } from "../../app/models/tutoring/stats.server";
import { listOpenRequests, listTopics } from "../../app/models/tutoring/requests.server";
import { getChapterBySlug } from "../../app/models/chapters/chapters.server";
import { learningTopics } from "../../db/schema/tutoring";
import { cancelByToken, createTutoringRequest, getRequestByToken, getRequestForLead, parseTutoringForm, rateByToken } from "../../app/models/tutoring/requests.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, createChapter, createUser, createVolunteerProfile, formOf, todayIn } from "../factories";

let t: TestDatabase;
let ip = 0;
const handlers = { "tutoring-offer-expiry": expireTutoringOffer, "tutoring-escalation": escalateTutoringRequest };

before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const asUser = (u: { id: string; email: string; name: string }, isAdmin = false): SessionUser => ({ ...u, locale: "id", isAdmin });

/** A chapter of its own (so rankings see only this test's volunteers), with a lead. */
async function world(regionCode = "35.09") {
  const chapter = await createChapter(t.db, { regionCode });
  const lead = await createUser(t.db, { name: "Lead Uji" });
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const volunteer = async (name: string, profile: Omit<Parameters<typeof createVolunteerProfile>[1], "userId"> | null = {}, chapterId = chapter.id) => {
    const u = await createUser(t.db, { name });
    await addMembership(t.db, { userId: u.id, chapterId, role: "volunteer" });
    if (profile) await createVolunteerProfile(t.db, { ...profile, userId: u.id });
    return u;
  };
  const request = async (over: Record<string, string | string[]> = {}, region = "35.09.01.2003") => {
    const parsed = parseTutoringForm(
      formOf({ name: "Bu Sri Wahyuni", whatsapp: "0812-1111-2222", email: "sri@example.test", topics: ["marketplace"], forWhom: "umkm", language: "jv", mode: "home", availability: ["sabtu-pagi"], consent: "yes", minor: "no", ...over }),
      region,
    );
    assert.ok(parsed.ok);
    const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.9.0.${++ip}`, locale: "id", appUrl: "https://simpul.test" });
    assert.ok(r.ok, JSON.stringify(r));
    // requests go to the oldest chapter of the kabupaten: move it to this test's chapter
    await t.db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
    return r;
  };
  return { chapter, lead, leadUser: asUser(lead), volunteer, request };
}

async function statusOf(requestId: number) {
  const [row] = await t.db.select({ status: tutoringRequests.status, tutorId: tutoringRequests.tutorId }).from(tutoringRequests).where(eq(tutoringRequests.id, requestId));
  return row;
}

async function pendingOffer(requestId: number) {
  const [row] = await t.db
    .select({ id: tutoringOffers.id, volunteerId: tutoringOffers.volunteerId, kind: tutoringOffers.kind })
    .from(tutoringOffers)
    .where(and(eq(tutoringOffers.requestId, requestId), eq(tutoringOffers.status, "pending")));
  return row ?? null;
}

/** The offer's deadline passes: move it (and its job) into the past, then run the real job queue. */
async function letOfferExpire(offerId: number) {
  await t.db.update(tutoringOffers).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(tutoringOffers.id, offerId));
  await t.db.update(jobs).set({ runAt: sql`now() - interval '1 minute'` }).where(eq(jobs.dedupKey, `tutoring-offer-expiry:${offerId}`));
  return runDueJobs(t.db, { handlers });
}

describe("ranking with load and ratings", () => {
  it("puts a busy volunteer and a poorly rated one below an equal idle one, in an explicit order", async () => {
    const w = await world();
    const same = { regionCode: "35.09.01.2003", skills: ["marketplace", "media-sosial-umkm"], languages: ["jv"], availability: ["sabtu-pagi"] };
    const idle = await w.volunteer("Ani idle", same);
    const busy = await w.volunteer("Bayu busy", same);
    const praised = await w.volunteer("Cici praised", same);
    const criticised = await w.volunteer("Dedi criticised", same);
    const far = await w.volunteer("Eko far", { ...same, regionCode: "35.09.02" });
    // Bayu tutors two requests now; Cici was rated 5 twice, Dedi 1 once (past, completed requests)
    for (let i = 0; i < 2; i++) {
      const r = await w.request();
      await t.db.update(tutoringRequests).set({ status: "in_progress", tutorId: busy.id }).where(eq(tutoringRequests.id, r.requestId));
    }
    for (const [tutor, rating] of [
      [praised, 5],
      [praised, 5],
      [criticised, 1],
    ] as const) {
      const r = await w.request();
      await t.db.update(tutoringRequests).set({ status: "completed", tutorId: tutor.id, rating, ratedAt: new Date(), closedAt: new Date() }).where(eq(tutoringRequests.id, r.requestId));
    }
    const req = await w.request();
    const ranked = await rankCandidates(t.db, req.requestId);
    const M = MATCH_WEIGHTS;
    const base = M.skill + M.region.desa + M.language + M.availability;
    assert.deepEqual(
      ranked.map((c) => [c.name, c.score]),
      [
        ["Cici praised", base + M.rating.perStar * 2],
        ["Ani idle", base],
        ["Dedi criticised", base - M.rating.perStar * 2],
        ["Bayu busy", base - 2 * M.load.perOpenRequest],
        ["Eko far", M.skill + M.region.kabupaten + M.language + M.availability],
      ],
    );
    assert.deepEqual(ranked.map((c) => c.userId), [praised.id, idle.id, criticised.id, busy.id, far.id]);
    // the same order by hand with today's weights: 110, 100, 90, 84, 80
    assert.deepEqual(ranked.map((c) => c.score), [110, 100, 90, 84, 80]);
    assert.equal(ranked[0]?.reasons.averageRating, 5);
    assert.equal(ranked[0]?.reasons.ratings, 2);
    assert.equal(ranked[3]?.reasons.openRequests, 2);

    // the load penalty stops at its maximum
    for (let i = 0; i < 5; i++) {
      const r = await w.request();
      await t.db.update(tutoringRequests).set({ status: "matched", tutorId: busy.id }).where(eq(tutoringRequests.id, r.requestId));
    }
    const again = await rankCandidates(t.db, req.requestId);
    assert.equal(again.find((c) => c.userId === busy.id)?.score, base - M.load.max);
    assert.equal(again.at(-1)?.userId, busy.id, "7 open requests: below even the far volunteer");
  });

  it("scores a request without topics or time slots by region and language only", async () => {
    const w = await world();
    const a = await w.volunteer("Ayu", { regionCode: "35.09.01", languages: ["id"] });
    const b = await w.volunteer("Bambang", { regionCode: "35.09.01.2003", languages: ["jv"] });
    const req = await w.request({ topics: [], details: "Ingin belajar TikTok", availability: [], language: "id" });
    const ranked = await rankCandidates(t.db, req.requestId);
    assert.deepEqual(
      ranked.map((c) => [c.userId, c.score]),
      [
        [b.id, MATCH_WEIGHTS.region.desa],
        [a.id, MATCH_WEIGHTS.region.kecamatan + MATCH_WEIGHTS.language],
      ].sort((x, y) => Number(y[1]) - Number(x[1])),
    );
  });
});

describe("offer, accept, decline and expiry", () => {
  it("a declined or unanswered offer goes to the next candidate; with nobody left the leads are told", async () => {
    const w = await world();
    const same = { regionCode: "35.09.01.2003", skills: ["marketplace"], languages: ["jv"], availability: ["sabtu-pagi"] };
    const first = await w.volunteer("Pertama", same);
    const second = await w.volunteer("Kedua", { ...same, regionCode: "35.09.01" });
    const third = await w.volunteer("Ketiga", { ...same, regionCode: "35.09.02" });
    const req = await w.request();

    assert.deepEqual(await offerRequest(t.db, asUser(first), w.chapter.id, req.requestId, second.id), { ok: false, reason: "forbidden" }, "volunteers cannot offer");
    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, first.id), { ok: true });
    assert.equal((await statusOf(req.requestId))?.status, "offered");
    const offer1 = await pendingOffer(req.requestId);
    assert.equal(offer1?.volunteerId, first.id);
    const mail = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-offer:${offer1?.id}`));
    assert.equal(mail[0]?.toEmail, first.email);
    const rendered = renderEmail("tutoring-offer", mail[0]?.payload as Record<string, unknown>, "id");
    assert.ok(rendered.text.includes(`/tutoring/${req.requestId}`));
    assert.ok(!rendered.text.includes("0812") && !rendered.text.includes("sri@example.test"), "no learner contact in the offer");

    // someone else cannot answer it
    assert.deepEqual(await respondToOffer(t.db, asUser(second), req.requestId, "accept"), { ok: false, reason: "conflict" });

    // the first declines → the next best (same kecamatan) is offered automatically
    assert.deepEqual(await respondToOffer(t.db, asUser(first), req.requestId, "decline"), { ok: true });
    const offer2 = await pendingOffer(req.requestId);
    assert.deepEqual([offer2?.volunteerId, offer2?.kind], [second.id, "auto"]);
    assert.equal((await statusOf(req.requestId))?.status, "offered");

    // the second does not answer: after the deadline the job hands it to the third
    const ran = await letOfferExpire(offer2?.id ?? 0);
    assert.equal(ran.done >= 1, true);
    const offer3 = await pendingOffer(req.requestId);
    assert.deepEqual([offer3?.volunteerId, offer3?.kind], [third.id, "auto"]);
    const [expired] = await t.db.select({ status: tutoringOffers.status }).from(tutoringOffers).where(eq(tutoringOffers.id, offer2?.id ?? 0));
    assert.equal(expired?.status, "expired");

    // an expiry job that fires for an already answered offer changes nothing
    await expireTutoringOffer({ offerId: offer1?.id ?? 0 }, { db: t.db, job: { id: 0, kind: "x", dedupKey: "x", attempt: 1, runAt: new Date() } });
    assert.equal((await pendingOffer(req.requestId))?.id, offer3?.id);

    // the third lets it expire too: nobody left → unmatched, leads emailed
    await letOfferExpire(offer3?.id ?? 0);
    assert.equal((await statusOf(req.requestId))?.status, "unmatched");
    assert.equal(await pendingOffer(req.requestId), null);
    const leadMails = await t.db.select().from(outbox).where(and(like(outbox.dedupKey, `tutoring-escalation:${req.requestId}:exhausted:%`), eq(outbox.toEmail, w.lead.email)));
    assert.equal(leadMails.length, 1);

    const tracked = await getRequestByToken(t.db, req.token);
    assert.deepEqual(
      tracked?.history.map((h) => [h.fromStatus, h.toStatus, h.actorKind, h.note]),
      [
        [null, "new", "learner", null],
        ["new", "offered", "lead", null],
        ["offered", "new", "volunteer", "tutoring.history.offerDeclined"],
        ["new", "offered", "system", null],
        ["offered", "new", "system", "tutoring.history.offerExpired"],
        ["new", "offered", "system", null],
        ["offered", "new", "system", "tutoring.history.offerExpired"],
        ["new", "unmatched", "system", "tutoring.history.noCandidates"],
      ],
    );
  });

  it("accepting makes the volunteer the tutor, tells the learner who and how, and stops the expiry", async () => {
    const w = await world();
    const tutor = await w.volunteer("Siti Rahmawati", { regionCode: "35.09.01.2003", whatsapp: "+6281399998888" });
    const req = await w.request();
    await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, tutor.id);
    const offer = await pendingOffer(req.requestId);
    assert.deepEqual(await respondToOffer(t.db, asUser(tutor), req.requestId, "accept"), { ok: true });
    assert.deepEqual(await statusOf(req.requestId), { status: "matched", tutorId: tutor.id });
    const [job] = await t.db.select().from(jobs).where(eq(jobs.dedupKey, `tutoring-offer-expiry:${offer?.id}`));
    assert.equal(job, undefined, "the expiry job is cancelled");
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-matched:${req.requestId}:${tutor.id}`));
    assert.equal(mail?.toEmail, "sri@example.test");
    const text = renderEmail("tutoring-matched", mail?.payload as Record<string, unknown>, "id").text;
    assert.ok(text.includes("Siti") && !text.includes("Rahmawati") && text.includes("+62 813-9999-8888"), text);
    const forLearner = await tutorForLearner(t.db, { status: "matched", tutorId: tutor.id });
    assert.equal(forLearner?.firstName, "Siti");
    assert.equal(forLearner?.whatsapp?.href, "https://wa.me/6281399998888");
  });
});

describe("privacy of the learner's contact details", () => {
  it("only the tutor who accepted and the chapter's leads see them; not other volunteers, other chapters or the offered one before accepting", async () => {
    const w = await world();
    const other = await world("35.10");
    const offered = await w.volunteer("Ditawari");
    const bystander = await w.volunteer("Relawan lain");
    const outsider = await other.volunteer("Relawan Banyuwangi");
    const req = await w.request();
    await offerRequest(t.db, w.leadUser, w.chapter.id, req.requestId, offered.id);
    const hasContact = (v: unknown) => {
      const s = JSON.stringify(v);
      return s.includes("+6281211112222") || s.includes("sri@example.test") || s.includes("Bu Sri");
    };

    const before = await getRequestForVolunteer(t.db, asUser(offered), req.requestId);
    assert.ok(before?.offer, "the offered volunteer sees the offer");
    assert.equal(before?.learner, null);
    assert.ok(!hasContact(before), "no contact (nor name) before accepting");
    assert.equal(await getRequestForVolunteer(t.db, asUser(bystander), req.requestId), null, "offered to another: not on the board, not for a bystander");
    assert.equal(await getRequestForVolunteer(t.db, asUser(outsider), req.requestId), null, "another chapter's volunteer sees nothing");
    assert.deepEqual(await getRequestForLead(t.db, asUser(outsider), w.chapter.id, req.requestId), { ok: false, reason: "forbidden" });
    assert.deepEqual(await getRequestForLead(t.db, asUser(offered), w.chapter.id, req.requestId), { ok: false, reason: "forbidden" });
    const board = await listBoard(t.db, asUser(bystander));
    assert.ok(!hasContact(board));
    assert.ok(!hasContact(await listBoard(t.db, asUser(offered))));

    await respondToOffer(t.db, asUser(offered), req.requestId, "accept");
    const afterAccept = await getRequestForVolunteer(t.db, asUser(offered), req.requestId);
    assert.deepEqual(afterAccept?.learner, { name: "Bu Sri Wahyuni", whatsapp: "+6281211112222", email: "sri@example.test", isMinor: false, guardianName: null, guardianContact: null });
    assert.equal(await getRequestForVolunteer(t.db, asUser(bystander), req.requestId), null, "held by another volunteer");
    assert.equal(await getRequestForVolunteer(t.db, asUser(outsider), req.requestId), null);
    const lead = await getRequestForLead(t.db, w.leadUser, w.chapter.id, req.requestId);
    assert.ok(lead.ok && lead.request.whatsapp === "+6281211112222");

    // once cancelled, the tutor no longer sees the contact
    await cancelByToken(t.db, req.token, "Sudah bisa");
    const cancelled = await getRequestForVolunteer(t.db, asUser(offered), req.requestId);
    assert.equal(cancelled?.learner, null);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-cancelled:${req.requestId}:${offered.id}`));
    assert.equal(mail?.toEmail, offered.email);
  });
});

describe("claim, sessions, completion, rating and the numbers", () => {
  it("logs a session once when the same form is sent twice, or the same session is typed again right away", async () => {
    const w = await world();
    const tutor = await w.volunteer("Dimas Ardi");
    const req = await w.request();
    assert.deepEqual(await claimRequest(t.db, asUser(tutor), req.requestId), { ok: true });
    const count = async () => (await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId))).length;
    const press = { heldOn: todayIn(), minutes: 45, topic: "Katalog WhatsApp", notes: "", submissionKey: "form-1" };
    // two taps on "Simpan sesi" at once, then the browser resending the same form
    assert.deepEqual(await Promise.all([logSession(t.db, asUser(tutor), req.requestId, press), logSession(t.db, asUser(tutor), req.requestId, press)]), [{ ok: true }, { ok: true }]);
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, press), { ok: true });
    assert.equal(await count(), 1);
    // the same session typed again on a fresh form a moment later is still the same session
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...press, submissionKey: "form-2" }), { ok: true });
    assert.equal(await count(), 1);
    // a different session (another length or topic) is logged
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...press, minutes: 30, submissionKey: "form-3" }), { ok: true });
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...press, topic: "Katalog WhatsApp lanjutan", submissionKey: "form-4" }), { ok: true });
    assert.equal(await count(), 3);
    // an identical session logged long ago (last week's, same length and topic) does not block today's
    await t.db.update(tutoringSessions).set({ createdAt: new Date(Date.now() - 7 * 86400_000) }).where(eq(tutoringSessions.requestId, req.requestId));
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...press, submissionKey: "form-5" }), { ok: true });
    assert.equal(await count(), 4);
  });

  it("runs a request from the board to a rated completion and counts it", async () => {
    const periodStart = new Date(Date.now() - 2 * 86400_000);
    const w = await world();
    const tutor = await w.volunteer("Agus Salim", { regionCode: "35.09.01.2003" });
    const rival = await w.volunteer("Rival");
    const outsider = await (await world("35.10")).volunteer("Luar");
    const req = await w.request();
    const req2 = await w.request({ whatsapp: "+62 812-1111-2222" }, "35.09.02");

    const board = await listBoard(t.db, asUser(tutor));
    assert.deepEqual(board.open.map((o) => [o.id, o.nearness]), [
      [req.requestId, 3],
      [req2.requestId, 1],
    ]);
    assert.equal((await listBoard(t.db, asUser(outsider))).open.length, 0);
    assert.deepEqual(await claimRequest(t.db, asUser(outsider), req.requestId), { ok: false, reason: "notFound" });
    assert.deepEqual(await claimRequest(t.db, asUser(tutor), req.requestId), { ok: true });
    assert.deepEqual(await claimRequest(t.db, asUser(rival), req.requestId), { ok: false, reason: "conflict" }, "a claimed request cannot be claimed again");
    assert.deepEqual(await statusOf(req.requestId), { status: "matched", tutorId: tutor.id });

    const session = { heldOn: todayIn(), minutes: 90, topic: "Membuka toko", notes: "" };
    assert.deepEqual(await logSession(t.db, asUser(rival), req.requestId, session), { ok: false, reason: "notFound" }, "only the tutor logs sessions");
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...session, heldOn: "2099-01-01" }), { ok: false, errors: { heldOn: ["tutoring.session.future"] } });
    assert.deepEqual(await completeRequest(t.db, asUser(tutor), req.requestId, ""), { ok: false, reason: "conflict" }, "no completion before a session");
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, session), { ok: true });
    assert.equal((await statusOf(req.requestId))?.status, "in_progress");
    assert.deepEqual(await logSession(t.db, asUser(tutor), req.requestId, { ...session, minutes: 30, topic: "Foto produk" }), { ok: true });
    assert.equal((await t.db.select().from(tutoringSessions).where(eq(tutoringSessions.requestId, req.requestId))).length, 2);

    assert.deepEqual(await rateByToken(t.db, req.token, "5", ""), { ok: false, errors: { rating: ["tutoring.rate.notYet"] } });
    assert.deepEqual(await completeRequest(t.db, asUser(rival), req.requestId, ""), { ok: false, reason: "notFound" });
    assert.deepEqual(await completeRequest(t.db, asUser(tutor), req.requestId, "Sudah bisa jualan"), { ok: true });
    const [done] = await t.db.select().from(outbox).where(eq(outbox.dedupKey, `tutoring-completed:${req.requestId}`));
    assert.equal(done?.toEmail, "sri@example.test");

    assert.deepEqual(await rateByToken(t.db, req.token, "9", ""), { ok: false, errors: { rating: ["tutoring.rate.required"] } });
    assert.deepEqual(await rateByToken(t.db, req.token, "4", "Sabar sekali"), { ok: true });
    assert.deepEqual(await rateByToken(t.db, req.token, "1", ""), { ok: false, errors: { rating: ["tutoring.rate.already"] } });
    const tracked = await getRequestByToken(t.db, req.token);
    assert.deepEqual([tracked?.status, tracked?.rating, tracked?.ratingComment], ["completed", 4, "Sabar sekali"]);

    // a second request of the same learner, also completed by the same tutor; a third one cancelled
    await claimRequest(t.db, asUser(tutor), req2.requestId);
    await logSession(t.db, asUser(tutor), req2.requestId, { ...session, minutes: 60 });
    await completeRequest(t.db, w.leadUser, req2.requestId, "");
    const req3 = await w.request({ whatsapp: "", email: "lain@example.test" });
    await cancelByToken(t.db, req3.token, "Tidak jadi");
    await w.request();

    const stats = await tutoringStats(t.db, { chapterIds: [w.chapter.id], from: periodStart, to: new Date(Date.now() + 86400_000) });
    assert.deepEqual(stats, {
      receivedRequests: 4,
      completedRequests: 2,
      distinctLearners: 1,
      closedRequests: 3,
      completionRate: 2 / 3,
      tutoringMinutes: 180,
      minutesByVolunteer: [{ userId: tutor.id, name: "Agus Salim", minutes: 180, sessions: 3 }],
      averageRating: 4,
      ratings: 1,
    });
    const untilNow = await tutoringStats(t.db, { chapterIds: [w.chapter.id], from: periodStart, to: new Date() });
    assert.equal(untilNow.tutoringMinutes, 180, "a session held today counts in a period ending now");
    const earlier = await tutoringStats(t.db, { chapterIds: [w.chapter.id], from: new Date(Date.UTC(2020, 0, 1)), to: periodStart });
    assert.deepEqual([earlier.completedRequests, earlier.tutoringMinutes, earlier.averageRating], [0, 0, null]);
    const none = await tutoringStats(t.db, { chapterIds: [], from: periodStart, to: new Date() });
    assert.equal(none.completedRequests, 0);

    const byKec = await openRequestsByKecamatan(t.db, w.chapter.id);
    assert.deepEqual(byKec.map((k) => [k.kecamatanName, k.open, k.unmatched]), [["Jombang", 1, 1]]);
  });
});

describe("escalation", () => {
  it("emails the leads about a request still without a tutor after the set days, once", async () => {
    const w = await world();
    const waiting = await w.request();
    const matched = await w.request();
    const tutor = await w.volunteer("Tutor");
    await claimRequest(t.db, asUser(tutor), matched.requestId);
    const due = (id: number) => t.db.update(jobs).set({ runAt: sql`now() - interval '1 minute'` }).where(eq(jobs.dedupKey, `tutoring-escalation:${id}`));
    const [job] = await t.db.select({ runAt: jobs.runAt }).from(jobs).where(eq(jobs.dedupKey, `tutoring-escalation:${waiting.requestId}`));
    assert.ok(job && job.runAt.getTime() > Date.now() + 2 * 86400_000, "scheduled days ahead");
    await due(waiting.requestId);
    await due(matched.requestId);
    await runDueJobs(t.db, { handlers });
    const mails = await t.db.select().from(outbox).where(like(outbox.dedupKey, `tutoring-escalation:${waiting.requestId}:waiting:%`));
    assert.deepEqual(mails.map((m) => m.toEmail), [w.lead.email]);
    assert.equal((await t.db.select().from(outbox).where(like(outbox.dedupKey, `tutoring-escalation:${matched.requestId}:%`))).length, 0, "a matched request is not escalated");
    const tracked = await getRequestByToken(t.db, waiting.token);
    assert.equal(tracked?.history.at(-1)?.note, "tutoring.history.escalated");
  });
});

describe("the managed topic list", () => {
  it("an admin adds a topic with the skills it needs; matching uses them; an inactive topic leaves the form", async () => {
    const { listTopics, listTopicsWithCounts, saveTopic, setTopicActive } = await import("../../app/models/tutoring/requests.server");
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Keuangan digital UMKM", nameEn: "Digital bookkeeping", skills: ["nope"] }), { ok: false, errors: { skills: ["errors.invalid"] } });
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Keuangan digital UMKM", nameEn: "Digital bookkeeping", skills: ["aplikasi-perkantoran"] }), { ok: true });
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Keuangan  digital UMKM!", nameEn: "x", skills: [] }), { ok: false, errors: { nameId: ["tutoring.admin.duplicate"] } });
    const topic = (await listTopicsWithCounts(t.db)).find((tp) => tp.slug === "keuangan-digital-umkm");
    assert.deepEqual([topic?.nameEn, topic?.skills, topic?.active, topic?.requests], ["Digital bookkeeping", ["aplikasi-perkantoran"], true, 0]);

    const w = await world();
    const office = await w.volunteer("Office", { skills: ["aplikasi-perkantoran"] });
    const other = await w.volunteer("Other", { skills: ["marketplace"] });
    const req = await w.request({ topics: ["keuangan-digital-umkm"] });
    assert.deepEqual((await rankCandidates(t.db, req.requestId)).map((c) => [c.userId, c.reasons.skillsMatched, c.reasons.skillsNeeded]), [
      [office.id, 1, 1],
      [other.id, 0, 1],
    ]);
    assert.equal((await listTopicsWithCounts(t.db)).find((tp) => tp.id === topic?.id)?.requests, 1);

    assert.ok(await setTopicActive(t.db, topic?.id ?? 0, false));
    assert.ok(!(await listTopics(t.db)).some((tp) => tp.slug === "keuangan-digital-umkm"), "not offered on the form any more");
    assert.equal((await rankCandidates(t.db, req.requestId))[0]?.userId, office.id, "the request that chose it still ranks by it");
    assert.deepEqual(await saveTopic(t.db, topic?.id ?? 0, { nameId: "Pembukuan digital", nameEn: "Digital bookkeeping", skills: [] }), { ok: true });
    assert.equal((await listTopicsWithCounts(t.db)).find((tp) => tp.id === topic?.id)?.slug, "keuangan-digital-umkm", "the slug never changes");
  });
});

describe("the lead's tutoring page in one statement", () => {
  it("reads what the separate reads gave: open requests with topic names, per kecamatan, the period's figures", async () => {
    const w = await world();
    const emptyChapter = await createChapter(t.db, { regionCode: "33.75" });
    // an inactive topic keeps its slug on the page, as before
    await t.db.update(learningTopics).set({ active: false }).where(eq(learningTopics.slug, "website"));
    const tutors = [await w.volunteer("Agus Salim"), await w.volunteer("agus salim"), await w.volunteer("Ni Luh 'Ayu'")];
    const regions = ["35.09.01.2003", "35.09.02", "35.09.01", "35.09.03.2001"];
    const topicSets = [["marketplace"], ["qris", "website", "marketplace"], ["smartphone", "email"], ["social-media-business"]];
    const statuses = ["new", "offered", "matched", "in_progress", "unmatched", "completed", "cancelled"] as const;
    const day = 86400_000;
    for (let i = 0; i < 70; i++) {
      const r = await w.request({ topics: topicSets[i % topicSets.length]!, whatsapp: i % 5 ? `0812-1111-${String(2000 + (i % 9))}` : "", email: `murid${i % 7}@example.test` }, regions[i % regions.length]);
      const status = statuses[i % statuses.length]!;
      const createdAt = new Date(Date.now() - (i % 130) * day - i * 60_000);
      const closed = status === "completed" || status === "cancelled" || status === "unmatched";
      await t.db
        .update(tutoringRequests)
        .set({
          status,
          createdAt,
          closedAt: closed ? new Date(createdAt.getTime() + 2 * day) : null,
          rating: status === "completed" && i % 2 ? 1 + (i % 5) : null,
          ratedAt: status === "completed" && i % 2 ? new Date(createdAt.getTime() + 3 * day) : null,
          tutorId: status === "new" || status === "unmatched" ? null : tutors[i % 3]!.id,
        })
        .where(eq(tutoringRequests.id, r.requestId));
      if (status === "completed" || status === "in_progress")
        for (let k = 0; k < 1 + (i % 3); k++)
          await t.db.insert(tutoringSessions).values({ requestId: r.requestId, tutorId: tutors[(i + k) % 3]!.id, heldOn: new Date(createdAt.getTime() + k * day).toISOString().slice(0, 10), minutes: 30 + 15 * k, topic: "Latihan" });
    }
    const now = new Date();
    const from = new Date(now.getTime() - 90 * day);
    const to = new Date(now.getTime() + 60_000);
    const separately = async (slug: string, locale: "id" | "en") => {
      const c = await getChapterBySlug(t.db, slug);
      assert.ok(c);
      const names = new Map((await listTopics(t.db)).map((tp) => [tp.slug, locale === "en" ? tp.nameEn : tp.nameId]));
      return {
        chapter: { id: c.id, slug: c.slug, name: c.name, timeZone: c.timeZone },
        isLead: true,
        requests: (await listOpenRequests(t.db, c.id)).map((r) => ({
          id: r.id,
          status: r.status,
          createdAt: r.createdAt,
          kecamatan: r.kecamatanName ?? r.kecamatanCode,
          topics: r.topics.map((s) => names.get(s) ?? s).join(", "),
        })),
        byKecamatan: await openRequestsByKecamatan(t.db, c.id),
        stats: await tutoringStats(t.db, { chapterIds: [c.id], from, to }),
      };
    };
    for (const locale of ["id", "en"] as const) {
      const screen = await chapterTutoringScreen(t.db, { slug: w.chapter.slug, reader: { id: w.lead.id, isAdmin: false }, locale, from, to });
      const expected = await separately(w.chapter.slug, locale);
      assert.deepEqual(screen, expected, locale);
      assert.ok(expected.requests.length > 20 && expected.byKecamatan.length > 1 && expected.stats.minutesByVolunteer.length === 3 && expected.stats.ratings > 0, "the data exercises every part");
      const admin = await chapterTutoringScreen(t.db, { slug: emptyChapter.slug, reader: { id: "no-such-user", isAdmin: true }, locale, from, to });
      assert.deepEqual(admin, await separately(emptyChapter.slug, locale), "an empty chapter, seen by a national admin");
    }
    // a volunteer of the chapter, another chapter's lead, an unknown reader: the chapter only, nothing else read
    const outsider = await w.volunteer("Relawan Biasa");
    for (const reader of [outsider.id, "no-such-user"]) {
      const screen = await chapterTutoringScreen(t.db, { slug: w.chapter.slug, reader: { id: reader, isAdmin: false }, locale: "id", from, to });
      assert.equal(screen?.isLead, false);
      assert.deepEqual([screen?.requests, screen?.byKecamatan, screen?.stats.receivedRequests, screen?.stats.minutesByVolunteer], [[], [], 0, []]);
    }
    assert.equal(await chapterTutoringScreen(t.db, { slug: "no-such-chapter", reader: { id: w.lead.id, isAdmin: true }, locale: "id", from, to }), null);
    await t.db.update(learningTopics).set({ active: true }).where(eq(learningTopics.slug, "website"));
  });
});

describe("the tutoring board in one statement", () => {
  it("shows what the separate reads showed: the same rows, order, nearness and topic names, for every kind of reader", async () => {
    const w = await world();
    const other = await world("35.10");
    // two volunteers with the same name, one without a profile; a tutor in a desa; a lead who is no volunteer
    const tutor = await w.volunteer("Agus Salim", { regionCode: "35.09.01.2003" });
    const twin = await w.volunteer("Agus Salim", { regionCode: "35.09.02" });
    const bare = await w.volunteer("Tanpa Profil", null);
    const offered = await w.volunteer("Dewi Offer", { regionCode: "35.09.01" });
    const outsider = await other.volunteer("Luar Kota", { regionCode: "35.10.01" });
    const reqs: Awaited<ReturnType<typeof w.request>>[] = [];
    // open requests at every distance, some asked twice (the same person typing again), several topics, a retired topic
    for (const [over, region] of [
      [{ topics: ["marketplace", "social-media-business"] }, "35.09.01.2003"],
      [{}, "35.09.01.2004"],
      [{ topics: ["social-media-business"] }, "35.09.02.2001"],
      [{}, "35.09.01.2003"],
      [{ topics: ["marketplace"], mode: "online" }, "35.09.03"],
    ] as const) reqs.push(await w.request(over as Record<string, string | string[]>, region));
    await other.request({}, "35.10.01.2001");
    // an offer pending for Dewi, a request Agus tutors with two sessions, one he completed, one cancelled
    await offerRequest(t.db, w.leadUser, w.chapter.id, reqs[1]!.requestId, offered.id);
    assert.deepEqual(await claimRequest(t.db, asUser(tutor), reqs[2]!.requestId), { ok: true });
    for (const minutes of [30, 45]) {
      await logSession(t.db, asUser(tutor), reqs[2]!.requestId, { heldOn: todayIn(), minutes, topic: `Sesi ${minutes}`, notes: "", submissionKey: `k${minutes}` });
    }
    assert.deepEqual(await claimRequest(t.db, asUser(tutor), reqs[3]!.requestId), { ok: true });
    await t.db.update(tutoringRequests).set({ status: "completed" }).where(eq(tutoringRequests.id, reqs[3]!.requestId));
    await cancelByToken(t.db, reqs[4]!.token, "Sudah bisa");
    // a topic retired after it was asked for: named by its slug, as before
    await t.db.update(learningTopics).set({ active: false }).where(eq(learningTopics.slug, "social-media-business"));
    try {
      const topics = await listTopics(t.db);
      for (const reader of [tutor, twin, bare, offered, outsider, w.lead, other.lead]) {
        for (const locale of ["id", "en"] as const) {
          const names = new Map(topics.map((tp) => [tp.slug, locale === "en" ? tp.nameEn : tp.nameId]));
          const old = await listBoard(t.db, asUser(reader));
          const row = (r: (typeof old.open)[number]) => ({
            id: r.id,
            status: r.status,
            createdAt: r.createdAt.toISOString(),
            timeZone: r.timeZone,
            kecamatan: r.kecamatanName ?? "",
            chapterName: r.chapterName,
            topics: r.topics.map((x) => names.get(x) ?? x).join(", "),
            mode: r.mode,
            nearness: r.nearness,
            offerExpiresAt: r.offerExpiresAt ? new Date(r.offerExpiresAt).toISOString() : null,
          });
          const now = await tutoringBoardScreen(t.db, asUser(reader), locale);
          const view = (r: (typeof now.open)[number]) => ({ ...r, createdAt: r.createdAt.toISOString(), offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null });
          const who = `${reader.name} (${locale})`;
          assert.equal(now.isVolunteer, old.isVolunteer, who);
          assert.deepEqual(now.offers.map(view), old.offers.map(row), `offers of ${who}`);
          assert.deepEqual(now.open.map(view), old.open.map(row), `open requests for ${who}`);
          assert.deepEqual(
            now.mine.map((m) => ({ ...view(m), sessions: m.sessions })),
            old.mine.map((m) => ({ ...row(m), sessions: m.sessions })),
            `tutoring of ${who}`,
          );
        }
      }
      // what the readers see, in plain words
      const seen = await tutoringBoardScreen(t.db, asUser(tutor), "en");
      assert.deepEqual(seen.open.map((o) => [o.id, o.nearness]), [[reqs[0]!.requestId, 3]]);
      assert.deepEqual(seen.mine.map((m) => [m.id, m.sessions]), [[reqs[2]!.requestId, 2], [reqs[3]!.requestId, 0]]);
      assert.equal(seen.open[0]!.topics, "Selling on a marketplace, social-media-business");
      assert.deepEqual((await tutoringBoardScreen(t.db, asUser(offered), "id")).offers.map((o) => o.id), [reqs[1]!.requestId]);
      assert.equal((await tutoringBoardScreen(t.db, asUser(outsider), "id")).open.some((o) => reqs.some((r) => r.requestId === o.id)), false);
      assert.equal((await tutoringBoardScreen(t.db, asUser(w.lead), "id")).isVolunteer, false);
      assert.ok(!JSON.stringify(seen).includes("Bu Sri") && !JSON.stringify(seen).includes("sri@example.test"), "no learner's name or contact");
    } finally {
      await t.db.update(learningTopics).set({ active: true }).where(eq(learningTopics.slug, "social-media-business"));
    }
  });

  it("keeps the board's first 50 open requests, nearest first, when a chapter has more", async () => {
    const w = await world();
    const near = await w.volunteer("Rina Dekat", { regionCode: "35.09.01.2003" });
    // 56 open requests, several asked at the same moment, at four distances
    const regions = ["35.09.01.2003", "35.09.01.2004", "35.09.02.2001", "35.09.03"];
    for (let i = 0; i < 56; i++) await w.request({}, regions[i % regions.length]!);
    await t.db.update(tutoringRequests).set({ createdAt: sql`date_trunc('minute', now())` }).where(eq(tutoringRequests.chapterId, w.chapter.id));
    const old = await listBoard(t.db, asUser(near));
    const now = await tutoringBoardScreen(t.db, asUser(near), "id");
    assert.equal(now.open.length, 50);
    assert.deepEqual(now.open.map((o) => [o.id, o.nearness]), old.open.map((o) => [o.id, o.nearness]));
    assert.deepEqual(now.open.slice(0, 14).map((o) => o.nearness), Array(14).fill(3), "the same desa first");
  });
});
