/**
 * Scheduled jobs: a small queue in the `job` table that runs each job once across all app processes
 * (claimed with FOR UPDATE SKIP LOCKED and a lease), on PGlite and PostgreSQL alike. Use it for reminders,
 * offer expiry, digests, escalation, retention.
 *
 * Schedule it inside the transaction of the change that calls for it, like queueEmail:
 *
 *   await scheduleJob(tx, { kind: "event-reminder", dedupKey: `event-reminder:${event.id}`, runAt, payload: { eventId: event.id } });
 *
 *   - The dedup key makes it idempotent. Scheduling the same key again while the job is pending reschedules it
 *     (run_at and payload are replaced; if it is running at that moment, it runs again at the new time).
 *     Once it is done (or dead) the same key is a no-op: put a version in
 *     the key (e.g. the event's start time) when the work must happen again, or cancelJob first.
 *   - `cancelJob(tx, dedupKey)` removes a pending job (true when there was one); the key can then be reused.
 *     `cancelJobsByPrefix(tx, prefix)` removes every pending job whose key starts with prefix (all of one event's).
 *
 * Handle it: one line in app/job-handlers.server.ts — `"event-reminder": sendEventReminder,` (the queue itself knows
 * no handler: the worker passes that map to runDueJobs at start) where
 *
 *   export async function sendEventReminder(payload: Record<string, unknown>, { db, job }: JobContext) { … }
 *
 *   - Parse the payload (zod), then re-read the current state: the world may have changed since scheduling.
 *   - It runs outside any transaction; open your own (db.transaction) and queue emails in it with dedup keys.
 *   - Throw to retry later with backoff (30 s, 2 min, 10 min, 1 h, …); after MAX_JOB_ATTEMPTS the job is dead
 *     (status "dead", last_error kept). A crash after the work but before "done" runs it again once the lease
 *     (5 min) is over, so make handlers idempotent and keep each run well under the lease; split big work into
 *     several jobs.
 *   - Recurring work (a weekly digest): the handler schedules its own dedup key for the next run; the job then
 *     stays pending for that time instead of being marked done.
 *   - A process only claims kinds it has a handler for, so a rolling deploy never dead-letters a new kind.
 *
 * The worker loop (app/worker.server.ts) calls runDueJobs(db) every WORKER_INTERVAL_MS in every process.
 */
import { and, asc, eq, inArray, isNull, like, lt, lte, or, sql } from "drizzle-orm";
import { jobs } from "../../db/schema/outbox";
import type { Db } from "~/db.server";
import { backoffMs } from "~/services/backoff";

export type JobContext = {
  db: Db;
  job: { id: number; kind: string; dedupKey: string; attempt: number; runAt: Date };
};
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export type NewJob = { kind: string; dedupKey: string; runAt: Date; payload?: Record<string, unknown> };

export const MAX_JOB_ATTEMPTS = 8;

export async function scheduleJob(tx: Db, job: NewJob): Promise<void> {
  await tx
    .insert(jobs)
    .values({ kind: job.kind, dedupKey: job.dedupKey, runAt: job.runAt, payload: job.payload ?? {} })
    .onConflictDoUpdate({
      target: jobs.dedupKey,
      set: { runAt: sql`excluded.run_at`, payload: sql`excluded.payload` },
      setWhere: eq(jobs.status, "pending"),
    });
}

export async function cancelJob(tx: Db, dedupKey: string): Promise<boolean> {
  const rows = await tx
    .delete(jobs)
    .where(and(eq(jobs.dedupKey, dedupKey), eq(jobs.status, "pending")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Moves a pending job to another time; false when there is none pending under that key (not queued, or already run). */
export async function rescheduleJob(tx: Db, dedupKey: string, runAt: Date): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ runAt })
    .where(and(eq(jobs.dedupKey, dedupKey), eq(jobs.status, "pending")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Removes the pending jobs whose dedup key starts with `prefix` (taken literally); returns how many. */
export async function cancelJobsByPrefix(tx: Db, prefix: string): Promise<number> {
  const rows = await tx
    .delete(jobs)
    .where(and(eq(jobs.status, "pending"), like(jobs.dedupKey, `${prefix.replace(/[\\%_]/g, "\\$&")}%`)))
    .returning({ id: jobs.id });
  return rows.length;
}

export type RunOptions = {
  /** job kind → handler; the worker passes the map of app/job-handlers.server.ts */
  handlers: JobHandlers;
  batchSize?: number;
  maxBatches?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
};

export type RunResult = { done: number; retried: number; dead: number };

type Claimed = {
  id: number;
  kind: string;
  dedupKey: string;
  payload: unknown;
  attempts: number;
  runAt: Date;
  /** run_at exactly as stored (microseconds): tells whether the job was rescheduled while it ran */
  runAtToken: string;
};

async function claimDue(db: Db, kinds: string[], batchSize: number, leaseSeconds: number): Promise<Claimed[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "pending"),
        lte(jobs.runAt, sql`now()`),
        or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, sql`now()`)),
        inArray(jobs.kind, kinds),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(batchSize)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning({
      id: jobs.id,
      kind: jobs.kind,
      dedupKey: jobs.dedupKey,
      payload: jobs.payload,
      attempts: jobs.attempts,
      runAt: jobs.runAt,
      runAtToken: sql<string>`${jobs.runAt}::text`,
    });
}

function ours(job: Claimed) {
  return and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, "pending"));
}

function notRescheduled(job: Claimed) {
  return sql`${jobs.runAt} = ${job.runAtToken}::timestamptz`;
}

/** Rescheduled while it ran: leave it pending for its new time, as a fresh job. */
async function releaseRescheduled(db: Db, job: Claimed): Promise<void> {
  await db.update(jobs).set({ lockedUntil: null, attempts: 0 }).where(ours(job));
}

async function markDone(db: Db, job: Claimed): Promise<void> {
  const rows = await db
    .update(jobs)
    .set({ status: "done", doneAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(and(ours(job), notRescheduled(job)))
    .returning({ id: jobs.id });
  if (rows.length === 0) await releaseRescheduled(db, job);
}

async function markFailed(db: Db, job: Claimed, error: string, maxAttempts: number): Promise<"retried" | "dead"> {
  const lastError = error.slice(0, 2000);
  if (job.attempts >= maxAttempts) {
    await db.update(jobs).set({ status: "dead", lockedUntil: null, lastError }).where(ours(job));
    return "dead";
  }
  const rows = await db
    .update(jobs)
    .set({ runAt: sql`now() + make_interval(secs => ${backoffMs(job.attempts) / 1000})`, lockedUntil: null, lastError })
    .where(and(ours(job), notRescheduled(job)))
    .returning({ id: jobs.id });
  if (rows.length === 0) await releaseRescheduled(db, job);
  return "retried";
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Runs due jobs one after another, batch by batch, until none is due or maxBatches is reached. */
export async function runDueJobs(db: Db, opts: RunOptions): Promise<RunResult> {
  const handlers = opts.handlers;
  const kinds = Object.keys(handlers);
  const result: RunResult = { done: 0, retried: 0, dead: 0 };
  if (kinds.length === 0) return result;
  const batchSize = opts.batchSize ?? 20;
  const maxBatches = opts.maxBatches ?? 10;
  const maxAttempts = opts.maxAttempts ?? MAX_JOB_ATTEMPTS;
  const leaseSeconds = opts.leaseSeconds ?? 300;

  for (let batch = 0; batch < maxBatches; batch++) {
    const claimed = await claimDue(db, kinds, batchSize, leaseSeconds);
    // RETURNING does not keep the subquery's order: run the oldest first
    claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
    for (const job of claimed) {
      const handler = handlers[job.kind];
      const payload = job.payload && typeof job.payload === "object" ? (job.payload as Record<string, unknown>) : {};
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        await handler(payload, {
          db,
          job: { id: job.id, kind: job.kind, dedupKey: job.dedupKey, attempt: job.attempts, runAt: job.runAt },
        });
      } catch (err) {
        result[await markFailed(db, job, describe(err), maxAttempts)]++;
        continue;
      }
      await markDone(db, job);
      result.done++;
    }
    if (claimed.length < batchSize) break;
  }
  return result;
}
