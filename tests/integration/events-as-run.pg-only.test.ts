import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, ne } from "drizzle-orm";
import { signups } from "../../db/schema/events";
import { getEvent } from "../../app/models/events/events.server";
import { signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

/** A volunteer on a slow phone taps one role, gets no answer, and taps another: both requests arrive together. */
describe("two roles of one day asked for at once", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("one of them is taken and the other refused; neither answer is a place the volunteer does not hold", async () => {
    const { chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" });
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(6), roles: [{ name: "Fasilitator", capacity: 50 }, { name: "Dokumentasi", capacity: 50 }] });
    const e = await getEvent(t.db, eventId);
    const [a, b] = [e?.roles[0]?.id ?? 0, e?.roles[1]?.id ?? 0];
    for (let i = 0; i < 30; i++) {
      const u = await createUser(t.db, { name: `Relawan Serentak ${i}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      const [ra, rb] = await Promise.all([signUp(t.db, { eventId, roleId: a, userId: u.id }), signUp(t.db, { eventId, roleId: b, userId: u.id })]);
      const held = await t.db.select({ roleId: signups.roleId }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, u.id), ne(signups.status, "cancelled")));
      assert.equal(held.length, 1);
      assert.deepEqual(
        [ra.ok, rb.ok],
        held[0]?.roleId === a ? [true, false] : [false, true],
        `try ${i}: the answers ${JSON.stringify([ra, rb])} and the role held (${held[0]?.roleId === a ? "first" : "second"}) agree`,
      );
      const refused = ra.ok ? rb : ra;
      assert.deepEqual(refused, { ok: false, reason: "otherRole" });
    }
  });
});
