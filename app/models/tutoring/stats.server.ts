/**
 * Tutoring numbers for leads and for the reports/indicators module. Pure reads; every figure is scoped by the
 * chapters passed in (the caller checks who may see which chapters).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db.server";
import { jsonColumn, rowsOf } from "../../../db/rows";
import type { Locale } from "~/i18n/locale";
import type { TutoringStatus } from "../../../db/schema/tutoring";

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
  if (!p.chapterIds.length) return statsOf(null, null);
  const ids = sql.join(
    p.chapterIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const { totals, perVolunteer } = statsColumns(sql`r.chapter_id in (${ids})`, p.from, p.to);
  const [row] = rowsOf<{ totals: unknown; per_volunteer: unknown }>(await db.execute(sql`select ${totals} as totals, ${perVolunteer} as per_volunteer`));
  return statsOf(row?.totals, row?.per_volunteer);
}

/** The figures of tutoringStats as two json columns over the requests `chapters` selects (a condition on r). */
function statsColumns(chapters: SQL, fromDate: Date, toDate: Date): { totals: SQL; perVolunteer: SQL } {
  const from = fromDate.toISOString();
  const to = toDate.toISOString();
  const totals = sql`(select json_build_array(
        count(*) filter (where r.created_at >= ${from}::timestamptz and r.created_at < ${to}::timestamptz),
        count(*) filter (where r.status = 'completed' and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz),
        count(distinct coalesce(r.learner_key, r.whatsapp, lower(r.email))) filter (where r.status = 'completed' and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz),
        count(*) filter (where r.status in ('completed', 'cancelled', 'unmatched') and r.closed_at >= ${from}::timestamptz and r.closed_at < ${to}::timestamptz),
        avg(r.rating) filter (where r.rated_at >= ${from}::timestamptz and r.rated_at < ${to}::timestamptz),
        count(r.rating) filter (where r.rated_at >= ${from}::timestamptz and r.rated_at < ${to}::timestamptz))
      from tutoring_request r
      where ${chapters})`;
  const perVolunteer = sql`(select coalesce(json_agg(json_build_array(v.user_id, v.name, v.minutes, v.sessions) order by v.minutes desc, v.name asc), '[]')
      from (select s.tutor_id as user_id, u.name, sum(s.minutes)::int as minutes, count(*)::int as sessions
        from tutoring_session s
        join tutoring_request r on r.id = s.request_id
        join region g on g.code = r.region_code
        join app_user u on u.id = s.tutor_id
        where ${chapters}
          and (s.held_on::timestamp at time zone g.time_zone) >= ${from}::timestamptz
          and (s.held_on::timestamp at time zone g.time_zone) < ${to}::timestamptz
        group by s.tutor_id, u.name) v)`;
  return { totals, perVolunteer };
}

function statsOf(totalsColumn: unknown, perVolunteerColumn: unknown): TutoringStats {
  const totals = jsonColumn<[number, number, number, number, number | string | null, number] | null>(totalsColumn, null);
  const minutesByVolunteer = jsonColumn<[string, string, number, number][]>(perVolunteerColumn, []).map(([userId, name, minutes, sessions]) => ({
    userId,
    name,
    minutes: Number(minutes),
    sessions: Number(sessions),
  }));
  const [received, completed, learners, closed, avgRating, ratings] = totals ?? [0, 0, 0, 0, null, 0];
  return {
    receivedRequests: Number(received),
    completedRequests: Number(completed),
    distinctLearners: Number(learners),
    closedRequests: Number(closed),
    completionRate: Number(closed) ? Number(completed) / Number(closed) : null,
    tutoringMinutes: minutesByVolunteer.reduce((a, v) => a + v.minutes, 0),
    minutesByVolunteer,
    averageRating: avgRating === null ? null : Math.round(Number(avgRating) * 100) / 100,
    ratings: Number(ratings),
  };
}

export type KecamatanCount = { kecamatanCode: string; kecamatanName: string | null; open: number; unmatched: number; oldest: Date };

/**
 * Open requests (new, offered, matched, in progress, unmatched) per kecamatan of one chapter, most unmatched first. An
 * unmatched request erased by retention is no longer open: nobody can take it (as on the volunteers' board).
 */
export async function openRequestsByKecamatan(db: Db, chapterId: number): Promise<KecamatanCount[]> {
  const rows = rowsOf<{ kec: string; name: string | null; open: number; unmatched: number; oldest: string | Date }>(
    await db.execute(sql`
      select k.kec, (select name from region where code = k.kec) as name, count(*)::int as open,
             count(*) filter (where k.status in ('new', 'unmatched'))::int as unmatched, min(k.created_at) as oldest
      from (
        select split_part(region_code, '.', 1) || '.' || split_part(region_code, '.', 2) || '.' || split_part(region_code, '.', 3) as kec, status, created_at
        from tutoring_request where chapter_id = ${chapterId} and status in ('new', 'offered', 'matched', 'in_progress', 'unmatched') and erased_at is null
      ) k
      group by k.kec
      order by unmatched desc, oldest asc`),
  );
  return rows.map((r) => ({ kecamatanCode: r.kec, kecamatanName: r.name, open: Number(r.open), unmatched: Number(r.unmatched), oldest: new Date(r.oldest) }));
}

export type ChapterTutoringScreen = {
  chapter: { id: number; slug: string; name: string; timeZone: string };
  /** whether the reader leads this chapter (or is a national admin); the requests and figures are read only then */
  isLead: boolean;
  /** open requests (unmatched first, then new, then oldest first), their topics named in the reader's language */
  requests: { id: number; status: TutoringStatus; createdAt: Date; kecamatan: string; topics: string }[];
  byKecamatan: KecamatanCount[];
  stats: TutoringStats;
};

/**
 * The lead's tutoring page of a chapter in one statement: the chapter, whether the reader may see it, its open
 * requests, the open requests per kecamatan and the figures of the period (as listOpenRequests,
 * openRequestsByKecamatan and tutoringStats read them). Nothing but the chapter is read for anyone who does not
 * lead it — the route still refuses them.
 */
export async function chapterTutoringScreen(
  db: Db,
  input: { slug: string; reader: { id: string; isAdmin: boolean }; locale: Locale; from: Date; to: Date },
): Promise<ChapterTutoringScreen | null> {
  const en = input.locale === "en";
  const { totals, perVolunteer } = statsColumns(sql`r.chapter_id = c.id`, input.from, input.to);
  const kec = (col: SQL) => sql`split_part(${col}, '.', 1) || '.' || split_part(${col}, '.', 2) || '.' || split_part(${col}, '.', 3)`;
  const [row] = rowsOf<{ id: number; slug: string; name: string; time_zone: string; is_lead: boolean | string; requests: unknown; by_kecamatan: unknown; totals: unknown; per_volunteer: unknown }>(
    await db.execute(sql`
      select c.id, c.slug, c.name, c.time_zone, c.is_lead,
        case when c.is_lead then (
          select coalesce(json_agg(json_build_array(r.id, r.status, r.created_at, coalesce(kn.name, r.kec),
                   (select coalesce(string_agg(coalesce(case when ${en} then lt.name_en else lt.name_id end, x.slug), ', ' order by x.i), '')
                      from jsonb_array_elements_text(r.topics) with ordinality x(slug, i) left join learning_topic lt on lt.slug = x.slug and lt.active))
                 order by case r.status when 'unmatched' then 0 when 'new' then 1 else 2 end, r.created_at, r.id desc), '[]')
          from (select q.id, q.status, q.created_at, q.topics, ${kec(sql`q.region_code`)} as kec from tutoring_request q
                where q.chapter_id = c.id and q.status in ('new', 'offered', 'matched', 'in_progress', 'unmatched') and q.erased_at is null) r
          left join region kn on kn.code = r.kec) end as requests,
        case when c.is_lead then (
          select coalesce(json_agg(json_build_array(k.kec, (select name from region where code = k.kec), k.open, k.unmatched, k.oldest) order by k.unmatched desc, k.oldest asc), '[]')
          from (select ${kec(sql`q.region_code`)} as kec, count(*)::int as open, count(*) filter (where q.status in ('new', 'unmatched'))::int as unmatched, min(q.created_at) as oldest
                from tutoring_request q
                where q.chapter_id = c.id and q.status in ('new', 'offered', 'matched', 'in_progress', 'unmatched') and q.erased_at is null
                group by 1) k) end as by_kecamatan,
        case when c.is_lead then ${totals} end as totals,
        case when c.is_lead then ${perVolunteer} end as per_volunteer
      from (select c.id, c.slug, c.name, g.time_zone,
              ${input.reader.isAdmin} or exists (select 1 from membership l where l.chapter_id = c.id and l.user_id = ${input.reader.id} and l.role = 'lead' and l.status = 'active') as is_lead
            from chapter c join region g on g.code = c.region_code where c.slug = ${input.slug}) c`),
  );
  if (!row) return null;
  const isLead = row.is_lead === true || row.is_lead === "t";
  return {
    chapter: { id: Number(row.id), slug: row.slug, name: row.name, timeZone: row.time_zone },
    isLead,
    requests: jsonColumn<[number, TutoringStatus, string, string, string][]>(row.requests, []).map(([id, status, createdAt, kecamatan, topics]) => ({
      id,
      status,
      createdAt: new Date(createdAt),
      kecamatan,
      topics,
    })),
    byKecamatan: jsonColumn<[string, string | null, number, number, string][]>(row.by_kecamatan, []).map(([kecamatanCode, kecamatanName, open, unmatched, oldest]) => ({
      kecamatanCode,
      kecamatanName,
      open,
      unmatched,
      oldest: new Date(oldest),
    })),
    stats: statsOf(row.totals, row.per_volunteer),
  };
}
