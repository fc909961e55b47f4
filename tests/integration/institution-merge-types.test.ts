import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrCreateInstitution, mergeInstitutions, searchInstitutions } from "../../app/models/events/events.server";
import { fileReport, getReport } from "../../app/models/events/outcomes.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("merging institutions of two kinds", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };

  before(async () => {
    t = await createTestDatabase();
    const made = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Jember (gabung jenis)" });
    chapter = { id: made.chapterId };
    lead = { id: made.leadId };
  });
  after(async () => {
    await t.close();
  });

  it("refuses to merge a school into an UMKM of a similar name, and changes nothing", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(3), programSlug: "umkm-go-online" });
    const filed = await fileReport(t.db, {
      eventId: e,
      chapterRegion: "35.09",
      eventRegion: "35.09.07",
      userId: lead.id,
      form: { participantsTotal: 15, institutionIds: [], newInstitutionName: "SMK Bina Karya", newInstitutionType: "school" },
      onboarded: [],
      photos: [],
      list: "Bina Karya;umkm;;marketplace",
      file: "",
    });
    assert.ok(filed.ok);
    const school = (await getReport(t.db, e))?.reached.find((r) => r.type === "school");
    const umkm = (await getReport(t.db, e))?.online.find((r) => r.type === "umkm");
    assert.ok(school && umkm);
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: school.id, intoId: umkm.id, regionPrefix: "35.09" }), { ok: false, reason: "type" });
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: umkm.id, intoId: school.id, regionPrefix: "35.09" }), { ok: false, reason: "type" });
    const left = await searchInstitutions(t.db, { regionPrefix: "35.09", q: "Bina Karya" });
    assert.deepEqual(left.map((r) => [r.id, r.type, r.reports]).sort(), [[school.id, "school", 1], [umkm.id, "umkm", 1]].sort());
    assert.equal((await getReport(t.db, e))?.online.length, 1);
    // the same kind still merges
    const twin = await findOrCreateInstitution(t.db, { type: "umkm", name: "Bina  Karya Jaya", regionCode: "35.09.07" });
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: twin.id, intoId: umkm.id, regionPrefix: "35.09" }), { ok: true });
  });
});
