/**
 * Accountability (UU PDP): who opened or exported personal data. Written by the model functions that hand the
 * data out (a learner's contact, a member's profile, a roster, survey answers, a report, an event's participant
 * list); read by the chapter's leads and admins, by the member in their own data download and by the learner on the
 * tracking page.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { users } from "../../../db/schema/accounts";
import { dataAccessLog, type DataAccessKind } from "../../../db/schema/privacy";
import { rowsOf } from "../../../db/rows";
import type { Db } from "~/db.server";

export type AccessEntry = {
  kind: DataAccessKind;
  chapterId: number | null;
  subjectUserId?: string | null;
  subjectRequestId?: number | null;
  detail?: string | null;
};

export async function logDataAccess(db: Db, actorId: string, e: AccessEntry): Promise<void> {
  await db.insert(dataAccessLog).values({
    actorId,
    kind: e.kind,
    chapterId: e.chapterId,
    subjectUserId: e.subjectUserId ?? null,
    subjectRequestId: e.subjectRequestId ?? null,
    detail: e.detail ?? null,
  });
}

/**
 * As logDataAccess, unless the same person's same access (kind, chapter, detail) is already logged within the last
 * `withinMinutes`: a page that reloads after each of its own forms (a check-in at the door) is one viewing, not
 * hundreds of rows pushing every other access off the chapter's list.
 */
export async function logDataAccessOnce(db: Db, actorId: string, e: AccessEntry & { chapterId: number }, withinMinutes: number): Promise<void> {
  const detail = e.detail ?? null;
  await db.execute(sql`
    insert into data_access_log (actor_id, kind, chapter_id, subject_user_id, subject_request_id, detail)
    select ${actorId}::text, ${e.kind}::text, ${e.chapterId}::int, ${e.subjectUserId ?? null}::text, ${e.subjectRequestId ?? null}::int, ${detail}::text
    where not exists (
      select 1 from data_access_log
      where chapter_id = ${e.chapterId}::int and at > now() - make_interval(mins => ${withinMinutes}::int)
        and actor_id = ${actorId}::text and kind = ${e.kind}::text and detail is not distinct from ${detail}::text)`);
}

export type AccessRow = {
  at: Date;
  kind: DataAccessKind;
  actorName: string | null;
  subjectName: string | null;
  subjectRequestId: number | null;
  detail: string | null;
};

/** The chapter's log, newest first (leads and admins: the route checks). */
export async function listChapterAccess(db: Db, chapterId: number, limit = 200): Promise<AccessRow[]> {
  return db
    .select({
      at: dataAccessLog.at,
      kind: dataAccessLog.kind,
      actorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${dataAccessLog.actorId})`,
      subjectName: sql<string | null>`(select u.name from app_user u where u.id = ${dataAccessLog.subjectUserId})`,
      subjectRequestId: dataAccessLog.subjectRequestId,
      detail: dataAccessLog.detail,
    })
    .from(dataAccessLog)
    .where(eq(dataAccessLog.chapterId, chapterId))
    .orderBy(desc(dataAccessLog.at), desc(dataAccessLog.id))
    .limit(limit);
}

export type SeenByRow = { at: string; kind: DataAccessKind; actorName: string | null; chapterName: string | null; detail: string | null };

/**
 * "Who has seen my data": openings of the member's own profile, and the rosters and reports of a chapter exported
 * while they belonged to it (applied there before the export).
 */
export async function accessToMember(db: Db, userId: string): Promise<SeenByRow[]> {
  const res = await db.execute(sql`
    select l.at, l.kind, a.name as actor_name, c.name as chapter_name, l.detail
    from data_access_log l
    left join app_user a on a.id = l.actor_id
    left join chapter c on c.id = l.chapter_id
    where l.subject_user_id = ${userId}
       or (l.kind in ('roster_export', 'report_export') and exists (
             select 1 from membership m where m.user_id = ${userId} and m.chapter_id = l.chapter_id
               and m.status <> 'declined' and m.applied_at <= l.at))
    order by l.at desc, l.id desc
    limit 500`);
  return rowsOf<{ at: string | Date; kind: DataAccessKind; actor_name: string | null; chapter_name: string | null; detail: string | null }>(res).map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    actorName: r.actor_name,
    chapterName: r.chapter_name,
    detail: r.detail,
  }));
}

export type AccessByRow = { at: string; kind: DataAccessKind; chapterName: string | null; /** the list or request opened */ what: string | null };

/**
 * The person's own openings of others' data (their entries as actor), for their data download: data about them under
 * UU PDP (what they did, when). Each names what was opened (an event's title, a survey campaign, a report's period, a
 * tutoring request's number) and the chapter, never the people in it: the member whose profile was opened is not named
 * either. The newest 500, as "who has seen my data". Read without an index on the actor (the log's indexes serve the
 * chapter's and the subject's lists): one pass over the log, on the download and the "my data" pages only.
 */
export async function accessByMember(db: Db, userId: string): Promise<AccessByRow[]> {
  const res = await db.execute(sql`
    select l.at, l.kind, c.name as chapter_name,
      case
        when l.detail like 'event:%' then (select e.title from event e where e.id::text = substr(l.detail, 7))
        when l.detail like 'campaign:%' then (select sc.name from survey_campaign sc where sc.id::text = substr(l.detail, 10))
        when l.detail ~ '^(pdf|csv):' then upper(substr(l.detail, 1, 3)) || ' ' || substr(l.detail, 5)
        when l.subject_request_id is not null then '#' || l.subject_request_id
        else null
      end as what
    from data_access_log l
    left join chapter c on c.id = l.chapter_id
    where l.actor_id = ${userId}
    order by l.at desc, l.id desc
    limit 500`);
  return rowsOf<{ at: string | Date; kind: DataAccessKind; chapter_name: string | null; what: string | null }>(res).map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    chapterName: r.chapter_name,
    what: r.what,
  }));
}

/** Who was shown a learner's contact (for the tracking page): first names only. */
export async function accessToRequest(db: Db, requestId: number): Promise<{ at: Date; actorName: string | null }[]> {
  const rows = await db
    .select({ at: dataAccessLog.at, actorName: users.name })
    .from(dataAccessLog)
    .leftJoin(users, eq(users.id, dataAccessLog.actorId))
    .where(and(eq(dataAccessLog.subjectRequestId, requestId), eq(dataAccessLog.kind, "learner_contact")))
    .orderBy(desc(dataAccessLog.at), desc(dataAccessLog.id))
    .limit(200);
  return rows.map((r) => ({ at: r.at, actorName: r.actorName ? (r.actorName.split(/\s+/)[0] ?? r.actorName) : null }));
}
