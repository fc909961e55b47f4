import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, desc, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { auditLog, chapterInvitations, memberships } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { registerUser, verifyEmail } from "../../app/models/accounts/accounts.server";
import { eraseAccount, personalDataOf } from "../../app/models/accounts/personal-data.server";
import { appointLead, getChapterForAdmin } from "../../app/models/chapters/chapters.server";
import { acceptLeadInvitationByLink, getLeadInvitation, withdrawLeadInvitation } from "../../app/models/chapters/lead-invitations.server";
import { answerInvitation } from "../../app/models/chapters/roster.server";
import { emailLinkWorks } from "../../app/services/outbox-delivery.server";
import { renderEmail } from "../../emails/index";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createChapter, createUser } from "../factories";

describe("appointing a chapter lead whose address has no account yet: an invitation", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => t?.close());

  /** the token of the newest invitation email sent to `email` */
  const tokenSentTo = async (email: string, template = "lead-invitation") => {
    const [row] = await t.db
      .select({ payload: outbox.payload, key: outbox.dedupKey })
      .from(outbox)
      .where(and(eq(outbox.toEmail, email), eq(outbox.template, template)))
      .orderBy(desc(outbox.id));
    assert.ok(row, `no ${template} to ${email}`);
    const url = String((row.payload as { url: string }).url);
    return { token: url.slice(url.lastIndexOf("/") + 1), url, key: row.key };
  };
  const mailsTo = async (email: string, template: string) =>
    (await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, email), eq(outbox.template, template)))).length;
  const isLead = async (userId: string, chapterId: number) =>
    (
      await t.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapterId), eq(memberships.role, "lead"), eq(memberships.status, "active")))
    ).length === 1;
  const register = async (name: string, email: string) => {
    const r = await registerUser(t.db, { name, email, password: "koordinator baru 2026", locale: "id", ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    assert.ok(r.ok, JSON.stringify(r));
    return r.userId;
  };

  it("an address without an account (capitals, spaces) is invited once, listed, and the person leads after signing up and confirming", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Banyuwangi" });
    const admin = await createUser(t.db, { name: "Admin Nasional", isAdmin: true, locale: "en" });
    const r = await appointLead(t.db, { chapterId: chapter.id, email: "  Siti.Nurhaliza@Contoh.ID ", actorId: admin.id });
    assert.deepEqual(r, { ok: true, invited: "invited" });
    // nothing else is made: no account, no membership
    assert.equal((await t.db.select({ id: users.id }).from(users).where(eq(users.email, "siti.nurhaliza@contoh.id"))).length, 0);
    const [inv] = await t.db.select().from(chapterInvitations).where(eq(chapterInvitations.chapterId, chapter.id));
    assert.equal(inv?.email, "siti.nurhaliza@contoh.id");
    assert.equal(inv?.role, "lead");
    assert.equal(inv?.userId, null);
    const sent = await tokenSentTo("siti.nurhaliza@contoh.id");
    // only the hash is stored; the link works for the outbox's resend check
    assert.notEqual(inv?.tokenHash, sent.token);
    assert.equal(await emailLinkWorks(t.db, sent.key), true);
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.dedupKey, sent.key));
    for (const locale of ["id", "en"] as const) {
      const text = renderEmail("lead-invitation", mail!.payload as Record<string, unknown>, locale).text;
      assert.ok(text.includes("RTIK Banyuwangi") && text.includes("siti.nurhaliza@contoh.id") && text.includes(`/undangan/${sent.token}`), text);
    }
    assert.equal((await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.chapterId, chapter.id), eq(auditLog.action, "lead.invited")))).length, 1);
    const page = await getChapterForAdmin(t.db, chapter.id);
    assert.deepEqual(page?.invitations.map((i) => i.email), ["siti.nurhaliza@contoh.id"]);

    // the same address again (written another way): no second invitation, no second email, the first link works
    assert.deepEqual(await appointLead(t.db, { chapterId: chapter.id, email: "SITI.NURHALIZA@contoh.id", actorId: admin.id }), { ok: true, invited: "alreadyInvited" });
    assert.equal(await mailsTo("siti.nurhaliza@contoh.id", "lead-invitation"), 1);

    // the link, not logged in: which chapter, the address half hidden, the sign-up prefill
    const anon = await getLeadInvitation(t.db, sent.token, null);
    assert.equal(anon?.state, "pending");
    assert.ok(anon?.state === "pending" && anon.viewer === "anonymous" && anon.email === "siti.nurhaliza@contoh.id" && anon.emailHint === "si***@contoh.id");

    // she signs up with the address: not a lead before the address is confirmed
    const userId = await register("Siti Nurhaliza", "Siti.Nurhaliza@contoh.id");
    assert.equal(await isLead(userId, chapter.id), false);
    const unverified = await getLeadInvitation(t.db, sent.token, userId);
    assert.ok(unverified?.state === "pending" && unverified.viewer === "unverified");
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token: sent.token, userId }), { ok: false, error: "unverified" });
    assert.equal(await isLead(userId, chapter.id), false);

    const verify = await tokenSentTo("siti.nurhaliza@contoh.id", "email-verify");
    assert.deepEqual(await verifyEmail(t.db, verify.token), { ok: true, userId });
    assert.equal(await isLead(userId, chapter.id), true);
    // the admin who invited is told, in their language; the link is spent
    assert.equal(await mailsTo(admin.email, "lead-invitation-accepted"), 1);
    const [told] = await t.db.select({ payload: outbox.payload, locale: outbox.locale }).from(outbox).where(and(eq(outbox.toEmail, admin.email), eq(outbox.template, "lead-invitation-accepted")));
    assert.equal(told?.locale, "en");
    assert.ok(renderEmail("lead-invitation-accepted", told!.payload as Record<string, unknown>, "en").text.includes("Siti Nurhaliza now leads RTIK Banyuwangi"));
    assert.equal((await getLeadInvitation(t.db, sent.token, null))?.state, "accepted");
    assert.equal(await emailLinkWorks(t.db, sent.key), false);
    assert.deepEqual((await getChapterForAdmin(t.db, chapter.id))?.invitations, []);
    assert.deepEqual((await getChapterForAdmin(t.db, chapter.id))?.leads.map((l) => l.email), ["siti.nurhaliza@contoh.id"]);
    const actions = (await t.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.chapterId, chapter.id))).map((r) => r.a).sort();
    assert.deepEqual(actions, ["lead.appointed", "lead.invitation.accepted", "lead.invited"]);
    // her copy of her data lists the invitation sent to her address before the account existed
    assert.deepEqual((await personalDataOf(t.db, userId))?.invitations.map((i) => [i.chapter, i.status]), [["RTIK Banyuwangi", "accepted"]]);
    // opening the confirmation link again changes nothing
    assert.deepEqual(await verifyEmail(t.db, verify.token), { ok: true, userId });
    assert.equal(await mailsTo(admin.email, "lead-invitation-accepted"), 1);
    // a volunteer invitation's answer cannot spend a lead invitation's token
    assert.equal(await answerInvitation(t.db, { token: sent.token, accept: true }), null);
  });

  it("two admins inviting the same address at once make one invitation and one email", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.11", name: "RTIK Bondowoso" });
    const a = await createUser(t.db, { isAdmin: true });
    const b = await createUser(t.db, { isAdmin: true });
    const results = await Promise.all([
      appointLead(t.db, { chapterId: chapter.id, email: "dewi.lestari@contoh.id", actorId: a.id }),
      appointLead(t.db, { chapterId: chapter.id, email: " Dewi.Lestari@contoh.id", actorId: b.id }),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? r.invited : r.error)).sort(), ["alreadyInvited", "invited"]);
    assert.equal((await t.db.select({ id: chapterInvitations.id }).from(chapterInvitations).where(eq(chapterInvitations.chapterId, chapter.id))).length, 1);
    assert.equal(await mailsTo("dewi.lestari@contoh.id", "lead-invitation"), 1);
    // the database refuses a second pending one even if the model's check were skipped
    await assert.rejects(
      t.db.insert(chapterInvitations).values({ tokenHash: "x".repeat(64), email: "dewi.lestari@contoh.id", role: "lead", chapterId: chapter.id, expiresAt: sql`now() + interval '1 day'` }),
    );
    // and a row with neither a person nor an address
    await assert.rejects(t.db.insert(chapterInvitations).values({ tokenHash: "y".repeat(64), role: "lead", chapterId: chapter.id, expiresAt: sql`now() + interval '1 day'` }));
  });

  it("a withdrawn link says so and appoints nobody, even after signing up with the address", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.12", name: "RTIK Situbondo" });
    const admin = await createUser(t.db, { isAdmin: true });
    await appointLead(t.db, { chapterId: chapter.id, email: "rizal@contoh.id", actorId: admin.id });
    const { token, key } = await tokenSentTo("rizal@contoh.id");
    const [inv] = await t.db.select({ id: chapterInvitations.id }).from(chapterInvitations).where(eq(chapterInvitations.chapterId, chapter.id));
    // another chapter's page cannot withdraw it
    const other = await createChapter(t.db, { regionCode: "35.13" });
    assert.equal(await withdrawLeadInvitation(t.db, { chapterId: other.id, invitationId: inv!.id, actorId: admin.id }), false);
    assert.equal(await withdrawLeadInvitation(t.db, { chapterId: chapter.id, invitationId: inv!.id, actorId: admin.id }), true);
    assert.equal(await withdrawLeadInvitation(t.db, { chapterId: chapter.id, invitationId: inv!.id, actorId: admin.id }), false);
    assert.deepEqual((await getChapterForAdmin(t.db, chapter.id))?.invitations, []);
    assert.equal((await getLeadInvitation(t.db, token, null))?.state, "withdrawn");
    assert.equal(await emailLinkWorks(t.db, key), false);
    assert.equal((await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.chapterId, chapter.id), eq(auditLog.action, "lead.invitation.withdrawn")))).length, 1);
    const userId = await register("Rizal Effendi", "rizal@contoh.id");
    await verifyEmail(t.db, (await tokenSentTo("rizal@contoh.id", "email-verify")).token);
    assert.equal(await isLead(userId, chapter.id), false);
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token, userId }), { ok: false, error: "gone" });
    // invited again after the withdrawal: a new invitation, a new link
    assert.deepEqual(await appointLead(t.db, { chapterId: chapter.id, email: "bayu@contoh.id", actorId: admin.id }), { ok: true, invited: "invited" });
  });

  it("an expired link says so; inviting again sends a new link; logging in with the address and accepting makes the lead", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.14", name: "RTIK Pasuruan" });
    const admin = await createUser(t.db, { isAdmin: true });
    await appointLead(t.db, { chapterId: chapter.id, email: "nuraini@contoh.id", actorId: admin.id });
    const first = await tokenSentTo("nuraini@contoh.id");
    await t.db.update(chapterInvitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(chapterInvitations.chapterId, chapter.id));
    assert.equal((await getLeadInvitation(t.db, first.token, null))?.state, "expired");
    assert.deepEqual((await getChapterForAdmin(t.db, chapter.id))?.invitations, []);
    // an account made meanwhile (confirmed), with the expired link: nothing
    const person = await createUser(t.db, { name: "Nuraini", email: "nuraini.lain@contoh.id" });
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token: first.token, userId: person.id }), { ok: false, error: "gone" });

    assert.deepEqual(await appointLead(t.db, { chapterId: chapter.id, email: "nuraini@contoh.id", actorId: admin.id }), { ok: true, invited: "invited" });
    const second = await tokenSentTo("nuraini@contoh.id");
    assert.notEqual(second.token, first.token);
    assert.equal((await t.db.select({ id: chapterInvitations.id }).from(chapterInvitations).where(eq(chapterInvitations.chapterId, chapter.id))).length, 1);
    assert.equal((await getLeadInvitation(t.db, first.token, null)), null);

    // logged in with another address: told it is for another address, nobody appointed
    const pending = await getLeadInvitation(t.db, second.token, person.id);
    assert.ok(pending?.state === "pending" && pending.viewer === "other" && pending.email === null);
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token: second.token, userId: person.id }), { ok: false, error: "otherAddress" });
    assert.equal(await isLead(person.id, chapter.id), false);

    // an account with the invited address (made after the invitation, already confirmed) accepts from the link
    const owner = await createUser(t.db, { name: "Nuraini Putri", email: "nuraini@contoh.id" });
    const mine = await getLeadInvitation(t.db, second.token, owner.id);
    assert.ok(mine?.state === "pending" && mine.viewer === "match");
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token: second.token, userId: owner.id }), { ok: true, chapterName: "RTIK Pasuruan", chapterSlug: chapter.slug });
    assert.equal(await isLead(owner.id, chapter.id), true);
    // pressed again (a resend on 3G): spent, nothing more
    assert.deepEqual(await acceptLeadInvitationByLink(t.db, { token: second.token, userId: owner.id }), { ok: false, error: "gone" });
    assert.equal(await mailsTo(admin.email, "lead-invitation-accepted"), 1);
  });

  it("an erased account takes its address's invitations with it", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.15", name: "RTIK Sidoarjo" });
    const admin = await createUser(t.db, { isAdmin: true });
    await appointLead(t.db, { chapterId: chapter.id, email: "hasan@contoh.id", actorId: admin.id });
    const userId = await register("Hasan Basri", "hasan@contoh.id");
    assert.deepEqual(await eraseAccount(t.db, userId, "koordinator baru 2026"), { ok: true });
    assert.equal((await t.db.select({ id: chapterInvitations.id }).from(chapterInvitations).where(eq(chapterInvitations.email, "hasan@contoh.id"))).length, 0);
  });
});
