import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { outcomeReports } from "../../db/schema/events";
import { approveReport, returnReport, saveReport } from "../../app/models/events/outcomes.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("a report reviewed from two tabs", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  let vol: { id: string };

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember (uji)" });
    lead = await createUser(t.db, { name: "Koordinator Jember" });
    vol = await createUser(t.db, { name: "Relawan Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(t.db, { userId: vol.id, chapterId: chapter.id });
  });
  after(async () => {
    await t.close();
  });

  it("approving a report sent back meanwhile is refused as changed; approving one approved meanwhile is done", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(3) });
    assert.ok((await saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: vol.id, form: { participantsTotal: 30, institutionIds: [] }, onboarded: [], photos: [] })).ok);
    assert.ok(await returnReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id, note: "Foto kurang" }));
    assert.deepEqual(await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id }), { ok: false, reason: "changed" });
    const [r] = await t.db.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, e));
    assert.equal(r?.status, "returned");
    assert.ok((await saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: vol.id, form: { participantsTotal: 30, institutionIds: [] }, onboarded: [], photos: [] })).ok);
    assert.deepEqual(await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id }), { ok: true });
    assert.deepEqual(await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id }), { ok: true }, "a second tab approving too");
  });
});
