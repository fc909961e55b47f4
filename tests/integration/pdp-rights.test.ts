import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { emailVerifications, knownDevices } from "../../db/schema/accounts";
import { chapterInvitations, memberships } from "../../db/schema/chapters";
import { outcomeReports } from "../../db/schema/events";
import { surveyAssignments } from "../../db/schema/telecenters";
import { createDemoInstrument } from "../../db/seed-telecenters";
import type { SessionUser } from "../../app/auth/session.server";
import { eraseAccount, personalDataCounts, personalDataOf } from "../../app/models/accounts/personal-data.server";
import { PRINT_ROWS, printablePersonalData } from "../../app/models/accounts/personal-data-print.server";
import { logDataAccess } from "../../app/models/privacy/access-log.server";
import { appointLead } from "../../app/models/chapters/chapters.server";
import { runRetention } from "../../app/models/privacy/retention.server";
import { createCampaign } from "../../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { answerInvitation } from "../../app/models/chapters/roster.server";
import { claimRequest } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { sha256 } from "../../app/utils/hash.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertEvent } from "../support/reports-fixture";
import { addMembership, createChapter, createUser, formOf } from "../factories";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const su = (u: { id: string; email: string; name: string }): SessionUser => ({ id: u.id, email: u.email, name: u.name, locale: "id", isAdmin: false });
const HOUR = 3_600_000;

describe("the right to take one's data: everything held about the person is in the download", () => {
  it("lists the tutoring offers, invitations, survey assignments, reports filed and audit entries about them", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Lumajang Ekspor", regionCode: "35.08" });
    const other = await createChapter(t.db, { name: "RTIK Probolinggo Ekspor", regionCode: "35.13" });
    const admin = await createUser(t.db, { name: "Admin Nasional", isAdmin: true });
    const lead = await createUser(t.db, { name: "Ketua Lumajang" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const rani = await createUser(t.db, { name: "Rani Ekspor", email: "rani.ekspor@example.test" });
    await addMembership(t.db, { userId: rani.id, chapterId: chapter.id });

    // a tutoring request she claimed
    const parsed = parseTutoringForm(
      formOf({ name: "Bu Warsih", whatsapp: "0812-4444-0101", topics: ["marketplace"], forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" }),
      "35.08.01.2001",
    );
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    const req = await createTutoringRequest(t.db, parsed.data, { ip: "10.77.0.1", locale: "id", appUrl: "https://simpul.test" });
    assert.ok(req.ok);
    assert.deepEqual(await claimRequest(t.db, su(rani), req.requestId), { ok: true });

    // an invitation from another chapter's roster import
    await t.db.insert(chapterInvitations).values({ tokenHash: `inv-${rani.id}`, userId: rani.id, chapterId: other.id, invitedBy: null, expiresAt: new Date(Date.now() + 7 * 24 * HOUR) });

    // a telecenter survey assigned to her
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
    const tc = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name: "Telecenter Sukodono", regionCode: "35.08.01", services: [], address: "Jl. Desa 1", managingBody: "Pemdes" } });
    assert.ok(tc.ok);
    const campaign = await createCampaign(t.db, { name: "Survei Lumajang 2026", chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
    assert.ok(campaign.ok);
    await t.db.update(surveyAssignments).set({ surveyorId: rani.id }).where(eq(surveyAssignments.campaignId, campaign.campaignId));

    // the outcome report of an event she filed
    const ev = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.08", timeZone: "Asia/Jakarta", title: "Literasi Digital SMPN 1 Sukodono", date: "2026-10-01", time: "08:00", status: "submitted" });
    await t.db.update(outcomeReports).set({ submittedBy: rani.id }).where(eq(outcomeReports.eventId, ev.id));

    // the national admin made her a lead: the audit log records it about her
    const appointed = await appointLead(t.db, { chapterId: chapter.id, email: "rani.ekspor@example.test", actorId: admin.id });
    assert.equal(appointed.ok, true, JSON.stringify(appointed));

    const data = await personalDataOf(t.db, rani.id);
    assert.ok(data);
    assert.deepEqual(
      data.tutoringOffers.map((o) => ({ requestId: o.requestId, chapter: o.chapter, kind: o.kind, status: o.status })),
      [{ requestId: req.requestId, chapter: "RTIK Lumajang Ekspor", kind: "claim", status: "accepted" }],
    );
    assert.deepEqual(data.invitations.map((i) => ({ chapter: i.chapter, status: i.status })), [{ chapter: "RTIK Probolinggo Ekspor", status: "pending" }]);
    assert.deepEqual(data.surveyAssignments.map((a) => ({ campaign: a.campaign, telecenter: a.telecenter })), [{ campaign: "Survei Lumajang 2026", telecenter: "Telecenter Sukodono" }]);
    assert.deepEqual(data.reportsSubmitted.map((r) => ({ event: r.event, status: r.status })), [{ event: "Literasi Digital SMPN 1 Sukodono", status: "submitted" }]);
    assert.deepEqual(data.auditEntries.map((a) => ({ chapter: a.chapter, action: a.action, by: a.by })), [{ chapter: "RTIK Lumajang Ekspor", action: "lead.appointed", by: "Admin Nasional" }]);
    // somebody else's download holds none of it
    const leadData = await personalDataOf(t.db, lead.id);
    assert.deepEqual([leadData?.tutoringOffers, leadData?.invitations, leadData?.surveyAssignments, leadData?.reportsSubmitted, leadData?.auditEntries], [[], [], [], [], []]);

    // the printable page shows the same sections, labelled in the reader's language, with their dates
    const id = printablePersonalData(data, "id");
    assert.deepEqual(id.tutoringOffers.rows.map((o) => [o.requestId, o.chapter, o.kind, o.status]), [[req.requestId, "RTIK Lumajang Ekspor", "diambil sendiri", "diterima"]]);
    assert.deepEqual(id.invitations.rows.map((i) => [i.chapter, i.status]), [["RTIK Probolinggo Ekspor", "belum dijawab"]]);
    assert.deepEqual(id.surveyAssignments.rows.map((a) => [a.campaign, a.telecenter]), [["Survei Lumajang 2026", "Telecenter Sukodono"]]);
    assert.deepEqual(id.reportsSubmitted.rows.map((r) => r.event), ["Literasi Digital SMPN 1 Sukodono"]);
    assert.deepEqual(id.auditEntries.rows.map((a) => [a.chapter, a.action, a.by]), [["RTIK Lumajang Ekspor", "diangkat menjadi koordinator", "Admin Nasional"]]);
    const en = printablePersonalData(data, "en");
    assert.deepEqual(en.auditEntries.rows.map((a) => a.action), ["appointed lead"]);
    assert.deepEqual(en.invitations.rows.map((i) => i.status), ["not answered"]);
    for (const section of [id.tutoringOffers, id.invitations, id.surveyAssignments, id.reportsSubmitted, id.auditEntries]) {
      assert.equal(section.total, 1);
      assert.match(JSON.stringify(section.rows), /\d{1,2} \w+ 2026/);
    }
    assert.deepEqual(
      personalDataCounts(data).filter((c) => c.n > 0).map((c) => c.section),
      ["privacy.print.memberships", "privacy.print.tutoring", "privacy.print.offers", "privacy.print.surveys", "privacy.print.reports", "privacy.print.invitations", "privacy.print.audit"],
    );
  });

  it("holds what the person opened of others' data, naming the list or request, never the people in it", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Situbondo Akses", regionCode: "35.12" });
    const lead = await createUser(t.db, { name: "Ketua Situbondo" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const member = await createUser(t.db, { name: "Dewi Tetangga Rahasia" });
    await addMembership(t.db, { userId: member.id, chapterId: chapter.id });
    const ev = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.12", timeZone: "Asia/Jakarta", title: "Bimtek UMKM Panarukan", date: "2026-11-01", time: "08:00", status: "submitted" });
    // as the routes and models log them (participants.server.ts, the member page, the report's CSV)
    await logDataAccess(t.db, lead.id, { kind: "participants_view", chapterId: chapter.id, detail: `event:${ev.id}` });
    await logDataAccess(t.db, lead.id, { kind: "member_profile", chapterId: chapter.id, subjectUserId: member.id });
    await logDataAccess(t.db, lead.id, { kind: "report_export", chapterId: chapter.id, detail: "csv:2026" });
    await logDataAccess(t.db, member.id, { kind: "participants_view", chapterId: chapter.id, detail: `event:${ev.id}` });

    const data = await personalDataOf(t.db, lead.id);
    assert.ok(data);
    assert.deepEqual(
      data.accessByMe.map((a) => [a.kind, a.what, a.chapterName]),
      [
        ["report_export", "CSV 2026", "RTIK Situbondo Akses"],
        ["member_profile", null, "RTIK Situbondo Akses"],
        ["participants_view", "Bimtek UMKM Panarukan", "RTIK Situbondo Akses"],
      ],
    );
    // the member whose page was opened is not named in the lead's download
    assert.doesNotMatch(JSON.stringify(data), /Dewi Tetangga Rahasia/);
    // the member's own openings are theirs; the lead's openings of her page are in "who has seen my data"
    const memberData = await personalDataOf(t.db, member.id);
    assert.deepEqual(memberData?.accessByMe.map((a) => a.kind), ["participants_view"]);
    assert.ok(memberData?.seenBy.some((s) => s.kind === "member_profile" && s.actorName === "Ketua Situbondo"));
    const print = printablePersonalData(data, "id");
    assert.equal(print.accessByMe.total, 3);
    assert.match(print.accessByMe.rows.at(-1)?.time ?? "", / WIB$/);
  });

  it("a person with 300 sign-ups gets a printable page of the newest 100, with the number of all", async () => {
    const u = await createUser(t.db, { name: "Relawan Rajin" });
    const data = await personalDataOf(t.db, u.id);
    assert.ok(data);
    const start = Date.parse("2025-01-01T01:00:00Z");
    const many = Array.from({ length: 300 }, (_, i) => ({
      event: `Kelas ${i + 1}`,
      startsAt: new Date(start + i * 86_400_000).toISOString(),
      endsAt: new Date(start + i * 86_400_000 + 3 * HOUR).toISOString(),
      timeZone: "Asia/Jakarta",
      role: "Narasumber",
      status: "confirmed",
      attendedAt: null,
      hoursCredited: null,
    }));
    const print = printablePersonalData({ ...data, signups: many }, "id");
    assert.equal(print.signups.total, 300);
    assert.equal(print.signups.rows.length, PRINT_ROWS);
    assert.deepEqual([print.signups.rows[0]?.event, print.signups.rows.at(-1)?.event], ["Kelas 201", "Kelas 300"]);
    assert.equal(personalDataCounts({ ...data, signups: many }).find((c) => c.section === "privacy.print.signups")?.n, 300);
  });
});

describe("erasure leaves no copy of the person behind", () => {
  it("deletes the sign-up address checks (which hold the address) and the chapters' invitations, whose link then enrols nobody", async () => {
    const chapter = await createChapter(t.db, { name: "RTIK Bondowoso Hapus", regionCode: "35.11" });
    const gita = await createUser(t.db, { name: "Gita Hapus", email: "gita.hapus@example.test", password: "teh manis hangat" });
    await t.db.insert(emailVerifications).values([
      { tokenHash: `ver-used-${gita.id}`, userId: gita.id, email: "gita.hapus@example.test", expiresAt: new Date(Date.now() - HOUR), usedAt: new Date(Date.now() - 2 * HOUR) },
      { tokenHash: `ver-live-${gita.id}`, userId: gita.id, email: "Gita.Hapus@Example.test", expiresAt: new Date(Date.now() + HOUR) },
    ]);
    const invitationToken = `undangan-${gita.id}`;
    await t.db.insert(chapterInvitations).values({ tokenHash: sha256(invitationToken), userId: gita.id, chapterId: chapter.id, expiresAt: new Date(Date.now() + 24 * HOUR) });

    assert.deepEqual(await eraseAccount(t.db, gita.id, "teh manis hangat"), { ok: true });

    assert.deepEqual(await t.db.select().from(emailVerifications).where(eq(emailVerifications.userId, gita.id)), []);
    assert.deepEqual(await t.db.select().from(emailVerifications).where(sql`lower(${emailVerifications.email}) = 'gita.hapus@example.test'`), []);
    assert.deepEqual(await t.db.select().from(chapterInvitations).where(eq(chapterInvitations.userId, gita.id)), []);
    // the emailed invitation link would otherwise have made the erased account an active member
    assert.equal(await answerInvitation(t.db, { token: invitationToken, accept: true }), null);
    assert.deepEqual(await t.db.select().from(memberships).where(eq(memberships.userId, gita.id)), []);
  });
});

describe("retention: links and remembered browsers are not kept past their use", () => {
  it("deletes expired sign-up address checks and browsers unused for a year; live ones stay", async () => {
    const hadi = await createUser(t.db, { name: "Hadi Retensi", email: "hadi.retensi@example.test" });
    await t.db.insert(emailVerifications).values([
      { tokenHash: `ver-old-${hadi.id}`, userId: hadi.id, email: "hadi.lama@example.test", expiresAt: new Date(Date.now() - 3 * 24 * HOUR) },
      { tokenHash: `ver-new-${hadi.id}`, userId: hadi.id, email: "hadi.retensi@example.test", expiresAt: new Date(Date.now() + 24 * HOUR) },
    ]);
    await t.db.insert(knownDevices).values([
      { tokenHash: `dev-old-${hadi.id}`, userId: hadi.id, createdAt: new Date(Date.now() - 500 * 24 * HOUR), lastUsedAt: new Date(Date.now() - 400 * 24 * HOUR) },
      { tokenHash: `dev-new-${hadi.id}`, userId: hadi.id, createdAt: new Date(Date.now() - 500 * 24 * HOUR), lastUsedAt: new Date(Date.now() - 3 * 24 * HOUR) },
    ]);

    await runRetention(t.db, new Date(), { learnerContactMonths: 6, outboxDays: 30, sessionIdleDays: 14, accessLogMonths: 24, participantContactMonths: 3 });

    const checks = await t.db.select({ email: emailVerifications.email }).from(emailVerifications).where(eq(emailVerifications.userId, hadi.id));
    assert.deepEqual(checks, [{ email: "hadi.retensi@example.test" }]);
    const devices = await t.db.select({ tokenHash: knownDevices.tokenHash }).from(knownDevices).where(eq(knownDevices.userId, hadi.id));
    assert.deepEqual(devices, [{ tokenHash: `dev-new-${hadi.id}` }]);
  });
});
