import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { outbox, jobs } from "../../db/schema/outbox";
import { cancelEvent, eventFormDefaults, getEvent, parseEventForm, sessionReminderKey, updateEvent } from "../../app/models/events/events.server";
import { sendEventReminders, signUp } from "../../app/models/events/signups.server";
import { PARTICIPANT_REMINDER_JOB, registerAhead, sendParticipantReminders } from "../../app/models/events/participants.server";
import { runDueJobs, scheduleJob } from "../../app/services/jobs.server";
import { renderEmail } from "../../emails";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { databaseAtMigration, type OldDatabase } from "../support/migrations";
import { regions } from "../../db/schema/regions";

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const handlers = { "event-reminder": sendEventReminders };

/** A three-day bimtek: volunteers are reminded the day before each day they hold, of that day. */
describe("reminders per day held", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const vols: { id: string; email: string }[] = [];

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "33.75", name: "RTIK Kota Pekalongan" });
    lead = await createUser(t.db, { name: "Lead Pekalongan" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    for (let i = 0; i < 3; i++) {
      const u = await createUser(t.db, { name: `Relawan ${i + 1}`, locale: "en" });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      vols.push(u);
    }
  });
  after(async () => {
    await t.close();
  });

  async function threeDays(date = inDays(10)) {
    const eventId = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "33.75.01",
      title: "Bimtek Jaringan OPD",
      date,
      startTime: "08:00",
      endTime: "16:00",
      days: 3,
      sessionLabels: "Angkatan 1\nAngkatan 2\nAngkatan 3",
      roles: [{ name: "Teknisi", capacity: 4 }],
    });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    const roleId = e.roles[0]?.id ?? 0;
    const day = (n: number) => e.sessions[n - 1] ?? { id: 0, startsAt: new Date(0) };
    return { eventId, roleId, day, event: e };
  }

  const pendingJobs = (eventId: number) =>
    t.db
      .select({ dedupKey: jobs.dedupKey, runAt: jobs.runAt, payload: jobs.payload })
      .from(jobs)
      .where(and(like(jobs.dedupKey, `event-reminder:${eventId}%`), eq(jobs.status, "pending")))
      .orderBy(asc(jobs.runAt));

  /** Makes the reminder job of one day due now and runs the queue; returns when that job was due. */
  async function runDayJob(eventId: number, sessionId: number): Promise<Date> {
    const [job] = await t.db
      .select({ id: jobs.id, runAt: jobs.runAt })
      .from(jobs)
      .where(and(like(jobs.dedupKey, `event-reminder:${eventId}:${sessionId}:%`), eq(jobs.status, "pending")));
    assert.ok(job, `a pending job for session ${sessionId}`);
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, job.id));
    assert.ok((await runDueJobs(t.db, { handlers })).done >= 1);
    return job.runAt;
  }

  const reminders = (eventId: number, email: string) =>
    t.db
      .select({ payload: outbox.payload, dedupKey: outbox.dedupKey })
      .from(outbox)
      .where(and(eq(outbox.template, "event-reminder"), eq(outbox.toEmail, email), sql`${outbox.payload}->'event'->>'id' = ${String(eventId)}`))
      .orderBy(asc(outbox.id));

  const daysIn = (payload: unknown) => (payload as { event: { sessions?: { n: number }[] } }).event.sessions?.map((s) => s.n);
  const textOf = (payload: unknown) => renderEmail("event-reminder", payload as Record<string, unknown>, "en").text;

  it("schedules one job per day, the day before it", async () => {
    const { eventId, day } = await threeDays();
    const list = await pendingJobs(eventId);
    assert.deepEqual(
      list.map((j) => [j.runAt.toISOString(), j.payload]),
      [1, 2, 3].map((n) => [new Date(day(n).startsAt.getTime() - DAY).toISOString(), { eventId, sessionId: day(n).id }]),
    );
  });

  it("day 3 only: exactly one reminder, from the job due the day before day 3, showing day 3", async () => {
    const { eventId, roleId, day } = await threeDays();
    const [onlyThree, oneAndThree] = [vols[0]!, vols[1]!];
    assert.equal((await signUp(t.db, { eventId, roleId, userId: onlyThree.id, sessionIds: [day(3).id] })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: oneAndThree.id, sessionIds: [day(1).id, day(3).id] })).ok, true);

    await runDayJob(eventId, day(1).id);
    assert.equal((await reminders(eventId, onlyThree.email)).length, 0, "nothing the day before day 1");
    const first = await reminders(eventId, oneAndThree.email);
    assert.equal(first.length, 1);
    assert.deepEqual(daysIn(first[0]?.payload), [1]);
    // day 1 of three reads as a day of the event, as day 3 does (not as the hours of a one-day event)
    assert.match(textOf(first[0]?.payload), /Day 1 \(Angkatan 1\): .*08:00.*16:00 WIB/);

    await runDayJob(eventId, day(2).id);
    assert.equal((await reminders(eventId, onlyThree.email)).length, 0, "nothing the day before day 2");

    const dueAt = await runDayJob(eventId, day(3).id);
    assert.equal(dueAt.toISOString(), new Date(day(3).startsAt.getTime() - DAY).toISOString(), "due the day before day 3");
    const mine = await reminders(eventId, onlyThree.email);
    assert.equal(mine.length, 1);
    const text = textOf(mine[0]?.payload);
    assert.match(text, /Day 3 \(Angkatan 3\): .*08:00.*16:00 WIB/);
    assert.doesNotMatch(text, /Day 1|Day 2/);
    const att = (mine[0]?.payload as { attachments?: { content: string }[] }).attachments?.[0]?.content ?? "";
    assert.equal(att.match(/BEGIN:VEVENT/g)?.length, 1, "the .ics of that day");

    const both = await reminders(eventId, oneAndThree.email);
    assert.equal(both.length, 2, "days 1 and 3: two reminders");
    assert.match(textOf(both[1]?.payload), /Day 3 \(Angkatan 3\)/);

    // the job of day 3 running again (a retry, a crash after the work) mails nobody twice
    await sendEventReminders({ eventId, sessionId: day(3).id }, { db: t.db, job: { id: 0, kind: "event-reminder", dedupKey: "", attempt: 2, runAt: new Date() } });
    assert.equal((await reminders(eventId, onlyThree.email)).length, 1);
    assert.equal((await reminders(eventId, oneAndThree.email)).length, 2);
    assert.equal((await pendingJobs(eventId)).length, 0);
  });

  it("moving the event moves each day's job, re-arms a day already reminded of, and drops a removed day's job", async () => {
    const { eventId, roleId, day, event } = await threeDays(inDays(12));
    assert.equal((await signUp(t.db, { eventId, roleId, userId: vols[2]!.id, sessionIds: [day(2).id] })).ok, true);
    await runDayJob(eventId, day(2).id);
    assert.equal((await reminders(eventId, vols[2]!.email)).length, 1);

    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(event), date: inDays(19) })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    const moved = await getEvent(t.db, eventId);
    assert.ok(moved);
    const day2 = moved.sessions[1];
    assert.equal(day2?.id, day(2).id);
    assert.equal(day2.startsAt.getTime(), day(2).startsAt.getTime() + 7 * DAY);
    const list = await pendingJobs(eventId);
    assert.equal(list.length, 3, "the old times' jobs are gone");
    const job2 = list.find((j) => j.dedupKey.startsWith(`event-reminder:${eventId}:${day(2).id}:`));
    assert.equal(job2?.runAt.toISOString(), new Date(day2.startsAt.getTime() - DAY).toISOString());

    // reminded again for the new date, once
    await runDayJob(eventId, day(2).id);
    assert.equal((await reminders(eventId, vols[2]!.email)).length, 2);

    // two days instead of three: day 3 (nobody holds it) and its job go
    form.set("days", "2");
    // the edit page opened again after the first save carries the event's sequence of now
    form.set("loaded", String((await getEvent(t.db, eventId))?.sequence));
    const twoDays = parseEventForm(form);
    assert.ok(twoDays.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: twoDays.data }), { ok: true, eventId });
    assert.deepEqual(
      (await pendingJobs(eventId)).map((j) => j.payload),
      [{ eventId, sessionId: day(1).id }],
    );
    // and four: the two new days get theirs
    form.set("days", "4");
    form.set("loaded", String((await getEvent(t.db, eventId))?.sequence));
    const fourDays = parseEventForm(form);
    assert.ok(fourDays.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: fourDays.data }), { ok: true, eventId });
    const now = await getEvent(t.db, eventId);
    assert.deepEqual(
      (await pendingJobs(eventId)).map((j) => j.runAt.toISOString()),
      (now?.sessions ?? []).filter((s) => s.id !== day(2).id).map((s) => new Date(s.startsAt.getTime() - DAY).toISOString()),
    );
  });

  it("cancelling the event cancels every day's reminder", async () => {
    const { eventId } = await threeDays();
    assert.equal((await pendingJobs(eventId)).length, 3);
    assert.equal(await cancelEvent(t.db, { eventId, chapterId: chapter.id }), true);
    assert.equal((await pendingJobs(eventId)).length, 0);
  });

  it("a job queued before reminders went per day ({ eventId }) sends the first day's and queues the other days'", async () => {
    const { eventId, roleId, day } = await threeDays(inDays(1));
    const [onDayOne, onlyThree] = [vols[0]!, vols[1]!];
    assert.equal((await signUp(t.db, { eventId, roleId, userId: onDayOne.id, sessionIds: [day(1).id, day(2).id] })).ok, true);
    assert.equal((await signUp(t.db, { eventId, roleId, userId: onlyThree.id, sessionIds: [day(3).id] })).ok, true);
    // as an older version left it: one job per event, no day in its payload
    await t.db.delete(jobs).where(like(jobs.dedupKey, `event-reminder:${eventId}:%`));
    await scheduleJob(t.db, { kind: "event-reminder", dedupKey: `event-reminder:${eventId}`, runAt: new Date(), payload: { eventId } });

    await runDueJobs(t.db, { handlers });
    const [legacy] = await t.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.dedupKey, `event-reminder:${eventId}`));
    assert.equal(legacy?.status, "done");
    const first = await reminders(eventId, onDayOne.email);
    assert.equal(first.length, 1);
    assert.deepEqual(daysIn(first[0]?.payload), [1], "the first day, not day 2 they also hold");
    assert.equal((await reminders(eventId, onlyThree.email)).length, 0);
    // the days' own jobs now exist; day 1's (due at once) adds nothing, day 3's reaches the day-3 volunteer
    assert.deepEqual(
      (await pendingJobs(eventId)).map((j) => j.payload),
      [1, 2, 3].map((n) => ({ eventId, sessionId: day(n).id })),
    );
    await runDueJobs(t.db, { handlers });
    assert.equal((await reminders(eventId, onDayOne.email)).length, 1, "no second email for day 1");
    await runDayJob(eventId, day(3).id);
    assert.equal((await reminders(eventId, onlyThree.email)).length, 1);
    assert.match(textOf((await reminders(eventId, onlyThree.email))[0]?.payload), /Day 3 \(Angkatan 3\)/);
  });

  it("an event edited while an old per-event job waits gets day jobs in its place", async () => {
    const { eventId, event } = await threeDays(inDays(20));
    await t.db.delete(jobs).where(like(jobs.dedupKey, `event-reminder:${eventId}:%`));
    await scheduleJob(t.db, { kind: "event-reminder", dedupKey: `event-reminder:${eventId}`, runAt: new Date(Date.now() + 19 * DAY), payload: { eventId } });
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(event), startTime: "09:00" })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    const list = await pendingJobs(eventId);
    assert.equal(list.length, 3);
    assert.ok(list.every((j) => "sessionId" in (j.payload as object)));
  });

  it("the public participants' reminder follows the event when it moves", async () => {
    const { eventId, event } = await threeDays(inDays(15));
    const r = await registerAhead(t.db, { eventId, form: { name: "Ibu Sri Wahyuni", institutionName: "SDN 2 Pekalongan", email: "sri.wahyuni@example.id" } });
    assert.equal(r.ok, true);
    const participantJob = async () =>
      (await t.db.select({ runAt: jobs.runAt, status: jobs.status }).from(jobs).where(and(like(jobs.dedupKey, `participant-reminder:${eventId}:%`), eq(jobs.status, "pending"))))[0];
    assert.equal((await participantJob())?.runAt.toISOString(), new Date(event.startsAt.getTime() - DAY).toISOString());

    // a week later: the reminder goes the day before the new first day, not the old one
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(event), date: inDays(22) })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    const moved = await getEvent(t.db, eventId);
    assert.ok(moved);
    assert.equal(moved.startsAt.getTime(), event.startsAt.getTime() + 7 * DAY);
    const job = await participantJob();
    assert.equal(job?.status, "pending");
    assert.equal(job?.runAt.toISOString(), new Date(moved.startsAt.getTime() - DAY).toISOString());
  });

  it("a participant and a volunteer reminded of an event that then moves to another day are reminded again before the new day, once", async () => {
    const { eventId, roleId, day, event } = await threeDays(inDays(6));
    const vol = vols[0]!;
    assert.equal((await signUp(t.db, { eventId, roleId, userId: vol.id, sessionIds: [day(1).id] })).ok, true);
    const email = "wahyu.pratama@example.id";
    assert.equal((await registerAhead(t.db, { eventId, form: { name: "Wahyu Pratama", institutionName: "SMKN 1 Pekalongan", email } })).ok, true);
    const allHandlers = { ...handlers, [PARTICIPANT_REMINDER_JOB]: sendParticipantReminders };
    const participantMails = async () =>
      t.db
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.template, "participant-reminder"), eq(outbox.toEmail, email)))
        .orderBy(asc(outbox.id));
    /** The day before: every job of this event due by then runs (the worker, as in production). */
    async function runTheDayBefore() {
      await t.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.status, "pending"), sql`${jobs.payload}->>'eventId' = ${String(eventId)}`));
      await runDueJobs(t.db, { handlers: allHandlers });
    }
    const first = await getEvent(t.db, eventId);
    assert.ok(first);
    // only day 1's job and the participants' one are due the day before day 1
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.status, "pending"), like(jobs.dedupKey, `participant-reminder:${eventId}:%`)));
    await runDueJobs(t.db, { handlers: allHandlers });
    await runDayJob(eventId, day(1).id);
    assert.equal((await participantMails()).length, 1);
    assert.equal((await reminders(eventId, vol.email)).length, 1);

    // the lead moves the bimtek three days later
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(event), date: inDays(9) })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    const moved = await getEvent(t.db, eventId);
    assert.ok(moved);
    const [pjob] = await t.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(and(like(jobs.dedupKey, `participant-reminder:${eventId}:%`), eq(jobs.status, "pending")));
    assert.equal(pjob?.runAt.toISOString(), new Date(moved.startsAt.getTime() - DAY).toISOString(), "the participants' reminder is due the day before the new date");

    await runTheDayBefore();
    const again = await participantMails();
    assert.equal(again.length, 2, "the participant is reminded of the new date");
    assert.equal((again[1]?.payload as { event: { startsAt: string } }).event.startsAt, moved.startsAt.toISOString());
    const vmails = await reminders(eventId, vol.email);
    assert.equal(vmails.length, 2, "the volunteer is reminded of the new date of the day held");
    assert.match(textOf(vmails[1]?.payload), new RegExp(`Day 1 \\(Angkatan 1\\)`));

    // the worker running again, or the lead saving the new date again with a later hour of the same day: nothing more
    await runTheDayBefore();
    form.set("startTime", "09:00");
    form.set("loaded", String((await getEvent(t.db, eventId))?.sequence));
    const later = parseEventForm(form);
    assert.ok(later.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: later.data }), { ok: true, eventId });
    await runTheDayBefore();
    assert.equal((await participantMails()).length, 2, "a move within the same day: the change e-mail told them");
    assert.equal((await reminders(eventId, vol.email)).length, 2);
  });

  it("a participants' job queued under the event's old key is replaced by one under the new date when the event moves", async () => {
    const { eventId, event } = await threeDays(inDays(30));
    assert.equal((await registerAhead(t.db, { eventId, form: { name: "Rina Marlina", email: "rina.marlina@example.id" } })).ok, true);
    // as an older version queued it
    await t.db.delete(jobs).where(like(jobs.dedupKey, `participant-reminder:${eventId}:%`));
    await scheduleJob(t.db, { kind: PARTICIPANT_REMINDER_JOB, dedupKey: `participant-reminder:${eventId}`, runAt: new Date(event.startsAt.getTime() - DAY), payload: { eventId } });
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...eventFormDefaults(event), date: inDays(31) })) form.set(k, v);
    const parsed = parseEventForm(form);
    assert.ok(parsed.success);
    assert.deepEqual(await updateEvent(t.db, { eventId, chapterId: chapter.id, userId: lead.id, form: parsed.data }), { ok: true, eventId });
    const pending = await t.db.select({ dedupKey: jobs.dedupKey }).from(jobs).where(and(like(jobs.dedupKey, `participant-reminder:${eventId}%`), eq(jobs.status, "pending")));
    assert.deepEqual(pending.map((j) => j.dedupKey), [`participant-reminder:${eventId}:${inDays(31)}`]);
  });
});

/**
 * A database from before reminders went per day (migrations up to 0037): a three-day event whose one reminder already
 * went out, another whose reminder still waits, a draft. Migration 0038 gives the first event's later days their jobs.
 */
describe("events under way when reminders went per day", () => {
  let old: OldDatabase;
  before(async () => {
    old = await databaseAtMigration("0037_drop_raw_tokens");
  });
  after(async () => {
    await old?.close();
  });

  it("the later days of an event whose reminder went out get their jobs; the others are left as they are", async () => {
    const db = old.db;
    await db.insert(regions).values([
      { code: "33", name: "Jawa Tengah", level: 1, parentCode: null, provinceCode: "33", timeZone: "Asia/Jakarta" },
      { code: "33.75", name: "Kota Pekalongan", level: 2, parentCode: "33", provinceCode: "33", timeZone: "Asia/Jakarta" },
      { code: "33.75.01", name: "Pekalongan Barat", level: 3, parentCode: "33.75", provinceCode: "33", timeZone: "Asia/Jakarta" },
    ]);
    const chapter = await createChapter(db, { regionCode: "33.75", name: "RTIK Kota Pekalongan" });
    const lead = await createUser(db, { name: "Lead Pekalongan" });
    // in SQL: the factory writes today's membership columns, some of which came after 0037
    await db.execute(sql`insert into membership (user_id, chapter_id, role, status) values (${lead.id}, ${chapter.id}, 'lead', 'active')`);
    const threeDays = (title: string, date: string) =>
      createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "33.75.01", title, date, startTime: "08:00", endTime: "16:00", days: 3, roles: [{ name: "Teknisi", capacity: 4 }] });
    // reminded already: day 1 is tomorrow, its one per-event job ran
    const sent = await threeDays("Bimtek OPD angkatan pagi", inDays(1));
    // its reminder still waits: that job queues the days' jobs itself when it runs
    const waiting = await threeDays("Bimtek OPD angkatan siang", inDays(9));
    const draft = await threeDays("Bimtek OPD draf", inDays(9));
    await db.execute(sql`update event set status = 'draft' where id = ${draft}`);
    // as the app left them then: one job per event under event-reminder:<id>
    await db.delete(jobs).where(like(jobs.dedupKey, "event-reminder:%"));
    await db.insert(jobs).values([
      { kind: "event-reminder", dedupKey: `event-reminder:${sent}`, payload: { eventId: sent }, runAt: new Date(Date.now() - DAY), status: "done", doneAt: new Date() },
      { kind: "event-reminder", dedupKey: `event-reminder:${waiting}`, payload: { eventId: waiting }, runAt: new Date(Date.now() + 8 * DAY) },
    ]);

    await old.migrateToLatest();

    const e = await getEvent(db, sent);
    assert.ok(e);
    const armed = await db
      .select({ dedupKey: jobs.dedupKey, runAt: jobs.runAt, payload: jobs.payload, status: jobs.status })
      .from(jobs)
      .where(and(like(jobs.dedupKey, `event-reminder:${sent}:%`)))
      .orderBy(asc(jobs.runAt));
    // days 2 and 3, keyed as the app keys them (so saving the event later replaces them), due the day before each
    assert.deepEqual(
      armed.map((j) => [j.dedupKey, j.payload, j.runAt.toISOString(), j.status]),
      e.sessions.slice(1).map((s) => [sessionReminderKey(sent, s), { eventId: sent, sessionId: s.id }, new Date(s.startsAt.getTime() - DAY).toISOString(), "pending"]),
    );
    const others = await db.select({ dedupKey: jobs.dedupKey }).from(jobs).where(like(jobs.dedupKey, "event-reminder:%"));
    assert.deepEqual(others.map((j) => j.dedupKey).sort(), [`event-reminder:${sent}`, `event-reminder:${waiting}`, ...armed.map((j) => j.dedupKey)].sort());
  });
});
