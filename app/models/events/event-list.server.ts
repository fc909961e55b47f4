import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/locale";
import { jsonColumn, rowsOf } from "../../../db/rows";

export type EventListScope = "mine" | "near" | "all";

export type EventListItem = {
  id: number;
  title: string;
  status: string;
  startsAt: Date;
  timeZone: string;
  chapterName: string;
  /** in the reader's language */
  programName: string;
  venueName: string | null;
  regionName: string;
  places: number;
  confirmed: number;
  /** the reader's own sign-up: "confirmed", "waitlisted" or null, and their place on the waitlist */
  myStatus: "confirmed" | "waitlisted" | null;
  myPosition: number | null;
};

export type EventListScreen = {
  /** the reader's active chapters they lead (every active chapter of a national admin), by name */
  leadOf: { id: number; name: string; slug: string }[];
  /** active programs, named in the reader's language */
  programs: { id: number; name: string }[];
  hasHome: boolean;
  events: EventListItem[];
  /** drafts of the chapters the reader leads, upcoming */
  drafts: { id: number; title: string; startsAt: Date; timeZone: string }[];
  /** where the next page of the list starts; null: this is the last one */
  next: EventCursor | null;
  /** held events (last 120 days) of the chapters the reader leads whose report is missing, returned or awaiting approval */
  toReport: { id: number; title: string; startsAt: Date; timeZone: string; chapterName: string; reportStatus: string | null }[];
};

/**
 * How many events a page of the list shows. The list stopped at the first 100 with nothing after them: at national
 * scale ("all chapters") that is a few days of events. A page ends with a link to the events after its last one.
 */
export const EVENT_LIST_PAGE = 100;

/** Where a later page of the list starts: after this event, in (start, id) order. */
export type EventCursor = { startsAt: Date; id: number };

/** The cursor as the list's address carries it (`?setelah=<start in ms>-<id>`), and back; null for anything else. */
export function eventCursorParam(c: EventCursor): string {
  return `${c.startsAt.getTime()}-${c.id}`;
}
export function parseEventCursor(v: string | null): EventCursor | null {
  const m = /^(\d{1,15})-(\d{1,10})$/.exec(v ?? "");
  if (!m) return null;
  const startsAt = new Date(Number(m[1]));
  const id = Number(m[2]);
  return Number.isNaN(startsAt.getTime()) || !Number.isSafeInteger(id) || id > 2147483647 ? null : { startsAt, id };
}

/**
 * The event list in one statement: what listUpcomingEvents, eventListContext and eventsNeedingReport read for it,
 * from the reader's id alone (their chapters, which of them they lead, their home kabupaten for "near me"). Each
 * scope and program filter is its own statement text, so each keeps its plan.
 */
export async function eventListScreen(
  db: Db,
  input: { reader: { id: string; isAdmin: boolean }; scope: EventListScope; programId?: number; locale: Locale; after?: EventCursor | null },
): Promise<EventListScreen> {
  const en = input.locale === "en";
  const userId = input.reader.id;
  const filters: SQL[] = [];
  if (input.scope === "mine") filters.push(sql`e.chapter_id in (select id from mine)`);
  // near: the home kabupaten, else the first of the reader's chapters by name, else nothing
  if (input.scope === "near") filters.push(sql`(e.region_code = (select prefix from near) or e.region_code like (select prefix from near) || '.%')`);
  if (input.programId) filters.push(sql`e.program_id = ${input.programId}`);
  // a later page: the events after the last one shown, in the list's order (start, then id for the same start)
  if (input.after) filters.push(sql`(e.starts_at, e.id) > (${input.after.startsAt.toISOString()}::timestamptz, ${input.after.id}::int)`);
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const list = (where: SQL, statuses: SQL) => sql`
    select coalesce(json_agg(json_build_array(e.id, e.title, e.status, e.starts_at, e.time_zone, c.name, case when ${en} then p.name_en else p.name_id end, i.name, g.name,
        (select coalesce(sum(sr.capacity), 0)::int from event_session_role sr where sr.event_id = e.id),
        (select count(*)::int from signup s where s.event_id = e.id and s.status = 'confirmed'),
        (select case when bool_or(s.status = 'confirmed') then 'confirmed' when bool_or(s.status = 'waitlisted') then 'waitlisted' end
           from signup s where s.event_id = e.id and s.user_id = ${userId} and s.status <> 'cancelled'),
        (select min(s.waitlist_position) from signup s where s.event_id = e.id and s.user_id = ${userId} and s.status = 'waitlisted'))
      order by e.starts_at, e.id), '[]')
    from (select e.* from event e
          where e.ends_at >= ${since}::timestamptz and e.status in (${statuses})${where}
          order by e.starts_at, e.id limit ${sql.raw(String(EVENT_LIST_PAGE + 1))}) e
    join chapter c on c.id = e.chapter_id
    join program p on p.id = e.program_id
    join region g on g.code = e.region_code
    left join institution i on i.id = e.venue_id`;
  const [row] = rowsOf<{ mine: unknown; programs: unknown; home: string | null; events: unknown; drafts: unknown; to_report: unknown }>(
    await db.execute(sql`
      with mine as (
        select c.id, c.name, c.slug, c.region_code, (m.role = 'lead' or ${input.reader.isAdmin}) as leads
        from membership m join chapter c on c.id = m.chapter_id
        where m.user_id = ${userId} and m.status = 'active'),
      home as (
        select array_to_string((string_to_array(vp.region_code, '.'))[1:2], '.') as kab
        from volunteer_profile vp where vp.user_id = ${userId} and vp.region_code is not null),
      near as (
        select coalesce((select kab from home), (select region_code from mine order by name, id limit 1), '-') as prefix)
      select
        (select coalesce(json_agg(json_build_array(x.id, x.name, x.slug) order by x.name, x.id), '[]')
           from (select distinct id, name, slug from mine where leads) x) as mine,
        (select coalesce(json_agg(json_build_array(p.id, case when ${en} then p.name_en else p.name_id end) order by p.id), '[]') from program p where p.active) as programs,
        (select kab from home) as home,
        (${list(filters.length ? sql` and ${sql.join(filters, sql` and `)}` : sql``, sql`'published', 'cancelled'`)}) as events,
        (select coalesce(json_agg(json_build_array(d.id, d.title, d.starts_at, d.time_zone) order by d.starts_at, d.id), '[]')
           from (select e.id, e.title, e.starts_at, e.time_zone from event e
                 where e.ends_at >= ${since}::timestamptz and e.status = 'draft' and e.chapter_id in (select id from mine where leads)
                 order by e.starts_at, e.id limit 100) d) as drafts,
        (select coalesce(json_agg(json_build_array(r.id, r.title, r.starts_at, r.time_zone, r.chapter_name, r.report_status) order by r.starts_at, r.id), '[]')
           from (select e.id, e.title, e.starts_at, e.time_zone, c.name as chapter_name,
                   (select o.status from outcome_report o where o.event_id = e.id) as report_status
                 from event e join chapter c on c.id = e.chapter_id
                 where e.chapter_id in (select id from mine where leads) and e.status in ('published', 'completed')
                   and e.ends_at < now() and e.ends_at > now() - interval '120 days'
                   and not exists (select 1 from outcome_report o where o.event_id = e.id and o.status = 'approved')
                 order by e.starts_at, e.id limit 50) r) as to_report`),
  );
  const events = jsonColumn<[number, string, string, string, string, string, string, string | null, string, number, number, EventListItem["myStatus"], number | null][]>(row?.events, []).map(
    ([id, title, status, startsAt, timeZone, chapterName, programName, venueName, regionName, places, confirmed, myStatus, myPosition]) => ({
      id,
      title,
      status,
      startsAt: new Date(startsAt),
      timeZone,
      chapterName,
      programName,
      venueName,
      regionName,
      places,
      confirmed,
      myStatus,
      myPosition,
    }),
  );
  const shown = events.slice(0, EVENT_LIST_PAGE);
  const last = shown.at(-1);
  return {
    next: events.length > EVENT_LIST_PAGE && last ? { startsAt: last.startsAt, id: last.id } : null,
    leadOf: jsonColumn<[number, string, string][]>(row?.mine, []).map(([id, name, slug]) => ({ id, name, slug })),
    programs: jsonColumn<[number, string][]>(row?.programs, []).map(([id, name]) => ({ id, name })),
    hasHome: Boolean(row?.home),
    events: shown,
    drafts: jsonColumn<[number, string, string, string][]>(row?.drafts, []).map(([id, title, startsAt, timeZone]) => ({ id, title, startsAt: new Date(startsAt), timeZone })),
    toReport: jsonColumn<[number, string, string, string, string, string | null][]>(row?.to_report, []).map(([id, title, startsAt, timeZone, chapterName, reportStatus]) => ({
      id,
      title,
      startsAt: new Date(startsAt),
      timeZone,
      chapterName,
      reportStatus,
    })),
  };
}
