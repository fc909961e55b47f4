import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { certificates } from "../../db/schema/reports";
import { eventsForCertificates, issueForAllAttendees } from "../../app/models/reports/certificates.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertAttendance, insertEvent } from "../support/reports-fixture";

describe("certificates only for events whose report is approved", () => {
  let t: TestDatabase;

  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("an event with a submitted report is listed without the issue button and issuing says why", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const lead = await createUser(t.db, { name: "Dewi Lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const vol = await createUser(t.db, { name: "Siti Aminah" });
    await addMembership(t.db, { userId: vol.id, chapterId: chapter.id });
    const submitted = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Menunggu persetujuan", date: "2026-03-10", time: "08:00", status: "submitted", participants: 40 });
    const approved = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Disetujui", date: "2026-03-11", time: "08:00", participants: 40 });
    await insertAttendance(t.db, submitted, vol.id, 3);
    await insertAttendance(t.db, approved, vol.id, 3);
    const list = await eventsForCertificates(t.db, chapter.id);
    assert.deepEqual(list.map((e) => [e.title, e.approved]).sort(), [["Disetujui", true], ["Menunggu persetujuan", false]]);
    assert.deepEqual(await issueForAllAttendees(t.db, { eventId: submitted.id, chapterId: chapter.id, issuedBy: lead.id }), { notApproved: true });
    assert.equal((await t.db.select({ id: certificates.id }).from(certificates).where(eq(certificates.eventId, submitted.id))).length, 0);
    assert.deepEqual(await issueForAllAttendees(t.db, { eventId: approved.id, chapterId: chapter.id, issuedBy: lead.id }), { issued: 1, already: 0 });
  });
});
