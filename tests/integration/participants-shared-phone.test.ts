import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq, inArray } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { cancelEvent, eventFormDefaults, getEvent, parseEventForm, updateEvent } from "../../app/models/events/events.server";
import {
  aheadSchema,
  cancelAhead,
  listParticipants,
  mergeParticipants,
  notifyParticipantsCancelled,
  notifyParticipantsChanged,
  participantCounts,
  participantSchema,
  registerAhead,
  registerParticipant,
  registrationTicket,
  sendParticipantReminders,
  setParticipantCapacity,
} from "../../app/models/events/participants.server";
import { renderEmail } from "../../emails";
import { createChapterWithLead, createOutreachEvent, formOf } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

/** One phone for several people (a teacher's number for her pupils, a family's), and participants' e-mails in their language. */
describe("participants: a shared phone, and e-mails in the participant's language", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" }));
  });
  after(async () => {
    await t?.close();
  });

  const rowsOf = (eventId: number) =>
    t.db
      .select({ name: eventParticipants.name, phone: eventParticipants.phone, repeats: eventParticipants.repeats, locale: eventParticipants.locale })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId))
      .orderBy(asc(eventParticipants.id));

  it("a teacher's number typed at the door for herself and her pupils counts each of them; each one's repeat counts once", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(6), title: "Literasi Digital SMP" });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const at = new Date(e.startsAt.getTime() + 20 * 60_000);
    const door = (form: Record<string, string>) => registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: e.checkinCode, ...form }), now: at });
    const school = "SMP Negeri 3 Jember";
    const people = ["Ibu Sri Wahyuni", "Andi Pratama", "Dewi Lestari", "Rizky Maulana", "Nur Aisyah", "Bagus Setiawan"];
    // the teacher's number written as each pupil's phone keyboard wrote it
    const spellings = ["0812-3344-5566", "+62 812 3344 5566", "081233445566", "62812-3344-5566", "0812 3344 5566", "+6281233445566"];
    for (const [i, name] of people.entries()) assert.deepEqual(await door({ name, institutionName: school, phone: spellings[i] ?? "" }), { ok: true, already: false }, name);
    // pressed again, retyped with a slip or in capitals, the teacher without her title: each is a repeat
    const repeats: Record<string, string>[] = [
      { name: "Andi Pratama", institutionName: school, phone: "081233445566" },
      { name: "andi pratma", institutionName: "SMPN 3 Jember", phone: "081233445566" },
      { name: "Sri Wahyuni", phone: "0812-3344-5566" },
      { name: "NUR  AISYAH", institutionName: school, phone: "081233445566" },
      // the same name and school with the number one digit off (DECISIONS 113)
      { name: "Dewi Lestari", institutionName: school, phone: "08123344556" },
    ];
    for (const p of repeats) assert.deepEqual(await door(p), { ok: true, already: true }, p.name);
    const counts = await participantCounts(t.db, eventId);
    assert.equal(counts.total, 6);
    assert.equal(counts.repeats, 5);
    // a pupil who gives only her first name on the teacher's phone is not taken for anyone: the lead merges by hand
    assert.deepEqual(await door({ name: "Nur", institutionName: school, phone: "081233445566" }), { ok: true, already: false });
    const rows = await rowsOf(eventId);
    assert.deepEqual(
      rows.map((r) => [r.name, r.phone]),
      [...people, "Nur"].map((n) => [n, "+6281233445566"]),
    );
    // the lead's list does not take pupils on one phone for one person either
    assert.ok((await listParticipants(t.db, eventId)).every((r) => r.lookAlikes.length === 0));
    assert.equal((await participantCounts(t.db, eventId)).total, 7);
  });

  it("a family registering ahead on one phone gets a place and a ticket each; the capacity counts every one of them", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(8), title: "Keamanan Digital Keluarga" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 3 }));
    const ahead = (form: Record<string, string>) => registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", ...form }) });
    const family = ["Bapak Hasan Basri", "Siti Maryam", "Ahmad Fauzan", "Zahra Aulia"];
    const results = [];
    for (const name of family) results.push(await ahead({ name, phone: "0857-1234-9876", email: "keluarga.basri@contoh.test" }));
    assert.deepEqual(
      results.map((r) => (r.ok ? [r.already, r.status, r.waitlistPosition, !!r.token] : r.reason)),
      [
        [false, "confirmed", null, true],
        [false, "confirmed", null, true],
        [false, "confirmed", null, true],
        [false, "waitlisted", 1, true],
      ],
    );
    const tokens = results.map((r) => (r.ok ? (r.token ?? "") : ""));
    assert.deepEqual(
      await Promise.all(tokens.map(async (token) => (await registrationTicket(t.db, { eventId, token }))?.person.name)),
      family,
      "each ticket is its own person's",
    );
    // Zahra presses again: told she is registered, no second place and no link
    const again = await ahead({ name: "zahra aulia", phone: "+62 857 1234 9876" });
    assert.ok(again.ok && again.already && again.token === null && again.status === "waitlisted");
    // the father cancels; his daughter moves up
    assert.ok(await cancelAhead(t.db, { eventId, token: tokens[0] ?? "" }));
    assert.equal((await registrationTicket(t.db, { eventId, token: tokens[3] ?? "" }))?.person.status, "confirmed");
    const counts = await participantCounts(t.db, eventId);
    assert.deepEqual([counts.confirmed, counts.waitlisted, counts.repeats], [3, 0, 1]);
    // walking in at the door with the same phone, the mother is the one registered; a neighbour is not
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const door = (form: Record<string, string>) => registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: e.checkinCode, ...form }), now: e.startsAt });
    assert.deepEqual(await door({ name: "Siti Maryam", phone: "085712349876" }), { ok: true, already: true });
    assert.deepEqual(await door({ name: "Yuliana Tetangga", phone: "085712349876" }), { ok: true, already: false });
    assert.equal((await participantCounts(t.db, eventId)).total, 2);
  });

  it("at a pesantren's door, brothers and sisters on their family's one phone are each counted; a slip in a long name is a repeat", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(7), title: "Internet Sehat di Pesantren" });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const at = new Date(e.startsAt.getTime() + 10 * 60_000);
    const door = (form: Record<string, string>) => registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: e.checkinCode, ...form }), now: at });
    const phone = "0813-5555-0101";
    // one family's phone handed along the row: names a letter or two apart in a short first name, the rest shared
    const family = ["Adi bin Yusuf", "Ari bin Yusuf", "Siti binti Yusuf", "Sari binti Yusuf", "Putra Wijaya", "Putri Wijaya", "محمد بن يوسف", "محمود بن يوسف", "Muhammad bin Yusuf"];
    for (const name of family) assert.deepEqual(await door({ name, phone }), { ok: true, already: false }, name);
    // the same people again after the signal dropped: a slip in a long word, the spaces elsewhere, capitals
    const repeats = ["Muhamad bin Yusuf", "ADI BIN YUSUF", "Sitibinti Yusuf", "محمد بن  يوسف"];
    for (const name of repeats) assert.deepEqual(await door({ name, phone }), { ok: true, already: true }, name);
    const rows = await rowsOf(eventId);
    assert.deepEqual(
      rows.map((r) => [r.name, r.repeats]),
      family.map((n) => [n, ["Adi bin Yusuf", "Siti binti Yusuf", "محمد بن يوسف", "Muhammad bin Yusuf"].includes(n) ? 1 : 0]),
    );
    assert.equal((await participantCounts(t.db, eventId)).total, family.length);
  });

  it("a lead merging two people of one phone keeps one row; the phone stays with both rows before", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(4) });
    const a = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Rahmat Hidayat", phone: "081299990000" }) });
    const b = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Mamat", phone: "081299990000", email: "mamat@contoh.test" }), locale: "en" });
    assert.ok(a.ok && !a.already && b.ok && !b.already, "another name on the same phone is another person");
    assert.ok(await mergeParticipants(t.db, { eventId, fromId: b.participantId, intoId: a.participantId }));
    assert.deepEqual(await rowsOf(eventId), [{ name: "Rahmat Hidayat", phone: "+6281299990000", repeats: 1, locale: "en" }], "the address kept is written to in its own language");
  });

  it("a participant who registered on the English page is written to in English: promotion, change, cancellation, reminder", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(12), title: "Kelas Literasi Digital" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 1 }));
    const first = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Emma Visser", email: "emma@contoh.test" }), locale: "en" });
    const second = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Tom Baker", email: "tom@contoh.test" }), locale: "en" });
    const third = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Sri Rahayu", email: "sri@contoh.test" }), locale: "id" });
    // registered first without an address on the Indonesian page, then again with one on the English page
    assert.ok((await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Lena Koch" }), locale: "id" })).ok);
    const lena = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Lena Koch", email: "lena@contoh.test" }), locale: "en" });
    assert.ok(first.ok && second.ok && third.ok && lena.ok && lena.already);
    assert.deepEqual(
      (await rowsOf(eventId)).map((r) => [r.name, r.locale]),
      [
        ["Emma Visser", "en"],
        ["Tom Baker", "en"],
        ["Sri Rahayu", "id"],
        ["Lena Koch", "en"],
      ],
    );
    // Emma cancels: Tom moves up
    assert.ok(await cancelAhead(t.db, { eventId, token: first.token ?? "" }));
    // the event moves
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const form = parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), date: inDays(13) }));
    assert.ok(form.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId, userId: leadId, form: form.data, alsoTell: (tx, change) => notifyParticipantsChanged(tx, eventId, change) }), { ok: true, eventId });
    // the reminder the day before
    await sendParticipantReminders({ eventId }, { db: t.db, job: { id: 0, kind: "participant-reminder", dedupKey: "", attempt: 1, runAt: new Date() } });
    // and then it is cancelled
    assert.equal(await cancelEvent(t.db, { eventId, chapterId, alsoTell: (tx) => notifyParticipantsCancelled(tx, eventId) }), true);

    const mails = await t.db
      .select({ to: outbox.toEmail, template: outbox.template, locale: outbox.locale, payload: outbox.payload })
      .from(outbox)
      .where(and(inArray(outbox.toEmail, ["emma@contoh.test", "tom@contoh.test", "sri@contoh.test", "lena@contoh.test"]), inArray(outbox.template, ["participant-promoted", "participant-changed", "participant-reminder", "participant-cancelled"])))
      .orderBy(asc(outbox.id));
    // (within one kind of e-mail, in no particular order)
    assert.deepEqual(
      mails.map((m) => [m.template, m.to, m.locale]).sort(),
      [
        ["participant-promoted", "tom@contoh.test", "en"],
        ["participant-changed", "tom@contoh.test", "en"],
        ["participant-changed", "sri@contoh.test", "id"],
        ["participant-changed", "lena@contoh.test", "en"],
        ["participant-reminder", "tom@contoh.test", "en"],
        ["participant-cancelled", "tom@contoh.test", "en"],
        ["participant-cancelled", "sri@contoh.test", "id"],
        ["participant-cancelled", "lena@contoh.test", "en"],
      ].sort(),
    );
    const subjects = mails.map((m) => `${m.to} ${renderEmail(m.template, m.payload as Record<string, unknown>, m.locale === "en" ? "en" : "id").subject}`).sort();
    assert.deepEqual(subjects, [
      "lena@contoh.test Cancelled: Kelas Literasi Digital",
      "lena@contoh.test Event changed: Kelas Literasi Digital",
      "sri@contoh.test Dibatalkan: Kelas Literasi Digital",
      "sri@contoh.test Perubahan kegiatan: Kelas Literasi Digital",
      "tom@contoh.test A place for you: Kelas Literasi Digital",
      "tom@contoh.test Cancelled: Kelas Literasi Digital",
      "tom@contoh.test Event changed: Kelas Literasi Digital",
      "tom@contoh.test Reminder for tomorrow: Kelas Literasi Digital",
    ]);
  });
});
