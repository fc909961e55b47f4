import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { languages, skills, userLanguages, userSkills, volunteerProfiles } from "../../db/schema/profiles";
import { maskFromKeys } from "../../app/models/accounts/availability";
import { BIO_MAX } from "../../app/models/accounts/profile-form";
import {
  addSkill,
  getProfile,
  getProfilePage,
  listLanguages,
  listSkills,
  listSkillsWithCounts,
  parseProfileForm,
  renameSkill,
  saveProfile,
  setSkillActive,
  writeProfile,
  type ProfileInput,
} from "../../app/models/accounts/profiles.server";
import { regionPickerState } from "../../app/models/regions/regions.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser, createVolunteerProfile } from "../factories";
import type { Db } from "../../db/client";
import { unpackOptions } from "../../app/utils/region-options";

let t: TestDatabase;
let skillId: Map<string, number>;
before(async () => {
  t = await createTestDatabase();
  const rows = await t.db.select({ id: skills.id, slug: skills.slug }).from(skills);
  skillId = new Map(rows.map((r) => [r.slug, r.id]));
});
after(async () => {
  await t.close();
});

function sid(slug: string): number {
  const id = skillId.get(slug);
  assert.ok(id, `no skill ${slug}`);
  return id;
}

function input(over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: "Dewi Lestari",
    whatsapp: "0812-3456-7890",
    regionCode: "35.09.01.2003",
    skillIds: [sid("literasi-digital"), sid("desain-grafis")],
    languageCodes: ["id", "jv"],
    availability: maskFromKeys(["sabtu-pagi", "sabtu-siang", "rabu-malam"]).mask,
    bio: "Guru TIK di SMP, senang mengajar literasi digital.",
    ...over,
  };
}

async function snapshot(db: Db, userId: string) {
  const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const profile = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  const s = await db.select({ id: userSkills.skillId }).from(userSkills).where(eq(userSkills.userId, userId)).orderBy(userSkills.skillId);
  const l = await db.select({ code: userLanguages.languageCode }).from(userLanguages).where(eq(userLanguages.userId, userId)).orderBy(userLanguages.languageCode);
  return { user, profile, skills: s, languages: l };
}

describe("managed lists", () => {
  it("are seeded by the migration: 14 skills, 12 languages, Indonesia first and English last", async () => {
    const all = await listSkills(t.db);
    assert.ok(all.length >= 14);
    for (const slug of ["literasi-digital", "keamanan-internet", "qris-pembayaran-digital", "layanan-pemerintahan-online", "video-editing"])
      assert.ok(skillId.has(slug), slug);
    assert.equal(all.find((s) => s.slug === "media-sosial-umkm")?.nameId, "Media sosial untuk UMKM");
    const langs = await listLanguages(t.db);
    assert.equal(langs.length, 12);
    assert.equal(langs[0]?.code, "id");
    assert.equal(langs.at(-1)?.code, "en");
    assert.deepEqual(langs.map((l) => l.code).sort(), ["ace", "ban", "bjn", "btk", "bug", "en", "id", "jv", "mad", "mak", "min", "su"]);
  });

  it("admins add, rename (slug kept) and deactivate skills; duplicates are refused", async () => {
    const added = await addSkill(t.db, { nameId: "Kecerdasan Artifisial", nameEn: "Artificial intelligence" });
    assert.ok(added.ok);
    const [row] = await t.db.select().from(skills).where(eq(skills.id, added.id));
    assert.equal(row?.slug, "kecerdasan-artifisial");
    assert.equal(row?.active, true);

    assert.deepEqual(await addSkill(t.db, { nameId: "kecerdasan artifisial", nameEn: "AI" }), {
      ok: false,
      errors: { nameId: ["profile.admin.skills.duplicate"] },
    });
    assert.deepEqual(await renameSkill(t.db, added.id, { nameId: "Desain grafis", nameEn: "x" }), {
      ok: false,
      errors: { nameId: ["profile.admin.skills.duplicate"] },
    });
    assert.deepEqual(await renameSkill(t.db, added.id, { nameId: "Kecerdasan buatan (AI)", nameEn: "AI tools" }), { ok: true });
    const [renamed] = await t.db.select().from(skills).where(eq(skills.id, added.id));
    assert.equal(renamed?.nameId, "Kecerdasan buatan (AI)");
    assert.equal(renamed?.slug, "kecerdasan-artifisial");

    // a differently spelled name that slugifies the same still gets a unique slug
    const twin = await addSkill(t.db, { nameId: "Kecerdasan-Artifisial!", nameEn: "AI again" });
    assert.ok(twin.ok);
    const [twinRow] = await t.db.select({ slug: skills.slug }).from(skills).where(eq(skills.id, twin.id));
    assert.match(twinRow?.slug ?? "", /^kecerdasan-artifisial-[a-z0-9]+$/);

    assert.equal(await setSkillActive(t.db, twin.id, false), true);
    assert.equal(await setSkillActive(t.db, 999_999, false), false);
    assert.ok(!(await listSkills(t.db)).some((s) => s.id === twin.id));
    const counted = await listSkillsWithCounts(t.db);
    assert.equal(counted.find((s) => s.id === twin.id)?.active, false);
    assert.equal(counted.find((s) => s.id === twin.id)?.holders, 0);
  });
});

describe("volunteer profile", () => {
  it("saves and reads back, deriving kecamatan and kabupaten from the chosen desa", async () => {
    const u = await createUser(t.db, { name: "Dewi" });
    assert.deepEqual(await saveProfile(t.db, u.id, input()), { ok: true });
    const p = await getProfile(t.db, u.id);
    assert.ok(p);
    assert.equal(p.name, "Dewi Lestari");
    assert.equal(p.email, u.email);
    assert.equal(p.whatsapp, "+6281234567890");
    assert.equal(p.regionCode, "35.09.01.2003");
    assert.equal(p.kecamatanCode, "35.09.01");
    assert.equal(p.kabupatenCode, "35.09");
    assert.deepEqual(p.regionPath.map((r) => r.code), ["35", "35.09", "35.09.01", "35.09.01.2003"]);
    assert.equal(p.timeZone, "Asia/Jakarta");
    assert.deepEqual(p.skills.map((s) => s.slug).sort(), ["desain-grafis", "literasi-digital"]);
    assert.deepEqual(p.languages.map((l) => l.code).sort(), ["id", "jv"]);
    assert.equal(p.availability, maskFromKeys(["sabtu-pagi", "sabtu-siang", "rabu-malam"]).mask);
    assert.equal(p.bio, "Guru TIK di SMP, senang mengajar literasi digital.");

    // a second save replaces the lists instead of adding to them; a kecamatan alone is enough; Bali is WITA
    assert.deepEqual(
      await saveProfile(t.db, u.id, input({ regionCode: "51.03.01", skillIds: [sid("fotografi-dokumentasi")], languageCodes: ["ban"], whatsapp: "", bio: "  " })),
      { ok: true },
    );
    const q = await getProfile(t.db, u.id);
    assert.ok(q);
    assert.equal(q.kecamatanCode, "51.03.01");
    assert.equal(q.kabupatenCode, "51.03");
    assert.equal(q.timeZone, "Asia/Makassar");
    assert.equal(q.whatsapp, null);
    assert.equal(q.bio, null);
    assert.deepEqual(q.skills.map((s) => s.slug), ["fotografi-dokumentasi"]);
    assert.deepEqual(q.languages.map((l) => l.code), ["ban"]);
    assert.equal((await t.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id))).length, 1);
  });

  it("a user without a profile yet reads as empty", async () => {
    const u = await createUser(t.db, { name: "Baru Daftar" });
    const p = await getProfile(t.db, u.id);
    assert.ok(p);
    assert.equal(p.name, "Baru Daftar");
    assert.equal(p.regionCode, null);
    assert.equal(p.timeZone, null);
    assert.equal(p.availability, 0);
    assert.deepEqual(p.skills, []);
    assert.equal(await getProfile(t.db, "no-such-user"), null);
  });

  it("refuses an invalid WhatsApp number and writes nothing", async () => {
    const u = await createUser(t.db, { name: "Agus" });
    await saveProfile(t.db, u.id, input({ name: "Agus Salim" }));
    const before = await snapshot(t.db, u.id);
    for (const [whatsapp, error] of [
      ["0812-34", "profile.whatsappInvalid"],
      ["021 555 1234", "profile.whatsappNotMobile"],
      ["+60 12 345 6789", "profile.whatsappInvalid"],
    ]) {
      const r = await saveProfile(t.db, u.id, input({ name: "Nama Lain", whatsapp, skillIds: [sid("pemrograman")], languageCodes: ["su"] }));
      assert.deepEqual(r, { ok: false, errors: { whatsapp: [error] } });
    }
    assert.deepEqual(await snapshot(t.db, u.id), before);

    // and nothing is created for someone who had no profile
    const fresh = await createUser(t.db);
    assert.equal((await saveProfile(t.db, fresh.id, input({ whatsapp: "12345" }))).ok, false);
    assert.deepEqual((await snapshot(t.db, fresh.id)).profile, []);
  });

  it("reports every broken rule at once", async () => {
    const u = await createUser(t.db);
    const r = await saveProfile(t.db, u.id, {
      name: " ",
      whatsapp: "0812 3456 7890",
      regionCode: "35.09",
      skillIds: [sid("pemrograman"), 987_654],
      languageCodes: ["id", "xx"],
      availability: 2 ** 21,
      bio: "x".repeat(501),
    });
    assert.deepEqual(r, {
      ok: false,
      errors: {
        name: ["errors.required"],
        bio: [`errors.tooLongMax?max=${BIO_MAX}`],
        availability: ["errors.invalid"],
        region: ["regions.needKecamatan"],
        skills: ["profile.skillUnknown"],
        languages: ["profile.languageUnknown"],
      },
    });
    assert.deepEqual((await saveProfile(t.db, u.id, input({ regionCode: null }))), { ok: false, errors: { region: ["regions.required"] } });
    assert.deepEqual((await saveProfile(t.db, u.id, input({ regionCode: "35.09.99" }))), { ok: false, errors: { region: ["regions.invalid"] } });
    assert.deepEqual((await snapshot(t.db, u.id)).profile, []);
  });

  it("a deactivated skill stays with those who have it but cannot be newly chosen", async () => {
    const added = await addSkill(t.db, { nameId: "Radio komunitas", nameEn: "Community radio" });
    assert.ok(added.ok);
    const holder = await createUser(t.db);
    const other = await createUser(t.db);
    await saveProfile(t.db, holder.id, input({ skillIds: [added.id] }));
    await setSkillActive(t.db, added.id, false);

    assert.ok((await listSkills(t.db, { holderId: holder.id })).some((s) => s.id === added.id && !s.active));
    assert.ok(!(await listSkills(t.db, { holderId: other.id })).some((s) => s.id === added.id));
    assert.deepEqual(await saveProfile(t.db, holder.id, input({ skillIds: [added.id, sid("marketplace")] })), { ok: true });
    assert.deepEqual(await saveProfile(t.db, other.id, input({ skillIds: [added.id] })), { ok: false, errors: { skills: ["profile.skillUnknown"] } });
  });

  it("is all or nothing: a write that fails half-way leaves the previous profile intact", async () => {
    const u = await createUser(t.db, { name: "Rina" });
    await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.09.01", skills: ["literasi-digital"], languages: ["id"], availability: ["senin-pagi"] });
    const before = await snapshot(t.db, u.id);
    // the name, the profile row and the skills are written before the languages; the unknown language
    // code breaks the last insert (foreign key), so everything before it must be rolled back
    await assert.rejects(
      writeProfile(t.db, u.id, {
        name: "Rina Berubah",
        whatsapp: "+6289999999999",
        regionCode: "51.03.01",
        kecamatanCode: "51.03.01",
        kabupatenCode: "51.03",
        skillIds: [sid("pemrograman"), sid("video-editing")],
        languageCodes: ["id", "zz"],
        availability: 7,
        bio: "baru",
      }),
    );
    assert.deepEqual(await snapshot(t.db, u.id), before);
    const [lang] = await t.db.select().from(languages).where(eq(languages.code, "zz"));
    assert.equal(lang, undefined);
  });
});

describe("profile form", () => {
  function form(entries: [string, string][]): FormData {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  }

  it("turns checkboxes, the region picker and the availability grid into a ProfileInput", () => {
    const r = parseProfileForm(
      form([
        ["name", "  Putu Ayu "],
        ["whatsapp", "0812 3456 7890"],
        ["region_1", "51"],
        ["region_2", "51.03"],
        ["region_3", "51.03.01"],
        ["region_4", ""],
        ["skills", "3"],
        ["skills", "5"],
        ["skills", "3"],
        ["languages", "ban"],
        ["availability", "sabtu-pagi"],
        ["availability", "minggu-malam"],
        ["bio", ""],
      ]),
    );
    assert.deepEqual(r, {
      ok: true,
      data: {
        name: "Putu Ayu",
        whatsapp: "0812 3456 7890",
        regionCode: "51.03.01",
        skillIds: [3, 5],
        languageCodes: ["ban"],
        availability: maskFromKeys(["sabtu-pagi", "minggu-malam"]).mask,
        bio: null,
      },
    });
  });

  it("keeps what was typed when the shape is wrong", () => {
    const r = parseProfileForm(form([["name", ""], ["skills", "1"], ["availability", "senin-subuh"], ["bio", "y".repeat(501)]]));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors, { name: ["errors.required"], bio: [`errors.tooLongMax?max=${BIO_MAX}`] });
    assert.deepEqual(r.values.skills, "1");
    const r2 = parseProfileForm(form([["name", "Ok"], ["availability", "senin-subuh"], ["skills", "abc"]]));
    assert.equal(r2.ok, false);
    if (r2.ok) return;
    assert.deepEqual(r2.errors, { availability: ["errors.invalid"], skills: ["profile.skillUnknown"] });
    assert.equal(r2.values.name, "Ok");
  });
});

describe("the profile page in one statement", () => {
  /** what the page showed when it read each list on its own: the reads getProfilePage replaces */
  async function readSeparately(userId: string, locale: "id" | "en") {
    const p = await getProfile(t.db, userId);
    assert.ok(p);
    const [skillList, languageList, picker] = await Promise.all([
      listSkills(t.db, { holderId: userId }),
      listLanguages(t.db),
      regionPickerState(t.db, p.regionCode, { maxLevel: 4 }),
    ]);
    const name = (x: { nameId: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameId);
    return {
      name: p.name,
      email: p.email,
      whatsapp: p.whatsapp,
      bio: p.bio,
      regionCode: p.regionCode,
      availability: p.availability,
      updatedAt: p.updatedAt ? new Date(p.updatedAt) : null,
      skills: skillList.map((s) => ({ id: s.id, name: name(s), active: s.active })),
      heldSkills: p.skills.map((s) => s.id).sort((a, b) => a - b),
      languages: languageList.map((l) => ({ code: l.code, name: name(l) })),
      heldLanguages: p.languages.map((l) => l.code).sort(),
      picker,
    };
  }
  async function readTogether(userId: string, locale: "id" | "en") {
    const page = await getProfilePage(t.db, userId, locale);
    assert.ok(page);
    return { ...page, heldSkills: [...page.heldSkills].sort((a, b) => a - b), heldLanguages: [...page.heldLanguages].sort() };
  }

  it("reads what the separate reads gave, at every depth of the region and in both languages", async () => {
    const u = await createUser(t.db, { name: "Rina Wulandari" });
    const fresh = await readTogether(u.id, "id");
    assert.deepEqual(fresh, await readSeparately(u.id, "id"));
    assert.equal(unpackOptions(fresh.picker.levels[0]?.options ?? "").length > 0, true, "the provinces are listed for a new profile");
    assert.deepEqual(fresh.picker.levels.slice(1).map((l) => unpackOptions(l.options).length), [0, 0, 0]);

    // an inactive skill the volunteer holds stays listed for them only
    const added = await addSkill(t.db, { nameId: "Keahlian Lama Satu Halaman", nameEn: "Old one-page skill" });
    assert.ok(added.ok);
    assert.deepEqual(await saveProfile(t.db, u.id, input({ skillIds: [sid("literasi-digital"), added.id] })), { ok: true });
    await setSkillActive(t.db, added.id, false);
    const other = await createUser(t.db, { name: "Lain" });
    assert.ok((await readTogether(u.id, "id")).skills.some((s) => s.id === added.id && !s.active));
    assert.ok(!(await readTogether(other.id, "id")).skills.some((s) => s.id === added.id));

    for (const regionCode of ["35.09.01.2003", "35.09.01", "51.03.01"]) {
      assert.deepEqual(await saveProfile(t.db, u.id, input({ regionCode, skillIds: [sid("literasi-digital"), added.id] })), { ok: true });
      for (const locale of ["id", "en"] as const) {
        const together = await readTogether(u.id, locale);
        assert.deepEqual(together, await readSeparately(u.id, locale), `${regionCode} ${locale}`);
      }
    }
    // a kabupaten-level code (written directly: the form asks for a kecamatan) lists down to the kecamatan only
    await t.db.update(volunteerProfiles).set({ regionCode: "35.09" }).where(eq(volunteerProfiles.userId, u.id));
    const kab = await readTogether(u.id, "en");
    assert.deepEqual(kab, await readSeparately(u.id, "en"));
    assert.ok(unpackOptions(kab.picker.levels[2]?.options ?? "").length);
    assert.deepEqual(unpackOptions(kab.picker.levels[3]?.options ?? ""), []);
    assert.equal(await getProfilePage(t.db, "no-such-user", "id"), null);
  });
});
