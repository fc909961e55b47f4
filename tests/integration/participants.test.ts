import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, like } from "drizzle-orm";
import { aheadSchema } from "../../app/models/events/participants.server";
import { eventParticipants } from "../../db/schema/events";
import { jobs, outbox } from "../../db/schema/outbox";
import { getEvent } from "../../app/models/events/events.server";
import {
  checkInParticipant,
  listParticipants,
  mergeParticipants,
  participantCounts,
  PARTICIPANT_LIMITS,
  participantSchema,
  doorCodeAsTyped,
  newFormTicket,
  registerAhead,
  registerParticipant,
  registrationTicket,
  cancelAhead,
  setParticipantCapacity,
  sendParticipantReminders,
} from "../../app/models/events/participants.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

describe("participants: counted once at the door, capacity and waitlist ahead", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "13.10", name: "RTIK Kabupaten Dharmasraya" });
    chapterId = chapter.id;
    const lead = await createUser(t.db);
    leadId = lead.id;
    await addMembership(t.db, { userId: lead.id, chapterId, role: "lead" });
  });
  after(async () => {
    await t?.close();
  });

  it("250 people at the door with 15 repeat submissions count 250; two different people sharing a name stay two", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(5), title: "Sosialisasi Smart City Dharmasraya" });
    const ev = await getEvent(t.db, eventId);
    assert.ok(ev);
    const code = ev.checkinCode.toLowerCase(); // typed in lower case on a phone
    const at = new Date(ev.startsAt.getTime() + 10 * 60_000);
    const people = Array.from({ length: 250 }, (_, i) => ({
      name: `Warga Dharmasraya ${i + 1}`,
      institutionName: i % 3 === 0 ? `Nagari Sungai ${i % 17}` : undefined,
      phone: i % 2 === 0 ? `+62812${String(7000000 + i).padStart(7, "0")}` : undefined,
    }));
    // two different people with one name and institution, told apart by their phones
    people[248] = { name: "Budi Santoso", institutionName: "SMA Negeri 1 Pulau Punjung", phone: "+6281311112222" };
    people[249] = { name: "Budi Santoso", institutionName: "SMA Negeri 1 Pulau Punjung", phone: "+6281399998888" };
    for (const p of people) {
      const r = await registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code, ...p }), now: at });
      assert.deepEqual(r, { ok: true, already: false }, p.name);
    }
    const repeats = [
      // the same phone written another way, the name typed with a slip (another name on that phone is another person)
      ...[0, 2, 4, 6, 8].map((i) => ({ name: `warga dharmasrya ${i + 1}`, phone: `0812-${String(7000000 + i).padStart(7, "0").slice(0, 3)}-${String(7000000 + i).padStart(7, "0").slice(3)}` })),
      // the same name and institution in other spellings, no phone
      ...[3, 9, 15].map((i) => ({ name: `  Bpk. WARGA   dharmasraya ${i + 1} `, institutionName: `nagari  sungai ${i % 17}` })),
      ...[1, 5].map((i) => ({ name: `Warga Dharmasraya ${i + 1}.` })),
      // pressed twice
      ...[10, 20, 30, 40, 50].map((i) => ({ name: people[i]?.name ?? "", institutionName: people[i]?.institutionName, phone: people[i]?.phone })),
    ];
    assert.equal(repeats.length, 15);
    for (const p of repeats) {
      const r = await registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code, ...p }), now: at });
      assert.deepEqual(r, { ok: true, already: true }, p.name);
    }
    const counts = await participantCounts(t.db, eventId);
    assert.equal(counts.total, 250);
    assert.equal(counts.repeats, 15);
    const rows = await t.db.select({ id: eventParticipants.id }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
    assert.equal(rows.length, 250);
  });

  it("registration ahead: 250 places, the 251st is waitlisted; a cancellation moves the first waiting up; check-in by code counts", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(9), title: "Sosialisasi 250 tempat" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 250 }));
    const tokens: string[] = [];
    for (let i = 0; i < 251; i++) {
      const email = i === 0 ? "peserta0@example.test" : i === 250 ? "menunggu@example.test" : undefined;
      const r = await registerAhead(t.db, { eventId, form: { name: `Peserta Daftar ${i}`, institutionName: "SMP Negeri 3 Koto Baru", email } });
      assert.ok(r.ok);
      assert.equal(r.status, i < 250 ? "confirmed" : "waitlisted");
      tokens.push(r.token ?? "");
    }
    const last = await registrationTicket(t.db, { eventId, token: tokens[250] ?? "" });
    assert.equal(last?.person.status, "waitlisted");
    assert.equal(last?.person.waitlistPosition, 1);
    // the same person again: no second place
    const again = await registerAhead(t.db, { eventId, form: { name: "peserta daftar 7", institutionName: "SMPN 3 Koto Baru" } });
    assert.ok(again.ok && again.already && again.token === null); // a repeat is never handed a link
    assert.ok(await cancelAhead(t.db, { eventId, token: tokens[3] ?? "" }));
    assert.equal((await registrationTicket(t.db, { eventId, token: tokens[250] ?? "" }))?.person.status, "confirmed");
    const promoted = await t.db.select({ to: outbox.toEmail }).from(outbox).where(eq(outbox.template, "participant-promoted"));
    assert.deepEqual(promoted.map((p) => p.to), ["menunggu@example.test"]);
    // the reminder the day before, with the .ics, to those who gave an address
    const [job] = await t.db.select({ runAt: jobs.runAt, payload: jobs.payload }).from(jobs).where(like(jobs.dedupKey, `participant-reminder:${eventId}:%`));
    const evStart = (await getEvent(t.db, eventId))?.startsAt.getTime() ?? 0;
    assert.equal(job?.runAt.getTime(), evStart - 24 * 3600_000);
    await sendParticipantReminders({ eventId }, { db: t.db, job: { id: 0, kind: "participant-reminder", dedupKey: "", attempt: 1, runAt: new Date() } });
    const reminders = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "participant-reminder"));
    assert.deepEqual(reminders.map((r) => r.to).sort(), ["menunggu@example.test", "peserta0@example.test"]);
    let counts = await participantCounts(t.db, eventId);
    assert.equal(counts.confirmed, 250);
    assert.equal(counts.waitlisted, 0);
    assert.equal(counts.total, 0, "nobody is counted before being checked in");
    // at the door the lead finds people by code and by name
    const ticket = await registrationTicket(t.db, { eventId, token: tokens[10] ?? "" });
    const byCode = await listParticipants(t.db, eventId, ticket?.person.code?.toLowerCase() ?? "");
    assert.equal(byCode.length, 1);
    assert.ok(await checkInParticipant(t.db, { eventId, participantId: byCode[0]?.id ?? 0 }));
    assert.ok(await checkInParticipant(t.db, { eventId, participantId: byCode[0]?.id ?? 0 })); // twice: once
    const byName = await listParticipants(t.db, eventId, "peserta daftar 42");
    assert.equal(byName.length, 1);
    assert.ok(await checkInParticipant(t.db, { eventId, participantId: byName[0]?.id ?? 0 }));
    // a registered person who also fills in the door form is not counted again
    const ev = await getEvent(t.db, eventId);
    const door = await registerParticipant(t.db, { eventId, form: { code: ev?.checkinCode ?? "", name: "Peserta Daftar 42", institutionName: "SMP Negeri 3 Koto Baru" }, now: ev?.startsAt });
    assert.deepEqual(door, { ok: true, already: true });
    const walkIn = await registerParticipant(t.db, { eventId, form: { code: ev?.checkinCode ?? "", name: "Pendatang Langsung" }, now: ev?.startsAt });
    assert.deepEqual(walkIn, { ok: true, already: false });
    counts = await participantCounts(t.db, eventId);
    assert.equal(counts.total, 3);
  });

  it("the lead sees look-alikes (a letter apart) and merges them into one, checked in", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(3) });
    const ev = await getEvent(t.db, eventId);
    const form = (name: string, institutionName?: string) => ({ code: ev?.checkinCode ?? "", name, institutionName });
    await registerParticipant(t.db, { eventId, form: form("Siti Rahmawati", "SMPN 1 Sitiung"), now: ev?.startsAt });
    await registerParticipant(t.db, { eventId, form: form("Siti Rahmawaty", "SMP Negeri 1 Sitiung"), now: ev?.startsAt });
    await registerParticipant(t.db, { eventId, form: form("Andi Saputra"), now: ev?.startsAt });
    const list = await listParticipants(t.db, eventId);
    const siti = list.filter((p) => p.name.startsWith("Siti"));
    assert.equal(siti.length, 2);
    assert.ok(siti.every((p) => p.lookAlikes.length === 1));
    assert.equal(list.find((p) => p.name === "Andi Saputra")?.lookAlikes.length, 0);
    assert.ok(await mergeParticipants(t.db, { eventId, fromId: siti[1]?.id ?? 0, intoId: siti[0]?.id ?? 0 }));
    assert.equal((await participantCounts(t.db, eventId)).total, 2);
    // another chapter's event id does not reach these rows
    assert.equal(await mergeParticipants(t.db, { eventId: eventId + 999, fromId: siti[0]?.id ?? 0, intoId: list[2]?.id ?? 0 }), false);
  });

  it("the same registration form sent again (two taps, a resend after the answer was lost) leads to the ticket it made", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(6), title: "Literasi Digital Nagari" });
    const form = aheadSchema.parse({ name: "Rini Marlina", institutionName: "Nagari Koto Baru", phone: "0812-7777-1010", minor: "no" });
    const ticket = newFormTicket();
    const send = () => registerAhead(t.db, { eventId, form, ticket });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    for (const r of [a, b, c]) {
      assert.ok(r.ok);
      assert.equal(r.already, false, "each answer leads to the ticket");
      assert.equal(r.token, ticket);
    }
    assert.ok(a.ok && b.ok && c.ok && a.participantId === b.participantId && b.participantId === c.participantId);
    const rows = await t.db.select().from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.repeats, 0, "the same form is not a repeat registration");
    assert.equal((await registrationTicket(t.db, { eventId, token: ticket }))?.person.name, "Rini Marlina");

    // another page (a new ticket) with the same person is a repeat: told so, no ticket link given
    const again = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ name: "rini marlina", phone: "+62 812 7777 1010", minor: "no" }), ticket: newFormTicket() });
    assert.ok(again.ok && again.already && again.token === null);
    // a ticket of another event's registration is not taken up: a new one is made
    const other = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(6), title: "Literasi Digital Nagari 2" });
    const elsewhere = await registerAhead(t.db, { eventId: other, form, ticket });
    assert.ok(elsewhere.ok && !elsewhere.already && elsewhere.token && elsewhere.token !== ticket);
    assert.equal(await registrationTicket(t.db, { eventId: other, token: ticket }), null);
    // a malformed ticket is ignored
    const odd = await registerAhead(t.db, { eventId: other, form: aheadSchema.parse({ name: "Yusuf", minor: "no" }), ticket: "short" });
    assert.ok(odd.ok && odd.token && odd.token !== "short");
  });

  it("the public form is rate-limited per address and refuses a wrong event code", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(4) });
    const ev = await getEvent(t.db, eventId);
    const wrong = await registerParticipant(t.db, { eventId, form: { code: "XXXXXX", name: "Orang Jauh" }, now: ev?.startsAt });
    assert.deepEqual(wrong, { ok: false, reason: "refused" });
    // the right code as people type it from the lead's screen or when it is read aloud: split, lower case, full-width
    assert.ok(ev);
    const c = ev.checkinCode;
    const spaced = `${c.slice(0, 3).toLowerCase()} ${c.slice(3)}`;
    const dashed = `${c.slice(0, 3)}-${c.slice(3).toLowerCase()}`;
    const wide = [...c].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
    for (const [i, typed] of [spaced, dashed, wide, ` ${c}.`].entries())
      assert.deepEqual(await registerParticipant(t.db, { eventId, form: { code: typed, name: `Hadir Kode ${i}` }, now: ev.startsAt }), { ok: true, already: false }, typed);
    assert.equal(doorCodeAsTyped(spaced), c);
    let refused = 0;
    for (let i = 0; i < PARTICIPANT_LIMITS.perAddress.limit + 2; i++) {
      const r = await registerAhead(t.db, { eventId, form: { name: `Banjir ${i}` }, ip: "203.0.113.9" });
      if (!r.ok && r.reason === "tooMany") refused++;
    }
    assert.equal(refused, 2);
    const other = await registerAhead(t.db, { eventId, form: { name: "Tetangga" }, ip: "203.0.113.10" });
    assert.ok(other.ok);
    const n = await t.db.select({ id: eventParticipants.id }).from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.source, "ahead")));
    assert.equal(n.length, PARTICIPANT_LIMITS.perAddress.limit + 1);
  });
});
