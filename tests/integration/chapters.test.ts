import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { auditLog, chapters, memberships } from "../../db/schema/chapters";
import { events } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import type { SessionUser } from "../../app/auth/session.server";
import { isChapterLead } from "../../app/auth/guards.server";
import {
  appointLead,
  applyToChapter,
  createChapter as createChapterAsAdmin,
  decideApplication,
  getChapterBySlug,
  getChapterForAdmin,
  getMember,
  leadFirstNames,
  listChapters,
  listPendingApplications,
  myMemberships,
  reapplyFrom,
  removeLead,
  setMembershipStatus,
  updateChapter,
} from "../../app/models/chapters/chapters.server";
import { renderEmail } from "../../emails/index";
import { leaveChapter } from "../../app/models/accounts/personal-data.server";
import { volunteerProfiles } from "../../db/schema/profiles";
import { seedDemo } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const asSession = (u: { id: string; email: string; name: string }, isAdmin = false): SessionUser => ({ ...u, locale: "id", isAdmin });

async function mails(to: string) {
  return t.db.select().from(outbox).where(eq(outbox.toEmail, to)).orderBy(outbox.id);
}

async function statusOf(userId: string, chapterId: number) {
  const [m] = await t.db
    .select({ status: memberships.status, reason: memberships.decisionReason })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapterId), eq(memberships.role, "volunteer")));
  return m;
}

async function setup() {
  const chapterA = await createChapter(t.db, { name: "RTIK Uji A", regionCode: "35.09" });
  const chapterB = await createChapter(t.db, { name: "RTIK Uji B", regionCode: "33.75" });
  const leadA = await createUser(t.db, { name: "Lead A" });
  const leadB = await createUser(t.db, { name: "Lead B", locale: "en" });
  await addMembership(t.db, { userId: leadA.id, chapterId: chapterA.id, role: "lead" });
  await addMembership(t.db, { userId: leadB.id, chapterId: chapterB.id, role: "lead" });
  return { chapterA, chapterB, leadA, leadB };
}

describe("chapters and memberships", () => {
  it("apply → pending, the leads are emailed, applying twice is refused", async () => {
    const { chapterA, leadA } = await setup();
    const vol = await createUser(t.db, { name: "Siti Aminah" });
    await createVolunteerProfile(t.db, { userId: vol.id, regionCode: "35.09.01.2003", skills: ["literasi-digital", "desain-grafis"] });
    const r = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id, motivation: "Ingin mengajar literasi digital." });
    assert.equal(r.ok, true);
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "pending");
    const leadMails = await mails(leadA.email);
    assert.equal(leadMails.length, 1);
    assert.equal(leadMails[0]?.template, "membership-applied");
    const again = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id, motivation: null });
    assert.deepEqual(again, { ok: false, error: "chapters.alreadyPending" });

    const apps = await listPendingApplications(t.db, chapterA.id);
    const app = apps.find((a) => a.userId === vol.id);
    assert.ok(app);
    assert.match(app.kecamatan ?? "", /^Jombang, /);
    assert.deepEqual(app.skills.map((s) => s.slug).sort(), ["desain-grafis", "literasi-digital"]);
    assert.equal(app.motivation, "Ingin mengajar literasi digital.");

    const list = await listChapters(t.db, vol.id);
    assert.equal(list.find((c) => c.id === chapterA.id)?.myStatus, "pending");
    const mine = await getChapterBySlug(t.db, chapterA.slug, leadA.id);
    assert.equal(mine?.iLead, true);
    assert.equal(mine?.provinceName, "Jawa Timur");
  });

  it("approve → active, email queued in the applicant's language, audit row", async () => {
    const { chapterA, leadA } = await setup();
    const vol = await createUser(t.db, { name: "Budi Santoso", locale: "en" });
    const applied = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
    assert.ok(applied.ok);
    const r = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "approve" });
    assert.deepEqual(r, { ok: true });
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "active");
    const [mail] = await mails(vol.email);
    assert.equal(mail?.template, "membership-approved");
    assert.equal(mail?.locale, "en");
    const rendered = renderEmail(mail.template, mail.payload as Record<string, unknown>, "en");
    assert.match(rendered.subject, /Welcome to RTIK Uji A/);
    assert.match(rendered.text, /approved/);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.chapterId, chapterA.id), eq(auditLog.subject, vol.id)));
    assert.equal(audit[0]?.action, "membership.approved");
    const again = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
    assert.deepEqual(again, { ok: false, error: "chapters.alreadyMember" });
    // the same lead's approval sent twice (a double tap) is done already: no second email
    const twice = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "approve" });
    assert.deepEqual(twice, { ok: true });
    assert.equal((await mails(vol.email)).length, 1);
    const unknown = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: 987654321, actorId: leadA.id, decision: "approve" });
    assert.deepEqual(unknown, { ok: false, error: "chapters.notPending" });
  });

  it("two leads decide the same application at once: one decision stands, the other lead is told who decided what", async () => {
    const { chapterA, leadA } = await setup();
    const leadA2 = await createUser(t.db, { name: "Dewi Koordinator Dua" });
    await addMembership(t.db, { userId: leadA2.id, chapterId: chapterA.id, role: "lead" });
    const vol = await createUser(t.db, { name: "Ma'ruf Amin" });
    const applied = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
    assert.ok(applied.ok);
    const [approve, decline] = await Promise.all([
      decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "approve" }),
      decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA2.id, decision: "decline", reason: "Kuota penuh" }),
    ]);
    const won = approve.ok ? "approve" : "decline";
    assert.equal([approve, decline].filter((r) => r.ok).length, 1, "exactly one decision is saved");
    const status = (await statusOf(vol.id, chapterA.id))?.status;
    assert.equal(status, won === "approve" ? "active" : "declined");
    const lost = won === "approve" ? decline : approve;
    assert.deepEqual(
      lost,
      won === "approve"
        ? { ok: false, error: "chapters.decidedMeanwhile", applicant: "Ma'ruf Amin", outcome: "approved", by: "Lead A" }
        : { ok: false, error: "chapters.decidedMeanwhile", applicant: "Ma'ruf Amin", outcome: "declined", by: "Dewi Koordinator Dua" },
    );
    assert.equal((await mails(vol.email)).length, 1, "the applicant hears one decision");
  });

  it("decline requires a reason and emails it (Indonesian); re-applying is allowed once the profile is updated", async () => {
    const { chapterA, leadA } = await setup();
    const vol = await createUser(t.db, { name: "Wati" });
    const applied = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
    assert.ok(applied.ok);
    const noReason = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "decline", reason: "  " });
    assert.deepEqual(noReason, { ok: false, error: "chapters.reasonRequired" });
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "pending");
    assert.equal((await mails(vol.email)).length, 0);
    const r = await decideApplication(t.db, {
      chapterId: chapterA.id,
      membershipId: applied.membershipId,
      actorId: leadA.id,
      decision: "decline",
      reason: "Domisili Anda di luar wilayah chapter.",
    });
    assert.deepEqual(r, { ok: true });
    const st = await statusOf(vol.id, chapterA.id);
    assert.equal(st?.status, "declined");
    assert.equal(st?.reason, "Domisili Anda di luar wilayah chapter.");
    const [mail] = await mails(vol.email);
    assert.equal(mail?.template, "membership-declined");
    assert.equal(mail?.locale, "id");
    const rendered = renderEmail(mail.template, mail.payload as Record<string, unknown>, "id");
    assert.match(rendered.text, /Domisili Anda di luar wilayah chapter\./);
    assert.match(rendered.html, /Domisili Anda di luar wilayah chapter\./);

    const soon = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id, motivation: "Sekarang pindah ke Jember." });
    assert.equal(!soon.ok && soon.error, "chapters.reapplyWait");
    // the home region filled in on the profile after the decision
    await createVolunteerProfile(t.db, { userId: vol.id, regionCode: "35.09.01" });
    const re = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id, motivation: "Sekarang pindah ke Jember." });
    assert.equal(re.ok, true);
    const back = await statusOf(vol.id, chapterA.id);
    assert.equal(back?.status, "pending");
    assert.equal(back?.reason, null);
  });

  it("a lead of chapter A cannot decide in chapter B; a volunteer is no lead", async () => {
    const { chapterA, chapterB, leadA } = await setup();
    const vol = await createUser(t.db);
    const applied = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterB.id });
    assert.ok(applied.ok);
    assert.equal(await isChapterLead(t.db, asSession(leadA), chapterB.id), false);
    assert.equal(await isChapterLead(t.db, asSession(leadA), chapterA.id), true);
    // even if a caller passed the wrong chapter, the membership is not found outside it
    const r = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "approve" });
    assert.deepEqual(r, { ok: false, error: "chapters.notPending" });
    assert.equal((await statusOf(vol.id, chapterB.id))?.status, "pending");

    const member = await createUser(t.db);
    await addMembership(t.db, { userId: member.id, chapterId: chapterB.id, role: "volunteer", status: "active" });
    assert.equal(await isChapterLead(t.db, asSession(member), chapterB.id), false);
    assert.equal(await isChapterLead(t.db, asSession(member, true), chapterB.id), true);
  });

  it("a lead sets a member inactive and active again, with audit rows; inactive may re-apply", async () => {
    const { chapterA, leadA } = await setup();
    const vol = await createUser(t.db);
    await addMembership(t.db, { userId: vol.id, chapterId: chapterA.id, role: "volunteer", status: "active" });
    assert.equal(await setMembershipStatus(t.db, { chapterId: chapterA.id, userId: vol.id, actorId: leadA.id, status: "inactive" }), true);
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "inactive");
    assert.equal(await setMembershipStatus(t.db, { chapterId: chapterA.id, userId: vol.id, actorId: leadA.id, status: "inactive" }), false);
    assert.equal(await setMembershipStatus(t.db, { chapterId: chapterA.id, userId: vol.id, actorId: leadA.id, status: "active" }), true);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.chapterId, chapterA.id), eq(auditLog.subject, vol.id))).orderBy(auditLog.id);
    assert.deepEqual(audit.map((a) => a.action), ["membership.deactivated", "membership.reactivated"]);
    await setMembershipStatus(t.db, { chapterId: chapterA.id, userId: vol.id, actorId: leadA.id, status: "inactive" });
    assert.equal((await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id })).ok, true);
  });

  it("two admins appointing the same person at once: one appointment, the other told they already lead", async () => {
    const { chapterA } = await setup();
    const [a1, a2] = [await createUser(t.db, { isAdmin: true }), await createUser(t.db, { isAdmin: true })];
    const person = await createUser(t.db, { email: "dua.admin@example.test" });
    const both = await Promise.all([
      appointLead(t.db, { chapterId: chapterA.id, email: " Dua.Admin@Example.test ", actorId: a1.id }),
      appointLead(t.db, { chapterId: chapterA.id, email: "dua.admin@example.test", actorId: a2.id }),
    ]);
    assert.deepEqual(both.map((r) => r.ok).sort(), [false, true]);
    assert.deepEqual(both.find((r) => !r.ok), { ok: false, error: "chapters.admin.alreadyLead" });
    const rows = await t.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.chapterId, chapterA.id), eq(memberships.userId, person.id), eq(memberships.role, "lead")));
    assert.equal(rows.length, 1);
  });

  it("one person leads one chapter and volunteers in another", async () => {
    const { chapterA, chapterB, leadA } = await setup();
    const admin = await createUser(t.db, { isAdmin: true });
    const both = await createUser(t.db);
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: both.email.toUpperCase(), actorId: admin.id }), { ok: true });
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: both.email, actorId: admin.id }), { ok: false, error: "chapters.admin.alreadyLead" });
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: "nobody@example.test", actorId: admin.id }), { ok: true, invited: "invited" });
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: "nobody@", actorId: admin.id }), { ok: false, error: "errors.email" });
    const applied = await applyToChapter(t.db, { userId: both.id, chapterId: chapterB.id });
    assert.ok(applied.ok);
    const mine = await myMemberships(t.db, both.id);
    assert.deepEqual(
      mine.map((m) => [m.chapterId, m.role, m.status]).sort(),
      [[chapterA.id, "lead", "active"], [chapterB.id, "volunteer", "pending"]].sort(),
    );
    assert.equal(leadA.id !== both.id, true);
  });

  it("appointing someone who applied to the same chapter approves the application with it (DECISIONS 118)", async () => {
    const { chapterA, chapterB, leadA } = await setup();
    const admin = await createUser(t.db, { isAdmin: true, name: "Admin Pusat" });
    const applicant = await createUser(t.db, { name: "Dewi Kartika" });
    assert.ok((await applyToChapter(t.db, { userId: applicant.id, chapterId: chapterA.id, motivation: "Ingin membantu sekolah di desa" })).ok);
    assert.ok((await applyToChapter(t.db, { userId: applicant.id, chapterId: chapterB.id })).ok);
    const before = (await mails(applicant.email)).length;
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: applicant.email, actorId: admin.id }), { ok: true });
    assert.equal((await statusOf(applicant.id, chapterA.id))?.status, "active");
    assert.ok(!(await listPendingApplications(t.db, chapterA.id)).some((a) => a.userId === applicant.id), "no longer on the leads' list");
    // the application elsewhere is that chapter's to decide
    assert.equal((await statusOf(applicant.id, chapterB.id))?.status, "pending");
    const sent = (await mails(applicant.email)).slice(before);
    assert.deepEqual(sent.map((m) => m.template), ["membership-approved"]);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.chapterId, chapterA.id), eq(auditLog.subject, applicant.id))).orderBy(auditLog.id);
    assert.deepEqual(audit.map((a) => a.action).slice(-2), ["lead.appointed", "membership.approved"]);
    // a lead who opens the list late finds it decided, not pending
    const [row] = await t.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, applicant.id), eq(memberships.chapterId, chapterA.id), eq(memberships.role, "volunteer")));
    const late = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: row!.id, actorId: leadA.id, decision: "approve" });
    assert.equal(late.ok ? "ok" : late.error, "chapters.decidedMeanwhile");
  });

  it("admin removes a lead: the lead role ends in that chapter only, and the permission with it", async () => {
    const { chapterA, chapterB } = await setup();
    const admin = await createUser(t.db, { isAdmin: true });
    const both = await createUser(t.db, { name: "Rahmat Hidayat Putra" });
    await addMembership(t.db, { userId: both.id, chapterId: chapterB.id, role: "volunteer", status: "active" });
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: both.email, actorId: admin.id }), { ok: true });
    assert.deepEqual(await leadFirstNames(t.db, chapterA.id), ["Lead", "Rahmat"]);
    const member = await getMember(t.db, chapterB.id, both.id);
    assert.equal(member?.isLead, false);
    const notLead = { ok: false, error: "chapters.admin.notLead" };
    assert.deepEqual(await removeLead(t.db, { chapterId: chapterB.id, userId: both.id, actorId: admin.id }), notLead);
    assert.deepEqual(await removeLead(t.db, { chapterId: chapterA.id, userId: both.id, actorId: admin.id }), { ok: true });
    assert.deepEqual(await removeLead(t.db, { chapterId: chapterA.id, userId: both.id, actorId: admin.id }), notLead);
    assert.equal(await isChapterLead(t.db, asSession(both), chapterA.id), false);
    assert.deepEqual(
      (await myMemberships(t.db, both.id)).map((m) => [m.chapterId, m.role, m.status]).sort(),
      [[chapterA.id, "lead", "inactive"], [chapterB.id, "volunteer", "active"]].sort(),
    );
    assert.deepEqual((await getChapterForAdmin(t.db, chapterA.id))?.leads.map((l) => l.name), ["Lead A"]);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.chapterId, chapterA.id), eq(auditLog.subject, both.id))).orderBy(auditLog.id);
    assert.deepEqual(audit.map((a) => a.action), ["lead.appointed", "lead.removed"]);
    // appointed again: the same row comes back to active
    assert.deepEqual(await appointLead(t.db, { chapterId: chapterA.id, email: both.email, actorId: admin.id }), { ok: true });
    assert.equal(await isChapterLead(t.db, asSession(both), chapterA.id), true);
  });

  it("admin creates and edits a chapter: kabupaten/kota only, short address unique", async () => {
    const admin = await createUser(t.db, { isAdmin: true });
    const slug = `uji-badung-${Date.now()}`;
    assert.deepEqual(await createChapterAsAdmin(t.db, { name: "RTIK Uji Badung", slug, regionCode: "51" }), { ok: false, errors: { region: ["chapters.admin.regionRequired"] } });
    assert.deepEqual(await createChapterAsAdmin(t.db, { name: "RTIK Uji Badung", slug, regionCode: "51.03.01" }), { ok: false, errors: { region: ["chapters.admin.regionRequired"] } });
    const created = await createChapterAsAdmin(t.db, { name: "RTIK Uji Badung", slug, regionCode: "51.03", actorId: admin.id });
    assert.ok(created.ok);
    assert.deepEqual(await createChapterAsAdmin(t.db, { name: "Lagi", slug, regionCode: "51.03" }), {
      ok: false,
      errors: { slug: ["chapters.admin.slugTaken"], region: ["chapters.admin.regionTaken"] },
    });
    const other = await createChapter(t.db);
    const clash = await updateChapter(t.db, { chapterId: created.id, name: "RTIK Uji Denpasar", slug: other.slug, regionCode: "51.71", actorId: admin.id });
    assert.deepEqual(clash, { ok: false, errors: { slug: ["chapters.admin.slugTaken"] } });
    const same = await updateChapter(t.db, { chapterId: created.id, name: "RTIK Uji Denpasar", slug, regionCode: "51.71", actorId: admin.id });
    assert.deepEqual(same, { ok: true, id: created.id });
    const c = await getChapterBySlug(t.db, slug);
    assert.equal(c?.name, "RTIK Uji Denpasar");
    assert.equal(c?.regionName, "Kota Denpasar");
    assert.equal(c?.timeZone, "Asia/Makassar");
    assert.deepEqual(await updateChapter(t.db, { chapterId: 999_999, name: "X Y Z", slug: "tidak-ada-999", regionCode: "51.71", actorId: admin.id }), {
      ok: false,
      errors: { form: ["chapters.admin.noSuchChapter"] },
    });
  });
});

describe("one chapter per kabupaten/kota", () => {
  it("a second chapter for a kabupaten that has one is refused, however its name is written, also from two admins at once", async () => {
    const admin = await createUser(t.db, { isAdmin: true });
    const stamp = Date.now();
    const first = await createChapterAsAdmin(t.db, { name: "RTIK Kab. Lombok Barat", slug: `lobar-${stamp}`, regionCode: "52.01", actorId: admin.id });
    assert.ok(first.ok);
    // the same kabupaten typed another way, under another short address: requests for help there would all go to
    // the first chapter, the second would never see one
    const again = await createChapterAsAdmin(t.db, { name: "RTIK Kabupaten Lombok Barat", slug: `rtik-lombok-barat-${stamp}`, regionCode: "52.01", actorId: admin.id });
    assert.deepEqual(again, { ok: false, errors: { region: ["chapters.admin.regionTaken"] } });
    // two admins creating the chapter of a new kabupaten at the same moment: one chapter
    const both = await Promise.all([
      createChapterAsAdmin(t.db, { name: "RTIK Kota Mataram", slug: `mataram-${stamp}`, regionCode: "52.71", actorId: admin.id }),
      createChapterAsAdmin(t.db, { name: "Relawan TIK Mataram", slug: `rtik-mataram-${stamp}`, regionCode: "52.71", actorId: admin.id }),
    ]);
    assert.equal(both.filter((r) => r.ok).length, 1);
    assert.deepEqual(both.find((r) => !r.ok), { ok: false, errors: { region: ["chapters.admin.regionTaken"] } });
    const rows = await t.db.select({ id: chapters.id }).from(chapters).where(inArray(chapters.regionCode, ["52.01", "52.71"]));
    assert.equal(rows.length, 2);
    // moving a chapter onto a kabupaten served by another is refused; keeping its own kabupaten is not a clash
    const mataram = both.find((r) => r.ok);
    assert.ok(first.ok && mataram?.ok);
    const moved = await updateChapter(t.db, { chapterId: first.id, name: "RTIK Kab. Lombok Barat", slug: `lobar-${stamp}`, regionCode: "52.71", actorId: admin.id });
    assert.deepEqual(moved, { ok: false, errors: { region: ["chapters.admin.regionTaken"] } });
    const renamed = await updateChapter(t.db, { chapterId: first.id, name: "RTIK Kabupaten Lombok Barat", slug: `lobar-${stamp}`, regionCode: "52.01", actorId: admin.id });
    assert.deepEqual(renamed, { ok: true, id: first.id });
    // two chapters in one kabupaten from before the rule: each can still be renamed where it is, not moved onto the other
    const older = await createChapter(t.db, { name: "RTIK Kab. Lombok Barat (lama)", regionCode: "52.01" });
    const kept = await updateChapter(t.db, { chapterId: older.id, name: "RTIK Lombok Barat Lama", slug: older.slug, regionCode: "52.01", actorId: admin.id });
    assert.deepEqual(kept, { ok: true, id: older.id });
  });
});

describe("a chapter keeps a lead", () => {
  it("the only lead is not removed; replaced by a successor appointed first; two admins removing the last two leads at once leave one", async () => {
    const admin = await createUser(t.db, { isAdmin: true });
    const chapter = await createChapter(t.db, { name: "RTIK Uji Satu Koordinator" });
    const only = await createUser(t.db, { name: "Koordinator Lama" });
    await addMembership(t.db, { userId: only.id, chapterId: chapter.id, role: "lead" });
    // without a lead, applications and requests for help would be e-mailed to nobody
    assert.deepEqual(await removeLead(t.db, { chapterId: chapter.id, userId: only.id, actorId: admin.id }), { ok: false, error: "chapters.admin.lastLead" });
    assert.equal(await isChapterLead(t.db, asSession(only), chapter.id), true);
    // a successor appointed first (even one who volunteers in another chapter), then the old lead leaves
    const next = await createUser(t.db, { name: "Koordinator Baru" });
    assert.deepEqual(await appointLead(t.db, { chapterId: chapter.id, email: next.email.toUpperCase(), actorId: admin.id }), { ok: true });
    assert.deepEqual(await removeLead(t.db, { chapterId: chapter.id, userId: only.id, actorId: admin.id }), { ok: true });
    assert.deepEqual(await leadFirstNames(t.db, chapter.id), ["Koordinator"]);
    // two leads again; two admins each remove one at the same moment: one of them is told it is the last
    await appointLead(t.db, { chapterId: chapter.id, email: only.email, actorId: admin.id });
    const other = await createUser(t.db, { isAdmin: true });
    const both = await Promise.all([
      removeLead(t.db, { chapterId: chapter.id, userId: only.id, actorId: admin.id }),
      removeLead(t.db, { chapterId: chapter.id, userId: next.id, actorId: other.id }),
    ]);
    assert.deepEqual(both.map((r) => (r.ok ? "ok" : r.error)).sort(), ["chapters.admin.lastLead", "ok"]);
    const active = await t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.chapterId, chapter.id), eq(memberships.role, "lead"), eq(memberships.status, "active")));
    assert.equal(active.length, 1);
  });
});

describe("applying again after a decline", () => {
  it("a declined volunteer waits 7 days or updates the profile; ten presses make no email; the leads hear once a day", async () => {
    const { chapterA, leadA } = await setup();
    const leadA2 = await createUser(t.db, { name: "Lead A Dua" });
    await addMembership(t.db, { userId: leadA2.id, chapterId: chapterA.id, role: "lead" });
    const vol = await createUser(t.db, { name: "Rizal Fahmi" });
    await createVolunteerProfile(t.db, { userId: vol.id });
    await t.db.update(volunteerProfiles).set({ updatedAt: new Date(Date.now() - 86_400_000) }).where(eq(volunteerProfiles.userId, vol.id));
    const applied = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
    assert.ok(applied.ok);
    const declined = await decideApplication(t.db, { chapterId: chapterA.id, membershipId: applied.membershipId, actorId: leadA.id, decision: "decline", reason: "belum melengkapi profil" });
    assert.deepEqual(declined, { ok: true });
    const from = await reapplyFrom(t.db, vol.id, chapterA.id);
    assert.ok(from && from.getTime() - Date.now() > 6.9 * 86_400_000, "may apply again in 7 days");
    for (let i = 0; i < 10; i++) {
      const r = await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error, "chapters.reapplyWait");
    }
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "declined");
    assert.equal((await mails(leadA.email)).length, 1, "the first application's email only");
    assert.equal((await mails(leadA2.email)).length, 1);

    // the profile completed after the decision: the form comes back at once; two presses at once make one application
    await t.db.update(volunteerProfiles).set({ updatedAt: new Date() }).where(eq(volunteerProfiles.userId, vol.id));
    assert.equal(await reapplyFrom(t.db, vol.id, chapterA.id), null);
    const both = await Promise.all([applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id }), applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id })]);
    assert.equal(both.filter((r) => r.ok).length, 1);
    assert.deepEqual(both.find((r) => !r.ok), { ok: false, error: "chapters.alreadyPending" });
    assert.equal((await statusOf(vol.id, chapterA.id))?.status, "pending");
    // the same day: the leads were told of this applicant already
    assert.equal((await mails(leadA.email)).length, 1);
    // withdrawing and applying again, ten times: no more emails that day
    for (let i = 0; i < 10; i++) {
      assert.equal(await leaveChapter(t.db, vol.id, chapterA.id), true);
      assert.equal((await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id })).ok, true);
    }
    assert.equal((await mails(leadA.email)).length, 1);
    assert.equal((await mails(leadA2.email)).length, 1);

    // declined again, eight days ago, the profile unchanged since: applying again is allowed
    const [m] = await t.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, vol.id), eq(memberships.chapterId, chapterA.id)));
    assert.ok(m);
    await decideApplication(t.db, { chapterId: chapterA.id, membershipId: m.id, actorId: leadA.id, decision: "decline", reason: "kuota penuh" });
    await t.db.update(memberships).set({ decidedAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(memberships.id, m.id));
    await t.db.update(volunteerProfiles).set({ updatedAt: new Date(Date.now() - 9 * 86_400_000) }).where(eq(volunteerProfiles.userId, vol.id));
    await t.db.delete(outbox).where(eq(outbox.toEmail, leadA.email));
    assert.equal(await reapplyFrom(t.db, vol.id, chapterA.id), null);
    assert.equal((await applyToChapter(t.db, { userId: vol.id, chapterId: chapterA.id })).ok, true);
    assert.equal((await mails(leadA.email)).length, 1);
  });
});

describe("demo seed", () => {
  it("creates the demo chapters once; a second run changes nothing", async () => {
    const first = await seedDemo(t.db);
    assert.equal(first.created, true);
    const count = async () => {
      const [c] = await t.db.select({ n: sql<number>`count(*)::int` }).from(chapters).where(like(chapters.slug, "rtik-%"));
      const [u] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users).where(like(users.email, "%@simpul.test"));
      const [m] = await t.db.select({ n: sql<number>`count(*)::int` }).from(memberships);
      const [e] = await t.db.select({ n: sql<number>`count(*)::int` }).from(events);
      return [Number(c?.n), Number(u?.n), Number(m?.n), Number(e?.n)];
    };
    const before = await count();
    assert.equal(before[0], 3);
    const second = await seedDemo(t.db);
    assert.equal(second.created, false);
    assert.deepEqual(await count(), before);

    const jember = await getChapterBySlug(t.db, "rtik-jember");
    assert.equal(jember?.regionName, "Kabupaten Jember");
    assert.ok((jember?.activeMembers ?? 0) >= 6);
    const pending = await listPendingApplications(t.db, jember?.id ?? 0);
    assert.equal(pending.length, 1);
    assert.match(pending[0]?.kecamatan ?? "", /Kabupaten Jember/);
    const [lead] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "lead.jember@simpul.test"));
    const roles = (await myMemberships(t.db, lead?.id ?? "")).map((m) => `${m.slug}:${m.role}:${m.status}`).sort();
    assert.deepEqual(roles, ["rtik-jember:lead:active", "rtik-pekalongan:volunteer:active"]);
    assert.ok(second.logins.some((l) => l.email === "admin@simpul.test"));
  });
});
