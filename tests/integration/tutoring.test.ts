import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, like, or } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { tutoringRequestEvents, tutoringRequests } from "../../db/schema/tutoring";
import { renderEmail } from "../../emails/index";
import type { SessionUser } from "../../app/auth/session.server";
import { MATCH_WEIGHTS, rankCandidates } from "../../app/models/tutoring/matching.server";
import {
  addLearnerNote,
  cancelByToken,
  createTutoringRequest,
  getRequestByToken,
  getRequestForLead,
  hashToken,
  leadDecide,
  listOpenRequests,
  parseTutoringForm,
  REQUEST_RATE_LIMIT,
  type TutoringRequestInput,
} from "../../app/models/tutoring/requests.server";
import { createTelecenter, telecentersForTutoring } from "../../app/models/telecenters/registry.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, createChapter, createUser, createVolunteerProfile, formOf } from "../factories";

let t: TestDatabase;
let chapter: { id: number; slug: string; name: string };
let lead: Awaited<ReturnType<typeof createUser>>;
let ipCounter = 0;
const nextIp = () => `10.0.0.${++ipCounter}`;

before(async () => {
  t = await createTestDatabase();
  chapter = await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" });
  lead = await createUser(t.db, { name: "Lead Jember", locale: "id" });
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
});
after(async () => {
  await t.close();
});

const validForm = {
  name: "Bu Sri",
  whatsapp: "0812-1111-2222",
  email: "sri@example.test",
  topics: ["marketplace", "qris"],
  details: "Ingin jualan keripik di marketplace.",
  forWhom: "umkm",
  language: "jv",
  mode: "home",
  availability: ["sabtu-pagi", "sabtu-siang"],
  consent: "yes",
  minor: "no",
  website: "",
};

function input(over: Partial<TutoringRequestInput> = {}, form: Record<string, string | string[]> = validForm): TutoringRequestInput {
  const parsed = parseTutoringForm(formOf(form), "35.09.01.2003");
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return { ...parsed.data, ...over };
}

/** The emails of one request: its key ends in `:<id>` or has `:<id>:` after the template (never `:<id>` as a prefix of another number). */
function mailsOf(requestId: number) {
  return t.db
    .select()
    .from(outbox)
    .where(or(eq(outbox.dedupKey, `tutoring-received:${requestId}`), like(outbox.dedupKey, `tutoring-new-request:${requestId}:%`)));
}

async function create(over: Partial<TutoringRequestInput> = {}) {
  const r = await createTutoringRequest(t.db, input(over), { ip: nextIp(), locale: "id", appUrl: "https://simpul.test" });
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

describe("the public request form", () => {
  it("creates the request with its history and the emails, storing only the token's hash", async () => {
    const r = await create();
    assert.match(r.token, /^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    assert.ok(row);
    assert.equal(row.chapterId, chapter.id);
    assert.equal(row.whatsapp, "+6281211112222");
    assert.equal(row.email, "sri@example.test");
    assert.deepEqual(row.topics, ["marketplace", "qris"]);
    assert.equal(row.status, "new");
    assert.equal(row.consentVersion.length > 0, true);
    assert.ok(row.consentAt instanceof Date);
    assert.equal(row.tokenHash, hashToken(r.token));
    assert.ok(!JSON.stringify(row).includes(r.token), "the request row never contains the token");
    const history = await t.db.select().from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, r.requestId));
    assert.deepEqual(
      history.map((h) => [h.fromStatus, h.toStatus, h.actorKind]),
      [[null, "new", "learner"]],
    );
    assert.ok(!JSON.stringify(history).includes(r.token));

    const mails = await mailsOf(r.requestId);
    const learnerMail = mails.find((m) => m.template === "tutoring-received");
    const leadMail = mails.find((m) => m.template === "tutoring-new-request");
    assert.equal(learnerMail?.toEmail, "sri@example.test");
    assert.equal(leadMail?.toEmail, lead.email);
    assert.equal(mails.length, 2);
    const rendered = renderEmail("tutoring-received", learnerMail.payload as Record<string, unknown>, "id");
    assert.ok(rendered.text.includes(`https://simpul.test/lacak/${r.token}`));
    const leadRendered = renderEmail("tutoring-new-request", leadMail.payload as Record<string, unknown>, "id");
    assert.ok(leadRendered.text.includes(`/chapters/${chapter.slug}/tutoring/${r.requestId}`));
    assert.ok(!leadRendered.text.includes("0812") && !leadRendered.text.includes("sri@example.test"), "no contact details in the lead's email");
  });

  it("queues no learner email without an email address", async () => {
    const r = await create({ email: null });
    const mails = await mailsOf(r.requestId);
    assert.deepEqual(mails.map((m) => m.template), ["tutoring-new-request"]);
  });

  it("requires consent, a way to reach the learner and something to learn; keeps the typed values", () => {
    const noConsent = parseTutoringForm(formOf({ ...validForm, consent: "" }), "35.09.01");
    assert.ok(!noConsent.ok);
    assert.deepEqual(noConsent.errors.consent, ["tutoring.consentRequired"]);
    assert.equal(noConsent.values.name, "Bu Sri");
    const noContact = parseTutoringForm(formOf({ ...validForm, whatsapp: "", email: "" }), "35.09.01");
    assert.ok(!noContact.ok);
    assert.deepEqual(noContact.errors.whatsapp, ["tutoring.contactRequired"]);
    const badPhone = parseTutoringForm(formOf({ ...validForm, whatsapp: "021-555-1234" }), "35.09.01");
    assert.ok(!badPhone.ok);
    assert.deepEqual(badPhone.errors.whatsapp, ["profile.whatsappNotMobile"]);
    const nothing = parseTutoringForm(formOf({ ...validForm, topics: [], details: "" }), "35.09.01");
    assert.ok(!nothing.ok);
    assert.deepEqual(nothing.errors.topics, ["tutoring.topicRequired"]);
    const emailOnly = parseTutoringForm(formOf({ ...validForm, whatsapp: "" }), "35.09.01");
    assert.ok(emailOnly.ok);
  });

  it("refuses a region without a chapter, a region above kecamatan and unknown topics", async () => {
    const noChapter = await createTutoringRequest(t.db, input({ regionCode: "35.10.01" }), { ip: nextIp(), locale: "id" });
    assert.deepEqual(noChapter, { ok: false, errors: { region: ["tutoring.noChapter"] } });
    const tooCoarse = await createTutoringRequest(t.db, input({ regionCode: "35.09" }), { ip: nextIp(), locale: "id" });
    assert.deepEqual(tooCoarse, { ok: false, errors: { region: ["regions.needKecamatan"] } });
    const badTopic = await createTutoringRequest(t.db, input({ topics: ["hacking"] }), { ip: nextIp(), locale: "id" });
    assert.deepEqual(badTopic, { ok: false, errors: { topics: ["errors.invalid"] } });
  });

  it("refuses the honeypot and more than the limit per IP, writing nothing", async () => {
    const before = (await t.db.select({ id: tutoringRequests.id }).from(tutoringRequests)).length;
    const bot = await createTutoringRequest(t.db, input({ honeypot: "http://spam.example" }), { ip: nextIp(), locale: "id" });
    assert.deepEqual(bot, { ok: false, refused: "spam" });
    const ip = nextIp();
    for (let i = 0; i < REQUEST_RATE_LIMIT.limit + 2; i++) {
      const mistake = await createTutoringRequest(t.db, input({ regionCode: "35.09" }), { ip, locale: "id" });
      assert.ok(!mistake.ok && "errors" in mistake, "mistakes are answered and do not use up the limit");
    }
    for (let i = 0; i < REQUEST_RATE_LIMIT.limit; i++) {
      const ok = await createTutoringRequest(t.db, input(), { ip, locale: "id" });
      assert.ok(ok.ok);
    }
    const over = await createTutoringRequest(t.db, input(), { ip, locale: "id" });
    assert.deepEqual(over, { ok: false, refused: "rateLimited" });
    const other = await createTutoringRequest(t.db, input(), { ip: nextIp(), locale: "id" });
    assert.ok(other.ok, "another address is not limited");
    const afterCount = (await t.db.select({ id: tutoringRequests.id }).from(tutoringRequests)).length;
    assert.equal(afterCount - before, REQUEST_RATE_LIMIT.limit + 1);
  });
});

describe("learning at a telecenter", () => {
  it("offers the telecenters of the learner's kab/kota, stores the choice and shows it; refuses one elsewhere", async () => {
    const other = await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" });
    const tcForm = (name: string, regionCode: string) => ({ name, regionCode, address: "Jl. Merdeka 1", services: [] });
    const here = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Sumbersari", "35.09.01") });
    const far = await createTelecenter(t.db, { chapterId: other.id, userId: lead.id, form: tcForm("Telecenter Pekalongan", "33.75.01") });
    assert.ok(here.ok && far.ok);
    assert.deepEqual((await telecentersForTutoring(t.db, "35.09.01.2003")).map((x) => x.id), [here.id]);
    assert.deepEqual(await telecentersForTutoring(t.db, null), []);

    const atTelecenter = { ...validForm, mode: "telecenter", telecenterId: String(here.id) };
    const r = await createTutoringRequest(t.db, input({}, atTelecenter), { ip: nextIp(), locale: "id", appUrl: "https://simpul.test" });
    assert.ok(r.ok, JSON.stringify(r));
    const asLead: SessionUser = { id: lead.id, email: lead.email, name: lead.name, locale: "id", isAdmin: false };
    const seen = await getRequestForLead(t.db, asLead, chapter.id, r.requestId);
    assert.ok(seen.ok);
    assert.equal(seen.request.telecenter, "Telecenter Sumbersari, Jl. Merdeka 1");

    // a telecenter of another kab/kota, or a choice while learning at home, is not kept
    const wrong = await createTutoringRequest(t.db, input({}, { ...atTelecenter, telecenterId: String(far.id) }), { ip: nextIp(), locale: "id" });
    assert.deepEqual(wrong, { ok: false, errors: { telecenterId: ["tutoring.telecenterInvalid"] } });
    assert.equal(input({}, { ...validForm, telecenterId: String(here.id) }).telecenterId, null);
  });
});

describe("tracking by token", () => {
  it("finds the request only with its token, and the learner cancels with a reason", async () => {
    const r = await create();
    const found = await getRequestByToken(t.db, r.token);
    assert.equal(found?.id, r.requestId);
    assert.equal(found?.learnerName, "Bu Sri");
    assert.equal(await getRequestByToken(t.db, `${r.token.slice(0, -1)}${r.token.endsWith("A") ? "B" : "A"}`), null);
    assert.equal(await getRequestByToken(t.db, hashToken(r.token)), null, "the stored hash is not a key");

    assert.deepEqual(await addLearnerNote(t.db, r.token, " "), { ok: false, errors: { note: ["errors.required"] } });
    assert.deepEqual(await addLearnerNote(t.db, r.token, "Bisa hari Sabtu sore"), { ok: true });
    assert.deepEqual(await cancelByToken(t.db, r.token, "  "), { ok: false, errors: { reason: ["errors.required"] } });
    assert.deepEqual(await cancelByToken(t.db, "x".repeat(43), "salah"), { ok: false, notFound: true });
    assert.deepEqual(await cancelByToken(t.db, r.token, "Sudah dibantu anak saya"), { ok: true });
    const after = await getRequestByToken(t.db, r.token);
    assert.equal(after?.status, "cancelled");
    assert.equal(after?.cancelReason, "Sudah dibantu anak saya");
    assert.deepEqual(
      after?.history.map((h) => [h.fromStatus, h.toStatus, h.note]),
      [
        [null, "new", null],
        ["new", "new", "Bisa hari Sabtu sore"],
        ["new", "cancelled", "Sudah dibantu anak saya"],
      ],
    );
    assert.deepEqual(await addLearnerNote(t.db, r.token, "masih ada?"), { ok: false, errors: { note: ["tutoring.closed"] } });
    assert.deepEqual(await cancelByToken(t.db, r.token, "lagi"), { ok: false, errors: { reason: ["tutoring.cannotCancel"] } });
    const open = await listOpenRequests(t.db, chapter.id);
    assert.ok(!open.some((o) => o.id === r.requestId), "a cancelled request is not open");
  });
});

describe("ranking candidates", () => {
  it("orders the chapter's active volunteers by the documented weights, with the reasons", async () => {
    const c = await createChapter(t.db, { name: "RTIK Jember Uji Ranking", regionCode: "35.09" });
    const other = await createChapter(t.db, { name: "RTIK Lain", regionCode: "35.09" });
    const vol = async (name: string, profile: Parameters<typeof createVolunteerProfile>[1] | null, membership: { chapterId?: number; role?: "volunteer" | "lead"; status?: "active" | "pending" } = {}) => {
      const u = await createUser(t.db, { name });
      await addMembership(t.db, { userId: u.id, chapterId: membership.chapterId ?? c.id, role: membership.role ?? "volunteer", status: membership.status ?? "active" });
      if (profile) await createVolunteerProfile(t.db, { ...profile, userId: u.id });
      return u;
    };
    const full = { skills: ["marketplace", "media-sosial-umkm"], languages: ["jv", "id"], availability: ["sabtu-pagi", "sabtu-siang"] };
    const a = await vol("Ayu (same desa, all)", { userId: "", regionCode: "35.09.01.2003", ...full });
    const b = await vol("Budi (same kecamatan)", { userId: "", regionCode: "35.09.01.2001", skills: ["marketplace"], languages: ["id"], availability: ["sabtu-pagi", "minggu-pagi"] });
    const cc = await vol("Citra (other kecamatan)", { userId: "", regionCode: "35.09.02", skills: ["marketplace", "media-sosial-umkm"], languages: ["jv"], availability: ["senin-malam"] });
    const d = await vol("Dodi (no profile)", null);
    await vol("Eka (pending)", { userId: "", regionCode: "35.09.01.2003", ...full }, { status: "pending" });
    await vol("Fajar (lead only)", { userId: "", regionCode: "35.09.01.2003", ...full }, { role: "lead" });
    await vol("Gita (other chapter)", { userId: "", regionCode: "35.09.01.2003", ...full }, { chapterId: other.id });

    const req = await create({ topics: ["marketplace"], language: "jv", regionCode: "35.09.01.2003" });
    await t.db.update(tutoringRequests).set({ chapterId: c.id }).where(eq(tutoringRequests.id, req.requestId));

    const ranked = await rankCandidates(t.db, req.requestId);
    assert.deepEqual(
      ranked.map((r) => r.userId),
      [a.id, cc.id, b.id, d.id],
    );
    const w = MATCH_WEIGHTS;
    assert.deepEqual(
      ranked.map((r) => r.score),
      [
        w.skill + w.region.desa + w.language + w.availability,
        w.skill + w.region.kabupaten + w.language,
        w.skill / 2 + w.region.kecamatan + w.availability / 2,
        0,
      ],
    );
    const none = { openRequests: 0, averageRating: null, ratings: 0, previousOffer: null };
    assert.deepEqual(ranked[0]?.reasons, { skillsMatched: 2, skillsNeeded: 2, region: "desa", speaksLanguage: true, slotsShared: 2, slotsWanted: 2, ...none });
    assert.deepEqual(ranked[2]?.reasons, { skillsMatched: 1, skillsNeeded: 2, region: "kecamatan", speaksLanguage: false, slotsShared: 1, slotsWanted: 2, ...none });
    assert.deepEqual(ranked[1]?.reasons.region, "kabupaten");
    assert.deepEqual(ranked[3]?.reasons, { skillsMatched: 0, skillsNeeded: 2, region: null, speaksLanguage: false, slotsShared: 0, slotsWanted: 2, ...none });
  });
});

describe("privacy of the learner's contact details", () => {
  it("only a lead of the request's chapter (or an admin) gets them", async () => {
    const r = await create();
    const asUser = (u: { id: string; email: string; name: string }, isAdmin = false): SessionUser => ({ ...u, locale: "id", isAdmin });
    const ok = await getRequestForLead(t.db, asUser(lead), chapter.id, r.requestId);
    assert.ok(ok.ok);
    assert.equal(ok.request.whatsapp, "+6281211112222");
    assert.equal(ok.request.email, "sri@example.test");

    const volunteer = await createUser(t.db, { name: "Relawan biasa" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id, role: "volunteer" });
    assert.deepEqual(await getRequestForLead(t.db, asUser(volunteer), chapter.id, r.requestId), { ok: false, reason: "forbidden" });

    const inactiveLead = await createUser(t.db, { name: "Mantan lead" });
    await addMembership(t.db, { userId: inactiveLead.id, chapterId: chapter.id, role: "lead", status: "inactive" });
    assert.deepEqual(await getRequestForLead(t.db, asUser(inactiveLead), chapter.id, r.requestId), { ok: false, reason: "forbidden" });

    const otherChapter = await createChapter(t.db, { name: "RTIK Banyuwangi", regionCode: "35.10" });
    const otherLead = await createUser(t.db, { name: "Lead Banyuwangi" });
    await addMembership(t.db, { userId: otherLead.id, chapterId: otherChapter.id, role: "lead" });
    assert.deepEqual(await getRequestForLead(t.db, asUser(otherLead), chapter.id, r.requestId), { ok: false, reason: "forbidden" });
    assert.deepEqual(await getRequestForLead(t.db, asUser(otherLead), otherChapter.id, r.requestId), { ok: false, reason: "notFound" }, "its own chapter in the URL does not unlock another chapter's request");

    const admin = await createUser(t.db, { name: "Admin", isAdmin: true });
    assert.ok((await getRequestForLead(t.db, asUser(admin, true), chapter.id, r.requestId)).ok);

    const open = await listOpenRequests(t.db, chapter.id);
    const listed = open.find((o) => o.id === r.requestId);
    assert.equal(listed?.kecamatanName, "Jombang");
    assert.ok(!JSON.stringify(open).includes("0812") && !JSON.stringify(open).includes("sri@example.test"), "the list has no contact details");
  });
});

describe("the lead closes a request", () => {
  it("marks unmatched, then cancels with a required reason; others may not", async () => {
    const r = await create();
    const leadUser: SessionUser = { id: lead.id, email: lead.email, name: lead.name, locale: "id", isAdmin: false };
    const volunteer = await createUser(t.db, { name: "Relawan lain" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id, role: "volunteer" });
    assert.deepEqual(
      await leadDecide(t.db, { id: volunteer.id, email: volunteer.email, name: volunteer.name, locale: "id", isAdmin: false }, chapter.id, r.requestId, "cancel", "x"),
      { ok: false, reason: "forbidden" },
    );
    assert.deepEqual(await leadDecide(t.db, leadUser, chapter.id, r.requestId, "unmatched", ""), { ok: true });
    assert.equal((await getRequestByToken(t.db, r.token))?.status, "unmatched");
    assert.deepEqual(await leadDecide(t.db, leadUser, chapter.id, r.requestId, "unmatched", ""), { ok: false, errors: { note: ["tutoring.closed"] } });
    assert.deepEqual(await leadDecide(t.db, leadUser, chapter.id, r.requestId, "cancel", " "), { ok: false, errors: { note: ["errors.required"] } });
    assert.deepEqual(await leadDecide(t.db, leadUser, chapter.id, r.requestId, "cancel", "Nomor tidak aktif"), { ok: true });
    const after = await getRequestByToken(t.db, r.token);
    assert.deepEqual(
      after?.history.map((h) => [h.fromStatus, h.toStatus, h.actorKind, h.note]),
      [
        [null, "new", "learner", null],
        ["new", "unmatched", "lead", null],
        ["unmatched", "cancelled", "lead", "Nomor tidak aktif"],
      ],
    );
    const open = await listOpenRequests(t.db, chapter.id);
    assert.ok(!open.some((o) => o.id === r.requestId));
  });

  it("lists unmatched requests first, then the oldest", async () => {
    const c = await createChapter(t.db, { name: "RTIK Urutan", regionCode: "35.09" });
    const leadUser: SessionUser = { id: lead.id, email: lead.email, name: lead.name, locale: "id", isAdmin: true };
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await create();
      await t.db.update(tutoringRequests).set({ chapterId: c.id, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }).where(eq(tutoringRequests.id, r.requestId));
      ids.push(r.requestId);
    }
    await leadDecide(t.db, leadUser, c.id, ids[2] ?? 0, "unmatched", "");
    assert.deepEqual((await listOpenRequests(t.db, c.id)).map((o) => o.id), [ids[2], ids[0], ids[1]]);
  });
});
