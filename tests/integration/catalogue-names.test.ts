import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { learningTopics } from "../../db/schema/tutoring";
import { programs } from "../../db/schema/events";
import { indicators } from "../../db/schema/reports";
import { skills } from "../../db/schema/profiles";
import { saveTopic } from "../../app/models/tutoring/requests.server";
import { addProgram, updateProgram } from "../../app/models/events/programs.server";
import { addSkill, renameSkill } from "../../app/models/accounts/profiles.server";
import { updateIndicator } from "../../app/models/reports/indicators.server";
import { catalogueNameKey } from "../../app/models/catalogue-names.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

const topicId = async (nameId: string) => (await t.db.select({ id: learningTopics.id }).from(learningTopics).where(eq(learningTopics.nameId, nameId)))[0]?.id ?? 0;

describe("the names of the lists admins manage", () => {
  it("are compared by case, spaces, punctuation and accents, in every script", () => {
    assert.equal(catalogueNameKey("Dasar Komputer"), catalogueNameKey("  dasar  komputer "));
    assert.equal(catalogueNameKey("Désain-Grafis"), catalogueNameKey("desain grafis"));
    assert.notEqual(catalogueNameKey("محو الأمية الرقمية"), catalogueNameKey("الأمية"));
    assert.notEqual(catalogueNameKey("Dasar Komputer 1"), catalogueNameKey("Dasar Komputer 2"));
  });

  it("a tutoring topic renamed to another topic's name is refused, next to the field; its own name may change case", async () => {
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Dasar Komputer Uji", nameEn: "Computer basics test", skills: [] }), { ok: true });
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Internet Aman Uji", nameEn: "Safe internet test", skills: [] }), { ok: true });
    const other = await topicId("Internet Aman Uji");
    assert.deepEqual(await saveTopic(t.db, other, { nameId: "dasar  komputer  uji", nameEn: "Safe internet test", skills: [] }), {
      ok: false,
      errors: { nameId: ["tutoring.admin.duplicate"] },
    });
    assert.deepEqual(await saveTopic(t.db, other, { nameId: "Internet sehat uji", nameEn: "computer BASICS test", skills: [] }), {
      ok: false,
      errors: { nameEn: ["tutoring.admin.duplicate"] },
    });
    const [row] = await t.db.select().from(learningTopics).where(eq(learningTopics.id, other));
    assert.equal(row?.nameId, "Internet Aman Uji", "nothing saved");
    assert.deepEqual(await saveTopic(t.db, other, { nameId: "internet aman uji", nameEn: "Safe internet test", skills: [] }), { ok: true });
    assert.deepEqual(await saveTopic(t.db, null, { nameId: "Dásar-Komputer uji!", nameEn: "Another", skills: [] }), { ok: false, errors: { nameId: ["tutoring.admin.duplicate"] } });
    assert.deepEqual(await saveTopic(t.db, 987654, { nameId: "Tidak ada", nameEn: "None", skills: [] }), { ok: false, notFound: true });
  });

  it("two admins adding the same topic at once, written two ways, make one", async () => {
    const results = await Promise.all([
      saveTopic(t.db, null, { nameId: "Keamanan Siber Uji", nameEn: "Cyber security test", skills: [] }),
      saveTopic(t.db, null, { nameId: "keamanan  siber uji", nameEn: "Cyber-security test", skills: [] }),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    const all = await t.db.select({ nameId: learningTopics.nameId }).from(learningTopics);
    assert.equal(all.filter((r) => catalogueNameKey(r.nameId) === "keamanan siber uji").length, 1);
  });

  it("programs, skills and indicators too", async () => {
    const a = await addProgram(t.db, { nameId: "Literasi Digital Uji", nameEn: "Digital literacy test", outcomes: ["participants"] });
    const b = await addProgram(t.db, { nameId: "Bimtek UMKM Uji", nameEn: "SME clinic test", outcomes: ["participants"] });
    assert.ok(a.ok && b.ok);
    assert.deepEqual(await addProgram(t.db, { nameId: "literasi digital  uji", nameEn: "x", outcomes: ["participants"] }), { ok: false, errors: { nameId: ["events.programs.exists"] } });
    assert.deepEqual(await updateProgram(t.db, b.id, { nameId: "Literasi  digital uji", nameEn: "SME clinic test", outcomes: ["participants"] }), {
      ok: false,
      errors: { nameId: ["events.programs.exists"] },
    });
    assert.equal((await t.db.select().from(programs).where(eq(programs.id, b.id)))[0]?.nameId, "Bimtek UMKM Uji");
    assert.deepEqual(await updateProgram(t.db, b.id, { nameId: "Bimtek UMKM Uji (baru)", nameEn: "SME clinic test", outcomes: ["participants"] }), { ok: true, id: b.id });
    assert.equal(await updateProgram(t.db, 987654, { nameId: "X", nameEn: "Y", outcomes: ["participants"] }), null);

    const s1 = await addSkill(t.db, { nameId: "Fotografi Uji", nameEn: "Photography test" });
    const s2 = await addSkill(t.db, { nameId: "Videografi Uji", nameEn: "Videography test" });
    assert.ok(s1.ok && s2.ok);
    assert.deepEqual(await renameSkill(t.db, s2.id, { nameId: "fotografi  UJI", nameEn: "Videography test" }), { ok: false, errors: { nameId: ["profile.admin.skills.duplicate"] } });
    assert.deepEqual(await renameSkill(t.db, s2.id, { nameId: "Video Uji", nameEn: "photography TEST" }), { ok: false, errors: { nameEn: ["profile.admin.skills.duplicate"] } });
    assert.equal((await t.db.select().from(skills).where(eq(skills.id, s2.id)))[0]?.nameId, "Videografi Uji");

    const [first, second] = await t.db.select().from(indicators).orderBy(indicators.id).limit(2);
    assert.ok(first && second);
    const form = { nameId: ` ${first.nameId.toUpperCase()} `, nameEn: second.nameEn, definitionId: second.definitionId, definitionEn: second.definitionEn, position: second.position, active: "1" as const };
    assert.deepEqual(await updateIndicator(t.db, second.id, form), { ok: false, errors: { nameId: ["reports.admin.nameTaken"] } });
    assert.equal((await t.db.select().from(indicators).where(eq(indicators.id, second.id)))[0]?.nameId, second.nameId);
    assert.deepEqual(await updateIndicator(t.db, second.id, { ...form, nameId: second.nameId.toLowerCase() }), { ok: true });
    assert.equal(await updateIndicator(t.db, 987654, form), null);
  });
});
