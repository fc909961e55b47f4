/**
 * Tutoring numbers for leads and for the reports/indicators module. Pure reads; every figure is scoped by the
 * chapters passed in (the caller checks who may see which chapters).
 */
import { sql } from "drizzle-orm";
import type { Db } from "~/db.server";
import { rowsOf } from "../../../db/rows";

export type TutoringStatsParams = {
  chapterIds: number[];
  /** period start, inclusive (an instant; session dates are compared in each request's local zone) */
  from: Date;
  /** period end, exclusive */
  to: Date;
};

export type VolunteerMinutes = { userId: string; name: string; minutes: number; sessions: number };

export type TutoringStats = {
  /** requests received (created) in the period */
  receivedRequests: number;
  /** requests that became completed in the period */
  completedRequests: number;
  /** distinct learners (learner_key once pinned, else WhatsApp, else email) among the completed requests */
  distinctLearners: number;
  /** requests that ended in the period: completed + cancelled + unmatched */
  closedRequests: number;
  /** completedRequests / closedRequests, null when nothing ended */
  completionRate: number | null;
  /** minutes of the sessions held in the period (any request status), total and per tutor (most first) */
  tutoringMinutes: number;
  minutesByVolunteer: VolunteerMinutes[];
  /** average learner rating (1–5) of ratings given in the period; null without any */
  averageRating: number | null;
  ratings: number;
};

/**
 * tutoringStats(db, { chapterIds, from, to }) — counts for a set of chapters and a period.
 * Completion and closing are dated by tutoring_request.closed_at, ratings by rated_at, sessions by the start of
 * their held_on day in the zone of the request's region (a WIT session on the 1st counts in a period from the 1st,
 * 00:00 WIT; a session held today counts in a period ending now).
 */
export async function tutoringStats(db: Db, p: TutoringStatsParams): Promise<TutoringStats> {
  const empty: TutoringStats = {
    receivedRequests: 0,
    completedRequests: 0,
    distinctLearners: 0,
    closedRequests: 0,
    completionRate: null,
    tutoringMinutes: 0,
    minutesByVolunteer: [],
    averageRating: null,
    ratings: 0,
  };
  if (!p.chapterIds.length) return empty;
  const ids = sql.join(
    p.chapterIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const [totals] = rowsOf<{ received: number; completed: number; learners: number; closed: number; avg_rating: string | null; ratings: number }>(
    await db.execute(sql`
      select
        count(*) filter (where r.created_at >= ${from}::timestamptz and r.created_at < ${to}::timestamptz)::int as received,
        count(*) filter (where r.status = 'completed' and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz)::int as completed,
        count(distinct coalesce(r.learner_key, r.whatsapp, lower(r.email))) filter (where r.status = 'completed' and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz)::int as learners,
        count(*) filter (where r.status in ('completed', 'cancelled', 'unmatched') and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz)::int as closed,
        avg(r.rating) filter (where r.rated_at >= ${from}::timestamptz and r.rated_at < ${to}::timestamptz) as avg_rating,
        count(r.rating) filter (where r.rated_at >= ${from}::timestamptz and r.rated_at < ${to}::timestamptz)::int as ratings
      from tutoring_request r
      where r.chapter_id in (${ids})`),
  );
  const perVolunteer = rowsOf<{ user_id: string; name: string; minutes: number; sessions: number }>(
    await db.execute(sql`
      select s.tutor_id as user_id, u.name, sum(s.minutes)::int as minutes, count(*)::int as sessions
      from tutoring_session s
      join tutoring_request r on r.id = s.request_id
      join region g on g.code = r.region_code
      join app_user u on u.id = s.tutor_id
      where r.chapter_id in (${ids})
        and (s.held_on::timestamp at time zone g.time_zone) >= ${from}::timestamptz
        and (s.held_on::timestamp at time zone g.time_zone) < ${to}::timestamptz
      group by s.tutor_id, u.name
      order by minutes desc, u.name asc`),
  );
  if (!totals) return empty;
  const minutesByVolunteer = perVolunteer.map((v) => ({ userId: v.user_id, name: v.name, minutes: Number(v.minutes), sessions: Number(v.sessions) }));
  const closed = Number(totals.closed);
  const completed = Number(totals.completed);
  return {
    receivedRequests: Number(totals.received),
    completedRequests: completed,
    distinctLearners: Number(totals.learners),
    closedRequests: closed,
    completionRate: closed ? completed / closed : null,
    tutoringMinutes: minutesByVolunteer.reduce((a, v) => a + v.minutes, 0),
    minutesByVolunteer,
    averageRating: totals.avg_rating === null ? null : Math.round(Number(totals.avg_rating) * 100) / 100,
    ratings: Number(totals.ratings),
  };
}

export type KecamatanCount = { kecamatanCode: string; kecamatanName: string | null; open: number; unmatched: number; oldest: Date };

/** Open requests (new, offered, matched, in progress, unmatched) per kecamatan of one chapter, most unmatched first. */
export async function openRequestsByKecamatan(db: Db, chapterId: number): Promise<KecamatanCount[]> {
  const rows = rowsOf<{ kec: string; name: string | null; open: number; unmatched: number; oldest: string | Date }>(
    await db.execute(sql`
      select k.kec, (select name from region where code = k.kec) as name, count(*)::int as open,
             count(*) filter (where k.status in ('new', 'unmatched'))::int as unmatched, min(k.created_at) as oldest
      from (
        select split_part(region_code, '.', 1) || '.' || split_part(region_code, '.', 2) || '.' || split_part(region_code, '.', 3) as kec, status, created_at
        from tutoring_request where chapter_id = ${chapterId} and status in ('new', 'offered', 'matched', 'in_progress', 'unmatched')
      ) k
      group by k.kec
      order by unmatched desc, oldest asc`),
  );
  return rows.map((r) => ({ kecamatanCode: r.kec, kecamatanName: r.name, open: Number(r.open), unmatched: Number(r.unmatched), oldest: new Date(r.oldest) }));
}
