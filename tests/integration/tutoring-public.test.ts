import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { tutoringRequestEvents, tutoringRequests } from "../../db/schema/tutoring";
import type { SessionUser } from "../../app/auth/session.server";
import { claimRequest, completeRequest, getRequestForVolunteer, logSession, offerRequest, tutoringBoardScreen } from "../../app/models/tutoring/offers.server";
import { cancelByToken, createTutoringRequest, leadDecide, listOpenRequests, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { chapterTutoringScreen, openRequestsByKecamatan } from "../../app/models/tutoring/stats.server";
import { digestContents } from "../../app/models/reports/digest.server";
import { eraseExpiredRequests } from "../../app/models/tutoring/learner-data.server";
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

const BASE = { name: "Bu Sumarni", whatsapp: "0812-3333-4444", topics: ["marketplace"], forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" };

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
  const request = async (over: Record<string, string | string[]> = {}) => {
    const parsed = parseTutoringForm(formOf({ ...BASE, ...over }), "35.09.01.2003");
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.9.0.${++ip}`, locale: "id", appUrl: "https://simpul.test" });
    assert.ok(r.ok, JSON.stringify(r));
    await t.db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
    return r;
  };
  return { chapter, lead, leadUser: asUser(lead), volunteer, request };
}

async function rowOf(requestId: number) {
  const [row] = await t.db.select().from(tutoringRequests).where(eq(tutoringRequests.id, requestId));
  assert.ok(row);
  return row;
}

describe("a request's page for volunteers", () => {
  it("opens only for a request on the board, the one offered to them or their own: not by guessing another's id", async () => {
    const w = await world();
    const tutor = await w.volunteer("Rani Tutor");
    const other = await w.volunteer("Bayu Lain");
    const offered = await w.volunteer("Hasan Ditawari");
    const details = "Anak saya Dinda kelas 5 SDN 3 Ajung, rumah di belakang masjid";
    const open = await w.request({ details });
    const taken = await w.request({ details });
    const toOffer = await w.request({ details });
    const cancelled = await w.request({ details });

    // on the board: any active volunteer of the chapter may read it, to take it
    const seen = await getRequestForVolunteer(t.db, asUser(other), open.requestId);
    assert.ok(seen && seen.canClaim && seen.learner === null && !JSON.stringify(seen).includes("Sumarni"), "what is asked, not who");

    assert.deepEqual(await claimRequest(t.db, asUser(tutor), taken.requestId), { ok: true });
    assert.equal(await getRequestForVolunteer(t.db, asUser(other), taken.requestId), null, "held by another volunteer");
    assert.ok(await getRequestForVolunteer(t.db, asUser(tutor), taken.requestId), "the tutor reads their own");
    assert.deepEqual(await logSession(t.db, asUser(tutor), taken.requestId, { heldOn: todayIn(), minutes: 60, topic: "Shopee" }), { ok: true });
    assert.deepEqual(await completeRequest(t.db, asUser(tutor), taken.requestId, ""), { ok: true });
    assert.equal(await getRequestForVolunteer(t.db, asUser(other), taken.requestId), null, "completed by another volunteer");
    assert.ok(await getRequestForVolunteer(t.db, asUser(tutor), taken.requestId), "the tutor still reads the one they completed");

    assert.deepEqual(await offerRequest(t.db, w.leadUser, w.chapter.id, toOffer.requestId, offered.id), { ok: true });
    assert.ok(await getRequestForVolunteer(t.db, asUser(offered), toOffer.requestId), "offered to them");
    assert.equal(await getRequestForVolunteer(t.db, asUser(other), toOffer.requestId), null, "offered to someone else");

    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, cancelled.requestId, "cancel", "Sudah dibantu tetangga"), { ok: true });
    assert.equal(await getRequestForVolunteer(t.db, asUser(other), cancelled.requestId), null, "cancelled");
  });
});

describe("an unmatched request erased by retention", () => {
  it("leaves the board the volunteers' page shows", async () => {
    const w = await world();
    const volunteer = await w.volunteer("Siti Relawan");
    const kept = await w.request({ name: "Pak Tarno" });
    const req = await w.request();
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, req.requestId, "unmatched", ""), { ok: true });
    const ids = async () => (await tutoringBoardScreen(t.db, asUser(volunteer), "id")).open.map((r) => r.id);
    assert.ok((await ids()).includes(req.requestId), "unmatched stays on the board until erased");
    await t.db.update(tutoringRequests).set({ closedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, req.requestId));
    assert.ok((await eraseExpiredRequests(t.db, 6)) >= 1);
    const after = await ids();
    assert.ok(!after.includes(req.requestId), JSON.stringify(after));
    assert.ok(after.includes(kept.requestId), "the other request stays");
  });

  it("takes no cancel reason from the learner nor a note from the lead", async () => {
    const w = await world();
    const req = await w.request();
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, req.requestId, "unmatched", ""), { ok: true });
    await t.db.update(tutoringRequests).set({ closedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, req.requestId));
    assert.ok((await eraseExpiredRequests(t.db, 6)) >= 1);
    const secret = "Bu Sumarni sudah pindah ke Jl. Kenanga 7, WA 0812-3333-4444";
    assert.deepEqual(await cancelByToken(t.db, req.token, secret), { ok: false, errors: { reason: ["tutoring.closed"] } });
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, req.requestId, "cancel", secret), { ok: false, errors: { note: ["tutoring.closed"] } });
    const row = await rowOf(req.requestId);
    assert.equal(row.status, "unmatched");
    assert.equal(row.cancelReason, null);
    const notes = (await t.db.select({ note: tutoringRequestEvents.note }).from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, req.requestId))).map((h) => h.note);
    assert.ok(!notes.some((n) => n?.includes("Kenanga")), JSON.stringify(notes));
  });
});

describe("the same person asking again", () => {
  it("the lead's page of each request names the chapter's other requests from the same WhatsApp or email, however written", async () => {
    const w = await world();
    const first = await w.request({ name: "Bu Sumarni", whatsapp: "0812-3333-4444", email: "" });
    // a day later, a new page, the number written another way and the name with a typo
    const again = await w.request({ name: "Bu Sumarmi", whatsapp: "+62 812 3333 4444", email: "sumarni@contoh.test" });
    const byEmail = await w.request({ name: "Sumarni", whatsapp: "", email: "Sumarni@Contoh.test" });
    const someoneElse = await w.request({ name: "Pak Joko", whatsapp: "0813-1111-2222", email: "" });
    // the same number in another chapter is not this lead's to see
    const elsewhere = await createChapter(t.db, { regionCode: "35.09" });
    const outside = await w.request({ whatsapp: "0812 3333 4444", email: "" });
    await t.db.update(tutoringRequests).set({ chapterId: elsewhere.id }).where(eq(tutoringRequests.id, outside.requestId));

    const sameOf = async (requestId: number) => {
      const page = await leadRequestPageData(t.db, { user: w.leadUser, chapterId: w.chapter.id, requestId, locale: "id" });
      assert.ok(page.ok);
      return page.request.sameContact.map((s) => s.id).sort((a, b) => a - b);
    };
    assert.deepEqual(await sameOf(again.requestId), [first.requestId, byEmail.requestId]);
    assert.deepEqual(await sameOf(first.requestId), [again.requestId]);
    assert.deepEqual(await sameOf(byEmail.requestId), [again.requestId]);
    assert.deepEqual(await sameOf(someoneElse.requestId), []);
    const page = await leadRequestPageData(t.db, { user: w.leadUser, chapterId: w.chapter.id, requestId: again.requestId, locale: "id" });
    assert.ok(page.ok);
    assert.deepEqual(
      page.request.sameContact.map((s) => s.status),
      ["new", "new"],
    );
    assert.ok(page.request.sameContact.every((s) => /Des|Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov/.test(s.createdText)), JSON.stringify(page.request.sameContact));
  });
});

describe("the public request form refused", () => {
  it("names every problem at once, the ones spanning fields too, even when the name is missing", () => {
    const parsed = parseTutoringForm(
      formOf({ name: " ", whatsapp: "0812 3456 7890 / 0856 1111 2222", forWhom: "self", language: "id", mode: "home", minor: "yes", guardianContact: "bu.ani@" }),
      null,
    );
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.errors, {
      name: ["errors.required"],
      consent: ["tutoring.consentRequired"],
      guardianName: ["privacy.minor.guardianNameRequired"],
      guardianContact: ["privacy.minor.guardianContactInvalid"],
      guardianConsent: ["privacy.minor.guardianConsentRequired"],
      whatsapp: ["profile.whatsappInvalid"],
      topics: ["tutoring.topicRequired"],
    });
    // what was typed comes back as typed
    assert.equal(parsed.values.whatsapp, "0812 3456 7890 / 0856 1111 2222");
    assert.equal(parsed.values.guardianContact, "bu.ani@");
  });

  it("keeps one message a field when the schema already refused it", () => {
    const parsed = parseTutoringForm(formOf({ name: "Pak Darto", whatsapp: "0812".repeat(11), forWhom: "self", language: "id", mode: "home", minor: "no", consent: "yes", topics: ["marketplace"] }), null);
    assert.ok(!parsed.ok);
    assert.equal(parsed.errors.whatsapp?.length, 1, JSON.stringify(parsed.errors));
    assert.deepEqual(Object.keys(parsed.errors), ["whatsapp"]);
  });
});

describe("the lead's tutoring page of a chapter", () => {
  it("no longer lists or counts an unmatched request once retention erased it: nobody can take it any more", async () => {
    const w = await world();
    const kept = await w.request({ name: "Pak Tarno" });
    const old = await w.request();
    assert.deepEqual(await leadDecide(t.db, w.leadUser, w.chapter.id, old.requestId, "unmatched", ""), { ok: true });
    await t.db.update(tutoringRequests).set({ createdAt: new Date("2019-06-01T00:00:00Z"), closedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(tutoringRequests.id, old.requestId));
    const screen = async () => {
      const s = await chapterTutoringScreen(t.db, { slug: w.chapter.slug, reader: { id: w.lead.id, isAdmin: false }, locale: "id", from: new Date(Date.now() - 90 * 86400_000), to: new Date() });
      assert.ok(s && s.isLead);
      return s;
    };
    const before = await screen();
    assert.deepEqual(before.requests.map((r) => r.id).sort((a, b) => a - b), [kept.requestId, old.requestId]);
    assert.ok((await eraseExpiredRequests(t.db, 6)) >= 1);
    const after = await screen();
    assert.deepEqual(after.requests.map((r) => r.id), [kept.requestId]);
    assert.deepEqual(after.byKecamatan.map((k) => [k.open, k.unmatched]), [[1, 1]]);
    assert.ok(after.byKecamatan[0] && after.byKecamatan[0].oldest.getUTCFullYear() > 2019, "the oldest open request is the one still open");
    assert.deepEqual((await listOpenRequests(t.db, w.chapter.id)).map((r) => r.id), [kept.requestId]);
    assert.deepEqual((await openRequestsByKecamatan(t.db, w.chapter.id)).map((k) => [k.open, k.unmatched]), [[1, 1]]);
    // the leads' weekly digest: one request waiting, since today, not one for six years
    const digest = (await digestContents(t.db)).find((d) => d.chapterId === w.chapter.id);
    assert.ok(digest);
    assert.equal(digest.waitingRequests, 1);
    assert.equal(digest.oldestWaitingDays, 0);
  });
});
