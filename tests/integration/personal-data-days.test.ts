import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { signups } from "../../db/schema/events";
import { getEvent } from "../../app/models/events/events.server";
import { signUp } from "../../app/models/events/signups.server";
import { formatDate } from "../../app/i18n/format-date";
import { personalDataOf } from "../../app/models/accounts/personal-data.server";
import { printablePersonalData } from "../../app/models/accounts/personal-data-print.server";
import { addMembership, createChapter, createOutreachEvent, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** "Take my data" for a volunteer holding days 1 and 2 of a three-day bimtek and waiting for day 3. */
describe("personal data: one row per day held", () => {
  let t: TestDatabase;
  let volunteer: { id: string };
  let days: { id: number; startsAt: Date; endsAt: Date }[] = [];

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "33.75", name: "RTIK Kota Pekalongan" });
    const lead = await createUser(t.db, { name: "Lead Pekalongan" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    volunteer = await createUser(t.db, { name: "Relawan Tiga Hari" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    await createVolunteerProfile(t.db, { userId: volunteer.id, availability: ["rabu-malam", "sabtu-pagi"] });
    const first = await createUser(t.db, { name: "Relawan Cepat" });
    await addMembership(t.db, { userId: first.id, chapterId: chapter.id });

    const eventId = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "33.75.01",
      title: "Bimtek Jaringan OPD",
      date: inDays(10),
      startTime: "08:00",
      endTime: "16:00",
      days: 3,
      roles: [{ name: "Narasumber", capacity: 1, hours: 8 }],
    });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const roleId = e.roles[0]?.id ?? 0;
    days = e.sessions;
    assert.equal(days.length, 3);
    // day 3 is taken first, so the volunteer holds days 1 and 2 and waits for day 3
    assert.equal((await signUp(t.db, { eventId, roleId, userId: first.id, sessionIds: [days[2]!.id] })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: volunteer.id, sessionIds: days.map((d) => d.id) })).ok, true);
    await t.db
      .update(signups)
      .set({ attendedAt: new Date(), hoursCredited: 8 })
      .where(and(eq(signups.userId, volunteer.id), eq(signups.sessionId, days[0]!.id)));
  });
  after(async () => {
    await t.close();
  });

  it("gives each sign-up its own day's start and end, in day order, with its own status", async () => {
    const data = await personalDataOf(t.db, volunteer.id);
    assert.ok(data);
    assert.deepEqual(
      data.signups.map((s) => [s.startsAt, s.endsAt, s.status]),
      days.map((d, i) => [d.startsAt.toISOString(), d.endsAt.toISOString(), i < 2 ? "confirmed" : "waitlisted"]),
    );
    assert.equal(new Set(data.signups.map((s) => s.startsAt.slice(0, 10))).size, 3, "three different dates");
    // the JSON download stays machine-readable: raw values, ISO dates
    assert.deepEqual(
      data.signups.map((s) => [s.role, s.hoursCredited]),
      [
        ["Narasumber", 8],
        ["Narasumber", null],
        ["Narasumber", null],
      ],
    );
    assert.deepEqual(
      data.memberships.map((m) => [m.role, m.status]),
      [["volunteer", "active"]],
    );
  });

  it("the printable page shows the app's labels in the reader's language, not stored keys", async () => {
    const data = await personalDataOf(t.db, volunteer.id);
    assert.ok(data);
    // a tutoring request and a telecenter post, as the model would return them
    const withMore = {
      ...data,
      tutoring: [{ requestId: 7, chapter: "RTIK Kota Pekalongan", status: "matched", sessions: 2, minutes: 90 }],
      telecenters: [{ telecenter: "Telecenter Pekalongan", role: "manager", since: "2026-01-05T00:00:00.000Z" }],
    };

    const id = printablePersonalData(withMore, "id");
    assert.deepEqual(id.availability, ["Rabu Malam", "Sabtu Pagi"]);
    assert.deepEqual(
      id.memberships.map((m) => [m.role, m.status]),
      [["Relawan", "Anggota aktif"]],
    );
    assert.deepEqual(
      id.signups.rows.map((s) => [s.startsAt, s.status, s.attendance]),
      days.map((d, i) => [d.startsAt.toISOString(), ["Terdaftar", "Terdaftar", "Daftar tunggu"][i], i === 0 ? "hadir, 8 jam" : null]),
    );
    assert.deepEqual(
      id.tutoring.rows.map((r) => [r.status, r.logged]),
      [["Relawan sudah ditemukan", "2 sesi, 90 menit"]],
    );
    assert.deepEqual(
      id.telecenters.map((s) => s.role),
      ["Pengelola"],
    );

    const en = printablePersonalData(withMore, "en");
    assert.deepEqual(en.availability, ["Wednesday Evening", "Saturday Morning"]);
    assert.deepEqual(
      en.signups.rows.map((s) => s.status),
      ["Confirmed", "Confirmed", "Waitlisted"],
    );
    assert.deepEqual(
      en.memberships.map((m) => [m.role, m.status]),
      [["Volunteer", "Active member"]],
    );

    // no raw stored value left anywhere a reader sees a label
    const shown = JSON.stringify([id.availability, id.memberships.map((m) => [m.role, m.status]), id.signups.rows.map((s) => s.status), id.tutoring.rows.map((r) => r.status)]);
    for (const raw of ["rabu-malam", "sabtu-pagi", "volunteer", "active", "confirmed", "waitlisted", "matched"]) assert.ok(!shown.includes(`"${raw}"`), `${raw} is shown raw`);
    // the data the JSON download serialises is untouched
    assert.equal(withMore.signups[0]?.status, "confirmed");
    assert.equal(withMore.memberships[0]?.status, "active");
  });
});

/** A watch night in Kota Jayapura (WIT): 00:30 there is still the evening before in Jakarta. */
describe("personal data: each day dated where the event took place", () => {
  let t: TestDatabase;
  after(async () => {
    await t?.close();
  });

  it("dates a day on the venue's calendar (WIT), not Jakarta's", async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "91.71", name: "RTIK Kota Jayapura" });
    const lead = await createUser(t.db, { name: "Lead Jayapura" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const volunteer = await createUser(t.db, { name: "Relawan Malam" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    const date = inDays(12);
    const eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "91.71.01", title: "Jaga Malam Siber", date, startTime: "00:30", endTime: "02:30", roles: [{ name: "Piket", capacity: 2 }] });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    assert.equal((await signUp(t.db, { eventId, roleId: e.roles[0]!.id, userId: volunteer.id, sessionIds: [e.sessions[0]!.id] })).ok, true);

    const data = await personalDataOf(t.db, volunteer.id);
    assert.ok(data);
    assert.equal(data.signups[0]?.timeZone, "Asia/Jayapura");
    // 00:30 WIT is 22:30 WIB the day before: the stored instant is on the previous UTC/Jakarta date
    assert.notEqual(data.signups[0]?.startsAt.slice(0, 10), date);
    const id = printablePersonalData(data, "id");
    const en = printablePersonalData(data, "en");
    // the same day's noon there, as the app writes dates: the label is that calendar day
    const noon = new Date(`${date}T12:00:00+09:00`);
    assert.equal(id.signups.rows[0]?.day, formatDate(noon, "id", "Asia/Jayapura"));
    assert.equal(en.signups.rows[0]?.day, formatDate(noon, "en", "Asia/Jayapura"));
    assert.notEqual(id.signups.rows[0]?.day, formatDate(data.signups[0]!.startsAt, "id", "Asia/Jakarta"), "not Jakarta's evening before");
  });
});
