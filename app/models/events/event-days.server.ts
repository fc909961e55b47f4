import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { calendarDate, clockTime } from "~/utils/forms.server";
import { events, eventSessions } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import {
  heldDaySelect,
  localToUtc,
  notifySignedUp,
  recreditDays,
  reviseDays,
  scheduleReminders,
  utcToLocal,
  type EventChange,
  type EventDetail,
  type SaveEventResult,
} from "~/models/events/events.server";

// A multi-day event's days one by one: a bimtek that runs 08:00–16:00 on days 1–2 and 08:00–12:00 on day 3. Apart
// from the event form so that the keys its answers name travel only with the days page.

/** One day's own date, times and label, as the days page sends them (one small form per day). */
export const dayFormSchema = z
  .object({
    sessionId: z.coerce.number().int().positive(),
    date: calendarDate("events.dateInvalid"),
    startTime: clockTime("events.timeInvalid"),
    endTime: clockTime("events.timeInvalid"),
    label: z.string().trim().max(160).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "events.endBeforeStart" });
  });
export type DayForm = z.infer<typeof dayFormSchema>;

export function parseDayForm(form: FormData): z.SafeParseReturnType<unknown, DayForm> {
  const values: Record<string, unknown> = {};
  for (const k of ["sessionId", "date", "startTime", "endTime", "label"]) {
    const v = form.get(k);
    if (typeof v === "string") values[k] = v;
  }
  return dayFormSchema.safeParse(values);
}

/**
 * A lead corrects one day of an event: its date, times and label, the other days as they are. The same rules as the
 * event form (DECISIONS 132): a day held keeps its date, hours credited from the day's length follow in the same
 * transaction, a certificate issued with the old hours refuses the change. The day may not overlap another day of
 * the event. Those holding or waiting for the day are emailed with their days' .ics (same UIDs, the next SEQUENCE),
 * and the day's reminder follows the new time.
 */
export async function updateEventDay(
  db: Db,
  input: { eventId: number; chapterId: number; form: DayForm; alsoTell?: (tx: Db, change: { sequence: number; changes: EventChange[] }) => Promise<void> },
): Promise<SaveEventResult> {
  const f = input.form;
  return db.transaction(async (tx): Promise<SaveEventResult> => {
    const [cur] = await tx
      .select({ id: events.id, status: events.status, timeZone: events.timeZone, startsAt: events.startsAt, signupCutoff: events.signupCutoff })
      .from(events)
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)))
      .for("update");
    if (!cur || cur.status === "cancelled") return { ok: false, errors: { _form: ["errors.invalid"] } };
    const days = await tx.select(heldDaySelect()).from(eventSessions).where(eq(eventSessions.eventId, cur.id)).orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
    const index = days.findIndex((d) => d.id === f.sessionId);
    const o = days[index];
    if (!o) return { ok: false, errors: { _form: ["errors.invalid"] } };
    const n = { label: f.label || null, startsAt: localToUtc(f.date, f.startTime, cur.timeZone), endsAt: localToUtc(f.date, f.endTime, cur.timeZone) };
    if (n.startsAt.getTime() === o.startsAt.getTime() && n.endsAt.getTime() === o.endsAt.getTime() && n.label === o.label) return { ok: true, eventId: cur.id };
    const other = days.findIndex((d) => d.id !== o.id && d.startsAt < n.endsAt && d.endsAt > n.startsAt);
    if (other >= 0) return { ok: false, errors: { startTime: [`events.dayOverlaps?day=${other + 1}`] } };
    const revised = await reviseDays(tx, { eventId: cur.id, chapterId: input.chapterId, pairs: [{ o, n, day: index + 1 }], oldZone: cur.timeZone, newZone: cur.timeZone });
    if (!revised.ok) return revised;
    const timeChanged = n.startsAt.getTime() !== o.startsAt.getTime() || n.endsAt.getTime() !== o.endsAt.getTime();
    await tx.update(eventSessions).set(n).where(eq(eventSessions.id, o.id));
    await recreditDays(tx, revised.recredit);
    const after = days.map((d) => (d.id === o.id ? { ...d, ...n } : d));
    const startsAt = new Date(Math.min(...after.map((d) => d.startsAt.getTime())));
    const endsAt = new Date(Math.max(...after.map((d) => d.endsAt.getTime())));
    // the sign-up cutoff keeps its distance from the first day
    const signupCutoff = cur.signupCutoff ? new Date(startsAt.getTime() - (cur.startsAt.getTime() - cur.signupCutoff.getTime())) : null;
    const [ev] = await tx
      .update(events)
      .set({ startsAt, endsAt, signupCutoff, sequence: sql`${events.sequence} + 1`, updatedAt: sql`now()` })
      .where(eq(events.id, cur.id))
      .returning({ sequence: events.sequence });
    if (cur.status === "published") {
      await scheduleReminders(tx, cur.id);
      // a new label is the calendar's business; new times reach those who hold the day, and the participants
      if (timeChanged) {
        await notifySignedUp(tx, cur.id, ev?.sequence ?? 0, "changed", ["time"], [o.id]);
        await input.alsoTell?.(tx, { sequence: ev?.sequence ?? 0, changes: ["time"] });
      }
    }
    return { ok: true, eventId: cur.id };
  });
}

/** The days page: each day's own date, times and label, as its form shows them, and whether its date is fixed. */
export function dayFormDefaults(e: EventDetail, now = new Date()) {
  return e.sessions.map((s, i) => {
    const start = utcToLocal(s.startsAt, e.timeZone);
    return { id: s.id, n: i + 1, date: start.date, startTime: start.time, endTime: utcToLocal(s.endsAt, e.timeZone).time, label: s.label && !/^\d+$/.test(s.label) ? s.label : "", past: s.endsAt.getTime() <= now.getTime() };
  });
}

