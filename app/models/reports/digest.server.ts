/**
 * Weekly digest to chapter leads (Monday 07:00 WIB): new applicants, events short of volunteers, tutoring requests
 * waiting for a tutor, indicators at risk. A recurring job: the handler first schedules its own next run.
 */
import { sql } from "drizzle-orm";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { computeIndicators, figuresOf, listIndicators } from "./indicators.server";
import { scheduleJob, type JobContext } from "~/services/jobs.server";
import { queueEmail } from "~/services/outbox.server";
import { currentPeriod, elapsedFraction, periodKey, periodMonths, progressStatus } from "./period";
import { rowsOf } from "../../../db/rows";
import { chapterTargets } from "./targets.server";
import { chapterRecipients } from "~/models/chapters/recipients.server";

export const DIGEST_JOB = "reports-weekly-digest";

/** The next Monday 07:00 WIB (00:00 UTC) strictly after `now`. */
export function nextDigestRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const daysToMonday = (8 - d.getUTCDay()) % 7 || 7;
  const next = new Date(d.getTime() + daysToMonday * 86400_000);
  return next;
}

export type DigestChapter = {
  chapterId: number;
  /** the reporting year on the chapter's own calendar (WIB/WITA/WIT) */
  period: string;
  slug: string;
  name: string;
  applicants: number;
  newApplicants: number;
  shortEvents: { id: number; title: string; startsAt: string; timeZone: string; missing: number }[];
  waitingRequests: number;
  oldestWaitingDays: number | null;
  atRisk: { name: string; nameEn: string; value: number; target: number }[];
};

/** What each chapter's digest says (one pass over all chapters; indicators computed once for all). */
export async function digestContents(db: Db, now = new Date()): Promise<DigestChapter[]> {
  const at = now.toISOString();
  const chaptersRes = await db.execute(sql`
    select c.id, c.slug, c.name, r.time_zone,
      (select count(*)::int from membership m where m.chapter_id = c.id and m.role = 'volunteer' and m.status = 'pending') as applicants,
      (select count(*)::int from membership m where m.chapter_id = c.id and m.role = 'volunteer' and m.status = 'pending' and m.applied_at > ${at}::timestamptz - interval '7 days') as new_applicants,
      (select count(*)::int from tutoring_request t where t.chapter_id = c.id and t.status in ('new', 'unmatched') and t.erased_at is null) as waiting,
      (select floor(extract(epoch from (${at}::timestamptz - min(t.created_at))) / 86400)::int from tutoring_request t
        where t.chapter_id = c.id and t.status in ('new', 'unmatched') and t.erased_at is null) as oldest_days
    from chapter c join region r on r.code = c.region_code
    where exists (select 1 from membership m where m.chapter_id = c.id and m.role = 'lead' and m.status = 'active')
    order by c.id`);
  const list = rowsOf<{ id: number; slug: string; name: string; time_zone: string; applicants: number; new_applicants: number; waiting: number; oldest_days: number | null }>(chaptersRes);
  if (!list.length) return [];
  const shortRes = await db.execute(sql`
    select e.id, e.chapter_id, e.title, e.starts_at, e.time_zone,
      (select coalesce(sum(p.capacity), 0)::int from event_session_role p where p.event_id = e.id) -
      (select count(*)::int from signup s where s.event_id = e.id and s.status = 'confirmed') as missing
    from event e
    where e.status = 'published' and e.starts_at > ${at}::timestamptz and e.starts_at < ${at}::timestamptz + interval '14 days'
    order by e.starts_at`);
  const short = rowsOf<{ id: number; chapter_id: number; title: string; starts_at: string | Date; time_zone: string; missing: number }>(shortRes).filter((e) => Number(e.missing) > 0);
  // each chapter's year is the one on its own calendar: in the last hours of 31 December WIB it is already the new year in WIT
  const periodOf = (c: { time_zone: string }) => currentPeriod(now, c.time_zone);
  const periods = new Map(list.map((c) => [periodKey(periodOf(c)), periodOf(c)]));
  const [defsId, defsEn, perPeriod] = await Promise.all([
    listIndicators(db, "id"),
    listIndicators(db, "en"),
    Promise.all(
      [...periods].map(async ([key, period]) => {
        const chapterIds = list.filter((c) => periodKey(periodOf(c)) === key).map((c) => Number(c.id));
        const [figures, targets] = await Promise.all([computeIndicators(db, { chapterIds, period }), chapterTargets(db, period)]);
        return [key, { figures, targets }] as const;
      }),
    ).then((entries) => new Map(entries)),
  ]);
  return list.map((c) => {
    const id = Number(c.id);
    const period = periodOf(c);
    const { figures, targets } = perPeriod.get(periodKey(period)) ?? { figures: new Map(), targets: new Map() };
    const months = periodMonths(period).length;
    const tg = targets.get(id);
    const elapsed = elapsedFraction(period, now, c.time_zone);
    const atRisk = defsId.flatMap((d, i) => {
      const t = tg?.get(d.id);
      if (t === undefined) return [];
      const v = figuresOf(figures, id, d.key, months).total;
      return progressStatus(v, t, elapsed) === "atRisk" ? [{ name: d.name, nameEn: defsEn[i]?.name ?? d.name, value: v, target: t }] : [];
    });
    return {
      chapterId: id,
      period: periodKey(period),
      slug: c.slug,
      name: c.name,
      applicants: Number(c.applicants),
      newApplicants: Number(c.new_applicants),
      shortEvents: short
        .filter((e) => Number(e.chapter_id) === id)
        .map((e) => ({ id: Number(e.id), title: e.title, startsAt: new Date(e.starts_at).toISOString(), timeZone: e.time_zone, missing: Number(e.missing) })),
      waitingRequests: Number(c.waiting),
      oldestWaitingDays: c.oldest_days === null ? null : Number(c.oldest_days),
      atRisk,
    };
  });
}

const isEmpty = (c: DigestChapter) => c.applicants === 0 && c.shortEvents.length === 0 && c.waitingRequests === 0 && c.atRisk.length === 0;

/** Queue one digest per active lead of each chapter with something to say; dedup per week. */
export async function queueDigests(db: Db, now = new Date()): Promise<number> {
  const contents = await digestContents(db, now);
  const week = now.toISOString().slice(0, 10);
  let queued = 0;
  for (const c of contents) {
    if (isEmpty(c)) continue;
    await db.transaction(async (tx) => {
      // a chapter without a lead: the national admins get its digest until one is appointed
      const { people: leads } = await chapterRecipients(tx, c.chapterId);
      for (const l of leads) {
        const locale = l.locale === "en" ? "en" : "id";
        await queueEmail(tx, {
          to: l.email,
          template: "reports-digest",
          locale,
          payload: {
            name: l.name,
            chapterName: c.name,
            applicants: c.applicants,
            newApplicants: c.newApplicants,
            shortEvents: c.shortEvents,
            waitingRequests: c.waitingRequests,
            oldestWaitingDays: c.oldestWaitingDays,
            atRisk: c.atRisk.map((a) => ({ name: locale === "en" ? a.nameEn : a.name, value: a.value, target: a.target })),
            urls: {
              applications: `${env.APP_URL}/chapters/${c.slug}/applications`,
              events: `${env.APP_URL}/events`,
              tutoring: `${env.APP_URL}/chapters/${c.slug}/tutoring`,
              dashboard: `${env.APP_URL}/chapters/${c.slug}/capaian?period=${c.period}`,
            },
          },
          dedupKey: `reports-digest:${c.chapterId}:${l.id}:${week}`,
        });
        queued++;
      }
    });
  }
  return queued;
}

/** Job handler: schedule the next week first (so a failure below cannot stop the series), then queue. */
export async function sendWeeklyDigest(_payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const now = new Date();
  await scheduleJob(db, { kind: DIGEST_JOB, dedupKey: DIGEST_JOB, runAt: nextDigestRun(now) });
  await queueDigests(db, now);
}
