import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows";
import { memberships } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { passwords, users } from "../../db/schema/accounts";
import { skills, volunteerProfiles } from "../../db/schema/profiles";
import { normalizeWhatsapp } from "../../app/models/accounts/whatsapp";
import { answerInvitation, getInvitation, importRoster, memberSearchWords, phoneSearched, previewImport, rosterCsv, rosterScreen, searchRoster, type RosterFilters } from "../../app/models/chapters/roster.server";
import { saveProfile } from "../../app/models/accounts/profiles.server";
import { eraseAccount } from "../../app/models/accounts/personal-data.server";
import { dayPartMask, weekdayMask } from "../../app/models/accounts/availability";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { databaseAtMigration, type OldDatabase } from "../support/migrations";
import { regions } from "../../db/schema/regions";
import type { Db } from "../../db/client";

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

  it("searches by the start of a name's words among active volunteers of this chapter only", async () => {
    const res = await searchRoster(t.db, chapterId, { q: "sit" });
    assert.deepEqual(res.rows.map((r) => r.name), ["Siti Aminah"]);
    const all = await searchRoster(t.db, chapterId, { q: "SIT", status: "all" });
    assert.deepEqual(all.rows.map((r) => r.name), ["Siti Aminah", "Sitompul Rahmat"]);
    const other = await searchRoster(t.db, otherChapterId, { q: "siti" });
    assert.deepEqual(other.rows.map((r) => r.name), ["Siti Luar"]);
  });

  it("finds a member by the WhatsApp number written any way a lead is told it, in this chapter only", async () => {
    const rahmat = await createUser(t.db, { name: "Rahmat Hidayat" });
    await createVolunteerProfile(t.db, { userId: rahmat.id, regionCode: "35.09.01", whatsapp: "+6281234560001" });
    await addMembership(t.db, { userId: rahmat.id, chapterId });
    const dewi = await createUser(t.db, { name: "Dewi Sartika" });
    await createVolunteerProfile(t.db, { userId: dewi.id, regionCode: "35.09.02", whatsapp: "+6285712340002" });
    await addMembership(t.db, { userId: dewi.id, chapterId });
    // the same number in another chapter (a shared phone): not this chapter's member
    const luar = await createUser(t.db, { name: "Rahmat Luar" });
    await createVolunteerProfile(t.db, { userId: luar.id, regionCode: "33.75.01", whatsapp: "+6281234560001" });
    await addMembership(t.db, { userId: luar.id, chapterId: otherChapterId });
    try {
      const found = async (q: string) => (await searchRoster(t.db, chapterId, { q })).rows.map((r) => r.name);
      for (const q of ["0812-3456-0001", "081234560001", "+62 812 3456 0001", "+62 812-3456-0001", "62812.3456.0001", "(0812) 3456 0001", " 0812 3456 0001 ", "+62 0812 3456 0001", "０８１２‐３４５６‐０００１"])
        assert.deepEqual(await found(q), ["Rahmat Hidayat"], q);
      assert.deepEqual(await found("0857 1234 0002"), ["Dewi Sartika"]);
      assert.deepEqual((await searchRoster(t.db, otherChapterId, { q: "0812-3456-0001" })).rows.map((r) => r.name), ["Rahmat Luar"]);
      // part of a number, another number, a landline: nobody (a number is matched whole)
      for (const q of ["0812-3456", "0812-3456-0009", "0331-123456"]) assert.deepEqual(await found(q), [], q);
      // what is not only a number is searched as a name or email, as before
      assert.deepEqual(await found("rahmat"), ["Rahmat Hidayat"]);
      assert.equal(phoneSearched("Rahmat 0812-3456-0001"), null);
      assert.equal(phoneSearched("0812-3456"), null);
      assert.equal(phoneSearched("+62 812 3456 0001"), "+6281234560001");
      // the lead's screen reads the same search
      const screen = await rosterScreen(t.db, { slug: (await t.db.select({ slug: sql<string>`slug` }).from(sql`chapter`).where(sql`id = ${chapterId}`))[0]?.slug ?? "", reader: { id: leadId, isAdmin: false }, filters: { q: "62 812 3456 0001" }, locale: "id" });
      assert.deepEqual(screen?.roster?.rows.map((r) => r.name), ["Rahmat Hidayat"]);
    } finally {
      // the other tests of this block count this chapter's active members
      await t.db.delete(memberships).where(and(eq(memberships.chapterId, chapterId), sql`${memberships.userId} in (${rahmat.id}, ${dewi.id})`));
    }
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

  it("names the skills in the reader's language: the page, the search, the lead's screen and the CSV", async () => {
    const budi = async (locale: "id" | "en") => (await searchRoster(t.db, chapterId, { q: "budi" }, { locale })).rows[0]?.skills;
    assert.deepEqual(await budi("id"), ["Jaringan komputer", "Literasi digital"]);
    assert.deepEqual(await budi("en"), ["Computer networking", "Digital literacy"]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { skillId: null }, { locale: "en" })).rows.find((r) => r.name === "Siti Aminah")?.skills, ["Digital literacy"]);
    const [chapter] = rowsOf<{ slug: string }>(await t.db.execute(sql`select slug from chapter where id = ${chapterId}`));
    for (const filters of [{}, { q: "budi" }]) {
      const screen = await rosterScreen(t.db, { slug: chapter?.slug ?? "", reader: { id: leadId, isAdmin: false }, filters, locale: "en" });
      assert.deepEqual(screen?.roster?.rows.find((r) => r.name === "Budi Santoso")?.skills, ["Computer networking", "Digital literacy"], JSON.stringify(filters));
    }
    const csv = parse(await rosterCsv(t.db, chapterId, { q: "budi" }, ",", "en"), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(csv[0]?.keahlian, "Computer networking; Digital literacy");
  });

  it("finds a name with an apostrophe however the apostrophe was typed (a phone's keyboard writes ’)", async () => {
    const chapter = (await createChapter(t.db, { regionCode: "35.09" })).id;
    for (const [name, email] of [["Moh. Ma'ruf Amin", "amin.m@contoh.id"], ["Nur’aini Rahmah", "nuraini@contoh.id"], ["Dr. Hj. Siti Aminah, S.Kom.", "hj.siti@contoh.id"], ["Marufi", "marufi@contoh.id"]]) {
      const u = await createUser(t.db, { name, email });
      await addMembership(t.db, { userId: u.id, chapterId: chapter });
    }
    const names = async (q: string) => {
      const counted = (await searchRoster(t.db, chapter, { q })).rows.map((r) => r.name);
      const walked = (await searchRoster(t.db, chapter, { q }, { count: false })).rows.map((r) => r.name);
      assert.deepEqual(walked, counted, q);
      return counted;
    };
    for (const q of ["ma'ruf", "Ma’ruf", "MA‘RUF", "ma`ruf", "maʼruf", "ma´ruf"]) assert.deepEqual(await names(q), ["Marufi", "Moh. Ma'ruf Amin"], q);
    for (const q of ["nur'aini", "Nur’aini"]) assert.deepEqual(await names(q), ["Nur’aini Rahmah"], q);
    assert.deepEqual(await names("dr. hj. siti"), ["Dr. Hj. Siti Aminah, S.Kom."]);
    assert.deepEqual(await names("siti aminah, s.kom"), ["Dr. Hj. Siti Aminah, S.Kom."]);
    assert.deepEqual(await names("maruf"), ["Marufi", "Moh. Ma'ruf Amin"], "an apostrophe left out");
    assert.deepEqual(await names("nuraini"), ["Nur’aini Rahmah"]);
    assert.deepEqual(await names("Hj Siti"), ["Dr. Hj. Siti Aminah, S.Kom."], "a title without its dot");
    assert.deepEqual(await names("Dr Siti"), ["Dr. Hj. Siti Aminah, S.Kom."]);
    assert.deepEqual(await names("aminah siti"), ["Dr. Hj. Siti Aminah, S.Kom."], "words in another order");
    assert.deepEqual(await names("skom"), [], "a word is matched at the start of a word of the name: S.Kom is s, kom");
    assert.deepEqual(await names("kom"), ["Dr. Hj. Siti Aminah, S.Kom."]);
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
    // in groups, so Excel keeps it as text (an unbroken +6281234567890 becomes 6,28123E+12 and is saved back so),
    // and the import reads it back as the same number
    assert.equal(budi.whatsapp, "+62 812 3456 7890");
    assert.deepEqual(normalizeWhatsapp(budi.whatsapp), { ok: true, value: "+6281234567890" });
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

/** Memberships whose copies (sort_name, search_text, kecamatan_code, availability) differ from the user and profile. */
async function staleCopies(db: Db): Promise<unknown[]> {
  return rowsOf<unknown>(
    await db.execute(sql`select m.id, m.user_id, m.sort_name, m.search_text, m.kecamatan_code, m.availability
      from membership m join app_user u on u.id = m.user_id left join volunteer_profile vp on vp.user_id = m.user_id
      where m.sort_name <> u.name or m.search_text <> ' ' || member_search_words(u.name) || chr(31) || lower(u.email)
        or m.kecamatan_code is distinct from vp.kecamatan_code or m.availability <> coalesce(vp.availability, 0)`),
  ).map((r) => r);
}

async function copiesOf(db: Db, userId: string) {
  return db
    .select({ chapterId: memberships.chapterId, sortName: memberships.sortName, searchText: memberships.searchText, kecamatanCode: memberships.kecamatanCode, availability: memberships.availability })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.chapterId);
}

describe("the roster's copies of the user and the profile on membership", () => {
  let t: TestDatabase;
  let chapterId: number;
  let otherChapterId: number;

  before(async () => {
    t = await createTestDatabase();
    chapterId = (await createChapter(t.db, { regionCode: "35.09" })).id;
    otherChapterId = (await createChapter(t.db, { regionCode: "35.09" })).id;
  });
  after(async () => {
    await t.close();
  });

  it("follow the profile form, a deleted profile, a new name or email, a re-pointed membership and erasure, in every chapter", async () => {
    const u = await createUser(t.db, { name: "Rahmat Hidayat", email: "rahmat@contoh.id" });
    // a membership before any profile (an accepted invitation), in two chapters
    await addMembership(t.db, { userId: u.id, chapterId });
    await addMembership(t.db, { userId: u.id, chapterId: otherChapterId, status: "pending" });
    assert.deepEqual(
      (await copiesOf(t.db, u.id)).map((c) => [c.sortName, c.searchText, c.kecamatanCode, c.availability]),
      [["Rahmat Hidayat", " rahmat hidayat\u001frahmat@contoh.id", null, 0], ["Rahmat Hidayat", " rahmat hidayat\u001frahmat@contoh.id", null, 0]],
    );

    const saturday = weekdayMask(5) & dayPartMask(0);
    const saved = await saveProfile(t.db, u.id, { name: "Rahmat Hidayat", whatsapp: null, regionCode: "35.09.02", skillIds: [], languageCodes: [], availability: saturday, bio: null });
    assert.deepEqual(saved, { ok: true });
    assert.deepEqual((await copiesOf(t.db, u.id)).map((c) => [c.kecamatanCode, c.availability]), [["35.09.02", saturday], ["35.09.02", saturday]]);
    assert.deepEqual((await searchRoster(t.db, chapterId, { kecamatanCode: "35.09.02", weekday: 5, part: 0 })).rows.map((r) => r.userId), [u.id]);

    // the form again: a new kecamatan and a new name in one save
    await saveProfile(t.db, u.id, { name: "Rahmat H.", whatsapp: null, regionCode: "35.09.01", skillIds: [], languageCodes: [], availability: 0, bio: null });
    assert.deepEqual((await copiesOf(t.db, u.id)).map((c) => [c.sortName, c.searchText, c.kecamatanCode, c.availability]), [
      ["Rahmat H.", " rahmat h\u001frahmat@contoh.id", "35.09.01", 0],
      ["Rahmat H.", " rahmat h\u001frahmat@contoh.id", "35.09.01", 0],
    ]);
    assert.equal((await searchRoster(t.db, chapterId, { kecamatanCode: "35.09.02" })).total, 0);
    assert.equal((await searchRoster(t.db, chapterId, { kecamatanCode: "35.09.01" })).total, 1);
    assert.equal((await searchRoster(t.db, chapterId, { weekday: 5 })).total, 0);

    // a new email (as a confirmed email change writes it) is found by the search, the old one no more
    await t.db.update(users).set({ email: "rahmat.baru@contoh.id" }).where(eq(users.id, u.id));
    assert.equal((await searchRoster(t.db, chapterId, { q: "RAHMAT.BARU" })).total, 1);
    assert.equal((await searchRoster(t.db, chapterId, { q: "rahmat@contoh" })).total, 0);

    await t.db.delete(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id));
    assert.deepEqual((await copiesOf(t.db, u.id)).map((c) => [c.kecamatanCode, c.availability]), [[null, 0], [null, 0]]);
    assert.equal((await searchRoster(t.db, chapterId, { kecamatanCode: "35.09.01" })).total, 0);
    assert.deepEqual(await staleCopies(t.db), []);

    // a membership moved to another person (two accounts of one person joined) takes that person's copies
    const twin = await createUser(t.db, { name: "Rahmat Kembar", email: "kembar@contoh.id" });
    await createVolunteerProfile(t.db, { userId: twin.id, regionCode: "35.09.03", availability: ["sabtu-pagi"] });
    await t.db.update(memberships).set({ userId: twin.id }).where(and(eq(memberships.userId, u.id), eq(memberships.chapterId, otherChapterId)));
    assert.deepEqual((await copiesOf(t.db, twin.id)).map((c) => [c.chapterId, c.sortName, c.searchText, c.kecamatanCode]), [
      [otherChapterId, "Rahmat Kembar", " rahmat kembar\u001fkembar@contoh.id", "35.09.03"],
    ]);
    assert.deepEqual(await staleCopies(t.db), []);

    // a direct write of a copy is replaced by the truth
    await t.db.update(memberships).set({ kecamatanCode: "35.09.09", searchText: "palsu", availability: 7 }).where(eq(memberships.userId, twin.id));
    assert.deepEqual(await staleCopies(t.db), []);

    // erasure: the memberships go, and the old name and email find no one
    const erased = await eraseAccount(t.db, twin.id, twin.password);
    assert.equal(erased.ok, true);
    assert.equal((await searchRoster(t.db, otherChapterId, { q: "kembar", status: "all" })).total, 0);
    assert.deepEqual(await copiesOf(t.db, twin.id), []);
    assert.deepEqual(await staleCopies(t.db), []);
  });

  it("a roster import writes the copies of every imported member", async () => {
    const lead = await createUser(t.db, { name: "Ketua Impor" });
    await addMembership(t.db, { userId: lead.id, chapterId, role: "lead" });
    const csv = "nama,email,kecamatan\nDian Impor,dian.impor@contoh.id,Kencong\n";
    assert.deepEqual(await importRoster(t.db, { chapterId, leadId: lead.id, csvText: csv }), { ok: true, processed: 1 });
    const found = await searchRoster(t.db, chapterId, { q: "dian.impor" });
    assert.equal(found.rows[0]?.kecamatan, "Kencong");
    const kencong = (await copiesOf(t.db, found.rows[0]?.userId ?? ""))[0]?.kecamatanCode;
    assert.ok(kencong);
    assert.equal((await searchRoster(t.db, chapterId, { kecamatanCode: kencong })).rows.some((r) => r.name === "Dian Impor"), true);
    assert.deepEqual(await staleCopies(t.db), []);
  });

  it("finds whom every typed word starts a word of the name, or whose email holds what was typed: titles, apostrophes, order, accents, % _ \\ and the separator", async () => {
    const chapter = (await createChapter(t.db, { regionCode: "35.09" })).id;
    const people = [
      ["Siti Aminah", "siti.aminah@contoh.id"],
      ["siti aminah", "aminah2@contoh.id"],
      ["SITI  AMINAH", "sa@contoh.id"],
      ["Aminah Siti", "as@contoh.id"],
      ["Siti Nur Aminah", "snur@contoh.id"],
      ["Hj. Siti Aminah", "hj@contoh.id"],
      ["Dr. Hj. Siti, S.Kom.", "dr.siti@contoh.id"],
      ["Moh. Ma'ruf Amin", "mamin@contoh.id"],
      ["Ma’ruf", "maruf@contoh.id"],
      ["Nur‘aini", "nuraini@contoh.id"],
      ["Abdul-Rahman bin Umar", "abdul@contoh.id"],
      ["Ｓｉｔｉ Ｆｕｌｌ", "full@contoh.id"],
      ["Élodie Ñúñez", "elodie@contoh.id"],
      ["Budi", "wijaya.budi@contoh.id"],
      ["Diskon 100% Relawan", "diskon@contoh.id"],
      ["Ahmad_Fauzi", "ahmad@contoh.id"],
      ["AhmadXFauzi", "ahmadx@contoh.id"],
      ["Garis\\Miring", "miring@contoh.id"],
      ["Putra", "ma@contoh.id"],
      ["I Gusti Ayu \"Ayu\" Putu", "ayu@contoh.id"],
    ];
    for (const [name, email] of people) {
      const u = await createUser(t.db, { name, email });
      await addMembership(t.db, { userId: u.id, chapterId: chapter });
    }
    // the database's words of each name are the app's (the search splits what was typed with the app's)
    const keys = rowsOf<{ name: string; key: string }>(await t.db.execute(sql`select name, member_search_words(name) as key from app_user where email like '%@contoh.id'`));
    for (const k of keys) assert.equal(k.key, memberSearchWords(k.name), k.name);
    for (const odd of ["İstanbul", "ÆSOP ﬁ", "Sri\u00a0Rahayu\u200b", "Ani – Wati…", "«Dewi»", "Ｎｕｒ１２", "\u0007tab\tnew\nline", "مدرسة النور", "山田 太郎", "’’", ""])
      assert.equal(rowsOf<{ key: string }>(await t.db.execute(sql`select member_search_words(${odd}::text) as key`))[0]?.key, memberSearchWords(odd), JSON.stringify(odd));

    const model = (q: string) => {
      const typed = memberSearchWords(q).split(" ").filter(Boolean);
      // eslint-disable-next-line no-control-regex
      const email = q.trim().replace(/[\u0000-\u001f]/g, " ").toLowerCase();
      return people
        .filter(([name, mail]) => {
          const words = memberSearchWords(name ?? "").split(" ");
          return (typed.length > 0 && typed.every((w) => words.some((n) => n.startsWith(w)))) || (mail ?? "").includes(email);
        })
        .map(([name]) => name);
    };
    const queries = ["siti", "SITI AM", "siti  aminah", "aminah siti", "siti aminah", "hj siti", "Dr Siti", "dr. hj. siti", "s.kom", "maruf", "ma'ruf", "Ma’ruf", "nuraini", "rahman", "abdul rahman",
      "siti full", "élodie", "ELODIE nunez", "ÑÚÑ", "wijaya", "@contoh", "100%", "%", "_", "d_f", "ahmad_", "\\", "s\\m", "putra ma", "a\u001fma", "putra\u001fma", "tra", " x ", "tidak ada", '"ayu"', "ayu putu gusti"];
    for (const q of queries) {
      const expected = model(q);
      const page = await searchRoster(t.db, chapter, { q, perPage: 1000 } satisfies RosterFilters);
      assert.deepEqual(page.rows.map((r) => r.name).sort(), [...expected].sort(), JSON.stringify(q));
      assert.equal(page.total, expected.length, JSON.stringify(q));
      // without the count the page walks the name order (as with many matches): the same rows
      const walked = await searchRoster(t.db, chapter, { q, perPage: 1000 }, { count: false });
      assert.deepEqual(walked.rows.map((r) => r.userId), page.rows.map((r) => r.userId), JSON.stringify(q));
    }
    // the cases that matter, spelled out
    const names = async (q: string) => (await searchRoster(t.db, chapter, { q })).rows.map((r) => r.name).sort();
    assert.deepEqual(await names("siti aminah"), ["Aminah Siti", "Hj. Siti Aminah", "SITI  AMINAH", "Siti Aminah", "Siti Nur Aminah", "siti aminah"], "any order, a word between, a title before");
    assert.deepEqual(await names("Hj Siti"), ["Dr. Hj. Siti, S.Kom.", "Hj. Siti Aminah"]);
    assert.deepEqual(await names("maruf"), ["Ma’ruf", "Moh. Ma'ruf Amin"]);
    assert.deepEqual(await names("rahman"), ["Abdul-Rahman bin Umar"], "a hyphen parts words");
    assert.deepEqual(await names("siti full"), ["Ｓｉｔｉ Ｆｕｌｌ"], "full-width letters");
    assert.deepEqual(await names("wijaya"), ["Budi"], "an email-only match");
    assert.deepEqual(await names("ahmad_"), ["AhmadXFauzi", "Ahmad_Fauzi"], "punctuation aside, ahmad starts both names; _ is no wildcard in the email");
    assert.deepEqual(await names("100%"), ["Diskon 100% Relawan"]);
    assert.deepEqual(await names("tra"), [], "a word's start, not any part of it");
    assert.deepEqual(await names("putra ma"), [], "no match across the end of the name and the start of the email");
    assert.deepEqual(await names("putra\u001fma"), [], "not even with the separator typed in");
    assert.deepEqual(await names("élodie"), ["Élodie Ñúñez"]);
  });

  it("pages a word search over hundreds of namesakes without repeating or skipping anyone", async () => {
    const chapter = (await createChapter(t.db, { regionCode: "35.09" })).id;
    const forms = ["Hj. Siti Aminah", "Siti Aminah", "Aminah, Siti", "SITI NUR AMINAH", "Sití Amínah", "Siti  Aminah S.Pd.", "Siti Rahma"];
    await t.db.execute(sql`insert into app_user (id, email, name)
      select 'ns-' || g, 'ns' || g || '@contoh.id', (array[${sql.join(forms.map((f) => sql`${f}::text`), sql`, `)}])[1 + g % ${forms.length}::int] from generate_series(1, 350) g`);
    await t.db.execute(sql`insert into membership (user_id, chapter_id, role, status) select 'ns-' || g, ${chapter}::int, 'volunteer', 'active' from generate_series(1, 350) g`);
    const expected = 350 - Math.floor(350 / forms.length);
    for (const count of [true, false]) {
      const seen: string[] = [];
      let res = await searchRoster(t.db, chapter, { q: "siti aminah", perPage: 40 }, { count });
      if (count) assert.equal(res.total, expected);
      seen.push(...res.rows.map((r) => r.userId));
      while (res.next) {
        res = await searchRoster(t.db, chapter, { q: "siti aminah", perPage: 40, after: res.next }, { count });
        seen.push(...res.rows.map((r) => r.userId));
      }
      assert.equal(seen.length, expected);
      assert.equal(new Set(seen).size, expected);
      // and back from the last page
      const back = await searchRoster(t.db, chapter, { q: "siti aminah", perPage: 40, before: res.prev }, { count });
      assert.deepEqual(back.rows.map((r) => r.userId), seen.slice(-40 - res.rows.length, -res.rows.length));
    }
  });
});

describe("migration 0040 fills the roster's copies of memberships made before it", () => {
  let old: OldDatabase;
  after(async () => {
    await old?.close();
  });

  it("every membership gets its user's name and email and its profile's kecamatan and availability", async () => {
    old = await databaseAtMigration("0038_arm_day_reminders");
    const db = old.db;
    await db.insert(regions).values([
      { code: "35", name: "Jawa Timur", level: 1, parentCode: null, provinceCode: "35", timeZone: "Asia/Jakarta" },
      { code: "35.09", name: "Kabupaten Jember", level: 2, parentCode: "35", provinceCode: "35", timeZone: "Asia/Jakarta" },
      { code: "35.09.01", name: "Kencong", level: 3, parentCode: "35.09", provinceCode: "35", timeZone: "Asia/Jakarta" },
    ]);
    const chapter = await createChapter(db, { regionCode: "35.09" });
    const withProfile = await createUser(db, { name: "Sri Lestari", email: "sri@contoh.id" });
    const without = await createUser(db, { name: "Agus Tanpa Profil", email: "agus@contoh.id" });
    // written as the app wrote them before 0039: the profile first for one, after the membership for the other
    await db.execute(sql`insert into volunteer_profile (user_id, kecamatan_code, availability) values (${withProfile.id}, '35.09.01', 40)`);
    await db.execute(sql`insert into membership (user_id, chapter_id, role, status) values (${withProfile.id}, ${chapter.id}, 'volunteer', 'active'), (${without.id}, ${chapter.id}, 'volunteer', 'inactive')`);

    await old.migrateToLatest();
    const rows = rowsOf<{ user_id: string; search_text: string; kecamatan_code: string | null; availability: number }>(
      await db.execute(sql`select user_id, search_text, kecamatan_code, availability from membership order by sort_name`),
    );
    assert.deepEqual(rows.map((r) => [r.user_id, r.search_text, r.kecamatan_code, Number(r.availability)]), [
      [without.id, " agus tanpa profil\u001fagus@contoh.id", null, 0],
      [withProfile.id, " sri lestari\u001fsri@contoh.id", "35.09.01", 40],
    ]);
    assert.deepEqual(await staleCopies(db), []);
    assert.equal((await searchRoster(db, chapter.id, { q: "LESTARI", status: "all" })).total, 1);
    assert.equal((await searchRoster(db, chapter.id, { kecamatanCode: "35.09.01", status: "all" })).total, 1);
    // and the triggers work on the migrated database
    await db.execute(sql`update app_user set name = 'Agus Baru' where id = ${without.id}`);
    assert.deepEqual(await staleCopies(db), []);
    assert.equal((await searchRoster(db, chapter.id, { q: "agus baru", status: "inactive" })).total, 1);
  });
});
