import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { passwords, users } from "../../db/schema/accounts";
import { skills, volunteerProfiles } from "../../db/schema/profiles";
import { answerInvitation, getInvitation, importRoster, previewImport, rosterCsv, searchRoster } from "../../app/models/chapters/roster.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("roster for chapter leads", () => {
  let t: TestDatabase;
  let chapterId: number;
  let otherChapterId: number;
  let leadId: string;

  before(async () => {
    t = await createTestDatabase();
    chapterId = (await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" })).id;
    otherChapterId = (await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" })).id;
    leadId = (await createUser(t.db, { name: "Lead" })).id;
    await addMembership(t.db, { userId: leadId, chapterId, role: "lead" });
    const people = [
      { name: "Siti Aminah", kec: "35.09.01", skills: ["literasi-digital"], avail: ["senin-pagi"], status: "active" as const },
      { name: "Budi Santoso", kec: "35.09.02", skills: ["jaringan-komputer", "literasi-digital"], avail: ["sabtu-malam"], status: "active" as const },
      { name: "Sitompul Rahmat", kec: "35.09.01", skills: [], avail: [], status: "inactive" as const },
      { name: "Ani Pending", kec: "35.09.01", skills: [], avail: [], status: "pending" as const },
    ];
    for (const p of people) {
      const u = await createUser(t.db, { name: p.name });
      await createVolunteerProfile(t.db, { userId: u.id, regionCode: p.kec, skills: p.skills, availability: p.avail });
      await addMembership(t.db, { userId: u.id, chapterId, status: p.status });
    }
    const outsider = await createUser(t.db, { name: "Siti Luar" });
    await addMembership(t.db, { userId: outsider.id, chapterId: otherChapterId });
  });
  after(async () => {
    await t.close();
  });

  it("searches by name substring among active volunteers of this chapter only", async () => {
    const res = await searchRoster(t.db, chapterId, { q: "sit" });
    assert.deepEqual(res.rows.map((r) => r.name), ["Siti Aminah"]);
    const all = await searchRoster(t.db, chapterId, { q: "SIT", status: "all" });
    assert.deepEqual(all.rows.map((r) => r.name), ["Siti Aminah", "Sitompul Rahmat"]);
    const other = await searchRoster(t.db, otherChapterId, { q: "siti" });
    assert.deepEqual(other.rows.map((r) => r.name), ["Siti Luar"]);
  });

  it("filters by skill, kecamatan, status and availability", async () => {
    const [skill] = await t.db.select({ id: skills.id }).from(skills).where(eq(skills.slug, "jaringan-komputer"));
    const skillId = skill?.id;
    assert.deepEqual((await searchRoster(t.db, chapterId, { skillId })).rows.map((r) => r.name), ["Budi Santoso"]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { kecamatanCode: "35.09.01" })).rows.map((r) => r.name), ["Siti Aminah"]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { status: "pending" })).rows.map((r) => r.name), ["Ani Pending"]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { weekday: 5 })).rows.map((r) => r.name), ["Budi Santoso"]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { part: 0 })).rows.map((r) => r.name), ["Siti Aminah"]);
    const budi = (await searchRoster(t.db, chapterId, { q: "budi" })).rows[0];
    assert.equal(budi?.skills.length, 2);
  });

  it("paginates with exact totals", async () => {
    const p1 = await searchRoster(t.db, chapterId, { status: "all", perPage: 3 });
    const p2 = await searchRoster(t.db, chapterId, { status: "all", perPage: 3, after: p1.next });
    assert.equal(p1.total, 4);
    assert.ok(p1.next);
    assert.equal(p2.next, null);
    assert.equal(p1.rows.length, 3);
    assert.equal(p2.rows.length, 1);
    assert.equal(new Set([...p1.rows, ...p2.rows].map((r) => r.userId)).size, 4);
  });

  it("exports the filtered roster as CSV that parses back", async () => {
    const csv = await rosterCsv(t.db, chapterId, { status: "all" });
    assert.ok(csv.startsWith("\uFEFF"));
    const rows: Record<string, string>[] = parse(csv.slice(1), { columns: true });
    assert.equal(rows.length, 4);
    const budi = rows.find((r) => r.nama === "Budi Santoso");
    assert.ok(budi);
    assert.match(budi.keahlian ?? "", /Jaringan/i);
    assert.equal(budi.status, "Aktif", "in the reader's language");
    const semi = await rosterCsv(t.db, chapterId, { status: "all" }, ";");
    const semiRows: Record<string, string>[] = parse(semi.slice(1), { columns: true, delimiter: ";" });
    assert.deepEqual(semiRows, rows, "the Excel-Indonesia flavour holds the same data");
  });

  it("a file with one bad row imports nothing and reports the row by line and reason", async () => {
    const before = await t.db.select({ id: users.id }).from(users);
    const csv = "nama;email;whatsapp;kecamatan;keahlian\nRina;rina@example.test;0812-1111-2222;Kencong;literasi digital\nJoko;bukan-email;0812;Atlantis;terbang\n";
    const preview = await previewImport(t.db, chapterId, csv);
    assert.equal(preview.validCount, 1);
    assert.equal(preview.errorCount, 1);
    const bad = preview.rows.find((r) => r.line === 3);
    assert.deepEqual(bad?.errors.sort(), ["roster.import.err.email", "roster.import.err.kecamatan", "roster.import.err.skill", "roster.import.err.whatsapp"].sort());
    const result = await importRoster(t.db, { chapterId, leadId, csvText: csv });
    assert.equal(result.ok, false);
    assert.equal((await t.db.select({ id: users.id }).from(users)).length, before.length);
  });

  it("a valid file imports every row in one go: new accounts created and emailed, existing accounts only invited (item 1)", async () => {
    const existing = await createUser(t.db, { name: "Sudah Ada", email: "ada@example.test" });
    await createVolunteerProfile(t.db, { userId: existing.id, regionCode: "35.09.01", skills: ["literasi-digital"], availability: ["senin-pagi"] });
    const csv = "nama,email,whatsapp,kecamatan,keahlian,status\nRina Wulandari,rina@example.test,0812-1111-2222,Kencong,Literasi Digital; jaringan komputer,aktif\nSudah Ada,ADA@example.test,0899-9999-9999,,,aktif\n";
    const result = await importRoster(t.db, { chapterId, leadId, csvText: csv, appUrl: "http://simpul.test" });
    assert.deepEqual(result, { ok: true, processed: 2 });
    const [rina] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "rina@example.test"));
    assert.ok(rina);
    assert.equal((await t.db.select().from(passwords).where(eq(passwords.userId, rina.id))).length, 0, "no password until they set one");
    const invites = await t.db.select({ to: outbox.toEmail, template: outbox.template }).from(outbox).where(eq(outbox.template, "roster-invite"));
    assert.deepEqual(invites.map((i) => i.to), ["rina@example.test"]);
    const found = await searchRoster(t.db, chapterId, { q: "rina" });
    assert.equal(found.rows[0]?.kecamatan, "Kencong");
    assert.equal(found.rows[0]?.whatsapp, "+6281211112222");
    assert.equal(found.rows[0]?.skills.length, 2);

    // the existing account is not a member and nothing of theirs is visible; they got an invitation email
    assert.equal((await t.db.select().from(memberships).where(eq(memberships.userId, existing.id))).length, 0);
    assert.equal((await searchRoster(t.db, chapterId, { q: "Sudah Ada", status: "all" })).rows.length, 0);
    assert.equal((await rosterCsv(t.db, chapterId, { status: "all" })).includes("ada@example.test"), false);
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "chapter-invitation"), eq(outbox.toEmail, "ada@example.test")));
    const url = String((mail?.payload as { url?: string } | undefined)?.url ?? "");
    const token = /\/undangan\/([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? "";
    assert.ok(token, url);
    assert.equal((await getInvitation(t.db, token))?.status, "pending");
    // the file's WhatsApp number for them was not written into their profile
    const [profile] = await t.db.select({ whatsapp: volunteerProfiles.whatsapp }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, existing.id));
    assert.notEqual(profile?.whatsapp, "+6289999999999");

    // they accept: now an active member the lead can see
    assert.equal((await answerInvitation(t.db, { token, accept: true }))?.status, "accepted");
    const [m] = await t.db.select({ status: memberships.status }).from(memberships).where(eq(memberships.userId, existing.id));
    assert.equal(m?.status, "active");
    assert.equal(await answerInvitation(t.db, { token, accept: false }), null, "answered once");
  });

  it("the result never tells whether an email had an account; a declined invitation is not sent again (item 1)", async () => {
    const owner = await createUser(t.db, { name: "Punya Akun", email: "punya@example.test" });
    const known = await importRoster(t.db, { chapterId, leadId, csvText: "nama,email\nPunya Akun,punya@example.test\n" });
    const unknown = await importRoster(t.db, { chapterId, leadId, csvText: "nama,email\nBelum Punya,belum.punya@example.test\n" });
    assert.deepEqual(known, unknown);
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "chapter-invitation"), eq(outbox.toEmail, "punya@example.test")));
    const token = /\/undangan\/([A-Za-z0-9_-]+)$/.exec(String((mail?.payload as { url?: string }).url))?.[1] ?? "";
    assert.equal((await answerInvitation(t.db, { token, accept: false }))?.status, "declined");
    assert.equal((await t.db.select().from(memberships).where(eq(memberships.userId, owner.id))).length, 0);
    await importRoster(t.db, { chapterId, leadId, csvText: "nama,email\nPunya Akun,punya@example.test\n" });
    const mails = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.template, "chapter-invitation"), eq(outbox.toEmail, "punya@example.test")));
    assert.equal(mails.length, 1);
  });
});
