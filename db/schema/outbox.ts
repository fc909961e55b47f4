import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const OUTBOX_STATUSES = ["pending", "sent", "dead"] as const;

/** Every email, written in the transaction of the change that causes it; the worker sends it after commit. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** the same change never queues the same mail twice */
    dedupKey: text("dedup_key").notNull().unique(),
    toEmail: text("to_email").notNull(),
    template: text("template").notNull(),
    locale: text("locale").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** a worker that claims a row leases it until then; a crashed worker's lease simply runs out */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** rendered at send time, kept for the development mailbox */
    subject: text("subject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** Scheduled work (reminders, expiries, digests) that must run once across processes. */
export const jobs = pgTable(
  "job",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    dedupKey: text("dedup_key").notNull().unique(),
    payload: jsonb("payload").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["pending", "done", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [index("job_due_idx").on(t.status, t.runAt)],
);
