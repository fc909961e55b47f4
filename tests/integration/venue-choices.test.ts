import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { events } from "../../db/schema/events";
import { rowsOf } from "../../db/rows";
import { normalisedNameSql } from "../../app/models/events/institution-names";
import { VENUE_LIST, venueChoices, venueSearchOf, wantsVenueSearch } from "../../app/models/events/institutions.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** Registry rows as an import writes them (the dedup key as findOrCreateInstitution builds it). */
async function insertInstitutions(t: TestDatabase, rows: { type: string; name: string; region: string; npsn?: string }[]) {
  for (const r of rows)
    await t.db.execute(sql`insert into institution (type, name, region_code, dedup_key, npsn)
      values (${r.type}, ${r.name}, ${r.region}, ${r.type} || '|' || ${r.region} || '|' || ${normalisedNameSql(sql`${r.name}::text`)}, ${r.npsn ?? null})`);
}

describe("the event form's venue list, in a kabupaten with hundreds of registered institutions", () => {
  let t: TestDatabase;
  let chapter: { id: number; regionCode: string };
  let other: { id: number };
  let lead: { id: string };
  let usedVenue: number;

  before(async () => {
    t = await createTestDatabase();
    chapter = { ...(await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember" })), regionCode: "35.09" };
    // a second chapter over the same kabupaten (a campus chapter): its venues are not this chapter's "used" ones
    other = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kampus Jember" });
    lead = await createUser(t.db, { name: "Ketua Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const otherLead = await createUser(t.db, { name: "Ketua Kampus" });
    await addMembership(t.db, { userId: otherLead.id, chapterId: other.id, role: "lead" });
    // 300 schools and UMKM in two kecamatan, names in several hands, plus the ones the searches look for
    await t.db.execute(sql`insert into institution (type, name, region_code, dedup_key)
      select case when g % 3 = 0 then 'umkm' else 'school' end,
        case when g % 3 = 0 then 'UMKM Batik ' || g else 'SD Negeri ' || g || ' Ajung' end,
        case when g % 2 = 0 then '35.09.01' else '35.09.02' end, 'x|' || g
      from generate_series(1, 300) g`);
    await insertInstitutions(t, [
      { type: "school", name: "SMA Negeri 2 Jember", region: "35.09.02", npsn: "20523456" },
      { type: "school", name: "SMAN 21 Jember", region: "35.09.01" },
      { type: "umkm", name: "Toko 100%_Diskon", region: "35.09.01" },
      { type: "umkm", name: "Toko 1000 Diskon", region: "35.09.01" },
      // another kabupaten of the province: never offered
      { type: "school", name: "SMA Negeri 2 Pekalongan", region: "33.75.01" },
    ]);
    // the chapter held events at two venues far down the alphabet; the campus chapter at a third
    const e1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", venueName: "SMP Zainab Wuluhan", date: "2027-02-01" });
    await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", venueName: "SMK Yos Sudarso", date: "2027-02-02" });
    await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", venueName: "SMK Yos Sudarso", date: "2027-02-03" });
    await createOutreachEvent(t.db, { chapterId: other.id, leadId: otherLead.id, venueRegion: "35.09.01", venueName: "SMP Zamrud Kampus", date: "2027-02-04" });
    const [e] = await t.db.select({ venueId: events.venueId }).from(events).where(eq(events.id, e1));
    usedVenue = e!.venueId!;
  });
  after(async () => {
    await t.close();
  });

  const names = (c: { list: { name: string }[] }) => c.list.map((v) => v.name);
  const open = (extra: { search?: string; keep?: (number | string | null | undefined)[] } = {}) =>
    venueChoices(t.db, { chapterId: chapter.id, chapterRegion: chapter.regionCode, ...extra });

  it("lists the venues the chapter's events used, not the first names of the alphabet", async () => {
    const c = await open();
    assert.equal(c.used, true);
    assert.equal(c.search, "");
    assert.deepEqual(names(c), ["SMK Yos Sudarso", "SMP Zainab Wuluhan"]);
  });

  it("keeps the event's own venue and the one just chosen, wherever they are in the registry", async () => {
    const [far] = rowsOf<{ id: number }>(await t.db.execute(sql`select id from institution where name = 'SD Negeri 299 Ajung'`));
    const c = await open({ keep: [Number(far?.id), String(usedVenue), "", null, "abc", -3] });
    assert.deepEqual(names(c), ["SD Negeri 299 Ajung", "SMK Yos Sudarso", "SMP Zainab Wuluhan"]);
  });

  it("finds a school written another way, by NPSN, and only in the chapter's kabupaten", async () => {
    for (const q of ["SMAN 2", "  sma negeri 2 ", "SMA N 2 JEMBER"]) {
      const c = await open({ search: q });
      assert.ok(names(c).includes("SMA Negeri 2 Jember"), q);
      assert.ok(!names(c).includes("SMA Negeri 2 Pekalongan"), q);
    }
    // "SMAN 2" is also the start of "SMAN 21": both, and nothing else
    assert.deepEqual(names(await open({ search: "sman 2" })), ["SMA Negeri 2 Jember", "SMAN 21 Jember"]);
    const byNpsn = await open({ search: "20523456" });
    assert.deepEqual(names(byNpsn), ["SMA Negeri 2 Jember"]);
    assert.equal(byNpsn.matched, 1);
    assert.equal(byNpsn.search, "20523456");
  });

  it("takes % and _ literally, and says when nothing matches", async () => {
    // punctuation alone: only a name holding it (as wildcards they would match every row)
    assert.deepEqual(names(await open({ search: "%_" })), ["Toko 100%_Diskon"]);
    assert.deepEqual(names(await open({ search: "_" })), ["Toko 100%_Diskon"]);
    // with letters or digits the registry's normalised form counts too: "100%_" is "100", as in "Toko 1000"
    assert.deepEqual(names(await open({ search: "100%_" })), ["Toko 100%_Diskon", "Toko 1000 Diskon"]);
    const none = await open({ search: "Pekalongan" });
    assert.equal(none.matched, 0);
    assert.deepEqual(none.list, []);
    // a venue already chosen stays in the list even when the search finds nothing
    const kept = await open({ search: "Pekalongan", keep: [usedVenue] });
    assert.deepEqual(names(kept), ["SMP Zainab Wuluhan"]);
    assert.equal(kept.matched, 0);
  });

  it("shows the first VENUE_LIST matches of a broad search and says there are more", async () => {
    const c = await open({ search: "ajung" });
    assert.equal(c.list.length, VENUE_LIST);
    assert.equal(c.matched, VENUE_LIST);
    assert.equal(c.more, true);
    const narrow = await open({ search: "sd negeri 29" });
    assert.equal(narrow.more, false);
    // 29, 290-299 that are schools (not every third)
    assert.deepEqual(names(narrow).length, narrow.matched);
    assert.ok(narrow.matched >= 8 && narrow.matched <= 11, String(narrow.matched));
  });

  it("tidies what was typed: control characters, spaces, length", () => {
    assert.equal(venueSearchOf("  sman\u0000 2\n "), "sman  2");
    assert.equal(venueSearchOf("x".repeat(200)).length, 80);
    assert.equal(venueSearchOf(null), "");
  });

  it("runs a search typed but not yet run, instead of saving", () => {
    const f = (entries: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(entries)) fd.append(k, v);
      return fd;
    };
    assert.equal(wantsVenueSearch(f({ intent: "venueSearch", venueQ: "", venueShown: "" })), true);
    assert.equal(wantsVenueSearch(f({ venueQ: "sman 2", venueShown: "" })), true);
    assert.equal(wantsVenueSearch(f({ venueQ: " sman 2 ", venueShown: "sman 2" })), false);
    assert.equal(wantsVenueSearch(f({ venueQ: "", venueShown: "sman 2" })), true);
    assert.equal(wantsVenueSearch(f({ title: "Tanpa pencarian" })), false);
  });
});

describe("the event form's venue list, in a small kabupaten", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("lists every registered institution of the area by name, with no search", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Banyuwangi" });
    await insertInstitutions(t, [
      { type: "school", name: "SMP Negeri 1 Rogojampi", region: "35.10.01" },
      { type: "village", name: "Desa Aliyan", region: "35.10.01" },
      { type: "school", name: "SMA Negeri 2 Jember", region: "35.09.02" },
    ]);
    const c = await venueChoices(t.db, { chapterId: chapter.id, chapterRegion: "35.10" });
    assert.equal(c.used, false);
    assert.equal(c.more, false);
    assert.deepEqual(
      c.list.map((v) => v.name),
      ["Desa Aliyan", "SMP Negeri 1 Rogojampi"],
    );
  });
});

describe("a venue typed again at an event in another kecamatan", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("is the registry's school, written any accepted way; another kabupaten's school of that name is not", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember" });
    const lead = await createUser(t.db, { name: "Ketua Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await insertInstitutions(t, [{ type: "school", name: "SMA Negeri 2 Jember", region: "33.75.01" }]);
    const venueOf = async (venueName: string, venueRegion: string) => {
      const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion, venueName, date: "2027-03-01" });
      const [e] = await t.db.select({ venueId: events.venueId, regionCode: events.regionCode }).from(events).where(eq(events.id, id));
      return e!;
    };
    const first = await venueOf("SMA Negeri 2 Jember", "35.09.01");
    for (const [name, region] of [
      ["SMAN 2 Jember", "35.09.02"],
      ["SMA N 2 Jember", "35.09.03"],
      ["  sma negeri 2 JEMBER ", "35.09.01"],
    ] as const) {
      const again = await venueOf(name, region);
      assert.equal(again.venueId, first.venueId, `${name} in ${region}`);
      assert.equal(again.regionCode, "35.09.01", "the event is where the school is");
    }
    const schools = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from institution where type = 'school' and region_code like '35.09%'`));
    assert.equal(Number(schools[0]?.n), 1, "one school in the kabupaten's registry");
    const other = await venueOf("SMK Negeri 2 Jember", "35.09.02");
    assert.notEqual(other.venueId, first.venueId, "another school is another row");
  });
});
