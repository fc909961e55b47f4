import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { normalisedNameSql } from "../../app/models/events/institution-names";
import { venueChoices } from "../../app/models/events/institutions.server";
import { rosterLookAlikes, rosterScreen, searchRoster } from "../../app/models/chapters/roster.server";
import { chapterCertificates } from "../../app/models/reports/certificates.server";
import { certificates } from "../../db/schema/reports";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("a roster search with a typo offers the names most like it, after the exact rule found nobody", () => {
  let t: TestDatabase;
  let chapterId: number;
  let chapterSlug: string;
  let otherChapterId: number;
  let leadId: string;

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" });
    chapterId = chapter.id;
    chapterSlug = chapter.slug;
    otherChapterId = (await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" })).id;
    leadId = (await createUser(t.db, { name: "Ketua Jember" })).id;
    await addMembership(t.db, { userId: leadId, chapterId, role: "lead" });
    const people: [string, string, "active" | "inactive"][] = [
      ["Siti Nurhaliza", "snh@contoh.id", "active"],
      ["Nur Halisa", "nh@contoh.id", "active"],
      ["Siti Aminah", "aminah@contoh.id", "active"],
      ["Rizal Effendi", "rizal.e@contoh.id", "active"],
      ["Rizal Fahmi", "rf@contoh.id", "active"],
      ["Drs. H. Abdul Rahman, M.Pd.", "rahman@contoh.id", "active"],
      ["Moh. Ma'ruf Amin", "amin.m@contoh.id", "active"],
      ["Nurul Huda", "huda@contoh.id", "active"],
      ["Nurul Hidayah", "hidayah@contoh.id", "active"],
      ["Tjoa Hok Lie", "tjoa@contoh.id", "active"],
      ["Liem Swie King", "liem@contoh.id", "active"],
      ["José Ramos-Horta", "jose@contoh.id", "active"],
      ["Bambang Wijayanto", "bw@contoh.id", "inactive"],
    ];
    for (const [name, email, status] of people) {
      const u = await createUser(t.db, { name, email });
      await addMembership(t.db, { userId: u.id, chapterId, status });
    }
    // hundreds of others, as a real chapter has
    for (let i = 0; i < 300; i++) {
      const u = await createUser(t.db, { name: `${["Agus", "Dewi", "Eko", "Wahyu", "Sri"][i % 5]} ${["Santoso", "Lestari", "Prasetyo", "Wulandari", "Hidayat"][(i * 7) % 5]} ${i}`, email: `anggota${i}@contoh.id` });
      await addMembership(t.db, { userId: u.id, chapterId });
    }
    // another chapter's member: never offered in this chapter
    const outsider = await createUser(t.db, { name: "Siti Nurhalisa Putri", email: "luar@contoh.id" });
    await addMembership(t.db, { userId: outsider.id, chapterId: otherChapterId });
  });
  after(async () => {
    await t.close();
  });

  const search = async (q: string, status?: "active" | "all") => {
    const page = await searchRoster(t.db, chapterId, { q, status });
    return { found: page.rows.map((r) => r.name), suggested: (page.suggestions ?? []).map((r) => r.name) };
  };

  it("suggests the name a lead misspelt, most alike first, and finds nobody by the exact rule", async () => {
    assert.deepEqual(await search("Nurhalisa"), { found: [], suggested: ["Siti Nurhaliza", "Nur Halisa"] }, "one letter apart before a space apart");
    assert.deepEqual(await search("Rizal Efendi"), { found: [], suggested: ["Rizal Effendi"] }, "one letter missing; Rizal Fahmi shares only the first name");
    assert.deepEqual(await search("efendi rizal"), { found: [], suggested: ["Rizal Effendi"] }, "words in another order");
    assert.deepEqual(await search("Nurul Hudha"), { found: [], suggested: ["Nurul Huda"] }, "an Arabic-origin name spelt another way");
    assert.deepEqual(await search("Tjoa Hock Lie"), { found: [], suggested: ["Tjoa Hok Lie"] }, "a Chinese-Indonesian name");
    assert.deepEqual(await search("Lim Swie King"), { found: [], suggested: ["Liem Swie King"] });
    assert.deepEqual(await search("Maaruf Amin"), { found: [], suggested: ["Moh. Ma'ruf Amin"] }, "an apostrophe spelt as a vowel");
    assert.deepEqual(await search("Drs Abdul Rahmat"), { found: [], suggested: ["Drs. H. Abdul Rahman, M.Pd."] }, "a title without its dot, a typo in the name");
    assert.deepEqual(await search("Jose Ramos Hortha"), { found: [], suggested: ["José Ramos-Horta"] }, "an accent and a hyphen left out");
  });

  it("keeps the exact rule first: a search that finds someone offers nothing else", async () => {
    assert.deepEqual(await search("nurhal"), { found: ["Siti Nurhaliza"], suggested: [] });
    assert.deepEqual(await search("Rizal"), { found: ["Rizal Effendi", "Rizal Fahmi"], suggested: [] });
    assert.deepEqual(await search("Hj Abdul"), { found: [], suggested: ["Drs. H. Abdul Rahman, M.Pd."] });
  });

  it("offers nothing for gibberish, two letters or a phone number nobody has", async () => {
    for (const q of ["xqzvw", "zz", "0812 9999 0000", "%%%", "-.-"]) assert.deepEqual(await search(q), { found: [], suggested: [] }, q);
  });

  it("offers only members the exact search could have shown: this chapter's, with the roster's other filters", async () => {
    assert.ok(!(await search("Nurhalisa")).suggested.includes("Siti Nurhalisa Putri"), "another chapter's member");
    assert.deepEqual(await search("Bambang Wijayanti"), { found: [], suggested: [] }, "an inactive member under the default filter");
    assert.deepEqual(await search("Bambang Wijayanti", "all"), { found: [], suggested: ["Bambang Wijayanto"] });
    assert.deepEqual(
      (await rosterLookAlikes(t.db, chapterId, { q: "Nurhalisa", kecamatanCode: "35.09.99" })).map((r) => r.name),
      [],
      "a kecamatan filter no one matches",
    );
    const other = await searchRoster(t.db, otherChapterId, { q: "Nurhalisa" });
    assert.deepEqual(
      other.rows.map((r) => r.name),
      ["Siti Nurhalisa Putri"],
    );
    assert.equal(other.suggestions, undefined, "found by the exact rule");
  });

  it("comes to the lead's roster screen, and to nobody else", async () => {
    const lead = await rosterScreen(t.db, { slug: chapterSlug, reader: { id: leadId, isAdmin: false }, filters: { q: "Rizal Efendi" }, locale: "id" });
    assert.deepEqual(lead?.roster?.suggestions?.map((r) => r.name), ["Rizal Effendi"]);
    const volunteer = await createUser(t.db, { name: "Relawan Biasa" });
    await addMembership(t.db, { userId: volunteer.id, chapterId });
    const other = await rosterScreen(t.db, { slug: chapterSlug, reader: { id: volunteer.id, isAdmin: false }, filters: { q: "Rizal Efendi" }, locale: "id" });
    assert.equal(other?.isLead, false);
    assert.equal(other?.roster, null);
  });
});

describe("a venue search with a typo lists the registry's look-alikes, labelled, after the exact match found nothing", () => {
  let t: TestDatabase;
  let chapter: { id: number; regionCode: string };

  before(async () => {
    t = await createTestDatabase();
    chapter = { ...(await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember" })), regionCode: "35.09" };
    await t.db.execute(sql`insert into institution (type, name, region_code, dedup_key)
      select 'school', 'SD Negeri ' || g || ' Ajung', '35.09.01', 'x|' || g from generate_series(1, 300) g`);
    for (const [type, name, region, npsn] of [
      ["school", "SMA Negeri 2 Jember", "35.09.02", "20523456"],
      ["school", "SMA Negeri 1 Jember", "35.09.02", null],
      ["school", "PP Nurul Jadid", "35.09.01", null],
      ["school", "MI Nurul Huda", "35.09.01", null],
      ["school", "SMA Negeri 2 Pekalongan", "33.75.01", null],
    ] as const)
      await t.db.execute(sql`insert into institution (type, name, region_code, dedup_key, npsn)
        values (${type}, ${name}, ${region}, ${npsn ? `${type}|npsn|${npsn}` : sql`${type} || '|' || ${region} || '|' || ${normalisedNameSql(sql`${name}::text`)}`}, ${npsn})`);
  });
  after(async () => {
    await t.close();
  });

  const choose = (search: string) => venueChoices(t.db, { chapterId: chapter.id, chapterRegion: chapter.regionCode, search });

  it("SMAN 2 Jmber: SMA Negeri 2 Jember first (a row keyed by its NPSN), never another kabupaten's", async () => {
    const c = await choose("SMAN 2 Jmber");
    assert.equal(c.matched, 0);
    assert.equal(c.suggested, true);
    assert.equal(c.list[0]?.name, "SMA Negeri 2 Jember");
    assert.ok(c.list.some((v) => v.name === "SMA Negeri 1 Jember"), "the other SMA Negeri of Jember is alike too, after it");
    assert.ok(!c.list.some((v) => v.name.includes("Pekalongan")));
  });

  it("a pesantren written in full with its place, a madrasah's name spelt another way", async () => {
    const pp = await choose("Pondok Pesantren Nurul Jadid Paiton");
    assert.deepEqual([pp.suggested, pp.list[0]?.name], [true, "PP Nurul Jadid"]);
    const mi = await choose("Nurul Hudha");
    assert.deepEqual([mi.suggested, mi.list[0]?.name], [true, "MI Nurul Huda"]);
  });

  it("the exact match stays first: nothing is labelled a suggestion when the search found it", async () => {
    const exact = await choose("Pondok Pesantren Nurul Jadid");
    assert.deepEqual([exact.matched, exact.suggested, exact.list.map((v) => v.name)], [1, false, ["PP Nurul Jadid"]]);
    const npsn = await choose("20523456");
    assert.deepEqual([npsn.matched, npsn.suggested], [1, false]);
    const loose = await choose("sman 22");
    assert.ok(!loose.list.some((v) => v.name.startsWith("SD Negeri")), "a number shared with hundreds of primary schools is no likeness");
    const none = await choose("Warung Kopi Qwerty");
    assert.deepEqual([none.matched, none.suggested, none.list], [0, false, []]);
    const wrongNpsn = await choose("20523457");
    assert.deepEqual([wrongNpsn.suggested, wrongNpsn.list], [false, []], "a mistyped NPSN is not guessed");
  });
});

describe("a search of the chapter's certificates with a typo offers the recipients and activities most like it", () => {
  let t: TestDatabase;
  let chapterId: number;
  let otherChapterId: number;

  before(async () => {
    t = await createTestDatabase();
    chapterId = (await createChapter(t.db, { name: "RTIK Kabupaten Jember", regionCode: "35.09" })).id;
    otherChapterId = (await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" })).id;
    const lead = await createUser(t.db, { name: "Ketua" });
    let n = 0;
    const issue = async (chapter: number, recipientName: string, subject: string) => {
      n++;
      const u = await createUser(t.db, { name: recipientName });
      await t.db.insert(certificates).values({ code: `Typo${n}_${chapter}`, kind: "event", dedupKey: `typo|${n}|${chapter}`, userId: u.id, chapterId: chapter, recipientName, chapterName: "RTIK", subject, activityDate: "2026-11-01", hours: 3, year: 2026, issuedBy: lead.id });
    };
    for (const [name, subject] of [
      ["Siti Nurhaliza", "Literasi Digital SMAN 2 Jember"],
      ["Siti Nurhaliza", "Internet Sehat Ajung"],
      ["Drs. H. Abdul Rahman", "Literasi Digital SMAN 2 Jember"],
      ["José Ramos", "Bimtek UMKM Go Online"],
    ] as const)
      await issue(chapterId, name, subject);
    await issue(otherChapterId, "Nurhalisa Putri", "Literasi Digital Pekalongan");
  });
  after(async () => {
    await t.close();
  });

  it("names each look-alike once, most alike first, only the chapter's, and only when the exact search found nothing", async () => {
    const typo = await chapterCertificates(t.db, chapterId, { q: "Nurhalisa" });
    assert.deepEqual([typo.total, typo.suggestions], [0, ["Siti Nurhaliza"]], "the other chapter's Nurhalisa is not offered");
    assert.deepEqual((await chapterCertificates(t.db, chapterId, { q: "Literasi Digtal" })).suggestions, ["Literasi Digital SMAN 2 Jember"]);
    assert.deepEqual((await chapterCertificates(t.db, chapterId, { q: "Abdul Rahmat" })).suggestions, ["Drs. H. Abdul Rahman"]);
    assert.deepEqual((await chapterCertificates(t.db, chapterId, { q: "Jose Ramoz" })).suggestions, ["José Ramos"], "an accent left out and a typo");
    const exact = await chapterCertificates(t.db, chapterId, { q: "nurhaliza" });
    assert.deepEqual([exact.total, exact.suggestions], [2, []]);
    for (const q of ["zz", "Qwertyuiop", "%%%"]) assert.deepEqual((await chapterCertificates(t.db, chapterId, { q })).suggestions, [], q);
  });
});
