import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { regions } from "../../db/schema/regions";
import { calendarTokens, eventParticipants, eventParticipantTickets } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { hasCalendarFeed, personalFeed, resetCalendarToken, revokeCalendarToken } from "../../app/models/events/calendar.server";
import { cancelAhead, mergeParticipants, registerAhead, registrationTicket, sendParticipantReminders, setParticipantCapacity } from "../../app/models/events/participants.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { databaseAtMigration, type OldDatabase } from "../support/migrations";

/** How the app hashes a secret link (sha-256, hex); the migration must give the same in SQL. */
const appHash = (token: string) => createHash("sha256").update(token).digest("hex");
const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const job = { id: 0, kind: "participant-reminder", dedupKey: "", attempt: 1, runAt: new Date() };

function tokenOf(ticketUrl: unknown): string {
  const m = /\/e\/\d+\/tiket\/([A-Za-z0-9_-]+)$/.exec(String(ticketUrl));
  assert.ok(m?.[1], `a ticket link: ${String(ticketUrl)}`);
  return m[1];
}

async function ticketHashes(db: Db, participantId: number): Promise<string[]> {
  const rows = await db.select({ h: eventParticipantTickets.tokenHash }).from(eventParticipantTickets).where(eq(eventParticipantTickets.participantId, participantId));
  return rows.map((r) => r.h).sort();
}

/** Every stored column of a participant and its tickets, as text: a raw token must appear nowhere in it. */
async function storedParticipant(db: Db, participantId: number): Promise<string> {
  const p = await db.select().from(eventParticipants).where(eq(eventParticipants.id, participantId));
  const tickets = await db.select().from(eventParticipantTickets).where(eq(eventParticipantTickets.participantId, participantId));
  return JSON.stringify({ p, tickets });
}

describe("secret links are stored as hashes only (ticket, calendar feed)", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "13.10" });
    chapterId = chapter.id;
    const lead = await createUser(t.db);
    leadId = lead.id;
    await addMembership(t.db, { userId: lead.id, chapterId, role: "lead" });
  });
  after(async () => {
    await t?.close();
  });

  it("the SQL expression of the migration gives the app's sha-256", async () => {
    const tokens = [randomBytes(18).toString("base64url"), randomBytes(24).toString("base64url"), "abc_-XYZ0123456789abcdef", "é-non-ascii-ü"];
    for (const token of tokens) {
      const [row] = rowsOf<{ h: string }>(await t.db.execute(sql`select encode(sha256(convert_to(${token}, 'UTF8')), 'hex') as h`));
      assert.equal(row?.h, appHash(token), token);
    }
  });

  it("no raw token column is left", async () => {
    const cols = rowsOf<{ table_name: string; column_name: string }>(
      await t.db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in ('event_participant', 'event_participant_ticket', 'calendar_token')`),
    );
    assert.ok(cols.some((c) => c.table_name === "event_participant_ticket" && c.column_name === "token_hash"));
    assert.ok(cols.some((c) => c.table_name === "calendar_token" && c.column_name === "token_hash"));
    assert.deepEqual(cols.filter((c) => c.column_name === "token"), []);
  });

  it("registration, promotion and reminder each hand out a working link; none is stored raw; cancelling removes them all", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(6) });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 1 }));
    const a = await registerAhead(t.db, { eventId, form: { name: "Ani Lestari", email: "ani.tiket@example.test" } });
    const b = await registerAhead(t.db, { eventId, form: { name: "Bambang Sutrisno", email: "bambang.tiket@example.test" } });
    assert.ok(a.ok && a.token && b.ok && b.token);
    assert.equal(b.status, "waitlisted");
    const tokenA = a.token;
    const tokenB = b.token;
    for (const [id, token] of [[a.participantId, tokenA], [b.participantId, tokenB]] as const) {
      const stored = await storedParticipant(t.db, id);
      assert.ok(!stored.includes(token), "the raw token is not stored");
      assert.ok(stored.includes(appHash(token)), "its hash is");
    }

    // Ani cancels: Bambang moves up and is told with a fresh link; the link he was given first still works
    assert.ok(await cancelAhead(t.db, { eventId, token: tokenA }));
    assert.equal(await registrationTicket(t.db, { eventId, token: tokenA }), null);
    assert.deepEqual(await ticketHashes(t.db, a.participantId), []);
    const [promoted] = await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "participant-promoted"), eq(outbox.toEmail, "bambang.tiket@example.test")));
    const promotedToken = tokenOf((promoted?.payload as { ticketUrl?: unknown } | undefined)?.ticketUrl);
    assert.notEqual(promotedToken, tokenB);
    assert.equal((await registrationTicket(t.db, { eventId, token: promotedToken }))?.person.status, "confirmed");
    assert.equal((await registrationTicket(t.db, { eventId, token: tokenB }))?.person.status, "confirmed");

    // the reminder: a fresh working link too; running the job again queues nothing and keeps no extra hash
    await sendParticipantReminders({ eventId }, { db: t.db, job });
    const reminders = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, "participant-reminder"), eq(outbox.toEmail, "bambang.tiket@example.test")));
    assert.equal(reminders.length, 1);
    const reminderToken = tokenOf((reminders[0]?.payload as { ticketUrl?: unknown } | undefined)?.ticketUrl);
    assert.equal((await registrationTicket(t.db, { eventId, token: reminderToken }))?.person.name, "Bambang Sutrisno");
    await sendParticipantReminders({ eventId }, { db: t.db, job });
    assert.deepEqual(await ticketHashes(t.db, b.participantId), [tokenB, promotedToken, reminderToken].map(appHash).sort());
    const stored = await storedParticipant(t.db, b.participantId);
    for (const token of [tokenB, promotedToken, reminderToken]) assert.ok(!stored.includes(token));

    // a link of another event opens nothing here
    const other = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(7) });
    assert.equal(await registrationTicket(t.db, { eventId: other, token: tokenB }), null);
    assert.equal(await cancelAhead(t.db, { eventId: other, token: tokenB }), false);

    // cancelling from the reminder's link: every link of his stops working
    assert.ok(await cancelAhead(t.db, { eventId, token: reminderToken }));
    for (const token of [tokenB, promotedToken, reminderToken]) assert.equal(await registrationTicket(t.db, { eventId, token }), null);
    assert.deepEqual(await ticketHashes(t.db, b.participantId), []);
  });

  it("a repeat registration is handed no link; merging look-alikes keeps both people's links working", async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(8) });
    const first = await registerAhead(t.db, { eventId, form: { name: "Siti Rahmawati", institutionName: "SMPN 1 Sitiung" } });
    const again = await registerAhead(t.db, { eventId, form: { name: "siti rahmawati", institutionName: "SMP Negeri 1 Sitiung" } });
    const second = await registerAhead(t.db, { eventId, form: { name: "Siti Rahmawaty", institutionName: "SMP Negeri 1 Sitiung" } });
    assert.ok(first.ok && first.token && second.ok && second.token && again.ok);
    assert.equal(again.already, true);
    assert.equal(again.token, null);
    assert.equal((await ticketHashes(t.db, first.participantId)).length, 1);
    assert.ok(await mergeParticipants(t.db, { eventId, fromId: second.participantId, intoId: first.participantId }));
    const viaFirst = await registrationTicket(t.db, { eventId, token: first.token });
    const viaSecond = await registrationTicket(t.db, { eventId, token: second.token });
    assert.equal(viaFirst?.person.code, first.code);
    assert.deepEqual(viaSecond, viaFirst);
    assert.deepEqual(await ticketHashes(t.db, first.participantId), [first.token, second.token].map(appHash).sort());
    assert.deepEqual(await ticketHashes(t.db, second.participantId), []);
  });

  it("the calendar feed: the link works, only its hash is kept, a new one revokes the old, stopping it ends it", async () => {
    const v = await createUser(t.db);
    assert.equal(await hasCalendarFeed(t.db, v.id), false);
    const first = await resetCalendarToken(t.db, v.id);
    assert.equal(await hasCalendarFeed(t.db, v.id), true);
    const [row] = await t.db.select().from(calendarTokens).where(eq(calendarTokens.userId, v.id));
    assert.ok(row);
    assert.ok(!JSON.stringify(row).includes(first));
    assert.equal(row.tokenHash, appHash(first));
    assert.match((await personalFeed(t.db, first)) ?? "", /BEGIN:VCALENDAR/);
    const second = await resetCalendarToken(t.db, v.id);
    assert.equal(await personalFeed(t.db, first), null);
    assert.match((await personalFeed(t.db, second)) ?? "", /BEGIN:VCALENDAR/);
    await revokeCalendarToken(t.db, v.id);
    assert.equal(await personalFeed(t.db, second), null);
    assert.equal(await hasCalendarFeed(t.db, v.id), false);
  });
});

/**
 * A database as it was before secrets were hashed (migrations up to 0035), with a ticket and a feed link handed out
 * then, brought up to date: both links still open.
 */
describe("links handed out before the migration keep working", () => {
  let old: OldDatabase;
  let db: Db;

  before(async () => {
    old = await databaseAtMigration("0035_hashed_tokens_tables");
    db = old.db;
  });
  after(async () => {
    await old?.close();
  });

  it("a ticket and a calendar feed stored raw open after the migration, and nothing raw is left", async () => {
    // the few regions the event needs (the full list is loaded at start-up, not by migrations)
    await db.insert(regions).values([
      { code: "13", name: "Sumatera Barat", level: 1, parentCode: null, provinceCode: "13", timeZone: "Asia/Jakarta" },
      { code: "13.10", name: "Kabupaten Dharmasraya", level: 2, parentCode: "13", provinceCode: "13", timeZone: "Asia/Jakarta" },
      { code: "13.10.01", name: "Pulau Punjung", level: 3, parentCode: "13.10", provinceCode: "13", timeZone: "Asia/Jakarta" },
    ]);
    const chapter = await createChapter(db, { regionCode: "13.10" });
    const lead = await createUser(db);
    // in SQL: the factory writes today's membership columns, some of which came after 0035
    await db.execute(sql`insert into membership (user_id, chapter_id, role, status) values (${lead.id}, ${chapter.id}, 'lead', 'active')`);
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "13.10.01", date: inDays(5) });
    const ticket = randomBytes(18).toString("base64url");
    const feed = randomBytes(24).toString("base64url");
    const [p] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into event_participant (event_id, name, person_key, source, status, code, token) values (${eventId}, 'Sri Wahyuni', 'sri wahyuni|', 'ahead', 'confirmed', 'ABC234', ${ticket}) returning id`),
    );
    await db.execute(sql`insert into calendar_token (user_id, token) values (${lead.id}, ${feed})`);

    await old.migrateToLatest();

    assert.equal((await registrationTicket(db, { eventId, token: ticket }))?.person.code, "ABC234");
    assert.match((await personalFeed(db, feed)) ?? "", /BEGIN:VCALENDAR/);
    const stored = JSON.stringify({
      p: rowsOf(await db.execute(sql`select * from event_participant where id = ${p?.id ?? 0}`)),
      tickets: rowsOf(await db.execute(sql`select * from event_participant_ticket`)),
      feeds: rowsOf(await db.execute(sql`select * from calendar_token`)),
    });
    assert.ok(!stored.includes(ticket) && !stored.includes(feed));
    assert.ok(stored.includes(appHash(ticket)) && stored.includes(appHash(feed)));
  });
});
