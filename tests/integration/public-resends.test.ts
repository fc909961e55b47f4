import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { cancelFromTicket, registerAhead, registrationTicket, setParticipantCapacity } from "../../app/models/events/participants.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

describe("what members of the public send twice, or press by mistake, on a slow phone", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09" });
    chapterId = chapter.id;
    const lead = await createUser(t.db);
    leadId = lead.id;
    await addMembership(t.db, { userId: lead.id, chapterId, role: "lead" });
  });
  after(async () => {
    await t?.close();
  });

  it("a ticket's cancel button takes a ticked confirmation; sent again after it went through it says cancelled, not 'not found'", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(6), title: "Literasi Digital Ibu-Ibu PKK" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 1 }));
    const siti = await registerAhead(t.db, { eventId, form: { name: "Hj. Siti Ma'rufah", phone: "0812-3456-7890" } });
    const dewi = await registerAhead(t.db, { eventId, form: { name: "Dewi Lestari", phone: "+62 813 1111 2222" } });
    assert.ok(siti.ok && siti.token && dewi.ok && dewi.token);
    assert.equal(dewi.status, "waitlisted");
    const place = { eventId, token: siti.token };

    // a stray tap: nothing happens, the place stays Siti's and Dewi keeps waiting
    assert.equal(await cancelFromTicket(t.db, { ...place, confirm: null }), "confirmRequired");
    assert.equal(await cancelFromTicket(t.db, { ...place, confirm: "" }), "confirmRequired");
    assert.equal((await registrationTicket(t.db, place))?.person.status, "confirmed");
    assert.equal((await registrationTicket(t.db, { eventId, token: dewi.token }))?.person.status, "waitlisted");

    // ticked: cancelled, Dewi moves up
    assert.equal(await cancelFromTicket(t.db, { ...place, confirm: "yes" }), "cancelled");
    assert.equal(await registrationTicket(t.db, place), null);
    assert.equal((await registrationTicket(t.db, { eventId, token: dewi.token }))?.person.status, "confirmed");
    // the same press again (the answer lost on 3G): the registration is gone, and the page says it is cancelled
    assert.equal(await cancelFromTicket(t.db, { ...place, confirm: "yes" }), "gone");
    assert.equal(await cancelFromTicket(t.db, { ...place, confirm: null }), "gone");
    const rows = await t.db.select({ name: eventParticipants.name, status: eventParticipants.status }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
    assert.deepEqual(rows, [{ name: "Dewi Lestari", status: "confirmed" }]);

    // not a ticket at all, or another event that does not exist: still "not found"
    assert.equal(await cancelFromTicket(t.db, { eventId, token: "bukan-tiket", confirm: "yes" }), "notFound");
    assert.equal(await cancelFromTicket(t.db, { eventId: 999_999, token: siti.token, confirm: "yes" }), "notFound");
  });

  it("a participant already checked in cannot cancel from the ticket", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(2), title: "Kelas UMKM QRIS" });
    const r = await registerAhead(t.db, { eventId, form: { name: "Bpk. Ahmad Fauzi", phone: "62812 7777 8888" } });
    assert.ok(r.ok && r.token);
    await t.db.update(eventParticipants).set({ checkedInAt: new Date() }).where(eq(eventParticipants.id, r.participantId));
    assert.equal(await cancelFromTicket(t.db, { eventId, token: r.token, confirm: "yes" }), "checkedIn");
    assert.equal((await registrationTicket(t.db, { eventId, token: r.token }))?.person.checkedIn, true);
  });
});
