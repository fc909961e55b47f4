import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows";
import { memberships } from "../../db/schema/chapters";
import { users } from "../../db/schema/accounts";
import { chapterKecamatan, rosterScreen, searchRoster, type RosterCursor, type RosterFilters, type RosterPage } from "../../app/models/chapters/roster.server";
import { getChapterBySlug } from "../../app/models/chapters/chapters.server";
import { listSkills } from "../../app/models/accounts/profiles.server";
import { decodeCursor, encodeCursor } from "../../app/models/chapters/roster-query.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** Follows the "next" links from the first page to the last: every row seen, in order, and the page sizes. */
async function walkForward(t: TestDatabase, chapterId: number, f: RosterFilters, perPage: number) {
  const seen: string[] = [];
  const sizes: number[] = [];
  let after: RosterCursor | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await searchRoster(t.db, chapterId, { ...f, after, perPage });
    seen.push(...page.rows.map((r) => r.userId));
    sizes.push(page.rows.length);
    if (guard === 0) assert.equal(page.prev, null, "the first page has no previous page");
    else assert.ok(page.prev, "a later page links back");
    if (!page.next) break;
    after = page.next;
  }
  return { seen, sizes };
}

/** From the last page back to the first through the "previous" links. */
async function walkBackward(t: TestDatabase, chapterId: number, f: RosterFilters, perPage: number, last: RosterCursor) {
  const pages: string[][] = [];
  let before: RosterCursor | null = last;
  // the last page is the one before a cursor just past the end: start from the last row itself, inclusive
  const lastPage = await searchRoster(t.db, chapterId, { ...f, before, perPage });
  pages.unshift([...lastPage.rows.map((r) => r.userId), last.id]);
  before = lastPage.prev;
  while (before) {
    const page = await searchRoster(t.db, chapterId, { ...f, before, perPage });
    pages.unshift(page.rows.map((r) => r.userId));
    before = page.prev;
  }
  return pages.flat();
}

describe("roster keyset pagination", () => {
  let t: TestDatabase;
  let chapterId: number;
  let otherChapterId: number;
  const active: { id: string; name: string }[] = [];

  before(async () => {
    t = await createTestDatabase();
    chapterId = (await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" })).id;
    otherChapterId = (await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" })).id;
    // 420 people: the same names many times over (as real rosters have), names written two ways, a few unique
    // ones, some inactive or pending, and members of another chapter mixed in.
    const names = ["Siti Aminah", "siti aminah", "Siti  Aminah", "Budi Santoso", "Muhammad Rizky", "Muhammad Rizki", "Dewi", "Agus Salim", "Nur", "Ni Luh Putu Ayu"];
    const rows: { id: string; email: string; name: string }[] = [];
    const members: { userId: string; chapterId: number; role: "volunteer"; status: "active" | "inactive" | "pending" }[] = [];
    for (let i = 0; i < 420; i++) {
      const name = i % 37 === 0 ? `Unik ${i}` : names[(i * 7) % names.length]!;
      const id = randomUUID();
      rows.push({ id, email: `roster-page-${i}-${id.slice(0, 6)}@contoh.id`, name });
      const status = i % 11 === 0 ? "inactive" : i % 13 === 0 ? "pending" : "active";
      members.push({ userId: id, chapterId: i % 9 === 0 ? otherChapterId : chapterId, role: "volunteer", status });
      if (status === "active" && i % 9 !== 0) active.push({ id, name });
    }
    await t.db.insert(users).values(rows);
    await t.db.insert(memberships).values(members);
  });
  after(async () => {
    await t.close();
  });

  it("walks hundreds of members page by page: every active member exactly once, in the same order as one big page", async () => {
    const whole = await searchRoster(t.db, chapterId, { perPage: 1000 });
    assert.equal(whole.rows.length, active.length);
    assert.equal(whole.total, active.length);
    assert.equal(whole.next, null);
    assert.deepEqual(new Set(whole.rows.map((r) => r.userId)), new Set(active.map((a) => a.id)));
    for (const perPage of [25, 7, 1]) {
      const { seen, sizes } = await walkForward(t, chapterId, {}, perPage);
      assert.equal(new Set(seen).size, seen.length, `no one twice (perPage ${perPage})`);
      assert.deepEqual(seen, whole.rows.map((r) => r.userId), `same members in the same order (perPage ${perPage})`);
      assert.ok(sizes.slice(0, -1).every((n) => n === perPage), "every page but the last is full");
      assert.ok(sizes[sizes.length - 1]! >= 1 && sizes[sizes.length - 1]! <= perPage);
    }
  });

  it("orders members with equal names by id, so a page boundary inside a run of equal names skips no one", async () => {
    const whole = (await searchRoster(t.db, chapterId, { q: "budi santoso", perPage: 1000 })).rows;
    assert.ok(whole.length > 20, `many members share the name (${whole.length})`);
    assert.ok(whole.every((r) => r.name === "Budi Santoso"));
    const ids = whole.map((r) => r.userId);
    assert.deepEqual(ids, [...ids].sort(), "equal names: by id");
    for (const perPage of [2, 3, 10]) {
      const { seen } = await walkForward(t, chapterId, { q: "budi santoso" }, perPage);
      assert.deepEqual(seen, ids, `perPage ${perPage}`);
    }
  });

  it("walks back through the 'previous' links to exactly the same pages", async () => {
    const whole = (await searchRoster(t.db, chapterId, { perPage: 1000 })).rows;
    const lastRow = whole[whole.length - 1]!;
    const back = await walkBackward(t, chapterId, {}, 25, { name: lastRow.name, id: lastRow.userId });
    assert.deepEqual(back, whole.map((r) => r.userId));
    // the page before the second page is the first page, with a "next" link again
    const first = await searchRoster(t.db, chapterId, { perPage: 25 });
    const second = await searchRoster(t.db, chapterId, { after: first.next, perPage: 25 });
    const again = await searchRoster(t.db, chapterId, { before: second.prev, perPage: 25 });
    assert.deepEqual(again.rows.map((r) => r.userId), first.rows.map((r) => r.userId));
    assert.equal(again.prev, null);
    assert.deepEqual(again.next, first.next);
  });

  it("keeps the filters on every page (status, search) and counts the filtered total", async () => {
    const all = await searchRoster(t.db, chapterId, { status: "all", perPage: 1000 });
    const { seen } = await walkForward(t, chapterId, { status: "all" }, 30);
    assert.deepEqual(seen, all.rows.map((r) => r.userId));
    assert.ok((all.total ?? 0) > active.length);
    const sitis = await walkForward(t, chapterId, { q: "siti" }, 9);
    const expected = active.filter((a) => a.name.toLowerCase().includes("siti")).map((a) => a.id);
    assert.deepEqual(new Set(sitis.seen), new Set(expected));
    assert.equal(sitis.seen.length, expected.length);
    // a chapter's pages never show another chapter's members
    const other = await walkForward(t, otherChapterId, { status: "all" }, 10);
    assert.ok(other.seen.every((id) => !active.some((a) => a.id === id)));
  });

  it("a member added before the cursor meanwhile neither repeats nor shifts the next page", async () => {
    const first = await searchRoster(t.db, chapterId, { perPage: 25 });
    const expectedSecond = (await searchRoster(t.db, chapterId, { after: first.next, perPage: 25 })).rows.map((r) => r.userId);
    const id = randomUUID();
    await t.db.insert(users).values({ id, email: `aaa-${id.slice(0, 6)}@contoh.id`, name: "Aaron Awal" });
    await t.db.insert(memberships).values({ userId: id, chapterId, role: "volunteer", status: "active" });
    const second = await searchRoster(t.db, chapterId, { after: first.next, perPage: 25 });
    assert.deepEqual(second.rows.map((r) => r.userId), expectedSecond);
  });

  it("a member who changes their name moves to the new place in every chapter's order, and the count reads the filters", async () => {
    const whole = (await searchRoster(t.db, chapterId, { perPage: 1000 })).rows;
    const mover = whole[whole.length - 1]!;
    await t.db.update(users).set({ name: "Aaaa Pindah Nama" }).where(eq(users.id, mover.userId));
    const renamed = await searchRoster(t.db, chapterId, { perPage: 3 });
    assert.equal(renamed.rows[0]?.userId, mover.userId, "the renamed member now comes first");
    assert.equal(renamed.rows[0]?.name, "Aaaa Pindah Nama");
    const { seen } = await walkForward(t, chapterId, {}, 25);
    assert.equal(seen.length, whole.length);
    assert.deepEqual(new Set(seen), new Set(whole.map((r) => r.userId)));
    // counts with and without the filters that read the user and the profile agree with the rows
    for (const f of [{}, { status: "all" as const }, { q: "pindah" }, { q: "siti", status: "all" as const }]) {
      const page = await searchRoster(t.db, chapterId, { ...f, perPage: 1000 });
      assert.equal(page.total, page.rows.length, JSON.stringify(f));
    }
  });

  it("carries any name through the URL cursor, and ignores a tampered one", () => {
    for (const c of [{ name: "Siti  Aminah & Co. 'Ibu' \"Ani\" ?after=1", id: randomUUID() }, { name: "", id: "x" }, { name: "Ñoño Łukasz 王芳", id: "abc" }]) {
      const v = encodeCursor(c);
      assert.match(v, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeCursor(v), c);
    }
    for (const bad of [null, "", "%%%", "bm90IGpzb24", Buffer.from('["only name"]').toString("base64url"), Buffer.from('{"name":"a","id":"b"}').toString("base64url"), "A".repeat(3000)])
      assert.equal(decodeCursor(bad), null);
  });
});

describe("the roster page in one statement", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  let empty: { id: number; slug: string };
  let lead: { id: string; isAdmin: boolean };

  /** The first page of a chapter's roster from one plain query (every matching member, sorted by the database). */
  async function plainPage(chapterId: number, status: "active" | "all", perPage: number, after: RosterCursor | null, locale: "id" | "en" = "id") {
    const skillName = sql.raw(locale === "en" ? "s.name_en" : "s.name_id");
    const rows = rowsOf<{ id: string; name: string; email: string; whatsapp: string | null; kecamatan: string | null; status: string; applied_at: string | Date; skills: string[] | null }>(
      await t.db.execute(sql`select u.id, u.name, u.email, vp.whatsapp, kec.name as kecamatan, m.status, m.applied_at,
          (select array_agg(${skillName} order by ${skillName}) from user_skill us join skill s on s.id = us.skill_id where us.user_id = u.id) as skills
        from membership m join app_user u on u.id = m.user_id left join volunteer_profile vp on vp.user_id = u.id left join region kec on kec.code = vp.kecamatan_code
        where m.chapter_id = ${chapterId} and m.role = 'volunteer' and (${status} = 'all' or m.status = 'active')
        order by u.name, u.id`),
    );
    const from = after ? rows.findIndex((r) => r.name === after.name && r.id === after.id) + 1 : 0;
    return {
      total: rows.length,
      rows: rows.slice(from, from + perPage).map((r) => ({
        userId: r.id, name: r.name, email: r.email, whatsapp: r.whatsapp, kecamatan: r.kecamatan, status: r.status, joinedAt: new Date(r.applied_at), skills: r.skills ?? [],
      })),
    };
  }
  const shown = (p: RosterPage | null) => (p ? { total: p.total, rows: p.rows } : null);

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" });
    empty = await createChapter(t.db, { name: "RTIK Kosong", regionCode: "33.75" });
    const other = await createChapter(t.db, { name: "RTIK Lain", regionCode: "35.09" });
    const l = await createUser(t.db, { name: "Ketua Jember" });
    await addMembership(t.db, { userId: l.id, chapterId: chapter.id, role: "lead", status: "active" });
    lead = { id: l.id, isAdmin: false };
    // names written two ways, quotes and accents, profiles with and without a kecamatan or skills, inactive,
    // pending and declined members, and members of another chapter with the same names
    const names = ["Siti Aminah", "siti aminah", "Siti  Aminah", "Muhammad Rizky", "Muhammad Rizki", "Ni Luh Putu 'Ayu'", "Ñoman Łukasz", "Dewi"];
    const statuses = ["active", "active", "active", "inactive", "pending", "declined"] as const;
    for (let i = 0; i < 160; i++) {
      const u = await createUser(t.db, { name: names[i % names.length]! });
      await addMembership(t.db, { userId: u.id, chapterId: i % 10 === 0 ? other.id : chapter.id, status: statuses[i % statuses.length]! });
      if (i % 3 === 0) await createVolunteerProfile(t.db, { userId: u.id, regionCode: i % 2 ? "35.09.01" : "35.09.02", skills: i % 4 ? ["literasi-digital", "desain-grafis"] : [], whatsapp: i % 5 ? "+6281234500" + String(i).padStart(3, "0") : null });
      else if (i % 3 === 1) await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.09", skills: ["literasi-digital"] });
    }
  });
  after(async () => {
    await t.close();
  });

  it("reads what the separate reads gave: chapter, lead check, lists in the reader's language, the page and its count", async () => {
    for (const locale of ["id", "en"] as const) {
      for (const [slug, id] of [[chapter.slug, chapter.id], [empty.slug, empty.id]] as const) {
        const c = await getChapterBySlug(t.db, slug);
        assert.ok(c);
        const kecamatan = await chapterKecamatan(t.db, c.regionCode);
        const skills = (await listSkills(t.db)).map((s) => ({ id: s.id, name: locale === "en" ? s.nameEn : s.nameId })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        let after: RosterCursor | null = null;
        for (let pageNo = 0; pageNo < 6; pageNo++) {
          for (const status of ["active", "all"] as const) {
            const screen = await rosterScreen(t.db, { slug, reader: lead, filters: { status, after }, locale });
            assert.ok(screen);
            assert.deepEqual(screen.chapter, { id, slug, name: c.name });
            assert.equal(screen.isLead, id === chapter.id, "the lead of one chapter only");
            assert.deepEqual(screen.kecamatan, kecamatan);
            assert.deepEqual(new Set(screen.skills.map((s) => s.id)), new Set(skills.map((s) => s.id)));
            assert.deepEqual(screen.skills.map((s) => s.name).sort(), skills.map((s) => s.name).sort());
            if (!screen.isLead) {
              assert.equal(screen.roster, null, "nothing about the members for anyone but a lead");
              continue;
            }
            assert.deepEqual(shown(screen.roster), shown(await searchRoster(t.db, id, { status, after }, { locale })), `${slug} ${status} page ${pageNo}`);
            assert.deepEqual(shown(screen.roster), await plainPage(id, status, 25, after, locale), `${slug} ${status} page ${pageNo} (plain query, skills in ${locale})`);
            if (status === "active") after = screen.roster?.next ?? null;
          }
          if (!after) break;
        }
      }
    }
    // the same page with a search, a kecamatan, a skill (a second statement, planned for its values)
    const [skill] = await listSkills(t.db);
    for (const filters of [{ q: "siti" }, { q: "'ayu'", status: "all" as const }, { kecamatanCode: "35.09.01" }, { skillId: skill?.id ?? 1, status: "all" as const }, { weekday: 5 as const }]) {
      for (const locale of ["id", "en"] as const) {
        const screen = await rosterScreen(t.db, { slug: chapter.slug, reader: lead, filters, locale });
        assert.deepEqual(shown(screen?.roster ?? null), shown(await searchRoster(t.db, chapter.id, filters, { locale })), `${JSON.stringify(filters)} ${locale}`);
      }
    }
    const admin = await rosterScreen(t.db, { slug: empty.slug, reader: { id: "no-such-user", isAdmin: true }, filters: {}, locale: "id" });
    assert.deepEqual(shown(admin?.roster ?? null), { total: 0, rows: [] }, "a national admin sees an empty chapter's roster");
  });

  it("refuses the members to anyone who does not lead the chapter, and knows no unknown chapter", async () => {
    const volunteer = await createUser(t.db, { name: "Relawan Biasa" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id, status: "active" });
    const inactiveLead = await createUser(t.db, { name: "Mantan Ketua" });
    await addMembership(t.db, { userId: inactiveLead.id, chapterId: chapter.id, role: "lead", status: "inactive" });
    for (const reader of [volunteer, inactiveLead, { id: "no-such-user" }]) {
      for (const filters of [{}, { q: "siti" }]) {
        const screen = await rosterScreen(t.db, { slug: chapter.slug, reader: { id: reader.id, isAdmin: false }, filters, locale: "id" });
        assert.equal(screen?.isLead, false);
        assert.equal(screen?.roster, null);
      }
    }
    assert.equal(await rosterScreen(t.db, { slug: "no-such-chapter", reader: lead, filters: {}, locale: "id" }), null);
  });
});
