import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import sharp from "sharp";
import { outcomePhotos, outcomeReports } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { approveReport, photoDir, returnReport, saveReport, storePhotos } from "../../app/models/events/outcomes.server";
import { cancelEvent } from "../../app/models/events/events.server";
import { computeIndicators, computeIndicatorsFromRecords } from "../../app/models/reports/indicators.server";
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

  it("the same form sent twice at once (a double click) stores its photo once and mails the leads once", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(2) });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 11, g: 83, b: 148 } } }).jpeg().toBuffer();
    const photo = () => new File([jpeg], "kegiatan.jpg", { type: "image/jpeg" });
    // each request stores its own copy of the upload before saving
    const stored = await Promise.all([storePhotos([photo()]), storePhotos([photo()])]);
    const save = (i: number, formToken: string) =>
      saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: vol.id, form: { participantsTotal: 30, institutionIds: [] }, onboarded: [], photos: stored[i]?.ok ? stored[i].stored : [], formToken });
    const token = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const both = await Promise.all([save(0, token), save(1, token)]);
    assert.ok(both.every((r) => r.ok));
    const [report] = await t.db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, e));
    const photos = await t.db.select({ fileName: outcomePhotos.fileName }).from(outcomePhotos).where(eq(outcomePhotos.reportId, report?.id ?? 0));
    assert.equal(photos.length, 1, "one photo, not the same picture twice");
    const mails = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.template, "event-report"), like(outbox.dedupKey, `event-report:submitted:${e}:%`)));
    assert.equal(mails.length, 1, "the lead is mailed once");
    // the repeated request's copy is not left behind
    const files = await fs.readdir(photoDir());
    const mine = stored.flatMap((x) => (x.ok ? x.stored.map((p) => p.fileName) : []));
    assert.deepEqual(mine.filter((f) => files.includes(f)), photos.map((p) => p.fileName));
    // a later edit from a newly loaded form is saved as usual
    const more = await storePhotos([photo()]);
    assert.ok(more.ok);
    assert.ok((await saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: vol.id, form: { participantsTotal: 31, institutionIds: [] }, onboarded: [], photos: more.stored, formToken: "7c9e6679-7425-40de-944b-e07fc1f90ae7" })).ok);
    assert.equal((await t.db.select({ id: outcomePhotos.id }).from(outcomePhotos).where(eq(outcomePhotos.reportId, report?.id ?? 0))).length, 2);
    // the first page sent again minutes later (back button, edited): not a double click, saved
    await t.db.update(outcomeReports).set({ submittedAt: sql`now() - interval '3 minutes'` }).where(eq(outcomeReports.eventId, e));
    assert.deepEqual(await save(0, "7c9e6679-7425-40de-944b-e07fc1f90ae7"), { ok: true, reportId: report?.id });
    await Promise.all([...mine, ...more.stored.map((p) => p.fileName)].map((f) => fs.rm(path.join(photoDir(), f), { force: true })));
  });

  it("a report of an event cancelled after it was filed is not approved and counts nowhere", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(4) });
    assert.ok((await saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: vol.id, form: { participantsTotal: 40, institutionIds: [] }, onboarded: [], photos: [] })).ok);
    const year = Number(daysAgo(4).slice(0, 4));
    const period = { year, semester: 0 as const };
    const before = (await computeIndicators(t.db, { chapterIds: [chapter.id], period })).get(chapter.id)?.get("participants")?.total ?? 0;
    // the event did not take place after all: the lead cancels it while its report waits
    assert.equal(await cancelEvent(t.db, { eventId: e, chapterId: chapter.id }), true);
    assert.deepEqual(await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id }), { ok: false, reason: "cancelled" });
    // nor by the lead's own save with "approve now"
    assert.ok((await saveReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: lead.id, lead: true, form: { participantsTotal: 40, institutionIds: [], approveNow: "1" }, onboarded: [], photos: [] })).ok);
    const [r] = await t.db.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, e));
    assert.notEqual(r?.status, "approved");
    const kept = (await computeIndicators(t.db, { chapterIds: [chapter.id], period })).get(chapter.id)?.get("participants")?.total ?? 0;
    const raw = (await computeIndicatorsFromRecords(t.db, { chapterIds: [chapter.id], period })).get(chapter.id)?.get("participants")?.total ?? 0;
    assert.equal(kept, before, "the 40 participants of the cancelled event are not counted");
    assert.equal(raw, before);
  });
});
