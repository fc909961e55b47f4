import { randomBytes } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { TZDate } from "@date-fns/tz";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { calendarTokens, events, eventSessions, institutions, signups } from "../../../db/schema/events";
import { chapters } from "../../../db/schema/chapters";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { env } from "~/env.server";

const ZONES: Record<string, { offset: string; abbr: string }> = {
  "Asia/Jakarta": { offset: "+0700", abbr: "WIB" },
  "Asia/Makassar": { offset: "+0800", abbr: "WITA" },
  "Asia/Jayapura": { offset: "+0900", abbr: "WIT" },
};

/** Indonesia keeps no daylight saving: each zone is one STANDARD block with a fixed offset. */
export function vtimezone(tz: string): string | null {
  const z = ZONES[tz];
  if (!z) return null;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${tz}`,
    `X-LIC-LOCATION:${tz}`,
    "BEGIN:STANDARD",
    `TZOFFSETFROM:${z.offset}`,
    `TZOFFSETTO:${z.offset}`,
    `TZNAME:${z.abbr}`,
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

type FeedEvent = {
  id: number;
  title: string;
  description: string;
  status: string;
  timeZone: string;
  sequence: number;
  updatedAt: Date;
  venue: string | null;
  regionName: string;
  chapterName: string;
  sessions: { id: number; startsAt: Date; endsAt: Date; label: string | null }[];
  /** when set, only these sessions go into the calendar (the ones a volunteer holds) */
  only?: number[];
  /** these sessions go in as CANCELLED (days a volunteer gave up or was removed from) */
  cancelled?: number[];
  /** DTSTAMP; the event's last change when absent */
  stamp?: Date;
};

function host(): string {
  return new URL(env.APP_URL).hostname;
}

/** UIDs are stable per event and day, so subscribed calendars update entries instead of duplicating them. */
export function buildCalendar(name: string, list: FeedEvent[]): string {
  const cal = ical({ name, prodId: { company: "Relawan TIK Indonesia", product: "Simpul", language: "ID" }, method: ICalCalendarMethod.PUBLISH, ttl: 3600, timezone: { name: null, generator: vtimezone } });
  for (const e of list) {
    e.sessions.forEach((s, i) => {
      // the UID and "(2/3)" keep the session's place in the whole event, so a feed showing days 1 and 3 stays stable
      if (e.only && !e.only.includes(s.id)) return;
      // TZDate carries the zone: ical-generator writes its wall-clock time next to TZID (a plain Date would be server-local)
      cal.createEvent({
        id: `event-${e.id}-${i + 1}@${host()}`,
        sequence: e.sequence,
        start: new TZDate(s.startsAt.getTime(), e.timeZone),
        end: new TZDate(s.endsAt.getTime(), e.timeZone),
        timezone: e.timeZone,
        stamp: e.stamp ?? e.updatedAt,
        lastModified: e.updatedAt,
        summary: e.sessions.length > 1 ? `${e.title} (${i + 1}/${e.sessions.length}${s.label && !/^\d+$/.test(s.label) ? ` · ${s.label}` : ""})` : e.title,
        description: e.description || null,
        location: [e.venue, e.regionName].filter(Boolean).join(", "),
        url: `${env.APP_URL}/e/${e.id}`,
        organizer: { name: e.chapterName, email: "no-reply@simpul.local" },
        status: e.status === "cancelled" || e.cancelled?.includes(s.id) ? ICalEventStatus.CANCELLED : e.status === "draft" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      });
    });
  }
  return cal.toString();
}

async function loadFeedEvents(db: Db, ids: number[]): Promise<FeedEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: events.id,
      title: events.title,
      description: events.description,
      status: events.status,
      timeZone: events.timeZone,
      sequence: events.sequence,
      updatedAt: events.updatedAt,
      venue: institutions.name,
      regionName: regions.name,
      chapterName: chapters.name,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(institutions, eq(institutions.id, events.venueId))
    .where(inArray(events.id, ids))
    .orderBy(asc(events.startsAt));
  const sessions = await db
    .select({ id: eventSessions.id, eventId: eventSessions.eventId, startsAt: eventSessions.startsAt, endsAt: eventSessions.endsAt, label: eventSessions.label })
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, ids))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
  return rows.map((r) => ({ ...r, sessions: sessions.filter((s) => s.eventId === r.id) }));
}

/** What one event's calendar is made of, read once (e.g. before a sign-up takes its lock). */
export async function feedEvent(db: Db, eventId: number): Promise<FeedEvent | null> {
  return (await loadFeedEvents(db, [eventId]))[0] ?? null;
}

/**
 * The event's .ics with only the given sessions (all when `sessionIds` is absent); none for drafts or no session.
 * `cancelled`: those sessions are CANCELLED (a day given up: the entry the sign-up's file made goes from the phone).
 * Files handed out (emails, the download) are stamped now: a day given up and taken again has the same SEQUENCE,
 * and calendars take the later DTSTAMP as the newer version of the entry.
 */
export function calendarOf(e: FeedEvent, sessionIds?: number[], opts: { cancelled?: boolean; now?: Date } = {}): string | null {
  if (e.status === "draft") return null;
  if (sessionIds && !e.sessions.some((s) => sessionIds.includes(s.id))) return null;
  return buildCalendar(e.title, [{ ...e, only: sessionIds, cancelled: opts.cancelled ? sessionIds : undefined, stamp: opts.now ?? new Date() }]);
}

/**
 * One event's .ics (not for drafts). With `userId`, a volunteer holding some of its sessions gets only those;
 * someone holding none gets every session (an "add to my calendar" for the whole event).
 */
export async function eventIcs(db: Db, eventId: number, userId?: string): Promise<string | null> {
  const e = await feedEvent(db, eventId);
  if (!e) return null;
  if (!userId) return calendarOf(e);
  const held = await db
    .select({ sessionId: signups.sessionId })
    .from(signups)
    .where(and(eq(signups.eventId, eventId), eq(signups.userId, userId), eq(signups.status, "confirmed")));
  return calendarOf(e, held.length ? held.map((h) => h.sessionId) : undefined);
}

const FEED_WINDOW = sql`now() - interval '90 days'`;

export async function chapterFeed(db: Db, slug: string): Promise<string | null> {
  const [c] = await db.select({ id: chapters.id, name: chapters.name }).from(chapters).where(eq(chapters.slug, slug));
  if (!c) return null;
  const ids = await db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.chapterId, c.id), inArray(events.status, ["published", "cancelled", "completed"]), gte(events.endsAt, FEED_WINDOW)));
  return buildCalendar(`Simpul — ${c.name}`, await loadFeedEvents(db, ids.map((r) => r.id)));
}

/** The volunteer's confirmed events (a cancelled event stays in the feed as CANCELLED so calendars drop it). */
export async function personalFeed(db: Db, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [t] = await db.select({ userId: calendarTokens.userId }).from(calendarTokens).where(eq(calendarTokens.tokenHash, sha256(token)));
  if (!t) return null;
  const held = await db
    .select({ id: events.id, sessionId: signups.sessionId })
    .from(signups)
    .innerJoin(events, eq(events.id, signups.eventId))
    .where(and(eq(signups.userId, t.userId), eq(signups.status, "confirmed"), inArray(events.status, ["published", "cancelled", "completed"]), gte(events.endsAt, FEED_WINDOW)));
  const list = await loadFeedEvents(db, [...new Set(held.map((r) => r.id))]);
  // only the days this volunteer holds
  return buildCalendar("Simpul", list.map((e) => ({ ...e, only: held.filter((h) => h.id === e.id).map((h) => h.sessionId) })));
}

/** Only the sha-256 of the feed's secret is stored: a database dump or backup holds no working link. */

/** An event's .ics as an email attachment (none without one): the file every event email carries under one name. */
export function icsAttachment(eventId: number, ics: string | null) {
  return ics ? [{ filename: `simpul-event-${eventId}.ics`, content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] : [];
}

export function personalFeedUrl(token: string): string {
  return `${env.APP_URL}/calendar/${token}.ics`;
}

/** Whether the volunteer has a feed link; the link itself can't be shown again (it was shown once, when made). */
export async function hasCalendarFeed(db: Db, userId: string): Promise<boolean> {
  const [t] = await db.select({ userId: calendarTokens.userId }).from(calendarTokens).where(eq(calendarTokens.userId, userId));
  return !!t;
}

/** A fresh secret, returned this once; the previous link (if any) stops working at once. */
export async function resetCalendarToken(db: Db, userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const tokenHash = sha256(token);
  await db
    .insert(calendarTokens)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash, createdAt: sql`now()` } });
  return token;
}

export async function revokeCalendarToken(db: Db, userId: string): Promise<void> {
  await db.delete(calendarTokens).where(eq(calendarTokens.userId, userId));
}
