import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { events, eventSessions, signups } from "../../db/schema/events";
import { getEvent, localToUtc } from "../../app/models/events/events.server";
import { markAttendance, signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, todayIn } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/**
 * A lead marks someone present while another corrects the day's times: the hours credited are those of the times as
 * saved. The edit holds the event's row while it rewrites the day and recomputes; the marking waits for it.
 */
describe("attendance marked while the day's times are corrected", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("credits the corrected length, not the one read before the correction was saved", async () => {
    const { chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "73.71", name: "RTIK Kota Makassar" });
    const v = await createUser(t.db, { name: "Sitti Rahmawati" });
    await addMembership(t.db, { userId: v.id, chapterId });
    const [y, m, d] = todayIn("Asia/Makassar").split("-").map(Number);
    const date = new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "73.71.01", date, startTime: "08:00", endTime: "16:00", roles: [{ name: "Narasumber", capacity: 3 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: v.id, assignedBy: leadId })).ok, true);
    const [row] = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId));
    let marking: Promise<boolean> | null = null;
    let markedEarly = false;
    // the correction, as updateEvent makes it: the event's row locked, the day rewritten, then a moment to commit
    await t.db.transaction(async (tx) => {
      await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for("update");
      await tx.update(eventSessions).set({ endsAt: localToUtc(date, "12:00", "Asia/Makassar") }).where(eq(eventSessions.eventId, eventId));
      marking = markAttendance(t.db, { eventId, signupId: row!.id, attended: true });
      void marking.then(() => (markedEarly = true));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(markedEarly, false, "the marking waits for the correction");
    });
    assert.equal(await marking, true);
    const [after] = await t.db.select({ hours: signups.hoursCredited }).from(signups).where(eq(signups.id, row!.id));
    assert.equal(after?.hours, 4);
  });
});
