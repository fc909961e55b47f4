import { and, asc, eq, gt, inArray, lt, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { memberships } from "../../../db/schema/chapters";
import { eventRoles, events, eventSessions, signups, type SignupStatus } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import type { JobContext } from "~/services/jobs.server";
import { asLocale, eventSummary } from "~/models/events/events.server";
import { queueEmail } from "~/services/outbox.server";
import { eventIcs } from "~/models/events/calendar.server";
import QRCode from "qrcode";
import { env } from "~/env.server";
import { rowsOf } from "../../../db/rows";

export type SignupResult =
  | { ok: true; status: Exclude<SignupStatus, "cancelled">; position: number | null }
  | { ok: false; reason: "notFound" | "notMember" | "closed" | "already" | "otherRole" | "full" };

/**
 * Sign up for a role. The role row is locked (FOR UPDATE) for the whole transaction, so concurrent sign-ups
 * for one role — from any number of app processes — are counted one after another: capacity always holds and
 * the waitlist is in arrival order.
 */
export async function signUp(
  db: Db,
  input: { eventId: number; roleId: number; userId: string; assignedBy?: string; now?: Date },
): Promise<SignupResult> {
  const now = input.now ?? new Date();
  // everything that does not depend on the count is read before the lock, so the lock is held briefly
  const [[who], summary, member, ics] = await Promise.all([
    db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, input.userId)),
    eventSummary(db, input.eventId),
    db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(events, eq(events.chapterId, memberships.chapterId))
      .where(and(eq(events.id, input.eventId), eq(memberships.userId, input.userId), eq(memberships.status, "active")))
      .limit(1),
    eventIcs(db, input.eventId),
  ]);
  if (!who || !summary) return { ok: false, reason: "notFound" };
  if (member.length === 0) return { ok: false, reason: "notMember" };
  return db.transaction(async (tx): Promise<SignupResult> => {
    const [role] = await tx
      .select({
        id: eventRoles.id,
        capacity: eventRoles.capacity,
        chapterId: events.chapterId,
        status: events.status,
        cutoff: events.signupCutoff,
        startsAt: events.startsAt,
      })
      .from(eventRoles)
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .where(and(eq(eventRoles.id, input.roleId), eq(eventRoles.eventId, input.eventId)))
      .for("update", { of: eventRoles });
    if (!role) return { ok: false, reason: "notFound" };
    const closesAt = role.cutoff ?? role.startsAt;
    if (role.status !== "published" || (!input.assignedBy && closesAt.getTime() <= now.getTime())) return { ok: false, reason: "closed" };

    // one round trip under the lock: this user's row for the event (if any) and the role's counts
    const [counts] = await tx
      .select({
        confirmed: sql<number>`count(*) filter (where ${signups.roleId} = ${role.id} and ${signups.status} = 'confirmed')::int`,
        waitlisted: sql<number>`count(*) filter (where ${signups.roleId} = ${role.id} and ${signups.status} = 'waitlisted')::int`,
        mineRole: sql<number | null>`max(${signups.roleId}) filter (where ${signups.userId} = ${input.userId} and ${signups.status} <> 'cancelled')`,
      })
      .from(signups)
      .where(and(eq(signups.eventId, input.eventId), or(eq(signups.roleId, role.id), eq(signups.userId, input.userId))));
    if (counts?.mineRole != null) return { ok: false, reason: Number(counts.mineRole) === input.roleId ? "already" : "otherRole" };
    const confirmed = counts?.confirmed ?? 0;
    const waitlisted = counts?.waitlisted ?? 0;
    const status = confirmed < role.capacity ? "confirmed" : "waitlisted";
    if (status === "waitlisted" && input.assignedBy) return { ok: false, reason: "full" };
    const position = status === "waitlisted" ? waitlisted + 1 : null;
    const values = {
      eventId: input.eventId,
      roleId: role.id,
      userId: input.userId,
      status,
      queuedAt: sql`clock_timestamp()`,
      waitlistPosition: position,
      assignedBy: input.assignedBy ?? null,
      attendedAt: null,
      checkinMethod: null,
      hoursCredited: null,
      updatedAt: sql`now()`,
    } as const;
    const [row] = await tx
      .insert(signups)
      .values(values)
      .onConflictDoUpdate({ target: [signups.eventId, signups.userId], set: values })
      .returning({ id: signups.id, queuedAt: signups.queuedAt });
    if (!row) throw new Error("signup not stored");
    await queueEmail(tx, {
      to: who.email,
      template: "event-signup",
      locale: asLocale(who.locale),
      // a confirmed place comes with the .ics, so it lands in the phone's calendar straight away
      payload: { kind: status, name: who.name, position, event: summary, attachments: status === "confirmed" ? icsAttachment(input.eventId, ics) : [] },
      dedupKey: `event-signup:${status}:${row.id}:${row.queuedAt.getTime()}`,
    });
    return { ok: true, status, position };
  });
}

export function icsAttachment(eventId: number, ics: string | null) {
  return ics ? [{ filename: `simpul-event-${eventId}.ics`, content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] : [];
}

async function mailSignup(tx: Db, eventId: number, userId: string, kind: "confirmed" | "waitlisted" | "promoted" | "removed", position: number | null, key: string) {
  const [u] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  const ev = await eventSummary(tx, eventId);
  if (!u || !ev) return;
  const attachments = kind === "promoted" ? icsAttachment(eventId, await eventIcs(tx, eventId)) : [];
  await queueEmail(tx, {
    to: u.email,
    template: kind === "promoted" ? "event-promoted" : "event-signup",
    locale: asLocale(u.locale),
    payload: { kind, name: u.name, position, event: ev, attachments },
    dedupKey: `event-signup:${kind}:${key}`,
  });
}

/**
 * Cancel a sign-up (the volunteer, or a lead removing someone). A freed confirmed place goes to the first on
 * the waitlist in the same transaction, under the same role lock, and they get an email.
 */
export async function cancelSignup(
  db: Db,
  input: { eventId: number; userId: string; byLead?: boolean; now?: Date },
): Promise<{ ok: true; promotedUserId: string | null } | { ok: false; reason: "notFound" | "closed" }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ roleId: signups.roleId })
      .from(signups)
      .where(and(eq(signups.eventId, input.eventId), eq(signups.userId, input.userId), ne(signups.status, "cancelled")));
    if (!found) return { ok: false, reason: "notFound" };
    const [role] = await tx
      .select({ id: eventRoles.id, capacity: eventRoles.capacity, cutoff: events.signupCutoff, startsAt: events.startsAt })
      .from(eventRoles)
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .where(eq(eventRoles.id, found.roleId))
      .for("update", { of: eventRoles });
    if (!role) return { ok: false, reason: "notFound" };
    if (!input.byLead && (role.cutoff ?? role.startsAt).getTime() <= now.getTime()) return { ok: false, reason: "closed" };
    // re-read under the lock: the row may have changed while we waited
    const [mine] = await tx
      .update(signups)
      .set({ status: "cancelled", waitlistPosition: null, updatedAt: sql`now()` })
      .where(and(eq(signups.eventId, input.eventId), eq(signups.userId, input.userId), eq(signups.roleId, role.id), ne(signups.status, "cancelled")))
      .returning({ id: signups.id });
    if (!mine) return { ok: false, reason: "notFound" };
    if (input.byLead) await mailSignup(tx, input.eventId, input.userId, "removed", null, `${mine.id}:${now.getTime()}`);
    const promoted = await fillFromWaitlist(tx, input.eventId, role.id, role.capacity);
    return { ok: true, promotedUserId: promoted[0] ?? null };
  });
}

/** Promote from the waitlist while there is room (caller holds the role lock), then renumber the waitlist. */
async function fillFromWaitlist(tx: Db, eventId: number, roleId: number, capacity: number): Promise<string[]> {
  const [c] = await tx
    .select({ confirmed: sql<number>`count(*)::int` })
    .from(signups)
    .where(and(eq(signups.roleId, roleId), eq(signups.status, "confirmed")));
  const room = capacity - (c?.confirmed ?? 0);
  const promoted: string[] = [];
  if (room > 0) {
    const next = await tx
      .select({ id: signups.id, userId: signups.userId })
      .from(signups)
      .where(and(eq(signups.roleId, roleId), eq(signups.status, "waitlisted")))
      .orderBy(asc(signups.queuedAt), asc(signups.id))
      .limit(room);
    for (const n of next) {
      await tx.update(signups).set({ status: "confirmed", waitlistPosition: null, updatedAt: sql`now()` }).where(eq(signups.id, n.id));
      await mailSignup(tx, eventId, n.userId, "promoted", null, String(n.id));
      promoted.push(n.userId);
    }
  }
  await tx.execute(sql`
    update ${signups} s set waitlist_position = r.pos
    from (select id, row_number() over (order by queued_at, id)::int as pos from ${signups}
          where role_id = ${roleId} and status = 'waitlisted') r
    where s.id = r.id and s.waitlist_position is distinct from r.pos`);
  return promoted;
}

/** A lead raised a role's capacity: fill the new places from the waitlist. */
export async function setRoleCapacity(db: Db, input: { eventId: number; roleId: number; capacity: number }) {
  return db.transaction(async (tx) => {
    const [role] = await tx
      .select({ id: eventRoles.id })
      .from(eventRoles)
      .where(and(eq(eventRoles.id, input.roleId), eq(eventRoles.eventId, input.eventId)))
      .for("update");
    if (!role) return false;
    const [c] = await tx
      .select({ confirmed: sql<number>`count(*)::int` })
      .from(signups)
      .where(and(eq(signups.roleId, role.id), eq(signups.status, "confirmed")));
    // never below the people already confirmed: a lead removes someone explicitly
    const capacity = Math.max(input.capacity, c?.confirmed ?? 0);
    await tx.update(eventRoles).set({ capacity }).where(eq(eventRoles.id, role.id));
    await fillFromWaitlist(tx, input.eventId, role.id, capacity);
    return true;
  });
}

export async function getMySignup(db: Db, eventId: number, userId: string) {
  const [row] = await db
    .select({ id: signups.id, roleId: signups.roleId, status: signups.status, waitlistPosition: signups.waitlistPosition, attendedAt: signups.attendedAt })
    .from(signups)
    .where(and(eq(signups.eventId, eventId), eq(signups.userId, userId)));
  return row ?? null;
}

/** Confirmed sign-ups of the user for other events whose time overlaps this one. */
export async function overlappingSignups(db: Db, input: { eventId: number; userId: string; startsAt: Date; endsAt: Date }) {
  return db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(signups)
    .innerJoin(events, eq(events.id, signups.eventId))
    .where(
      and(
        eq(signups.userId, input.userId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        ne(events.id, input.eventId),
        ne(events.status, "cancelled"),
        lt(events.startsAt, input.endsAt),
        gt(events.endsAt, input.startsAt),
      ),
    );
}

/** The roster of an event for its lead: who is where, waitlist order, attendance. */
export async function listSignups(db: Db, eventId: number) {
  return db
    .select({
      id: signups.id,
      roleId: signups.roleId,
      userId: signups.userId,
      name: users.name,
      email: users.email,
      status: signups.status,
      waitlistPosition: signups.waitlistPosition,
      attendedAt: signups.attendedAt,
      checkinMethod: signups.checkinMethod,
      hoursCredited: signups.hoursCredited,
    })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .where(and(eq(signups.eventId, eventId), ne(signups.status, "cancelled")))
    .orderBy(asc(signups.roleId), asc(signups.status), asc(signups.queuedAt), asc(signups.id));
}

/** Active members of the chapter not signed up for the event (the lead's "assign" list). */
export async function assignableMembers(db: Db, eventId: number, chapterId: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.chapterId, chapterId),
        eq(memberships.status, "active"),
        sql`not exists (select 1 from ${signups} s where s.event_id = ${eventId} and s.user_id = "app_user"."id" and s.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(500);
}

async function hoursFor(tx: Db, eventId: number, roleId: number): Promise<number> {
  const [r] = await tx.select({ hours: eventRoles.hours }).from(eventRoles).where(eq(eventRoles.id, roleId));
  if (r?.hours) return r.hours;
  const [s] = await tx
    .select({ minutes: sql<number>`coalesce(sum(extract(epoch from (${eventSessions.endsAt} - ${eventSessions.startsAt})) / 60), 0)::int` })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId));
  return Math.max(1, Math.round((s?.minutes ?? 0) / 60));
}

export const CHECKIN_OPENS_MS = 3 * 3_600_000;
export const CHECKIN_CLOSES_MS = 24 * 3_600_000;

export type CheckinResult = { ok: true; hours: number } | { ok: false; reason: "wrongCode" | "notSignedUp" | "notOpen" };

/** A volunteer types (or scans) the event's code on site. */
export async function checkIn(db: Db, input: { eventId: number; userId: string; code: string; now?: Date }): Promise<CheckinResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [ev] = await tx
      .select({ code: events.checkinCode, startsAt: events.startsAt, endsAt: events.endsAt, status: events.status })
      .from(events)
      .where(eq(events.id, input.eventId));
    if (!ev || ev.code !== input.code.trim().toUpperCase()) return { ok: false, reason: "wrongCode" };
    if (ev.status === "cancelled" || now.getTime() < ev.startsAt.getTime() - CHECKIN_OPENS_MS || now.getTime() > ev.endsAt.getTime() + CHECKIN_CLOSES_MS)
      return { ok: false, reason: "notOpen" };
    const [s] = await tx
      .select({ id: signups.id, roleId: signups.roleId, attendedAt: signups.attendedAt })
      .from(signups)
      .where(and(eq(signups.eventId, input.eventId), eq(signups.userId, input.userId), eq(signups.status, "confirmed")));
    if (!s) return { ok: false, reason: "notSignedUp" };
    const hours = await hoursFor(tx, input.eventId, s.roleId);
    if (!s.attendedAt) await tx.update(signups).set({ attendedAt: now, checkinMethod: "code", hoursCredited: hours }).where(eq(signups.id, s.id));
    return { ok: true, hours };
  });
}

/** The lead marks someone present (or not). Scoped to the event in the WHERE clause. */
export async function markAttendance(db: Db, input: { eventId: number; signupId: number; attended: boolean }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ id: signups.id, roleId: signups.roleId })
      .from(signups)
      .where(and(eq(signups.id, input.signupId), eq(signups.eventId, input.eventId), eq(signups.status, "confirmed")));
    if (!s) return false;
    const hours = input.attended ? await hoursFor(tx, input.eventId, s.roleId) : null;
    await tx
      .update(signups)
      .set(input.attended ? { attendedAt: sql`coalesce(${signups.attendedAt}, now())`, checkinMethod: sql`coalesce(${signups.checkinMethod}, 'lead')`, hoursCredited: hours } : { attendedAt: null, checkinMethod: null, hoursCredited: null })
      .where(eq(signups.id, s.id));
    return true;
  });
}

/** Hours credited to a volunteer for attended roles. */
export async function volunteerHours(db: Db, userId: string): Promise<number> {
  const [r] = await db
    .select({ hours: sql<number>`coalesce(sum(${signups.hoursCredited}), 0)::int` })
    .from(signups)
    .where(and(eq(signups.userId, userId), eq(signups.status, "confirmed")));
  return r?.hours ?? 0;
}

/** My schedule: upcoming and recent sign-ups. */
export async function mySignups(db: Db, userId: string) {
  return db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      eventStatus: events.status,
      roleName: eventRoles.name,
      status: signups.status,
      waitlistPosition: signups.waitlistPosition,
      attendedAt: signups.attendedAt,
      hoursCredited: signups.hoursCredited,
    })
    .from(signups)
    .innerJoin(events, eq(events.id, signups.eventId))
    .innerJoin(eventRoles, eq(eventRoles.id, signups.roleId))
    .where(and(eq(signups.userId, userId), ne(signups.status, "cancelled"), gt(events.endsAt, sql`now() - interval '60 days'`)))
    .orderBy(asc(events.startsAt));
}

// ---------- reminders (job "event-reminder") ----------

const reminderPayload = z.object({ eventId: z.number().int() });

/** The day before: every confirmed volunteer gets the details with the .ics attached. */
export async function sendEventReminders(payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const { eventId } = reminderPayload.parse(payload);
  await db.transaction(async (tx) => {
    const ev = await eventSummary(tx, eventId);
    if (!ev || ev.status !== "published") return;
    const ics = await eventIcs(tx, eventId);
    const rows = await tx
      .select({ userId: signups.userId, email: users.email, name: users.name, locale: users.locale, roleName: eventRoles.name })
      .from(signups)
      .innerJoin(users, eq(users.id, signups.userId))
      .innerJoin(eventRoles, eq(eventRoles.id, signups.roleId))
      .where(and(eq(signups.eventId, eventId), eq(signups.status, "confirmed")));
    for (const r of rows) {
      await queueEmail(tx, {
        to: r.email,
        template: "event-reminder",
        locale: asLocale(r.locale),
        payload: {
          name: r.name,
          roleName: r.roleName,
          event: ev,
          attachments: icsAttachment(eventId, ics),
        },
        dedupKey: `event-reminder:${eventId}:${ev.startsAt}:${r.userId}`,
      });
    }
  });
}

export function checkinUrl(eventId: number, code: string): string {
  return `${env.APP_URL}/events/${eventId}/checkin?code=${encodeURIComponent(code)}`;
}

/** The QR code volunteers scan on site, as inline SVG (no image request, no JavaScript). */
export async function checkinQrSvg(eventId: number, code: string): Promise<string> {
  return QRCode.toString(checkinUrl(eventId, code), { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 240 });
}

/**
 * "Who is missing for which role": for each role with free places, active members not yet signed up whose
 * profile skills match a wanted skill (by name or slug, either language), who have no overlapping sign-up.
 */
export async function suggestVolunteers(db: Db, input: { eventId: number; chapterId: number; perRole?: number }) {
  const result = await db.execute(sql`
    with open_roles as (
      select r.id, r.wanted_skills from ${eventRoles} r
      where r.event_id = ${input.eventId} and jsonb_array_length(r.wanted_skills) > 0
        and r.capacity > (select count(*) from ${signups} s where s.role_id = r.id and s.status = 'confirmed')
    ), ev as (select starts_at, ends_at from ${events} where id = ${input.eventId})
    select o.id as role_id, u.id as user_id, u.name, string_agg(distinct sk.name_id, ', ') as skills
    from open_roles o
    cross join lateral jsonb_array_elements_text(o.wanted_skills) w(skill)
    join skill sk on lower(sk.name_id) = lower(w.skill) or lower(sk.name_en) = lower(w.skill) or sk.slug = lower(w.skill)
    join user_skill us on us.skill_id = sk.id
    join ${memberships} m on m.user_id = us.user_id and m.chapter_id = ${input.chapterId} and m.status = 'active'
    join app_user u on u.id = us.user_id
    where not exists (select 1 from ${signups} s where s.event_id = ${input.eventId} and s.user_id = u.id and s.status <> 'cancelled')
      and not exists (
        select 1 from ${signups} s join ${events} e on e.id = s.event_id, ev
        where s.user_id = u.id and s.status = 'confirmed' and e.status <> 'cancelled' and e.starts_at < ev.ends_at and e.ends_at > ev.starts_at)
    group by o.id, u.id, u.name
    order by o.id, count(*) desc, u.name`);
  const list = rowsOf<{ role_id: number; user_id: string; name: string; skills: string }>(result);
  const per = input.perRole ?? 5;
  const out = new Map<number, { userId: string; name: string; skills: string }[]>();
  for (const r of list) {
    const l = out.get(Number(r.role_id)) ?? [];
    if (l.length < per) l.push({ userId: r.user_id, name: r.name, skills: r.skills });
    out.set(Number(r.role_id), l);
  }
  return out;
}
