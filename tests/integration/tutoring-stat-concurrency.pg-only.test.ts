import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { tutoringOffers, tutoringRequests } from "../../db/schema/tutoring";
import { rowsOf } from "../../db/rows";
import type { SessionUser } from "../../app/auth/session.server";
import { claimRequest, completeRequest, expireTutoringOffer, logSession, offerRequest, respondToOffer } from "../../app/models/tutoring/offers.server";
import { cancelByToken, createTutoringRequest, leadDecide, parseTutoringForm, rateByToken } from "../../app/models/tutoring/requests.server";
import { eraseRequestByToken } from "../../app/models/tutoring/learner-data.server";
import { eraseAccount, leaveChapter } from "../../app/models/accounts/personal-data.server";
import { addMembership, createChapter, createUser, createVolunteerProfile, todayIn } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { statDifferences } from "../support/tutor-stat";

/**
 * tutor_stat under simultaneous changes (PostgreSQL, a pool of 20 connections): the figures stay equal to the raw
 * records whatever order the transactions commit in.
 */
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const asUser = (u: { id: string; email: string; name: string }): SessionUser => ({ ...u, locale: "id", isAdmin: false });
let ip = 0;

async function world(volunteers: number) {
  const chapter = await createChapter(t.db, { regionCode: "35.09" });
  const lead = await createUser(t.db);
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vs = [];
  for (let i = 0; i < volunteers; i++) {
    const u = await createUser(t.db);
    await addMembership(t.db, { userId: u.id, chapterId: chapter.id, role: "volunteer" });
    await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.09.01", skills: ["qris-pembayaran-digital"], languages: ["id"] });
    vs.push(u);
  }
  const request = async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: "Bu Ani", whatsapp: `0812${String(++ip).padStart(7, "0")}`, topics: "qris", forWhom: "self", language: "id", mode: "home", consent: "yes", minor: "no" })) form.append(k, v);
    const parsed = parseTutoringForm(form, "35.09.01");
    assert.ok(parsed.ok);
    const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.88.${Math.floor(ip / 200)}.${ip % 200}`, locale: "id" });
    assert.ok(r.ok);
    await t.db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
    return r;
  };
  return { chapter, lead: asUser(lead), vs, request };
}

const settled = (ps: Promise<unknown>[]) => Promise.allSettled(ps).then((rs) => rs.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)));

describe("tutor_stat under concurrency", () => {
  it("one volunteer accepts several offers at once; many claim one request at once", async () => {
    const w = await world(20);
    const v = w.vs[0];
    assert.ok(v);
    const reqs = [await w.request(), await w.request(), await w.request(), await w.request()];
    for (const r of reqs) assert.deepEqual(await offerRequest(t.db, w.lead, w.chapter.id, r.requestId, v.id), { ok: true });
    assert.deepEqual(await statDifferences(t.db), []);
    const answers = await Promise.all(reqs.map((r) => respondToOffer(t.db, asUser(v), r.requestId, "accept")));
    assert.ok(answers.every((a) => a.ok));
    const [row] = rowsOf<{ open_requests: number; pending_offers: number }>(await t.db.execute(sql`select open_requests, pending_offers from tutor_stat where user_id = ${v.id}`));
    assert.deepEqual([Number(row?.open_requests), Number(row?.pending_offers)], [4, 0]);
    const contested = await w.request();
    const claims = await Promise.all(w.vs.map((x) => claimRequest(t.db, asUser(x), contested.requestId)));
    assert.equal(claims.filter((c) => c.ok).length, 1);
    assert.deepEqual(await statDifferences(t.db), []);
  });

  it("hand-overs crossing each other, answers racing expiry, cancellation, erasure, leaving and account erasure", async () => {
    for (let round = 0; round < 4; round++) {
      const w = await world(6);
      const [a, b, c, d] = w.vs;
      assert.ok(a && b && c && d);
      const reqs = await Promise.all([w.request(), w.request(), w.request(), w.request(), w.request(), w.request()]);
      const [r1, r2, r3, r4, r5, r6] = reqs;
      assert.ok(r1 && r2 && r3 && r4 && r5 && r6);
      await offerRequest(t.db, w.lead, w.chapter.id, r1.requestId, a.id);
      await offerRequest(t.db, w.lead, w.chapter.id, r2.requestId, b.id);
      await offerRequest(t.db, w.lead, w.chapter.id, r3.requestId, c.id);
      await offerRequest(t.db, w.lead, w.chapter.id, r4.requestId, d.id);
      await offerRequest(t.db, w.lead, w.chapter.id, r5.requestId, a.id);
      await claimRequest(t.db, asUser(b), r6.requestId);
      const [o3] = await t.db.select({ id: tutoringOffers.id }).from(tutoringOffers).where(and(eq(tutoringOffers.requestId, r3.requestId), eq(tutoringOffers.status, "pending")));
      await t.db.update(tutoringOffers).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(tutoringOffers.id, o3?.id ?? 0));
      const job = { id: 0, kind: "tutoring-offer-expiry", dedupKey: "x", attempt: 1, runAt: new Date() };
      const errors = await settled([
        // a and b decline at once: each request goes to the next candidate, possibly the other one
        respondToOffer(t.db, asUser(a), r1.requestId, "decline"),
        respondToOffer(t.db, asUser(b), r2.requestId, "decline"),
        // c accepts while the expiry job fires
        respondToOffer(t.db, asUser(c), r3.requestId, "accept"),
        expireTutoringOffer({ offerId: o3?.id ?? 0 }, { db: t.db, job }),
        // the learner cancels while d accepts; the lead closes r5 while a answers; the learner of r6 erases the request
        cancelByToken(t.db, r4.token, "Sudah tidak perlu"),
        respondToOffer(t.db, asUser(d), r4.requestId, "accept"),
        leadDecide(t.db, w.lead, w.chapter.id, r5.requestId, "unmatched", "Tidak ada yang cocok"),
        respondToOffer(t.db, asUser(a), r5.requestId, "accept"),
        eraseRequestByToken(t.db, r6.token, "yes"),
        logSession(t.db, asUser(b), r6.requestId, { heldOn: todayIn(), minutes: 60, topic: "QRIS", notes: "" }),
      ]);
      assert.deepEqual(errors, []);
      assert.deepEqual(await statDifferences(t.db), [], `round ${round}`);
      // a tutor's account is erased while they log a session and complete; another leaves the chapter while accepting
      const r7 = await w.request();
      await claimRequest(t.db, asUser(c), r7.requestId);
      await logSession(t.db, asUser(c), r7.requestId, { heldOn: todayIn(), minutes: 45, topic: "QRIS", notes: "" });
      const r8 = await w.request();
      await offerRequest(t.db, w.lead, w.chapter.id, r8.requestId, d.id);
      const errors2 = await settled([
        eraseAccount(t.db, c.id, c.password),
        completeRequest(t.db, asUser(c), r7.requestId, ""),
        leaveChapter(t.db, d.id, w.chapter.id),
        respondToOffer(t.db, asUser(d), r8.requestId, "accept"),
      ]);
      assert.deepEqual(errors2, []);
      await rateByToken(t.db, r7.token, "5", "");
      assert.deepEqual(await statDifferences(t.db), [], `round ${round}, erasure`);
    }
  });

  it("two volunteers decline at once, each request handed to the other: both hand-overs go through", async () => {
    // each transaction changes the decliner's figures, then the other's: in opposite orders, which PostgreSQL may
    // answer with a deadlock; the hand-over is then tried again (db.transaction retries it) instead of failing
    for (let round = 0; round < 25; round++) {
      const w = await world(2);
      const [a, b] = w.vs;
      assert.ok(a && b);
      const [r1, r2] = [await w.request(), await w.request()];
      await offerRequest(t.db, w.lead, w.chapter.id, r1.requestId, a.id);
      await offerRequest(t.db, w.lead, w.chapter.id, r2.requestId, b.id);
      const answers = await Promise.all([respondToOffer(t.db, asUser(a), r1.requestId, "decline"), respondToOffer(t.db, asUser(b), r2.requestId, "decline")]);
      assert.deepEqual(answers, [{ ok: true }, { ok: true }], `round ${round}`);
      const pending = await t.db
        .select({ requestId: tutoringOffers.requestId, volunteerId: tutoringOffers.volunteerId })
        .from(tutoringOffers)
        .where(and(eq(tutoringOffers.status, "pending"), sql`${tutoringOffers.requestId} in (${r1.requestId}, ${r2.requestId})`));
      assert.deepEqual(
        pending.map((p) => `${p.requestId}:${p.volunteerId}`).sort(),
        [`${r1.requestId}:${b.id}`, `${r2.requestId}:${a.id}`].sort(),
        `round ${round}`,
      );
      assert.deepEqual(await statDifferences(t.db), [], `round ${round}`);
    }
  });
});
