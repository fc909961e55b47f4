import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { signups } from "../../db/schema/events";
import { tutoringOffers, tutoringRequestEvents, tutoringRequests } from "../../db/schema/tutoring";
import type { SessionUser } from "../../app/auth/session.server";
import { leaveChapter } from "../../app/models/accounts/personal-data.server";
import { claimRequest, logSession, offerRequest, respondToOffer } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertEvent } from "../support/reports-fixture";
import { addMembership, createChapter, createUser, createVolunteerProfile, formOf, todayIn } from "../factories";

let t: TestDatabase;
let ip = 0;

before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

async function fileRequest(regionCode: string, name: string, whatsapp: string) {
  const parsed = parseTutoringForm(formOf({ name, whatsapp, topics: ["marketplace"], forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" }), regionCode);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  const r = await createTutoringRequest(t.db, parsed.data, { ip: `10.19.0.${++ip}`, locale: "id", appUrl: "https://simpul.test" });
  assert.ok(r.ok, JSON.stringify(r));
  return r.requestId;
}

const su = (u: { id: string; email: string; name: string }): SessionUser => ({ id: u.id, email: u.email, name: u.name, locale: "id", isAdmin: false });

/** An upcoming published event of the chapter with one place: `holder` has it, `waiting` is first on the waitlist. */
async function fullUpcomingEvent(chapterId: number, regionCode: string, holder: string, waiting: string) {
  const ev = await insertEvent(t.db, { chapterId, regionCode, timeZone: "Asia/Jakarta", date: "2031-02-01", time: "08:00", status: null });
  await t.db.execute(sql`update event_role set capacity = 1 where id = ${ev.roleId}`);
  await t.db.execute(sql`insert into event_session_role (session_id, role_id, event_id, capacity) values (${ev.sessionId}, ${ev.roleId}, ${ev.id}, 1)`);
  await t.db.execute(sql`update event set status = 'published' where id = ${ev.id}`);
  await t.db.insert(signups).values({ eventId: ev.id, roleId: ev.roleId, sessionId: ev.sessionId, userId: holder, status: "confirmed", queuedAt: new Date() });
  await t.db.insert(signups).values({ eventId: ev.id, roleId: ev.roleId, sessionId: ev.sessionId, userId: waiting, status: "waitlisted", queuedAt: new Date(), waitlistPosition: 1 });
  return ev.id;
}

const statusOf = async (eventId: number, userId: string) => (await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, userId))))[0]?.status;
const requestOf = async (id: number) => (await t.db.select({ status: tutoringRequests.status, tutorId: tutoringRequests.tutorId }).from(tutoringRequests).where(eq(tutoringRequests.id, id)))[0];

describe("leaving a chapter", () => {
  it("releases the volunteer's tutoring, offers and upcoming sign-ups in that chapter only, in one go", async () => {
    const jember = await createChapter(t.db, { name: "RTIK Kabupaten Jember", regionCode: "35.09" });
    const banyuwangi = await createChapter(t.db, { name: "RTIK Kabupaten Banyuwangi", regionCode: "35.10" });
    const lead = await createUser(t.db, { name: "Lead Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: jember.id, role: "lead" });
    const siti = await createUser(t.db, { name: "Siti Keluar", email: "siti.keluar@example.test" });
    const wati = await createUser(t.db, { name: "Wati Menunggu" });
    for (const u of [siti, wati]) {
      await addMembership(t.db, { userId: u.id, chapterId: jember.id });
      await addMembership(t.db, { userId: u.id, chapterId: banyuwangi.id });
    }
    await createVolunteerProfile(t.db, { userId: siti.id, regionCode: "35.09.01", whatsapp: "+6281234511001", skills: ["marketplace"], languages: ["id"], availability: ["sabtu-pagi"] });

    // Jember: one request matched to Siti, one in progress (a session logged), one offered to her by the lead
    const matched = await fileRequest("35.09.01.2003", "Pak Slamet", "0813-6666-0001");
    const inProgress = await fileRequest("35.09.01.2003", "Bu Ani", "0813-6666-0002");
    const offered = await fileRequest("35.09.01.2003", "Mbak Rina", "0813-6666-0003");
    assert.deepEqual(await claimRequest(t.db, su(siti), matched), { ok: true });
    assert.deepEqual(await claimRequest(t.db, su(siti), inProgress), { ok: true });
    assert.deepEqual(await logSession(t.db, su(siti), inProgress, { heldOn: todayIn(), minutes: 60, topic: "Marketplace", notes: "" }), { ok: true });
    assert.equal((await requestOf(inProgress))?.status, "in_progress");
    const offerResult = await offerRequest(t.db, su(lead), jember.id, offered, siti.id);
    assert.deepEqual(offerResult, { ok: true });
    assert.equal((await requestOf(offered))?.status, "offered");
    // Banyuwangi: a request she holds there stays hers
    const elsewhere = await fileRequest("35.10.01.2001", "Pak Harjo", "0813-6666-0004");
    assert.deepEqual(await claimRequest(t.db, su(siti), elsewhere), { ok: true });

    const jemberEvent = await fullUpcomingEvent(jember.id, "35.09", siti.id, wati.id);
    const otherEvent = await fullUpcomingEvent(banyuwangi.id, "35.10", siti.id, wati.id);

    assert.equal(await leaveChapter(t.db, siti.id, jember.id), true);

    assert.equal((await t.db.select().from(memberships).where(and(eq(memberships.userId, siti.id), eq(memberships.chapterId, jember.id)))).length, 0);
    // held requests are back on the board, with a history entry each
    assert.deepEqual(await requestOf(matched), { status: "new", tutorId: null });
    assert.deepEqual(await requestOf(inProgress), { status: "new", tutorId: null });
    for (const [id, from] of [[matched, "matched"], [inProgress, "in_progress"]] as const) {
      const history = await t.db.select({ from: tutoringRequestEvents.fromStatus, to: tutoringRequestEvents.toStatus, note: tutoringRequestEvents.note }).from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, id)).orderBy(sql`${tutoringRequestEvents.id} desc`).limit(1);
      assert.deepEqual(history, [{ from, to: "new", note: "tutoring.history.tutorLeft" }]);
    }
    // the pending offer is withdrawn; she can no longer accept it
    assert.deepEqual(await requestOf(offered), { status: "new", tutorId: null });
    assert.deepEqual(await t.db.select({ status: tutoringOffers.status }).from(tutoringOffers).where(and(eq(tutoringOffers.requestId, offered), eq(tutoringOffers.volunteerId, siti.id))), [{ status: "withdrawn" }]);
    assert.equal((await respondToOffer(t.db, su(siti), offered, "accept")).ok, false);
    assert.deepEqual(await requestOf(offered), { status: "new", tutorId: null });
    // the Jember event: her place went to Wati
    assert.equal(await statusOf(jemberEvent, siti.id), "cancelled");
    assert.equal(await statusOf(jemberEvent, wati.id), "confirmed");
    // Banyuwangi is untouched
    assert.deepEqual(await requestOf(elsewhere), { status: "matched", tutorId: siti.id });
    assert.equal(await statusOf(otherEvent, siti.id), "confirmed");
    assert.equal(await statusOf(otherEvent, wati.id), "waitlisted");

    // leaving again changes nothing
    assert.equal(await leaveChapter(t.db, siti.id, jember.id), false);
  });
});
