import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, inArray, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema/accounts";
import { eventParticipants, eventParticipantTickets, events, eventSessions } from "../../db/schema/events";
import { participantCounts, registerAhead, registrationTicket } from "../../app/models/events/participants.server";
import { runRetention } from "../../app/models/privacy/retention.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const PERIODS = { learnerContactMonths: 6, outboxDays: 30, sessionIdleDays: 14, accessLogMonths: 24, participantContactMonths: 3 };

/** UU PDP storage limitation for members of the public at events, and for the IP addresses kept by the rate limits. */
describe("retention: event participants' contacts and the rate limits' addresses", () => {
  let t: TestDatabase;
  let oldEvent: number;
  let recentEvent: number;
  const tokens = new Map<string, string>();

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.11", name: "RTIK Bondowoso" });
    const lead = await createUser(t.db, { name: "Lead Bondowoso" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    oldEvent = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.11.01", title: "Internet Sehat Maret", date: inDays(5) });
    recentEvent = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.11.01", title: "Internet Sehat Oktober", date: inDays(6) });
    const people = [
      { eventId: oldEvent, name: "Bu Warsini", phone: "0812-7777-0001", email: "warsini@contoh.test" },
      { eventId: oldEvent, name: "Pak Slamet", phone: "+62 812 7777 0002" },
      { eventId: recentEvent, name: "Mbak Rini", phone: "+6281277770003", email: "rini@contoh.test" },
    ];
    for (const p of people) {
      const r = await registerAhead(t.db, { eventId: p.eventId, form: { name: p.name, phone: p.phone, email: p.email } });
      assert.ok(r.ok && r.token, JSON.stringify(r));
      tokens.set(p.name, r.token);
    }
    // the first event ended four months ago, the second one month ago
    const move = async (eventId: number, daysAgo: number) => {
      const shift = sql`make_interval(days => ${daysAgo + 5})`;
      await t.db.update(events).set({ startsAt: sql`starts_at - ${shift}`, endsAt: sql`ends_at - ${shift}` }).where(eq(events.id, eventId));
      await t.db.update(eventSessions).set({ startsAt: sql`starts_at - ${shift}`, endsAt: sql`ends_at - ${shift}` }).where(eq(eventSessions.eventId, eventId));
    };
    await move(oldEvent, 120);
    await move(recentEvent, 30);
    await t.db.insert(rateLimits).values([
      { key: "tutoring:203.0.113.7", windowStart: new Date(Date.now() - 2 * DAY), count: 3 },
      { key: "login:ip:203.0.113.8", windowStart: new Date(Date.now() - 10 * 60_000), count: 1 },
    ]);
  });
  after(async () => {
    await t.close();
  });

  it("erases the phone, email and ticket links of an event over for the period; names and counts stay", async () => {
    const countsBefore = await participantCounts(t.db, oldEvent);
    const result = await runRetention(t.db, new Date(), PERIODS);
    assert.equal(result.participants, 2);
    assert.equal(result.rateLimits, 1);

    const rows = await t.db
      .select({ eventId: eventParticipants.eventId, name: eventParticipants.name, phone: eventParticipants.phone, email: eventParticipants.email })
      .from(eventParticipants)
      .where(inArray(eventParticipants.eventId, [oldEvent, recentEvent]))
      .orderBy(eventParticipants.id);
    assert.deepEqual(rows, [
      { eventId: oldEvent, name: "Bu Warsini", phone: null, email: null },
      { eventId: oldEvent, name: "Pak Slamet", phone: null, email: null },
      { eventId: recentEvent, name: "Mbak Rini", phone: "+6281277770003", email: "rini@contoh.test" },
    ]);
    // the links that showed the contact open nothing any more; the recent event's still do
    assert.equal(await registrationTicket(t.db, { eventId: oldEvent, token: tokens.get("Bu Warsini")! }), null);
    assert.ok(await registrationTicket(t.db, { eventId: recentEvent, token: tokens.get("Mbak Rini")! }));
    const tickets = await t.db.select({ id: eventParticipantTickets.participantId }).from(eventParticipantTickets);
    assert.equal(tickets.length, 1);
    assert.deepEqual(await participantCounts(t.db, oldEvent), countsBefore, "the report still counts them");

    // the rate limits keep only the counter still in its window
    const keys = await t.db.select({ key: rateLimits.key }).from(rateLimits).where(inArray(rateLimits.key, ["tutoring:203.0.113.7", "login:ip:203.0.113.8"]));
    assert.deepEqual(keys.map((k) => k.key), ["login:ip:203.0.113.8"]);

    // a second run finds nothing more to erase
    const again = await runRetention(t.db, new Date(), PERIODS);
    assert.equal(again.participants, 0);
  });
});
