/**
 * Storage limitation (UU PDP): a daily job removes what is no longer needed —
 *   - a learner's name, contact and free text LEARNER_CONTACT_RETENTION_MONTHS after the request closed;
 *   - recipients and contents of sent or dead emails OUTBOX_RETENTION_DAYS after they were sent (a dead one: after it was queued);
 *   - sessions past their expiry (SESSION_IDLE_DAYS without use), expired reset links, email-change links and
 *     sign-up address checks (which hold the address they were sent to); browsers remembered for the log-in limits
 *     (DECISIONS 42) unused for a year, the life of their cookie;
 *   - entries of the access log (who opened or exported whose data) ACCESS_LOG_RETENTION_MONTHS after they were made;
 *   - an event participant's phone and email, a child's guardian's name and contact, and the links to their ticket,
 *     PARTICIPANT_CONTACT_RETENTION_MONTHS after the event ended (name, institution and gender stay: the event's report
 *     counts them; so do "under 18" and the time of the guardian's consent, the record that it was given);
 *   - the rate limits' counters (keyed by IP address) a day after their window began (the longest window is an hour).
 * The privacy notice states the same periods (it reads them from here).
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "../../../db/rows";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { scheduleJob, type JobContext } from "~/services/jobs.server";
import { KNOWN_DEVICE_DAYS } from "~/models/accounts/accounts.server";
import { eraseExpiredRequests } from "~/models/tutoring/learner-data.server";
import type { RetentionPeriods } from "./notice";

export const RETENTION_JOB = "privacy-retention";

export function retentionPeriods(): RetentionPeriods {
  return {
    learnerContactMonths: env.LEARNER_CONTACT_RETENTION_MONTHS,
    outboxDays: env.OUTBOX_RETENTION_DAYS,
    sessionIdleDays: env.SESSION_IDLE_DAYS,
    accessLogMonths: env.ACCESS_LOG_RETENTION_MONTHS,
    participantContactMonths: env.PARTICIPANT_CONTACT_RETENTION_MONTHS,
  };
}

export type RetentionResult = { learners: number; emails: number; sessions: number; links: number; accessLog: number; participants: number; rateLimits: number };

export async function runRetention(db: Db, now = new Date(), periods: RetentionPeriods = retentionPeriods()): Promise<RetentionResult> {
  const at = now.toISOString();
  const learners = await eraseExpiredRequests(db, periods.learnerContactMonths, now);
  const emails = rowsOf<{ id: number }>(
    await db.execute(sql`
      update outbox set to_email = '', payload = '{}'::jsonb, subject = null, last_error = null
      where status in ('sent', 'dead') and coalesce(sent_at, created_at) < ${at}::timestamptz - make_interval(days => ${periods.outboxDays}::int)
        and (to_email <> '' or payload <> '{}'::jsonb)
      returning id`),
  ).length;
  const sessions = rowsOf<{ id: string }>(await db.execute(sql`delete from session where expires_at < ${at}::timestamptz returning id`)).length;
  const links =
    rowsOf<{ n: number }>(await db.execute(sql`delete from password_reset where expires_at < ${at}::timestamptz returning 1 as n`)).length +
    rowsOf<{ n: number }>(await db.execute(sql`delete from email_change where expires_at < ${at}::timestamptz returning 1 as n`)).length +
    rowsOf<{ n: number }>(await db.execute(sql`delete from email_verification where expires_at < ${at}::timestamptz returning 1 as n`)).length +
    rowsOf<{ n: number }>(await db.execute(sql`delete from known_device where last_used_at < ${at}::timestamptz - make_interval(days => ${KNOWN_DEVICE_DAYS}::int) returning 1 as n`)).length;
  const accessLog = rowsOf<{ n: number }>(
    await db.execute(
      sql`delete from data_access_log where at < ${at}::timestamptz - make_interval(months => ${periods.accessLogMonths}::int) returning 1 as n`,
    ),
  ).length;
  // participants of events over for the period: the tickets first (they open the page showing the contact)
  const over = sql`select e.id from event e where e.ends_at < ${at}::timestamptz - make_interval(months => ${periods.participantContactMonths}::int)`;
  await db.execute(sql`delete from event_participant_ticket t using event_participant p where p.id = t.participant_id and p.event_id in (${over})`);
  const participants = rowsOf<{ n: number }>(
    await db.execute(sql`
      update event_participant set phone = null, email = null, guardian_name = null, guardian_contact = null
      where event_id in (${over}) and (phone is not null or email is not null or guardian_name is not null or guardian_contact is not null)
      returning 1 as n`),
  ).length;
  const rateLimits = rowsOf<{ n: number }>(await db.execute(sql`delete from rate_limit where window_start < ${at}::timestamptz - interval '1 day' returning 1 as n`)).length;
  return { learners, emails, sessions, links, accessLog, participants, rateLimits };
}

/** The daily job (recurring: schedules its next run first, like the weekly digest). */
export async function retentionJob(_payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const now = new Date();
  await scheduleJob(db, { kind: RETENTION_JOB, dedupKey: RETENTION_JOB, runAt: new Date(now.getTime() + 86400_000) });
  await runRetention(db, now);
}
