import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { tutoringRequestEvents, tutoringRequests } from "../../db/schema/tutoring";
import { correctRequestByToken } from "../../app/models/tutoring/learner-data.server";
import { addLearnerNote, createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { aheadSchema, cancelFromTicket, registerAhead, ticketGone, registrationTicket, setParticipantCapacity } from "../../app/models/events/participants.server";
import { getEvent } from "../../app/models/events/events.server";
import { checkIn, signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, formOf } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** What the registration form gives the model: the phone normalised, the name as typed. */
const ahead = (v: Record<string, string>) => aheadSchema.parse({ minor: "no", ...v });
const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

describe("what members of the public send twice, or press by mistake, on a slow phone", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "35.09" }));
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

    // the link kept and opened later says the registration is gone; a live ticket is not gone
    assert.equal(await ticketGone(t.db, place), true);
    assert.equal(await ticketGone(t.db, { eventId, token: dewi.token }), false);
    assert.equal(await ticketGone(t.db, { eventId, token: "bukan-tiket" }), false);
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

  it("a learner's note or correction sent twice on /lacak is written once in the request's history", async () => {
    const parsed = parseTutoringForm(
      formOf({ name: "HJ. SITI MA'RUF", whatsapp: "0812-3456-7890", topics: "marketplace", forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" }),
      "35.09.01.2003",
    );
    assert.ok(parsed.ok);
    const r = await createTutoringRequest(t.db, parsed.data, { ip: "10.39.0.1", locale: "id" });
    assert.ok(r.ok);
    const history = async () =>
      (await t.db.select({ note: tutoringRequestEvents.note }).from(tutoringRequestEvents).where(eq(tutoringRequestEvents.requestId, r.requestId)).orderBy(tutoringRequestEvents.id)).map((h) => h.note);
    const before = (await history()).length;

    const note = "Saya bisa Sabtu sore 🙏 rumah di belakang masjid Al-Ikhlas";
    assert.deepEqual(await addLearnerNote(t.db, r.token, note), { ok: true });
    // the same press again, also with the spaces a phone keyboard adds
    assert.deepEqual(await addLearnerNote(t.db, r.token, note), { ok: true });
    assert.deepEqual(await addLearnerNote(t.db, r.token, `  ${note} `), { ok: true });
    assert.deepEqual((await history()).slice(before), [note]);

    // the correction of the name and number, sent twice (the number written another way the second time)
    assert.deepEqual(await correctRequestByToken(t.db, r.token, formOf({ name: "Hj. Siti Ma'ruf", whatsapp: "0812-3456-7891", email: "" })), { ok: true });
    assert.deepEqual(await correctRequestByToken(t.db, r.token, formOf({ name: "Hj. Siti Ma'ruf", whatsapp: "+62 812 3456 7891", email: "" })), { ok: true });
    assert.deepEqual((await history()).slice(before), [note, "tutoring.history.corrected"]);
    const [row] = await t.db.select({ name: tutoringRequests.learnerName, whatsapp: tutoringRequests.whatsapp }).from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    assert.deepEqual(row, { name: "Hj. Siti Ma'ruf", whatsapp: "+6281234567891" });

    // a new note is written, and the first one again later, after something else happened, is written too
    assert.deepEqual(await addLearnerNote(t.db, r.token, "Nomor saya yang benar berakhiran 7891"), { ok: true });
    assert.deepEqual(await addLearnerNote(t.db, r.token, note), { ok: true });
    assert.deepEqual((await history()).slice(before), [note, "tutoring.history.corrected", "Nomor saya yang benar berakhiran 7891", note]);
  });

  it("a teacher registering twice, once with her titles and once without, holds one place of a full hall", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(8), title: "Guru Melek Digital" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 2 }));
    const first = await registerAhead(t.db, { eventId, form: ahead({ name: "Hj. Siti Aminah, S.Pd.", institutionName: "SD Negeri 3 Ajung", phone: "0812-5555-0001" }) });
    assert.ok(first.ok && !first.already);
    // the same phone written another way, the name without her titles, in capitals
    const again = await registerAhead(t.db, { eventId, form: ahead({ name: "SITI AMINAH", phone: "+62 812 5555 0001" }) });
    assert.ok(again.ok && again.already, "the same person on her phone");
    // from the school's computer, without a phone, the school written short
    const school = await registerAhead(t.db, { eventId, form: ahead({ name: "Ibu Siti Aminah S.Pd.I", institutionName: "SDN 3 Ajung" }) });
    assert.ok(school.ok && school.already, "the same person at her school");
    const headmaster = await registerAhead(t.db, { eventId, form: ahead({ name: "Drs. H. Ahmad Fauzi, M.Si.", institutionName: "SDN 3 Ajung", phone: "0813-2222-3333" }) });
    assert.ok(headmaster.ok && !headmaster.already);
    assert.equal(headmaster.status, "confirmed", "the second place is not taken by the first teacher's repeats");
    const rows = await t.db.select({ name: eventParticipants.name, repeats: eventParticipants.repeats }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId)).orderBy(eventParticipants.id);
    assert.deepEqual(rows, [
      { name: "Hj. Siti Aminah, S.Pd.", repeats: 2 },
      { name: "Drs. H. Ahmad Fauzi, M.Si.", repeats: 0 },
    ]);
  });

  it("someone who lost the ticket page and registers again with the same address gets the link by email, and nobody else does", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(10), title: "Aman Bertransaksi Digital" });
    const first = await registerAhead(t.db, { eventId, form: ahead({ name: "Nur Aini", phone: "0856-1234-5678", email: "nur.aini@contoh.test" }) });
    assert.ok(first.ok && first.token && !first.already);
    const mails = async () =>
      t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "participant-ticket"), eq(outbox.toEmail, "nur.aini@contoh.test")));

    // the tab closed before she saved the link: she fills in the form again on another phone, her address in capitals
    const again = await registerAhead(t.db, { eventId, form: ahead({ name: "NUR AINI", phone: "+62 856 1234 5678", email: " Nur.Aini@Contoh.TEST " }) });
    assert.ok(again.ok && again.already && again.token === null && again.ticketEmailed === true);
    const sent = await mails();
    assert.equal(sent.length, 1);
    const link = /\/e\/(\d+)\/tiket\/([A-Za-z0-9_-]+)$/.exec(String((sent[0]?.payload as { ticketUrl?: string } | undefined)?.ticketUrl));
    assert.equal(Number(link?.[1]), eventId);
    const ticket = await registrationTicket(t.db, { eventId, token: link?.[2] ?? "" });
    assert.equal(ticket?.person.name, "Nur Aini");
    assert.equal(ticket?.person.code, first.code);
    // and once more the same day: the one email stands
    const third = await registerAhead(t.db, { eventId, form: ahead({ name: "Nur Aini", email: "nur.aini@contoh.test" }) });
    assert.ok(third.ok && third.already);
    assert.equal((await mails()).length, 1);

    // someone who knows her name and number but types another address, or none: no link anywhere
    const other = await registerAhead(t.db, { eventId, form: ahead({ name: "Nur Aini", phone: "0856-1234-5678", email: "orang.lain@contoh.test" }) });
    assert.ok(other.ok && other.already && !other.ticketEmailed);
    const none = await registerAhead(t.db, { eventId, form: ahead({ name: "Nur Aini", phone: "0856-1234-5678" }) });
    assert.ok(none.ok && none.already && !none.ticketEmailed);
    // a registration made without an address: the address typed with a repeat is kept, but gets no link
    const noAddress = await registerAhead(t.db, { eventId, form: ahead({ name: "Bayu Saputra", phone: "0857-0000-1111" }) });
    assert.ok(noAddress.ok && !noAddress.already);
    const claimed = await registerAhead(t.db, { eventId, form: ahead({ name: "Bayu Saputra", phone: "0857-0000-1111", email: "bukan.bayu@contoh.test" }) });
    assert.ok(claimed.ok && claimed.already && !claimed.ticketEmailed);
    const elsewhere = await t.db.select({ to: outbox.toEmail }).from(outbox).where(eq(outbox.template, "participant-ticket"));
    assert.deepEqual(elsewhere.map((m) => m.to), ["nur.aini@contoh.test"]);
  });

  it("a volunteer on site types the event's code as the lead reads it out, split, with a dash or in full-width letters", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(3), title: "Pendampingan Desa Digital", roles: [{ name: "Fasilitator", capacity: 6 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const onSite = new Date(new Date(e.startsAt).getTime() + 30 * 60_000);
    const code = e.checkinCode;
    const typed = [`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`, `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code.toLowerCase()} `, code.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))];
    for (const [i, written] of typed.entries()) {
      const v = await createUser(t.db, { name: `Relawan Desa ${i + 1}` });
      await addMembership(t.db, { userId: v.id, chapterId });
      assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]?.id ?? 0, userId: v.id })).ok, true);
      const r = await checkIn(t.db, { eventId, userId: v.id, code: written, now: onSite });
      assert.equal(r.ok, true, JSON.stringify(written));
    }
    // another code is still another code
    const w = await createUser(t.db, { name: "Relawan Salah Kode" });
    await addMembership(t.db, { userId: w.id, chapterId });
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]?.id ?? 0, userId: w.id })).ok, true);
    const wrong = `${code.slice(0, 5)}${code[5] === "A" ? "B" : "A"}`;
    assert.deepEqual(await checkIn(t.db, { eventId, userId: w.id, code: wrong, now: onSite }), { ok: false, reason: "wrongCode" });
  });
});
