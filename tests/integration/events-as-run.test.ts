import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { signups } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { cancelEvent, getEvent, parseEventForm, updateEvent, eventFormDefaults } from "../../app/models/events/events.server";
import { cancelSignup, setRoleCapacity, signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, formOf } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

function vevents(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    status: String(v.getFirstPropertyValue("status")),
    start: v.getFirstPropertyValue("dtstart")?.toString() ?? "",
  }));
}

/** Events as chapters really run them: a smaller room, a moved day, a cancelled event. */
describe("events as chapters run them", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";
  const vols: { id: string; email: string }[] = [];

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" }));
    for (let i = 0; i < 8; i++) {
      const u = await createUser(t.db, { name: `Relawan Jayapura ${i + 1}` });
      await addMembership(t.db, { userId: u.id, chapterId });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  const statusOf = async (eventId: number, userId: string) =>
    (await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, userId))))[0]?.status;

  it("a role's places lowered below the people signed up: nobody is removed, the page says the new number, and a cancellation no longer fills the place", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "91.71.01", date: inDays(6), roles: [{ name: "Pendamping", capacity: 5 }] });
    const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
    for (const v of vols.slice(0, 7)) assert.equal((await signUp(t.db, { eventId, roleId, userId: v.id })).ok, true);
    // the room turned out smaller: three places
    assert.ok(await setRoleCapacity(t.db, { eventId, roleId, capacity: 3 }));
    const e = await getEvent(t.db, eventId);
    assert.equal(e?.roles[0]?.capacity, 3);
    assert.deepEqual(
      e?.places.map((p) => [p.capacity, p.confirmed, p.waitlisted]),
      [[3, 5, 2]],
      "the five who hold a place keep it; the page shows three places",
    );
    // one of the five cancels: four remain, still more than three, so nobody moves up from the waitlist
    assert.equal((await cancelSignup(t.db, { eventId, userId: vols[0]!.id })).ok, true);
    assert.equal(await statusOf(eventId, vols[5]!.id), "waitlisted");
    assert.equal((await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, vols[5]!.email), eq(outbox.template, "event-promoted")))).length, 0);
    // someone new joins the waitlist, not a place
    const late = await signUp(t.db, { eventId, roleId, userId: vols[7]!.id });
    assert.deepEqual(late, { ok: true, status: "waitlisted", position: 3 });
    // two more cancel: two confirmed, one place free, the first in line moves up
    await cancelSignup(t.db, { eventId, userId: vols[1]!.id });
    await cancelSignup(t.db, { eventId, userId: vols[2]!.id });
    assert.equal(await statusOf(eventId, vols[5]!.id), "confirmed");
    assert.equal(await statusOf(eventId, vols[6]!.id), "waitlisted");
    assert.deepEqual((await getEvent(t.db, eventId))?.places.map((p) => [p.capacity, p.confirmed, p.waitlisted]), [[3, 3, 2]]);
  });
});
