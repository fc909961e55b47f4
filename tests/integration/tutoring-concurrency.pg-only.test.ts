import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { tutoringOffers, tutoringRequests } from "../../db/schema/tutoring";
import type { SessionUser } from "../../app/auth/session.server";
import { claimRequest, expireTutoringOffer, offerRequest, respondToOffer } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** Simultaneous claims and an answer racing the expiry job, on PostgreSQL with a pool of 20 connections. */
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const asUser = (u: { id: string; email: string; name: string }): SessionUser => ({ ...u, locale: "id", isAdmin: false });

async function setup(volunteers: number) {
  const chapter = await createChapter(t.db, { regionCode: "35.09" });
  const lead = await createUser(t.db);
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vs = [];
  for (let i = 0; i < volunteers; i++) {
    const u = await createUser(t.db);
    await addMembership(t.db, { userId: u.id, chapterId: chapter.id, role: "volunteer" });
    await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.09.01" });
    vs.push(u);
  }
  const form = new FormData();
  for (const [k, v] of Object.entries({ name: "Bu Ani", whatsapp: "081200001111", topics: "qris", forWhom: "self", language: "id", mode: "home", consent: "yes", minor: "no" })) form.append(k, v);
  const parsed = parseTutoringForm(form, "35.09.01");
  assert.ok(parsed.ok);
  const r = await createTutoringRequest(t.db, parsed.data, { ip: `c-${Math.random()}`, locale: "id" });
  assert.ok(r.ok);
  await t.db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
  return { chapter, lead, vs, requestId: r.requestId };
}

describe("tutoring under concurrency", () => {
  it("twenty volunteers claim the same request at once: exactly one becomes the tutor", async () => {
    const { vs, requestId } = await setup(20);
    const results = await Promise.all(vs.map((v) => claimRequest(t.db, asUser(v), requestId)));
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.equal(results.filter((r) => !r.ok && "reason" in r && r.reason === "conflict").length, 19);
    const [row] = await t.db.select({ tutorId: tutoringRequests.tutorId, status: tutoringRequests.status }).from(tutoringRequests).where(eq(tutoringRequests.id, requestId));
    const winner = vs[results.findIndex((r) => r.ok)];
    assert.deepEqual(row, { tutorId: winner?.id, status: "matched" });
  });

  it("an accept racing the expiry job: either the volunteer is the tutor or the next one has the offer, never both", async () => {
    for (let round = 0; round < 5; round++) {
      const { chapter, lead, vs, requestId } = await setup(3);
      const first = vs[0];
      assert.ok(first);
      await offerRequest(t.db, asUser(lead), chapter.id, requestId, first.id);
      const [offer] = await t.db.select({ id: tutoringOffers.id }).from(tutoringOffers).where(eq(tutoringOffers.requestId, requestId));
      await t.db.update(tutoringOffers).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(tutoringOffers.id, offer?.id ?? 0));
      const ctx = { db: t.db, job: { id: 0, kind: "tutoring-offer-expiry", dedupKey: "x", attempt: 1, runAt: new Date() } };
      const [accepted] = await Promise.all([respondToOffer(t.db, asUser(first), requestId, "accept"), expireTutoringOffer({ offerId: offer?.id ?? 0 }, ctx)]);
      const [row] = await t.db.select({ tutorId: tutoringRequests.tutorId, status: tutoringRequests.status }).from(tutoringRequests).where(eq(tutoringRequests.id, requestId));
      const pending = await t.db.select().from(tutoringOffers).where(and(eq(tutoringOffers.requestId, requestId), eq(tutoringOffers.status, "pending")));
      if (accepted.ok) {
        assert.deepEqual(row, { tutorId: first.id, status: "matched" });
        assert.equal(pending.length, 0);
      } else {
        assert.equal(row?.status, "offered");
        assert.equal(row?.tutorId, null);
        assert.equal(pending.length, 1);
        assert.notEqual(pending[0]?.volunteerId, first.id);
      }
    }
  });
});
