import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { memberships } from "../../db/schema/chapters";
import { personalDataOf, readerTimeZone } from "../../app/models/accounts/personal-data.server";
import { printablePersonalData } from "../../app/models/accounts/personal-data-print.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

// 23:30 WIB on Friday 4 December is already Saturday 5 December in Makassar (00:30 WITA) and Jayapura (01:30 WIT)
const LATE = new Date("2026-12-04T16:30:00Z");

/** The printable "my data" page writes the reader's own dates in the reader's zone (DECISIONS 118). */
describe("printable personal data: dates in the reader's zone", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => t?.close());

  async function personWith(input: { profileRegion?: string; chapterRegion: string }) {
    const chapter = await createChapter(t.db, { regionCode: input.chapterRegion, name: `RTIK ${input.chapterRegion}` });
    const user = await createUser(t.db, { name: "Andi Pratama" });
    await t.db.update(users).set({ privacyVersion: "2026-11", privacyConsentAt: LATE }).where(eq(users.id, user.id));
    await addMembership(t.db, { userId: user.id, chapterId: chapter.id, status: "pending" });
    await t.db.update(memberships).set({ appliedAt: LATE }).where(and(eq(memberships.userId, user.id), eq(memberships.chapterId, chapter.id)));
    if (input.profileRegion) await createVolunteerProfile(t.db, { userId: user.id, regionCode: input.profileRegion });
    return user;
  }

  it("a volunteer in Makassar reads Saturday for what they did at 00:30 WITA, and the page's times name WITA", async () => {
    const user = await personWith({ profileRegion: "73.71.01", chapterRegion: "73.71" });
    assert.equal(await readerTimeZone(t.db, user.id), "Asia/Makassar");
    const data = await personalDataOf(t.db, user.id, { locale: "id" });
    assert.ok(data);
    const p = printablePersonalData({ ...data, seenBy: [{ at: LATE.toISOString(), kind: "member_profile", actorName: "Lead", chapterName: null, detail: null }] }, "id", await readerTimeZone(t.db, user.id));
    assert.equal(p.consentDay, "Sabtu, 5 Desember 2026");
    assert.deepEqual(p.memberships.map((m) => m.appliedDay), ["Sabtu, 5 Desember 2026"]);
    assert.match(p.generated, / WITA$/);
    assert.match(p.seenBy.rows[0]!.time, /5 Des 2026.* 00[.:]30 WITA$/);
    const en = printablePersonalData(data, "en", "Asia/Makassar");
    assert.equal(en.consentDay, "Saturday, 5 December 2026");
  });

  it("names the whole home region, desa to province, as the profile does: a desa's name alone repeats", async () => {
    const user = await personWith({ profileRegion: "35.09.01.2003", chapterRegion: "35.09" });
    const data = await personalDataOf(t.db, user.id, { locale: "id" });
    assert.ok(data);
    assert.equal(printablePersonalData(data, "id").profile?.region, "Jombang, Jombang, Kabupaten Jember, Jawa Timur");
    const kecamatan = await personWith({ profileRegion: "91.71.01", chapterRegion: "91.71" });
    assert.equal((await personalDataOf(t.db, kecamatan.id, { locale: "en" }))?.profile?.region, "Jayapura Utara, Kota Jayapura, Papua");
  });

  it("without a profile region the chapter's zone is used; with neither, WIB", async () => {
    const papua = await personWith({ chapterRegion: "91.71" });
    assert.equal(await readerTimeZone(t.db, papua.id), "Asia/Jayapura");
    const data = await personalDataOf(t.db, papua.id, { locale: "id" });
    assert.equal(printablePersonalData(data!, "id", await readerTimeZone(t.db, papua.id)).consentDay, "Sabtu, 5 Desember 2026");
    const nobody = await createUser(t.db, { name: "Baru Daftar" });
    assert.equal(await readerTimeZone(t.db, nobody.id), "Asia/Jakarta");
    const jkt = await personWith({ chapterRegion: "35.09" });
    assert.equal(printablePersonalData((await personalDataOf(t.db, jkt.id, { locale: "id" }))!, "id", await readerTimeZone(t.db, jkt.id)).consentDay, "Jumat, 4 Desember 2026");
  });
});
