import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { jobs } from "../../db/schema/outbox";
import { jobHandlers } from "../../app/job-handlers.server";
import { cancelJob, cancelJobsByPrefix, runDueJobs, scheduleJob, type JobHandler } from "../../app/services/jobs.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("scheduled jobs", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.db.delete(jobs);
  });

  const inAnHour = () => new Date(Date.now() + 3600_000);
  const now = () => new Date();

  async function row(dedupKey: string) {
    const [r] = await t.db
      .select({
        status: jobs.status,
        attempts: jobs.attempts,
        payload: jobs.payload,
        lastError: jobs.lastError,
        doneAt: jobs.doneAt,
        lockedUntil: jobs.lockedUntil,
        secondsToRun: sql<number>`extract(epoch from ${jobs.runAt} - now())::float8`,
      })
      .from(jobs)
      .where(eq(jobs.dedupKey, dedupKey));
    return r;
  }

  async function makeDue() {
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, "pending"));
  }

  function recorder() {
    const calls: { payload: Record<string, unknown>; attempt: number; dedupKey: string }[] = [];
    const handler: JobHandler = async (payload, { job }) => {
      calls.push({ payload, attempt: job.attempt, dedupKey: job.dedupKey });
    };
    return { calls, handler };
  }

  it("runs a due job once, and not before its time", async () => {
    const { calls, handler } = recorder();
    await t.db.transaction(async (tx) => {
      await scheduleJob(tx, { kind: "ping", dedupKey: "ping:now", runAt: now(), payload: { n: 1 } });
      await scheduleJob(tx, { kind: "ping", dedupKey: "ping:later", runAt: inAnHour(), payload: { n: 2 } });
    });
    assert.deepEqual(await runDueJobs(t.db, { handlers: { ping: handler } }), { done: 1, retried: 0, dead: 0 });
    assert.deepEqual(await runDueJobs(t.db, { handlers: { ping: handler } }), { done: 0, retried: 0, dead: 0 });
    assert.deepEqual(calls, [{ payload: { n: 1 }, attempt: 1, dedupKey: "ping:now" }]);
    const done = await row("ping:now");
    assert.equal(done?.status, "done");
    assert.ok(done?.doneAt);
    assert.equal(done?.lockedUntil, null);
    assert.equal((await row("ping:later"))?.status, "pending");

    await makeDue();
    await runDueJobs(t.db, { handlers: { ping: handler } });
    assert.deepEqual(calls.map((c) => c.dedupKey), ["ping:now", "ping:later"]);
  });

  it("retries a failing job with backoff, then succeeds", async () => {
    let failures = 2;
    const attempts: number[] = [];
    const flaky: JobHandler = async (_payload, { job }) => {
      attempts.push(job.attempt);
      if (failures-- > 0) throw new Error("remote service down");
    };
    await scheduleJob(t.db, { kind: "flaky", dedupKey: "flaky:1", runAt: now() });
    assert.deepEqual(await runDueJobs(t.db, { handlers: { flaky } }), { done: 0, retried: 1, dead: 0 });
    let r = await row("flaky:1");
    assert.equal(r?.status, "pending");
    assert.equal(r?.attempts, 1);
    assert.match(r?.lastError ?? "", /remote service down/);
    assert.ok(r && r.secondsToRun > 20 && r.secondsToRun <= 36, `first retry after ~30 s, got ${r?.secondsToRun}`);
    assert.deepEqual(await runDueJobs(t.db, { handlers: { flaky } }), { done: 0, retried: 0, dead: 0 }, "not due during the backoff");

    await makeDue();
    await runDueJobs(t.db, { handlers: { flaky } });
    r = await row("flaky:1");
    assert.ok(r && r.secondsToRun > 90 && r.secondsToRun <= 145, `second retry after ~2 min, got ${r?.secondsToRun}`);
    await makeDue();
    assert.deepEqual(await runDueJobs(t.db, { handlers: { flaky } }), { done: 1, retried: 0, dead: 0 });
    assert.deepEqual(attempts, [1, 2, 3]);
    r = await row("flaky:1");
    assert.equal(r?.status, "done");
    assert.equal(r?.lastError, null);
  });

  it("marks a job dead after the last attempt", async () => {
    const broken: JobHandler = async () => {
      throw new Error("always broken");
    };
    await scheduleJob(t.db, { kind: "broken", dedupKey: "broken:1", runAt: now() });
    const results = [];
    for (let i = 0; i < 4; i++) {
      await makeDue();
      results.push(await runDueJobs(t.db, { handlers: { broken }, maxAttempts: 3 }));
    }
    assert.deepEqual(results.map((r) => r.dead), [0, 0, 1, 0]);
    const r = await row("broken:1");
    assert.equal(r?.status, "dead");
    assert.equal(r?.attempts, 3);
    assert.match(r?.lastError ?? "", /always broken/);
  });

  it("schedules a dedup key once; a finished job is not scheduled again", async () => {
    const { calls, handler } = recorder();
    for (let i = 0; i < 3; i++) await scheduleJob(t.db, { kind: "once", dedupKey: "once:1", runAt: now(), payload: { i } });
    assert.equal((await t.db.select({ id: jobs.id }).from(jobs)).length, 1);
    await runDueJobs(t.db, { handlers: { once: handler } });
    await scheduleJob(t.db, { kind: "once", dedupKey: "once:1", runAt: now(), payload: { i: 9 } });
    await runDueJobs(t.db, { handlers: { once: handler } });
    assert.deepEqual(calls.map((c) => c.payload), [{ i: 2 }]);
    assert.equal((await row("once:1"))?.status, "done");
  });

  it("reschedules a pending job (time and payload) and cancels one", async () => {
    const { calls, handler } = recorder();
    await scheduleJob(t.db, { kind: "remind", dedupKey: "remind:a", runAt: inAnHour(), payload: { v: 1 } });
    await scheduleJob(t.db, { kind: "remind", dedupKey: "remind:b", runAt: now(), payload: { v: 1 } });
    await scheduleJob(t.db, { kind: "remind", dedupKey: "remind:c", runAt: now(), payload: { v: 1 } });
    // a moved earlier with a new payload, b moved to later, c cancelled
    await scheduleJob(t.db, { kind: "remind", dedupKey: "remind:a", runAt: now(), payload: { v: 2 } });
    await scheduleJob(t.db, { kind: "remind", dedupKey: "remind:b", runAt: inAnHour(), payload: { v: 2 } });
    assert.equal(await cancelJob(t.db, "remind:c"), true);
    assert.equal(await cancelJob(t.db, "remind:c"), false);

    assert.deepEqual(await runDueJobs(t.db, { handlers: { remind: handler } }), { done: 1, retried: 0, dead: 0 });
    assert.deepEqual(calls, [{ payload: { v: 2 }, attempt: 1, dedupKey: "remind:a" }]);
    assert.equal((await row("remind:b"))?.status, "pending");
    assert.equal(await row("remind:c"), undefined);
    assert.equal(await cancelJob(t.db, "remind:a"), false, "a finished job cannot be cancelled");
  });

  it("cancels the pending jobs under a key prefix, taken literally", async () => {
    for (const key of ["day:1:7", "day:1:8", "day:10:7", "day:1x", "day_1:7"]) await scheduleJob(t.db, { kind: "day", dedupKey: key, runAt: inAnHour() });
    await scheduleJob(t.db, { kind: "day", dedupKey: "day:1:done", runAt: now() });
    await runDueJobs(t.db, { handlers: { day: recorder().handler } });
    assert.equal(await cancelJobsByPrefix(t.db, "day:1:"), 2);
    assert.equal(await cancelJobsByPrefix(t.db, "day_"), 1);
    const left = await t.db.select({ key: jobs.dedupKey }).from(jobs);
    assert.deepEqual(left.map((r) => r.key).sort(), ["day:10:7", "day:1:done", "day:1x"]);
  });

  it("keeps a job that was rescheduled while it ran for its new time", async () => {
    let runs = 0;
    const moving: JobHandler = async (_payload, { db }) => {
      runs++;
      if (runs === 1) await scheduleJob(db, { kind: "moving", dedupKey: "moving:1", runAt: inAnHour(), payload: { moved: true } });
    };
    await scheduleJob(t.db, { kind: "moving", dedupKey: "moving:1", runAt: now() });
    await runDueJobs(t.db, { handlers: { moving } });
    const r = await row("moving:1");
    assert.equal(r?.status, "pending");
    assert.equal(r?.attempts, 0);
    assert.equal(r?.lockedUntil, null);
    assert.ok(r && r.secondsToRun > 3500);
    await makeDue();
    await runDueJobs(t.db, { handlers: { moving } });
    assert.equal(runs, 2);
    assert.equal((await row("moving:1"))?.status, "done");
  });

  it("only claims kinds this process can handle", async () => {
    const { calls, handler } = recorder();
    await scheduleJob(t.db, { kind: "future-kind", dedupKey: "future:1", runAt: now() });
    await scheduleJob(t.db, { kind: "known", dedupKey: "known:1", runAt: now() });
    assert.deepEqual(await runDueJobs(t.db, { handlers: { known: handler } }), { done: 1, retried: 0, dead: 0 });
    assert.equal(calls.length, 1);
    const r = await row("future:1");
    assert.equal(r?.status, "pending");
    assert.equal(r?.attempts, 0);
    assert.deepEqual(await runDueJobs(t.db, { handlers: jobHandlers }), { done: 0, retried: 0, dead: 0 }, "the worker's handler map");
  });

  it("schedules nothing when the transaction rolls back", async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await scheduleJob(tx, { kind: "x", dedupKey: "rollback:1", runAt: now() });
        throw new Error("rolled back");
      }),
    );
    assert.equal(await row("rollback:1"), undefined);
  });

  it("runs each job once when several runners work at the same time", async () => {
    const seen = new Map<string, number>();
    const count: JobHandler = async (_payload, { job }) => {
      seen.set(job.dedupKey, (seen.get(job.dedupKey) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 50; i++) await scheduleJob(tx, { kind: "count", dedupKey: `count:${i}`, runAt: now() });
    });
    const results = await Promise.all(Array.from({ length: 4 }, () => runDueJobs(t.db, { handlers: { count }, batchSize: 5 })));
    assert.equal(results.reduce((n, r) => n + r.done, 0), 50);
    assert.equal(seen.size, 50);
    assert.ok([...seen.values()].every((n) => n === 1));
  });
});
