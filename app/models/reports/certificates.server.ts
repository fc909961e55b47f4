import { randomBytes } from "node:crypto";
import { and, desc, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { users } from "../../../db/schema/accounts";
import { chapters } from "../../../db/schema/chapters";
import { events, eventSessions, signups } from "../../../db/schema/events";
import { certificates } from "../../../db/schema/reports";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { volunteerHoursByPerson } from "./indicators.server";
import { queueEmail } from "~/services/outbox.server";
import { currentPeriod, periodBounds, periodLabel, type Period } from "./period";
import { rowsOf } from "../../../db/rows";
import { likeEscape } from "~/utils/search";
import { timeZoneOfRegionCode, type IndonesianTimeZone } from "~/models/regions/time-zones";

const newCode = () => randomBytes(9).toString("base64url");
const localeOf = (s: string): "id" | "en" => (s === "en" ? "en" : "id");

/** A certificate with its chapter's zone (WIB/WITA/WIT), the calendar its dates are read on. */
export type Certificate = typeof certificates.$inferSelect & { timeZone: IndonesianTimeZone };

export async function getCertificate(db: Db, code: string): Promise<Certificate | null> {
  const [row] = await db
    .select({ certificate: certificates, regionCode: chapters.regionCode })
    .from(certificates)
    .innerJoin(chapters, eq(chapters.id, certificates.chapterId))
    .where(eq(certificates.code, code));
  return row ? { ...row.certificate, timeZone: timeZoneOfRegionCode(row.regionCode) } : null;
}

/** An event's record counts (hours, certificates) once its outcome report is approved. */
const approvedEvent = sql`exists (select 1 from outcome_report r where r.event_id = ${events.id} and r.status = 'approved')`;

/**
 * The volunteer's attended events with an approved record (certificate available), hours summed over the days
 * attended, with the days attended (someone who came on days 2 and 3 was not there on day 1).
 */
export async function attendedEvents(db: Db, userId: string) {
  return db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: sql<Date>`min(${eventSessions.startsAt})`.mapWith(eventSessions.startsAt),
      /** the days attended on the event's calendar, in order */
      days: sql<string>`string_agg(distinct to_char(${eventSessions.startsAt} at time zone ${events.timeZone}, 'YYYY-MM-DD'), ',' order by to_char(${eventSessions.startsAt} at time zone ${events.timeZone}, 'YYYY-MM-DD'))`,
      timeZone: events.timeZone,
      chapterName: chapters.name,
      hours: sql<number>`coalesce(sum(${signups.hoursCredited}), 0)::int`,
      code: sql<string | null>`(select c.code from certificate c where c.dedup_key = 'event:' || ${events.id} || ':' || ${userId})`,
    })
    .from(signups)
    .innerJoin(events, eq(events.id, signups.eventId))
    .innerJoin(eventSessions, eq(eventSessions.id, signups.sessionId))
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .where(and(eq(signups.userId, userId), eq(signups.status, "confirmed"), isNotNull(signups.attendedAt), approvedEvent))
    .groupBy(events.id, chapters.name)
    .orderBy(desc(events.startsAt));
}

/**
 * Chapters and years in which the volunteer has credited hours (this year and the one before): the chapters they
 * belong to, and those they left or moved away from where they attended events (the hours given there stay theirs).
 */
export async function hoursPeriods(db: Db, userId: string, now = new Date()) {
  const result = await db.execute(sql`
    select c.id, c.slug, c.name, c.region_code from chapter c
    where exists (select 1 from membership m where m.chapter_id = c.id and m.user_id = ${userId} and m.status in ('active', 'inactive'))
       or exists (select 1 from signup s join event e on e.id = s.event_id
                  where e.chapter_id = c.id and s.user_id = ${userId} and s.status = 'confirmed' and s.attended_at is not null)
    order by c.name`);
  const list = rowsOf<{ id: number; slug: string; name: string; region_code: string }>(result);
  const out: { chapterId: number; chapterName: string; year: number; hours: number; code: string | null }[] = [];
  for (const c of list) {
    // this year on the chapter's calendar: from 17:00 UTC on 31 December it is already next year in WIB
    const year = currentPeriod(now, timeZoneOfRegionCode(c.region_code)).year;
    for (const y of [year, year - 1]) {
      const [mine] = await volunteerHoursByPerson(db, { chapterId: Number(c.id), period: { year: y, semester: 0 }, userId, limit: 1 });
      if (!mine) continue;
      const [cert] = await db.select({ code: certificates.code }).from(certificates).where(eq(certificates.dedupKey, `hours:${c.id}:${y}:0:${userId}`));
      out.push({ chapterId: Number(c.id), chapterName: c.name, year: y, hours: mine.hours, code: cert?.code ?? null });
    }
  }
  return out;
}

type IssueResult = { ok: true; code: string; created: boolean } | { ok: false; reason: "notAttended" | "noHours" };

async function insertCertificate(tx: Db, values: Omit<typeof certificates.$inferInsert, "code">): Promise<{ code: string; created: boolean }> {
  const [row] = await tx
    .insert(certificates)
    .values({ ...values, code: newCode() })
    .onConflictDoNothing({ target: certificates.dedupKey })
    .returning({ code: certificates.code });
  if (row) return { code: row.code, created: true };
  const [existing] = await tx.select({ code: certificates.code }).from(certificates).where(eq(certificates.dedupKey, values.dedupKey));
  if (!existing) throw new Error("certificate neither inserted nor found");
  return { code: existing.code, created: false };
}

async function issueEventIn(tx: Db, input: { eventId: number; userId: string; issuedBy: string }): Promise<IssueResult & { email?: string; name?: string; locale?: string; subject?: string; chapterName?: string }> {
  const [row] = await tx
    .select({
      chapterId: events.chapterId,
      chapterName: chapters.name,
      title: events.title,
      // the days this volunteer attended, on the event's calendar ("2026-12-12,2026-12-14"): the certificate states them
      day: sql<string>`string_agg(distinct to_char(${eventSessions.startsAt} at time zone ${events.timeZone}, 'YYYY-MM-DD'), ',' order by to_char(${eventSessions.startsAt} at time zone ${events.timeZone}, 'YYYY-MM-DD'))`,
      hours: sql<number>`coalesce(sum(${signups.hoursCredited}), 0)::int`,
      name: users.name,
      email: users.email,
      locale: users.locale,
    })
    .from(signups)
    .innerJoin(events, eq(events.id, signups.eventId))
    .innerJoin(eventSessions, eq(eventSessions.id, signups.sessionId))
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(users, eq(users.id, signups.userId))
    .where(and(eq(signups.eventId, input.eventId), eq(signups.userId, input.userId), eq(signups.status, "confirmed"), isNotNull(signups.attendedAt), approvedEvent))
    .groupBy(events.id, chapters.id, users.id);
  if (!row) return { ok: false, reason: "notAttended" };
  const r = await insertCertificate(tx, {
    kind: "event",
    dedupKey: `event:${input.eventId}:${input.userId}`,
    userId: input.userId,
    chapterId: row.chapterId,
    eventId: input.eventId,
    recipientName: row.name,
    chapterName: row.chapterName,
    subject: row.title,
    activityDate: row.day,
    hours: row.hours ?? 0,
    year: Number(row.day.slice(0, 4)),
    issuedBy: input.issuedBy,
  });
  return { ok: true, ...r, email: row.email, name: row.name, locale: row.locale, subject: row.title, chapterName: row.chapterName };
}

/** A volunteer asks for their own certificate of an attended event (idempotent: the same code every time). */
export async function issueEventCertificate(db: Db, input: { eventId: number; userId: string }): Promise<IssueResult> {
  return db.transaction(async (tx) => {
    const r = await issueEventIn(tx, { ...input, issuedBy: input.userId });
    return r.ok ? { ok: true, code: r.code, created: r.created } : r;
  });
}

/** Certificate of the hours credited in a period (as counted by the volunteer_hours indicator). */
export async function issueHoursCertificate(db: Db, input: { chapterId: number; userId: string; period: Period; locale: "id" | "en" }): Promise<IssueResult> {
  const [mine] = await volunteerHoursByPerson(db, { chapterId: input.chapterId, period: input.period, userId: input.userId, limit: 1 });
  if (!mine || mine.hours <= 0) return { ok: false, reason: "noHours" };
  const [c] = await db.select({ name: chapters.name }).from(chapters).where(eq(chapters.id, input.chapterId));
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
  if (!c || !u) return { ok: false, reason: "noHours" };
  return db.transaction(async (tx) => {
    const r = await insertCertificate(tx, {
      kind: "hours",
      dedupKey: `hours:${input.chapterId}:${input.period.year}:${input.period.semester}:${input.userId}`,
      userId: input.userId,
      chapterId: input.chapterId,
      recipientName: u.name,
      chapterName: c.name,
      subject: periodLabel(input.period, input.locale),
      activityDate: periodBounds(input.period).from,
      // as the Laporan's honour roll states it (one decimal): 14.5, not 14
      hours: mine.hours,
      year: input.period.year,
      semester: input.period.semester,
      issuedBy: input.userId,
    });
    return { ok: true, ...r };
  });
}

/** The lead issues certificates to every attendee of one of the chapter's events, and emails each new one. */
export async function issueForAllAttendees(db: Db, input: { eventId: number; chapterId: number; issuedBy: string }): Promise<{ issued: number; already: number } | { notApproved: true } | null> {
  return db.transaction(async (tx) => {
    const [ev] = await tx.select({ id: events.id, approved: sql<boolean>`${approvedEvent}` }).from(events).where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)));
    if (!ev) return null;
    // a certificate vouches for an approved report: said, not answered with "0 issued"
    if (!ev.approved) return { notApproved: true as const };
    const attendees = await tx
      .selectDistinct({ userId: signups.userId })
      .from(signups)
      .where(and(eq(signups.eventId, ev.id), eq(signups.status, "confirmed"), isNotNull(signups.attendedAt)));
    let issued = 0;
    let already = 0;
    for (const a of attendees) {
      const r = await issueEventIn(tx, { eventId: ev.id, userId: a.userId, issuedBy: input.issuedBy });
      if (!r.ok) continue;
      if (!r.created) {
        already++;
        continue;
      }
      issued++;
      if (r.email)
        await queueEmail(tx, {
          to: r.email,
          template: "certificate-issued",
          locale: localeOf(r.locale ?? "id"),
          payload: { name: r.name, subject: r.subject, chapterName: r.chapterName, url: `${env.APP_URL}/sertifikat/${r.code}`, pdfUrl: `${env.APP_URL}/sertifikat/${r.code}/pdf` },
          dedupKey: `certificate-issued:${r.code}`,
        });
    }
    return { issued, already };
  });
}

/**
 * The chapter's past events with attendance, how many certificates each has and whether its report is approved
 * (certificates are issued only then). The subqueries name the outer
 * row as "event"."id" on purpose: in a one-table select drizzle writes ${events.id} as a bare "id", which inside
 * the subquery means the signup's (or certificate's) own id.
 */
export async function eventsForCertificates(db: Db, chapterId: number) {
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      attended: sql<number>`(select count(distinct s.user_id)::int from signup s where s.event_id = "event"."id" and s.status = 'confirmed' and s.attended_at is not null)`,
      issued: sql<number>`(select count(*)::int from certificate c where c.event_id = "event"."id" and c.kind = 'event' and c.revoked_at is null)`,
      approved: sql<boolean>`exists (select 1 from outcome_report r where r.event_id = "event"."id" and r.status = 'approved')`,
    })
    .from(events)
    .where(and(eq(events.chapterId, chapterId), sql`${events.startsAt} < now()`, sql`${events.status} <> 'cancelled'`))
    .orderBy(desc(events.startsAt))
    .limit(100);
}

export const CERTIFICATES_PER_PAGE = 50;

/** Every certificate the chapter has issued, newest first, optionally searched by recipient, subject or code. */
export async function chapterCertificates(db: Db, chapterId: number, f: { q?: string; page?: number } = {}) {
  const q = (f.q ?? "").trim().slice(0, 100);
  const where = and(
    eq(certificates.chapterId, chapterId),
    q
      ? or(ilike(certificates.recipientName, `%${likeEscape(q)}%`), ilike(certificates.subject, `%${likeEscape(q)}%`), eq(certificates.code, q))
      : undefined,
  );
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const [rows, [count]] = await Promise.all([
    db
      .select({
        code: certificates.code,
        kind: certificates.kind,
        recipientName: certificates.recipientName,
        subject: certificates.subject,
        activityDate: certificates.activityDate,
        hours: certificates.hours,
        issuedAt: certificates.issuedAt,
        revokedAt: certificates.revokedAt,
        revokeReason: certificates.revokeReason,
      })
      .from(certificates)
      .where(where)
      .orderBy(desc(certificates.issuedAt), desc(certificates.id))
      .limit(CERTIFICATES_PER_PAGE)
      .offset((page - 1) * CERTIFICATES_PER_PAGE),
    db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(where),
  ]);
  const total = Number(count?.n ?? 0);
  // a search that found nothing: the chapter's recipients and activities most like it ("did you mean")
  const suggestions = q && !total ? await certificateLookAlikes(db, chapterId, q) : [];
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / CERTIFICATES_PER_PAGE)), q, suggestions };
}

/**
 * The recipients' names and activities among the chapter's certificates most like a search that found nothing
 * ("Nurhalisa" → Siti Nurhaliza, "Literasi Digtal" → Literasi Digital), most alike first, each once: pg_trgm's word
 * similarity of what was typed within the name, both read as the roster reads names (member_search_words: case,
 * accents, apostrophes, titles' dots), at pg_trgm's default threshold (0.6). A chapter's certificates are read
 * through its index; no more than the exact search reads.
 */
async function certificateLookAlikes(db: Db, chapterId: number, q: string): Promise<string[]> {
  // fewer than 3 letters or digits have too few trigrams to tell names apart
  if ((q.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < 3) return [];
  const typed = sql`member_search_words(${q}::text)`;
  const rows = rowsOf<{ v: string }>(
    await db.execute(sql`select v from (
        select c.recipient_name as v, word_similarity(${typed}, member_search_words(c.recipient_name)) as s from certificate c where c.chapter_id = ${chapterId}
        union all
        select c.subject, word_similarity(${typed}, member_search_words(c.subject)) from certificate c where c.chapter_id = ${chapterId}
      ) x where s >= 0.6 group by v order by max(s) desc, v limit 5`),
  );
  return rows.map((r) => r.v);
}

export type RevokeResult = { ok: true } | { ok: false; errors: Record<string, string[]> };

/**
 * The lead withdraws a certificate issued in error (attendance recorded by mistake, wrong hours). Final: the
 * verification page then says it was withdrawn and why, the PDF is no longer served, and the recipient is told.
 * Its slot is freed (the one-per-event/period key is renamed), so once the record is put right a new certificate
 * can be issued with a new code.
 */
export async function revokeCertificate(db: Db, input: { chapterId: number; code: string; reason: string; by: string }): Promise<RevokeResult> {
  const reason = input.reason.trim();
  if (reason.length < 5) return { ok: false, errors: { reason: ["reports.cert.revoke.reasonRequired"] } };
  if (reason.length > 300) return { ok: false, errors: { reason: ["reports.cert.revoke.reasonTooLong"] } };
  return db.transaction(async (tx): Promise<RevokeResult> => {
    const [row] = await tx
      .update(certificates)
      .set({ revokedAt: sql`now()`, revokeReason: reason, revokedBy: input.by, dedupKey: sql`'revoked:' || ${certificates.code} || ':' || ${certificates.dedupKey}` })
      .where(and(eq(certificates.code, input.code), eq(certificates.chapterId, input.chapterId), isNull(certificates.revokedAt)))
      .returning({ code: certificates.code, userId: certificates.userId, subject: certificates.subject, chapterName: certificates.chapterName });
    if (!row) return { ok: false, errors: { _form: ["reports.cert.revoke.notFound"] } };
    const [u] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, row.userId));
    if (u)
      await queueEmail(tx, {
        to: u.email,
        template: "certificate-revoked",
        locale: localeOf(u.locale),
        payload: { name: u.name, subject: row.subject, chapterName: row.chapterName, reason, url: `${env.APP_URL}/sertifikat/${row.code}` },
        dedupKey: `certificate-revoked:${row.code}`,
      });
    return { ok: true };
  });
}
