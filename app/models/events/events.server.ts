import { randomInt } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { and, asc, eq, gte, ilike, inArray, isNotNull, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { calendarDate, clockTime, formValues, typedNumber } from "~/utils/forms.server";
import { users } from "../../../db/schema/accounts";
import { chapters, memberships } from "../../../db/schema/chapters";
import {
  eventParticipants,
  eventRoles,
  events,
  eventSessionRoles,
  eventSessions,
  institutions,
  INSTITUTION_TYPES,
  onboardings,
  outcomeInstitutions,
  programs,
  signups,
  type EventStatus,
  type InstitutionType,
} from "../../../db/schema/events";
import { volunteerProfiles } from "../../../db/schema/profiles";
import { regions } from "../../../db/schema/regions";
import { jsonColumn, rowsOf } from "../../../db/rows";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/locale";
import { cancelJob, cancelJobsByPrefix, scheduleJob } from "~/services/jobs.server";
import { queueEmail } from "~/services/outbox.server";
import { institutionDedupKey, normaliseInstitutionName, normalisedNameSql, schoolLevel } from "~/models/events/institution-names";
import { resolveInstitution } from "~/models/events/institutions.server";
import { calendarOf, feedEvent, icsAttachment } from "~/models/events/calendar.server";

// ---------- programs and the venue registry ----------

export async function listPrograms(db: Db) {
  return db
    .select({ id: programs.id, slug: programs.slug, nameId: programs.nameId, nameEn: programs.nameEn, outcomes: programs.outcomes })
    .from(programs)
    .where(eq(programs.active, true))
    .orderBy(asc(programs.id));
}

export { normaliseInstitutionName };

export { institutionDedupKey };

/** Returns the registry row for this institution, creating it only when no equivalent exists. */
export async function findOrCreateInstitution(
  tx: Db,
  input: { type: InstitutionType; name: string; regionCode: string; createdBy?: string | null },
): Promise<{ id: number; name: string; regionCode: string; created: boolean }> {
  const dedupKey = institutionDedupKey(input.type, input.regionCode, input.name);
  // rows stored before the name rules grew have an older key: compare names the way they are compared today
  const [same] = await tx
    .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
    .from(institutions)
    .where(and(eq(institutions.type, input.type), eq(institutions.regionCode, input.regionCode), sql`${normalisedNameSql(sql`${institutions.name}`)} = ${normaliseInstitutionName(input.name)}`))
    .orderBy(asc(institutions.id))
    .limit(1);
  if (same) return { ...same, created: false };
  const inserted = await tx
    .insert(institutions)
    .values({
      type: input.type,
      name: input.name.trim(),
      regionCode: input.regionCode,
      dedupKey,
      level: input.type === "school" ? schoolLevel(input.name) : null,
      createdBy: input.createdBy ?? null,
    })
    .onConflictDoNothing({ target: institutions.dedupKey })
    .returning({ id: institutions.id });
  const [row] = await tx
    .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
    .from(institutions)
    .where(eq(institutions.dedupKey, dedupKey));
  if (!row) throw new Error("institution not stored");
  return { ...row, created: inserted.length > 0 };
}

function inArea(regionPrefix: string) {
  return or(eq(institutions.regionCode, regionPrefix), like(institutions.regionCode, `${regionPrefix}.%`));
}

/** The registry of a chapter's area with how often each entry is used (events held there, reports naming it). */
export async function searchInstitutions(db: Db, input: { regionPrefix: string; q?: string; type?: InstitutionType; limit?: number }) {
  const words = (input.q ?? "").trim().slice(0, 80);
  return db
    .select({
      id: institutions.id,
      name: institutions.name,
      type: institutions.type,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      events: sql<number>`(select count(*)::int from ${events} e where e.venue_id = "institution"."id")`,
      reports: sql<number>`(select count(*)::int from ${outcomeInstitutions} oi where oi.institution_id = "institution"."id")`,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(inArea(input.regionPrefix), input.type ? eq(institutions.type, input.type) : undefined, words ? ilike(institutions.name, `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined))
    .orderBy(asc(institutions.name), asc(institutions.id))
    .limit(input.limit ?? 200);
}

export type MergeResult = { ok: true } | { ok: false; reason: "same" | "notFound" | "inUse" | "npsn" | "type" };

/**
 * "SMPN 1" and "SMP Satu" turned out to be one school: everything that pointed at the duplicate now points at the
 * kept row (events, reached institutions, onboarding — kinds united), and the duplicate is deleted. Both must lie in
 * the chapter's area and be of one type. A row another part of the app still holds (a telecenter's twin) is not merged.
 */
export async function mergeInstitutions(db: Db, input: { fromId: number; intoId: number; regionPrefix: string }): Promise<MergeResult> {
  if (input.fromId === input.intoId) return { ok: false, reason: "same" };
  try {
    return await db.transaction(async (tx): Promise<MergeResult> => {
      const found = await tx
        .select({ id: institutions.id, type: institutions.type })
        .from(institutions)
        .where(and(inArray(institutions.id, [input.fromId, input.intoId]), inArea(input.regionPrefix)))
        .for("update");
      if (found.length !== 2) return { ok: false, reason: "notFound" };
      // a school merged into an UMKM would move its figures to another indicator: two kinds are two institutions
      if (found[0]?.type !== found[1]?.type) return { ok: false, reason: "type" };
      const { fromId, intoId } = input;
      // the kept row inherits the duplicate's NPSN when it has none (freed first: it is unique)
      const [from] = await tx.select({ npsn: institutions.npsn }).from(institutions).where(eq(institutions.id, fromId));
      const [into] = await tx.select({ npsn: institutions.npsn }).from(institutions).where(eq(institutions.id, intoId));
      if (from?.npsn && into?.npsn && from.npsn !== into.npsn) return { ok: false, reason: "npsn" };
      if (from?.npsn) {
        await tx.update(institutions).set({ npsn: null }).where(eq(institutions.id, fromId));
        await tx.update(institutions).set({ npsn: from.npsn }).where(and(eq(institutions.id, intoId), sql`${institutions.npsn} is null`));
      }
      await tx.update(events).set({ venueId: intoId, updatedAt: sql`now()` }).where(eq(events.venueId, fromId));
      await tx.execute(sql`delete from ${outcomeInstitutions} d where d.institution_id = ${fromId}
        and exists (select 1 from ${outcomeInstitutions} k where k.report_id = d.report_id and k.institution_id = ${intoId})`);
      await tx.update(outcomeInstitutions).set({ institutionId: intoId }).where(eq(outcomeInstitutions.institutionId, fromId));
      await tx.execute(sql`update ${onboardings} k set kinds = (select coalesce(jsonb_agg(distinct x), '[]'::jsonb) from jsonb_array_elements(k.kinds || d.kinds) x)
        from ${onboardings} d where k.report_id = d.report_id and k.institution_id = ${intoId} and d.institution_id = ${fromId}`);
      await tx.execute(sql`delete from ${onboardings} d where d.institution_id = ${fromId}
        and exists (select 1 from ${onboardings} k where k.report_id = d.report_id and k.institution_id = ${intoId})`);
      await tx.update(onboardings).set({ institutionId: intoId }).where(eq(onboardings.institutionId, fromId));
      await tx.delete(institutions).where(eq(institutions.id, fromId));
      return { ok: true };
    });
  } catch (e) {
    // 23503: another table still references the duplicate; the transaction rolled back
    if (e && typeof e === "object" && ("code" in e ? e.code === "23503" : false)) return { ok: false, reason: "inUse" };
    if (e instanceof Error && e.cause && typeof e.cause === "object" && "code" in e.cause && e.cause.code === "23503") return { ok: false, reason: "inUse" };
    throw e;
  }
}

/** Institutions inside a region (a chapter's kab/kota), for pickers. */
export async function listInstitutions(db: Db, regionPrefix: string, types?: InstitutionType[]) {
  return db
    .select({ id: institutions.id, name: institutions.name, type: institutions.type, regionCode: institutions.regionCode, regionName: regions.name })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(
      and(
        or(eq(institutions.regionCode, regionPrefix), like(institutions.regionCode, `${regionPrefix}.%`)),
        types?.length ? inArray(institutions.type, types) : undefined,
      ),
    )
    .orderBy(asc(institutions.name))
    .limit(500);
}

export async function listKecamatan(db: Db, kabCode: string) {
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, kabCode)).orderBy(asc(regions.name));
}

// ---------- who may do what ----------

export async function chaptersOf(db: Db, userId: string) {
  return db
    .select({ id: chapters.id, name: chapters.name, slug: chapters.slug, regionCode: chapters.regionCode, role: memberships.role })
    .from(memberships)
    .innerJoin(chapters, eq(chapters.id, memberships.chapterId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(chapters.name));
}

export async function isActiveMember(db: Db, userId: string, chapterId: number): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapterId), eq(memberships.status, "active")))
    .limit(1);
  return rows.length > 0;
}

export async function getChapterForPlanning(db: Db, chapterId: number) {
  const [row] = await db
    .select({ id: chapters.id, name: chapters.name, slug: chapters.slug, regionCode: chapters.regionCode })
    .from(chapters)
    .where(eq(chapters.id, chapterId));
  return row ?? null;
}

// ---------- time ----------

/** A wall-clock date ("2026-12-01") and time ("08:00") in the venue's zone → the UTC instant. */
export function localToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, timeZone).getTime());
}

export function utcToLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const z = new TZDate(instant.getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return { date: `${z.getFullYear()}-${p(z.getMonth() + 1)}-${p(z.getDate())}`, time: `${p(z.getHours())}:${p(z.getMinutes())}` };
}

function addLocalDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return t.toISOString().slice(0, 10);
}

// ---------- the event form ----------

/**
 * Roles the event form takes at once: it shows four rows (no script adds more); further roles are added on the event
 * page. A form with more is refused with its rows shown again, never cut short.
 */
export const MAX_FORM_ROLES = 20;

/**
 * A role's hours as leads type them: "3", "3 jam", "3 hours" are 3. Hours are credited whole, so "2,5", "2.5 jam" or
 * "2 jam 30 menit" are left as typed and refused with the sentence that says whole hours (never "not a number").
 */
export function roleHoursAsTyped(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = /^(\d+(?:[.,]\d+)?) ?(?:jam|j|hours?|hrs?|h)$/.exec(v.normalize("NFKC").trim().toLowerCase());
  return m ? m[1] : v;
}

const roleRow = z.object({
  name: z.string().trim().max(80).optional(),
  capacity: typedNumber({ integer: true, min: 1, max: 1000, minMessage: "events.capacityMin" }).optional(),
  hours: z.preprocess(roleHoursAsTyped, typedNumber({ integer: true, min: 1, max: 100, message: "events.hoursInvalid", rangeMessage: "events.hoursInvalid" }).optional()),
  skills: z.string().trim().max(200).optional(),
});

export const eventFormSchema = z
  .object({
    title: z.string().trim().min(1).max(160),
    programId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive(),
    description: z.string().trim().max(5000).optional(),
    venueId: z.coerce.number().int().positive().optional(),
    venueType: z.enum(INSTITUTION_TYPES).optional(),
    venueName: z.string().trim().max(160).optional(),
    venueRegion: z.string().trim().regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/).optional(),
    date: calendarDate("events.dateInvalid"),
    startTime: clockTime("events.timeInvalid"),
    endTime: clockTime("events.timeInvalid"),
    days: typedNumber({ integer: true, min: 1, max: 14 }).default(1),
    /** one line per day, e.g. "Batch 1: Dinas Kominfo, Bappeda" for a bimtek */
    sessionLabels: z.string().max(2000).optional(),
    cutoffHours: typedNumber({ integer: true, min: 0, max: 720 }).default(12),
    draft: z.literal("1").optional(),
    /** the event's sequence when the edit page was opened: times typed over days changed since are refused */
    loaded: z.coerce.number().int().nonnegative().optional(),
    roles: z.array(roleRow).max(MAX_FORM_ROLES, `events.tooManyRoles?max=${MAX_FORM_ROLES}`).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "events.endBeforeStart" });
    if (!v.venueId && !(v.venueName && v.venueType && v.venueRegion))
      ctx.addIssue({ code: "custom", path: ["venueId"], message: "events.venueRequired" });
  });

export type EventForm = z.infer<typeof eventFormSchema>;

/** Roles come as role.0.name, role.0.capacity… (a plain form without JavaScript). */
export function eventFormInput(form: FormData): FormData {
  const out = new FormData();
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("role.")) out.append(k, v);
  return out;
}

/** The role rows that have something in them, in row order (however many: the schema holds the maximum). */
export function rolesFromForm(form: FormData) {
  const rows = new Map<number, Record<string, string>>();
  for (const [k, v] of form.entries()) {
    const m = /^role\.(\d+)\.(name|capacity|hours|skills)$/.exec(k);
    if (!m || typeof v !== "string") continue;
    const i = Number(m[1]);
    const row = rows.get(i) ?? {};
    row[m[2] ?? ""] = v.trim();
    rows.set(i, row);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, r]) => r)
    .filter((r) => Object.values(r).some((x) => x !== ""));
}

/** What a refused form shows again: every field as typed, the role rows renumbered 0…n-1 without the empty ones. */
export function eventFormValues(form: FormData): Record<string, string | string[]> {
  const out = formValues(eventFormInput(form));
  rolesFromForm(form).forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) out[`role.${i}.${k}`] = v;
  });
  return out;
}

export function parseEventForm(form: FormData): z.SafeParseReturnType<unknown, EventForm> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("role.")) values[k] = v.trim() === "" ? undefined : v;
  values.roles = rolesFromForm(form).map((r) => ({
    name: r.name || undefined,
    capacity: r.capacity || undefined,
    hours: r.hours || undefined,
    skills: r.skills || undefined,
  }));
  const parsed = eventFormSchema.safeParse(values);
  if (!parsed.success) {
    // the checks across fields run only once every field is valid: said in the same answer, not in a second round
    const v = values as Record<string, string | undefined>;
    const has = (k: string) => parsed.error.issues.some((i) => i.path[0] === k);
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!has("startTime") && !has("endTime") && v.startTime && v.endTime && time.test(v.startTime) && time.test(v.endTime) && v.endTime <= v.startTime)
      parsed.error.addIssue({ code: "custom", path: ["endTime"], message: "events.endBeforeStart" });
    if (!has("venueId") && !v.venueId && !(v.venueName && v.venueType && v.venueRegion)) parsed.error.addIssue({ code: "custom", path: ["venueId"], message: "events.venueRequired" });
  }
  // a row begun without its name or capacity is said next to that field of that row, with the rest (DECISIONS 101)
  const rows = values.roles as { name?: string; capacity?: string }[];
  const issues = parsed.success ? [] : parsed.error.issues;
  const rowHas = (i: number, field: string) => issues.some((x) => x.path[0] === "roles" && x.path[1] === i && x.path[2] === field);
  const missing: z.ZodIssue[] = [];
  rows.forEach((r, i) => {
    if (!r.name && !rowHas(i, "name")) missing.push({ code: "custom", path: ["roles", i, "name"], message: "events.roleNameRequired" });
    if (!r.capacity && !rowHas(i, "capacity")) missing.push({ code: "custom", path: ["roles", i, "capacity"], message: "events.roleCapacityRequired" });
  });
  if (missing.length === 0) return parsed;
  const error = parsed.success ? new z.ZodError([]) : parsed.error;
  for (const m of missing) error.addIssue(m);
  return { success: false, error } as z.SafeParseError<typeof values>;
}

// ---------- writing events ----------

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/**
 * The event's code as typed, at the door (participants) or on site (volunteers' check-in): a code read aloud or
 * copied from the lead's screen comes split ("K7M 3PQ", "k7m-3pq") or in full-width letters; spaces, dashes and
 * dots say nothing (the code has none), case neither.
 */
export function doorCodeAsTyped(typed: string): string {
  return typed.normalize("NFKC").replace(/[\s\p{Zs}\p{Pd}\p{Cf}._]/gu, "").toUpperCase();
}

export function newCheckinCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

const DAY_MS = 86_400_000;
/** The one reminder job per event queued before reminders went per day (payload { eventId }); still handled. */
export function reminderKey(eventId: number) {
  return `event-reminder:${eventId}`;
}

/** One reminder job per day; the start in the key arms it again when a day that was reminded of moves. */
export function sessionReminderKey(eventId: number, session: { id: number; startsAt: Date }) {
  return `event-reminder:${eventId}:${session.id}:${session.startsAt.getTime()}`;
}

async function resolveVenue(tx: Db, chapterRegion: string, f: EventForm, userId: string) {
  if (f.venueId) {
    const [v] = await tx
      .select({ id: institutions.id, regionCode: institutions.regionCode })
      .from(institutions)
      .where(and(eq(institutions.id, f.venueId), or(eq(institutions.regionCode, chapterRegion), like(institutions.regionCode, `${chapterRegion}.%`))));
    return v ?? null;
  }
  if (!f.venueName || !f.venueType || !f.venueRegion) return null;
  if (f.venueRegion !== chapterRegion && !f.venueRegion.startsWith(`${chapterRegion}.`)) return null;
  // as a report's institutions (DECISIONS 37): the same school typed again at an event in another kecamatan is the
  // registry's row, where it was first recorded
  const v = await resolveInstitution(tx, { type: f.venueType, name: f.venueName, regionCode: f.venueRegion, chapterRegion, createdBy: userId });
  const [row] = await tx.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, v.id));
  return row ?? null;
}

async function zoneOf(tx: Db, regionCode: string): Promise<string> {
  const [r] = await tx.select({ timeZone: regions.timeZone }).from(regions).where(eq(regions.code, regionCode));
  return r?.timeZone ?? "Asia/Jakarta";
}

export function sessionLabelLines(text: string | undefined): string[] {
  return (text ?? "").split(/\r?\n/).map((l) => l.trim().slice(0, 160));
}

function sessionsFor(f: EventForm, timeZone: string) {
  const labels = sessionLabelLines(f.sessionLabels);
  return Array.from({ length: f.days }, (_, i) => {
    const date = addLocalDays(f.date, i);
    return { label: labels[i] || null, startsAt: localToUtc(date, f.startTime, timeZone), endsAt: localToUtc(date, f.endTime, timeZone) };
  });
}

/** A day's hours when the role names none: its length, rounded, at least one (as `hoursFor` credits them). */
export function lengthHours(startsAt: Date, endsAt: Date): number {
  return hoursOfMinutes(Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000));
}

/** Whole hours credited for a day of this many minutes, when its role names none: rounded, at least one. */
export function hoursOfMinutes(minutes: number): number {
  return Math.max(1, Math.round(minutes / 60));
}

/**
 * Attended sign-ups of a day credited from its length: the role names no hours and the hours are what the day's
 * length gave. Anything else (hours typed for the role, or for the person) is left as it is.
 */
function creditedByLength(sessionId: number, hours: number) {
  return and(
    eq(signups.sessionId, sessionId),
    eq(signups.status, "confirmed"),
    isNotNull(signups.attendedAt),
    sql`coalesce(${eventRoles.hours}, 0) = 0`,
    eq(signups.hoursCredited, hours),
  );
}

export type SaveEventResult = { ok: true; eventId: number } | { ok: false; errors: Record<string, string[]>; sequence?: number };

export async function createEvent(db: Db, input: { chapterId: number; userId: string; form: EventForm }): Promise<SaveEventResult> {
  const f = input.form;
  if (f.roles.length === 0) return { ok: false, errors: { roles: ["events.rolesRequired"] } };
  if (f.roles.some((r) => !r.name || !r.capacity)) return { ok: false, errors: { roles: ["events.roleIncomplete"] } };
  return db.transaction(async (tx): Promise<SaveEventResult> => {
    const chapter = await getChapterForPlanning(tx, input.chapterId);
    if (!chapter) return { ok: false, errors: { _form: ["errors.invalid"] } };
    const venue = await resolveVenue(tx, chapter.regionCode, f, input.userId);
    if (!venue) return { ok: false, errors: { venueId: ["events.venueRequired"] } };
    const timeZone = await zoneOf(tx, venue.regionCode);
    const sessions = sessionsFor(f, timeZone);
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    if (!first || !last) return { ok: false, errors: { date: ["errors.invalid"] } };
    const status: EventStatus = f.draft ? "draft" : "published";
    const [ev] = await tx
      .insert(events)
      .values({
        chapterId: chapter.id,
        programId: f.programId,
        venueId: venue.id,
        regionCode: venue.regionCode,
        title: f.title,
        description: f.description ?? "",
        status,
        timeZone,
        startsAt: first.startsAt,
        endsAt: last.endsAt,
        signupCutoff: new Date(first.startsAt.getTime() - f.cutoffHours * 3_600_000),
        checkinCode: newCheckinCode(),
        createdBy: input.userId,
      })
      .returning({ id: events.id });
    if (!ev) throw new Error("event not created");
    const sessionRows = await tx.insert(eventSessions).values(sessions.map((s) => ({ ...s, eventId: ev.id }))).returning({ id: eventSessions.id });
    const roleRows = await tx
      .insert(eventRoles)
      .values(
        f.roles.map((r, i) => ({
          eventId: ev.id,
          name: r.name ?? "",
          capacity: r.capacity ?? 1,
          hours: r.hours ?? null,
          wantedSkills: (r.skills ?? "").split(",").map((s) => s.trim()).filter(Boolean),
          position: i,
        })),
      )
      .returning({ id: eventRoles.id, capacity: eventRoles.capacity });
    await addPlaces(tx, ev.id, sessionRows, roleRows);
    if (status === "published") await scheduleReminders(tx, ev.id);
    return { ok: true, eventId: ev.id };
  });
}

/** Every role gets its places in every session (each day starts with the role's capacity). */
async function addPlaces(tx: Db, eventId: number, sessionRows: { id: number }[], roleRows: { id: number; capacity: number }[]) {
  const rows = sessionRows.flatMap((s) => roleRows.map((r) => ({ sessionId: s.id, roleId: r.id, eventId, capacity: r.capacity })));
  if (rows.length) await tx.insert(eventSessionRoles).values(rows).onConflictDoNothing();
}

/**
 * The reminder of the public participants who registered ahead (with an e-mail), queued at their registration: one
 * job per event and local date of its start, so an event moved to another day after its reminder went out is
 * reminded of again (a new key), and one moved within its day is not (the change e-mail told them the new time).
 */
export const PARTICIPANT_REMINDER_JOB = "participant-reminder";
export function participantReminderKey(eventId: number, start: { startsAt: Date; timeZone: string }) {
  return `${PARTICIPANT_REMINDER_JOB}:${eventId}:${utcToLocal(start.startsAt, start.timeZone).date}`;
}
/** The key of the one participants' job per event queued before the key named the date (still handled). */
export function legacyParticipantReminderKey(eventId: number) {
  return `${PARTICIPANT_REMINDER_JOB}:${eventId}`;
}

/**
 * The participants' reminder in place of whatever was queued for the event: the day before its first day (at once
 * when that is within a day), while someone registered ahead with an address holds a place.
 */
export async function scheduleParticipantReminder(tx: Db, eventId: number, now = new Date()) {
  await cancelJob(tx, legacyParticipantReminderKey(eventId));
  await cancelJobsByPrefix(tx, `${PARTICIPANT_REMINDER_JOB}:${eventId}:`);
  const [ev] = await tx.select({ startsAt: events.startsAt, timeZone: events.timeZone, status: events.status }).from(events).where(eq(events.id, eventId));
  if (!ev || ev.status !== "published" || ev.startsAt.getTime() <= now.getTime()) return;
  const [someone] = await tx
    .select({ id: eventParticipants.id })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "confirmed"), isNotNull(eventParticipants.email)))
    .limit(1);
  if (!someone) return;
  const runAt = new Date(Math.max(now.getTime(), ev.startsAt.getTime() - DAY_MS));
  await scheduleJob(tx, { kind: PARTICIPANT_REMINDER_JOB, dedupKey: participantReminderKey(eventId, ev), runAt, payload: { eventId } });
}

/**
 * Every day (session) of a published event gets its reminder job, in place of whatever was queued for it; the
 * participants' reminder, if one waits, follows the event's first day.
 */
export async function scheduleReminders(tx: Db, eventId: number) {
  await cancelJob(tx, reminderKey(eventId));
  await scheduleDayReminders(tx, eventId);
  await scheduleParticipantReminder(tx, eventId);
}

/**
 * One job per day still ahead, the day before it starts (a day starting within 24 hours gets it right away); jobs of
 * days dropped or moved go. Leaves an old per-event job alone: the reminder handler calls this while running one.
 */
export async function scheduleDayReminders(tx: Db, eventId: number) {
  await cancelJobsByPrefix(tx, `${reminderKey(eventId)}:`);
  const days = await tx.select({ id: eventSessions.id, startsAt: eventSessions.startsAt }).from(eventSessions).where(eq(eventSessions.eventId, eventId));
  const now = Date.now();
  for (const d of days) {
    if (d.startsAt.getTime() <= now) continue;
    const runAt = new Date(Math.max(now, d.startsAt.getTime() - DAY_MS));
    await scheduleJob(tx, { kind: "event-reminder", dedupKey: sessionReminderKey(eventId, d), runAt, payload: { eventId, sessionId: d.id } });
  }
}

async function cancelReminders(tx: Db, eventId: number) {
  await cancelJob(tx, reminderKey(eventId));
  await cancelJobsByPrefix(tx, `${reminderKey(eventId)}:`);
}

/** Everyone signed up (confirmed or waitlisted) hears about a change, in their own language. */
export type EventChange = "time" | "venue" | "title";
type EventShape = { title: string; venueId: number | null; sessions: { label: string | null; startsAt: Date; endsAt: Date }[] };

/** What a volunteer who signed up would want to know changed, in a fixed order. */
export function eventChanges(before: EventShape, after: EventShape): EventChange[] {
  const out: EventChange[] = [];
  const times = (s: EventShape["sessions"]) => s.map((x) => `${x.startsAt.getTime()}-${x.endsAt.getTime()}-${x.label ?? ""}`).join("|");
  if (times(before.sessions) !== times(after.sessions)) out.push("time");
  if (before.venueId !== after.venueId) out.push("venue");
  if (before.title !== after.title) out.push("title");
  return out;
}

/**
 * Everyone signed up hears about the change, one email per person however many days they hold. The days they hold
 * came into their phone's calendar with the sign-up's .ics: the email carries them again (same UIDs, a later
 * SEQUENCE), at their new times or CANCELLED, so the calendar's entries move or go instead of staying behind.
 */
export async function notifySignedUp(tx: Db, eventId: number, sequence: number, kind: "changed" | "cancelled", changes: EventChange[] = [], onlyHolding?: number[]) {
  const rows = await tx
    .select({ userId: signups.userId, sessionId: signups.sessionId, status: signups.status, email: users.email, name: users.name, locale: users.locale })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .where(
      and(
        eq(signups.eventId, eventId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        // one day's change reaches those who hold or wait for that day (with every day they hold in the .ics)
        onlyHolding
          ? sql`${signups.userId} in (select g.user_id from signup g where g.session_id in (${sql.join(onlyHolding.map((id) => sql`${id}`), sql`, `)}) and g.status in ('confirmed', 'waitlisted'))`
          : undefined,
      ),
    )
    .orderBy(asc(signups.id));
  const [ev, feed] = await Promise.all([eventSummary(tx, eventId), feedEvent(tx, eventId)]);
  if (!ev) return;
  const people = new Map<string, { r: (typeof rows)[number]; held: number[] }>();
  for (const r of rows) {
    const p = people.get(r.userId) ?? { r, held: [] };
    if (r.status === "confirmed") p.held.push(r.sessionId);
    people.set(r.userId, p);
  }
  for (const { r, held } of people.values()) {
    const ics = feed && held.length > 0 ? calendarOf(feed, held) : null;
    await queueEmail(tx, {
      to: r.email,
      template: "event-changed",
      locale: asLocale(r.locale),
      payload: {
        kind,
        name: r.name,
        event: ev,
        ...(changes.length > 0 ? { changes } : {}),
        attachments: icsAttachment(eventId, ics),
      },
      dedupKey: `event-${kind}:${eventId}:${sequence}:${r.userId}`,
    });
  }
}

export function asLocale(s: string): Locale {
  return s === "en" ? "en" : "id";
}

/** What emails and calendar entries say about an event. */
export async function eventSummary(tx: Db, eventId: number) {
  const [e] = await tx
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      status: events.status,
      sequence: events.sequence,
      venue: institutions.name,
      regionName: regions.name,
      chapterName: chapters.name,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(institutions, eq(institutions.id, events.venueId))
    .where(eq(events.id, eventId));
  if (!e) return null;
  const days = await tx
    .select({ label: eventSessions.label, startsAt: eventSessions.startsAt, endsAt: eventSessions.endsAt })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
  // several days are listed with their own hours (one block "Wed 08.00 – Fri 16.00" reads as 56 hours)
  const sessions =
    days.length > 1
      ? days.map((d, i) => ({ n: i + 1, label: d.label && !/^\d+$/.test(d.label) ? d.label : null, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString() }))
      : undefined;
  return { ...e, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), url: `${env.APP_URL}/events/${e.id}`, sessions };
}


type HeldDay = { id: number; startsAt: Date; endsAt: Date; attended: number; confirmed: number };
type Recredit = { sessionId: number; startsAt: Date; from: number; to: number };

/** A day's sign-ups: how many attended it and how many hold a place (what decides whether it was held). */
export function heldDaySelect() {
  return {
    id: eventSessions.id,
    label: eventSessions.label,
    startsAt: eventSessions.startsAt,
    endsAt: eventSessions.endsAt,
    attended: sql<number>`(select count(*)::int from signup g where g.session_id = "event_session"."id" and g.status = 'confirmed' and g.attended_at is not null)`,
    confirmed: sql<number>`(select count(*)::int from signup g where g.session_id = "event_session"."id" and g.status = 'confirmed')`,
  };
}

/**
 * The rules of a day corrected (DECISIONS 132), for the event form and a single day's form alike: a day held (someone
 * attended it, or it is over with people confirmed) stays on its date, its times may be corrected; a past day nobody
 * held (a year mistyped) moves freely. Hours credited from a day's length follow the corrected times (an approved
 * report's too: the figures move with them); a certificate already issued with the old hours is not rewritten, so
 * the correction is refused until the lead revokes it. `pairs` are each day as stored and as it is to be.
 */
export async function reviseDays(
  tx: Db,
  input: { eventId: number; chapterId: number; pairs: { o: HeldDay; n: { startsAt: Date; endsAt: Date }; day: number }[]; oldZone: string; newZone: string },
): Promise<{ ok: true; recredit: Recredit[] } | { ok: false; errors: Record<string, string[]> }> {
  const now = Date.now();
  for (const { o, n, day } of input.pairs) {
    if (o.attended === 0 && (o.confirmed === 0 || o.endsAt.getTime() > now)) continue;
    const was = utcToLocal(o.startsAt, input.oldZone).date;
    if (utcToLocal(n.startsAt, input.newZone).date !== was) return { ok: false, errors: { date: [`events.heldDayMoved?day=${day}&date=${was}`] } };
  }
  const recredit = input.pairs.flatMap(({ o, n }) => {
    if (o.attended === 0) return [];
    const [from, to] = [lengthHours(o.startsAt, o.endsAt), lengthHours(n.startsAt, n.endsAt)];
    return from === to ? [] : [{ sessionId: o.id, startsAt: o.startsAt, from, to }];
  });
  if (recredit.length) {
    const [certified] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signups)
      .innerJoin(eventRoles, eq(eventRoles.id, signups.roleId))
      .where(
        or(
          ...recredit.map((r) =>
            and(
              creditedByLength(r.sessionId, r.from),
              sql`exists (select 1 from certificate c where c.user_id = ${signups.userId} and c.revoked_at is null
                and (c.event_id = ${input.eventId} or (c.kind = 'hours' and c.chapter_id = ${input.chapterId} and c.issued_at >= ${r.startsAt.toISOString()}::timestamptz)))`,
            ),
          ),
        ),
      );
    if ((certified?.n ?? 0) > 0) return { ok: false, errors: { endTime: ["events.hoursCertified"] } };
  }
  return { ok: true, recredit };
}

/** In the same transaction as the corrected times: the roll-ups' triggers move the figures with the hours. */
export async function recreditDays(tx: Db, recredit: Recredit[]) {
  for (const r of recredit) {
    await tx.execute(sql`
      update ${signups} s set hours_credited = ${r.to}, updated_at = now()
      from ${eventRoles} r
      where r.id = s.role_id and s.session_id = ${r.sessionId} and s.status = 'confirmed' and s.attended_at is not null
        and coalesce(r.hours, 0) = 0 and s.hours_credited = ${r.from}`);
  }
}


/**
 * The event form shows the first day's date and times; days may have times of their own (set on the days page). A
 * time the lead left as loaded leaves every day's own value as it is; a time changed applies to every day, as the
 * form always did. A new first date moves every day by as many days, so days apart stay apart (a bimtek whose day 3
 * moved past a rest day keeps the rest day). Days added at the end follow the last day. A day whose own end would
 * come before the new start is refused next to the field, naming the day.
 */
function keepDayTimes(
  fresh: { label: string | null; startsAt: Date; endsAt: Date }[],
  stored: { startsAt: Date; endsAt: Date }[],
  f: EventForm,
  oldZone: string,
  zone: string,
): { ok: true; sessions: typeof fresh } | { ok: false; errors: Record<string, string[]> } {
  const first = stored[0];
  const last = stored[stored.length - 1];
  if (!first || !last || oldZone !== zone) return { ok: true, sessions: fresh };
  const keepStart = f.startTime === utcToLocal(first.startsAt, zone).time;
  const keepEnd = f.endTime === utcToLocal(first.endsAt, zone).time;
  // whole days between the old first date and the new one (0: the date left as it was)
  const shift = Math.round((Date.parse(f.date) - Date.parse(utcToLocal(first.startsAt, zone).date)) / 86_400_000);
  const lastDate = addLocalDays(utcToLocal(last.startsAt, zone).date, shift);
  const out: typeof fresh = [];
  for (const [i, n] of fresh.entries()) {
    const o = stored[i];
    const date = o ? addLocalDays(utcToLocal(o.startsAt, zone).date, shift) : addLocalDays(lastDate, i - stored.length + 1);
    const start = keepStart && o ? utcToLocal(o.startsAt, zone).time : f.startTime;
    const end = keepEnd && o ? utcToLocal(o.endsAt, zone).time : f.endTime;
    if (end <= start) return { ok: false, errors: { [keepEnd ? "startTime" : "endTime"]: [`events.dayTimesClash?day=${i + 1}&start=${start}&end=${end}`] } };
    out.push({ label: n.label, startsAt: localToUtc(date, start, zone), endsAt: localToUtc(date, end, zone) });
  }
  return { ok: true, sessions: out };
}

/** `alsoTell` runs in the same transaction when a published event's time, venue or title changed (the edit page tells the participants). */
export async function updateEvent(
  db: Db,
  input: { eventId: number; chapterId: number; userId: string; form: EventForm; alsoTell?: (tx: Db, change: { sequence: number; changes: EventChange[] }) => Promise<void> },
): Promise<SaveEventResult> {
  const f = input.form;
  return db.transaction(async (tx): Promise<SaveEventResult> => {
    const [cur] = await tx
      .select({
        id: events.id,
        status: events.status,
        title: events.title,
        description: events.description,
        programId: events.programId,
        venueId: events.venueId,
        signupCutoff: events.signupCutoff,
        timeZone: events.timeZone,
        sequence: events.sequence,
      })
      .from(events)
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)))
      .for("update");
    if (!cur) return { ok: false, errors: { _form: ["errors.invalid"] } };
    const chapter = await getChapterForPlanning(tx, input.chapterId);
    if (!chapter) return { ok: false, errors: { _form: ["errors.invalid"] } };
    const venue = await resolveVenue(tx, chapter.regionCode, f, input.userId);
    if (!venue) return { ok: false, errors: { venueId: ["events.venueRequired"] } };
    const timeZone = await zoneOf(tx, venue.regionCode);
    const before = await tx
      .select({ label: eventSessions.label, startsAt: eventSessions.startsAt, endsAt: eventSessions.endsAt })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, cur.id))
      .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
    // A page opened before another lead changed the days (the days page, another tab) and a time field changed on
    // it: refused rather than laid over every day; fields left alone keep each day as it now is.
    const firstDay = before[0];
    const timesTyped =
      !firstDay ||
      f.days !== before.length ||
      f.date !== utcToLocal(firstDay.startsAt, cur.timeZone).date ||
      f.startTime !== utcToLocal(firstDay.startsAt, cur.timeZone).time ||
      f.endTime !== utcToLocal(firstDay.endsAt, cur.timeZone).time;
    if (f.loaded !== undefined && f.loaded !== cur.sequence && timesTyped) return { ok: false, errors: { date: ["events.daysChangedMeanwhile"] }, sequence: cur.sequence };
    const kept = keepDayTimes(sessionsFor(f, timeZone), before, f, cur.timeZone, timeZone);
    if (!kept.ok) return kept;
    const sessions = kept.sessions;
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    if (!first || !last) return { ok: false, errors: { date: ["errors.invalid"] } };
    const status: EventStatus = cur.status === "draft" && !f.draft ? "published" : cur.status;
    const changes = eventChanges(
      { title: cur.title, venueId: cur.venueId, sessions: before },
      { title: f.title, venueId: venue.id, sessions },
    );
    const signupCutoff = new Date(first.startsAt.getTime() - f.cutoffHours * 3_600_000);
    const unchanged =
      changes.length === 0 &&
      status === cur.status &&
      cur.description === (f.description ?? "") &&
      cur.programId === f.programId &&
      cur.signupCutoff?.getTime() === signupCutoff.getTime();
    // Saving the form as it was changes nothing: no new calendar sequence, no email to anyone.
    if (unchanged) return { ok: true, eventId: cur.id };
    // Sessions keep their rows (and the places people hold in them); dropping a day someone holds is refused.
    const oldSessions = await tx
      .select(heldDaySelect())
      .from(eventSessions)
      .where(eq(eventSessions.eventId, cur.id))
      .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
    const revised = await reviseDays(tx, {
      eventId: cur.id,
      chapterId: input.chapterId,
      pairs: oldSessions.flatMap((o, i) => (sessions[i] ? [{ o, n: sessions[i], day: i + 1 }] : [])),
      oldZone: cur.timeZone,
      newZone: timeZone,
    });
    if (!revised.ok) return revised;
    const recredit = revised.recredit;
    const dropped = oldSessions.slice(sessions.length).map((o) => o.id);
    if (dropped.length) {
      const [held] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(signups)
        .where(and(inArray(signups.sessionId, dropped), inArray(signups.status, ["confirmed", "waitlisted"])));
      if ((held?.n ?? 0) > 0) return { ok: false, errors: { days: ["events.sessionHeld"] } };
    }
    const [ev] = await tx
      .update(events)
      .set({
        programId: f.programId,
        venueId: venue.id,
        regionCode: venue.regionCode,
        title: f.title,
        description: f.description ?? "",
        timeZone,
        status,
        startsAt: first.startsAt,
        endsAt: last.endsAt,
        signupCutoff,
        sequence: sql`${events.sequence} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(events.id, cur.id))
      .returning({ sequence: events.sequence });
    if (changes.includes("time")) {
      for (const [i, s] of sessions.entries()) {
        const o = oldSessions[i];
        if (o) await tx.update(eventSessions).set(s).where(eq(eventSessions.id, o.id));
        else {
          const added = await tx.insert(eventSessions).values({ ...s, eventId: cur.id }).returning({ id: eventSessions.id });
          await addPlaces(tx, cur.id, added, await tx.select({ id: eventRoles.id, capacity: eventRoles.capacity }).from(eventRoles).where(eq(eventRoles.eventId, cur.id)));
        }
      }
      if (dropped.length) await tx.delete(eventSessions).where(inArray(eventSessions.id, dropped));
      await recreditDays(tx, recredit);
    }
    if (status === "published") {
      await scheduleReminders(tx, cur.id);
      // Volunteers hear about what changes their plans (when, where, what); a new description only reaches the calendars.
      if (changes.length > 0) {
        await notifySignedUp(tx, cur.id, ev?.sequence ?? 0, "changed", changes);
        await input.alsoTell?.(tx, { sequence: ev?.sequence ?? 0, changes });
      }
    }
    return { ok: true, eventId: cur.id };
  });
}

/** `alsoTell` runs in the same transaction once the event is cancelled (the lead's page tells the participants). */
export async function cancelEvent(db: Db, input: { eventId: number; chapterId: number; alsoTell?: (tx: Db) => Promise<void> }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ev] = await tx
      .update(events)
      .set({ status: "cancelled", sequence: sql`${events.sequence} + 1`, updatedAt: sql`now()` })
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId), inArray(events.status, ["draft", "published"])))
      .returning({ sequence: events.sequence });
    if (!ev) return false;
    await cancelReminders(tx, input.eventId);
    await notifySignedUp(tx, input.eventId, ev.sequence, "cancelled");
    await input.alsoTell?.(tx);
    return true;
  });
}

/** A draft copy one week later, with the same venue, sessions and roles (nobody signed up). */
export async function copyEvent(db: Db, input: { eventId: number; chapterId: number; userId: string }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [src] = await tx.select().from(events).where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)));
    if (!src) return null;
    const week = 7 * DAY_MS;
    const shift = (d: Date) => new Date(d.getTime() + week);
    const [ev] = await tx
      .insert(events)
      .values({
        chapterId: src.chapterId,
        programId: src.programId,
        venueId: src.venueId,
        regionCode: src.regionCode,
        title: src.title,
        description: src.description,
        status: "draft",
        timeZone: src.timeZone,
        startsAt: shift(src.startsAt),
        endsAt: shift(src.endsAt),
        signupCutoff: src.signupCutoff ? shift(src.signupCutoff) : null,
        checkinCode: newCheckinCode(),
        createdBy: input.userId,
      })
      .returning({ id: events.id });
    if (!ev) return null;
    const sessions = await tx.select().from(eventSessions).where(eq(eventSessions.eventId, src.id)).orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
    const newSessions = sessions.length
      ? await tx
          .insert(eventSessions)
          .values(sessions.map((s) => ({ eventId: ev.id, label: s.label, startsAt: shift(s.startsAt), endsAt: shift(s.endsAt) })))
          .returning({ id: eventSessions.id })
      : [];
    const roles = await tx.select().from(eventRoles).where(eq(eventRoles.eventId, src.id)).orderBy(asc(eventRoles.id));
    const newRoles = roles.length
      ? await tx
          .insert(eventRoles)
          .values(roles.map((r) => ({ eventId: ev.id, name: r.name, capacity: r.capacity, wantedSkills: r.wantedSkills, hours: r.hours, position: r.position })))
          .returning({ id: eventRoles.id })
      : [];
    // each day keeps its own number of places
    const places = await tx.select().from(eventSessionRoles).where(eq(eventSessionRoles.eventId, src.id));
    const rows = places.flatMap((p) => {
      const s = newSessions[sessions.findIndex((x) => x.id === p.sessionId)];
      const r = newRoles[roles.findIndex((x) => x.id === p.roleId)];
      return s && r ? [{ sessionId: s.id, roleId: r.id, eventId: ev.id, capacity: p.capacity }] : [];
    });
    if (rows.length) await tx.insert(eventSessionRoles).values(rows);
    return ev.id;
  });
}

// ---------- reading events ----------

export async function getEvent(db: Db, eventId: number) {
  const [e] = await db
    .select({
      id: events.id,
      chapterId: events.chapterId,
      chapterName: chapters.name,
      chapterSlug: chapters.slug,
      chapterRegion: chapters.regionCode,
      programId: events.programId,
      programSlug: programs.slug,
      programNameId: programs.nameId,
      programNameEn: programs.nameEn,
      programOutcomes: programs.outcomes,
      venueId: events.venueId,
      venueName: institutions.name,
      venueType: institutions.type,
      regionCode: events.regionCode,
      regionName: regions.name,
      title: events.title,
      description: events.description,
      status: events.status,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      signupCutoff: events.signupCutoff,
      checkinCode: events.checkinCode,
      sequence: events.sequence,
      updatedAt: events.updatedAt,
      // the event's days, roles and places per day in the same statement (one round trip, one statement to plan)
      sessions: sql<unknown>`(select coalesce(json_agg(json_build_object('id', s.id, 'label', s.label, 'startsAt', s.starts_at, 'endsAt', s.ends_at) order by s.starts_at, s.id), '[]')
        from ${eventSessions} s where s.event_id = ${events.id})`,
      roles: sql<unknown>`(select coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'capacity', r.capacity, 'hours', r.hours, 'wantedSkills', r.wanted_skills,
          'confirmed', (select count(*)::int from ${signups} x where x.role_id = r.id and x.status = 'confirmed'),
          'waitlisted', (select count(*)::int from ${signups} x where x.role_id = r.id and x.status = 'waitlisted')) order by r.position, r.id), '[]')
        from ${eventRoles} r where r.event_id = ${events.id})`,
      places: sql<unknown>`(select coalesce(json_agg(json_build_object('sessionId', p.session_id, 'roleId', p.role_id, 'capacity', p.capacity,
          'confirmed', (select count(*)::int from ${signups} x where x.session_id = p.session_id and x.role_id = p.role_id and x.status = 'confirmed'),
          'waitlisted', (select count(*)::int from ${signups} x where x.session_id = p.session_id and x.role_id = p.role_id and x.status = 'waitlisted'))), '[]')
        from ${eventSessionRoles} p where p.event_id = ${events.id})`,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(programs, eq(programs.id, events.programId))
    .innerJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(institutions, eq(institutions.id, events.venueId))
    .where(eq(events.id, eventId));
  if (!e) return null;
  const sessions = jsonColumn<{ id: number; label: string | null; startsAt: string; endsAt: string }[]>(e.sessions, []).map((x) => ({
    id: x.id,
    label: x.label,
    startsAt: new Date(x.startsAt),
    endsAt: new Date(x.endsAt),
  }));
  const roles = jsonColumn<{ id: number; name: string; capacity: number; hours: number | null; wantedSkills: string[]; confirmed: number; waitlisted: number }[]>(e.roles, []);
  const places = jsonColumn<{ sessionId: number; roleId: number; capacity: number; confirmed: number; waitlisted: number }[]>(e.places, []);
  return { ...e, sessions, roles, places };
}

export type EventDetail = NonNullable<Awaited<ReturnType<typeof getEvent>>>;

/** The form's values for editing: local wall-clock times in the venue's zone. */
export function eventFormDefaults(e: EventDetail): Record<string, string> {
  const start = utcToLocal(e.startsAt, e.timeZone);
  const end = utcToLocal(e.sessions[0]?.endsAt ?? e.endsAt, e.timeZone);
  const cutoffHours = e.signupCutoff ? Math.round((e.startsAt.getTime() - e.signupCutoff.getTime()) / 3_600_000) : 0;
  return {
    title: e.title,
    programId: String(e.programId),
    description: e.description,
    venueId: e.venueId ? String(e.venueId) : "",
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    days: String(Math.max(1, e.sessions.length)),
    cutoffHours: String(cutoffHours),
    loaded: String(e.sequence),
    // labels "1", "2"… are from before labels could be typed
    sessionLabels: e.sessions.some((s) => s.label && !/^\d+$/.test(s.label)) ? e.sessions.map((s) => s.label ?? "").join("\n") : "",
  };
}

export type EventListFilter = { chapterIds?: number[]; programId?: number; regionPrefix?: string; includeDrafts?: boolean; limit?: number; userId?: string };

export async function listUpcomingEvents(db: Db, f: EventListFilter) {
  const since = new Date(Date.now() - DAY_MS);
  return db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      chapterName: chapters.name,
      programNameId: programs.nameId,
      programNameEn: programs.nameEn,
      venueName: institutions.name,
      regionName: regions.name,
      places: sql<number>`(select coalesce(sum(p.capacity), 0)::int from ${eventSessionRoles} p where p.event_id = "event"."id")`,
      confirmed: sql<number>`(select count(*)::int from ${signups} s where s.event_id = "event"."id" and s.status = 'confirmed')`,
      /** the asking volunteer's own sign-up, so the list says "you're in" / "waitlist no. n" */
      myStatus: f.userId
        ? sql<string | null>`(select case when bool_or(s.status = 'confirmed') then 'confirmed' when bool_or(s.status = 'waitlisted') then 'waitlisted' end from ${signups} s where s.event_id = "event"."id" and s.user_id = ${f.userId} and s.status <> 'cancelled')`
        : sql<string | null>`null`,
      myPosition: f.userId
        ? sql<number | null>`(select min(s.waitlist_position) from ${signups} s where s.event_id = "event"."id" and s.user_id = ${f.userId} and s.status = 'waitlisted')`
        : sql<number | null>`null`,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(programs, eq(programs.id, events.programId))
    .innerJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(institutions, eq(institutions.id, events.venueId))
    .where(
      and(
        gte(events.endsAt, since),
        f.includeDrafts ? inArray(events.status, ["draft", "published", "cancelled"]) : inArray(events.status, ["published", "cancelled"]),
        f.chapterIds ? (f.chapterIds.length ? inArray(events.chapterId, f.chapterIds) : sql`false`) : undefined,
        f.programId ? eq(events.programId, f.programId) : undefined,
        f.regionPrefix ? or(eq(events.regionCode, f.regionPrefix), like(events.regionCode, `${f.regionPrefix}.%`)) : undefined,
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(f.limit ?? 100);
}

export async function publishEvent(db: Db, input: { eventId: number; chapterId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ev] = await tx
      .update(events)
      .set({ status: "published", sequence: sql`${events.sequence} + 1`, updatedAt: sql`now()` })
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId), eq(events.status, "draft")))
      .returning({ id: events.id });
    if (!ev) return false;
    await scheduleReminders(tx, input.eventId);
    return true;
  });
}


/** The kab/kota of the volunteer's home region ("near me"), if their profile has one. */
export async function homeKabupaten(db: Db, userId: string): Promise<string | null> {
  const [p] = await db.select({ regionCode: volunteerProfiles.regionCode }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  const code = p?.regionCode;
  if (!code) return null;
  return code.split(".").slice(0, 2).join(".");
}

/**
 * What the event list needs about its reader, in one statement: their active chapters (by name, as chaptersOf),
 * the active programs (as listPrograms) and their home kabupaten (as homeKabupaten).
 */
export async function eventListContext(db: Db, userId: string) {
  const [row] = rowsOf<{ mine: unknown; programs: unknown; region: string | null }>(
    await db.execute(sql`select
      (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'slug', c.slug, 'regionCode', c.region_code, 'role', m.role)
          order by c.name, c.id), '[]')
        from ${memberships} m join ${chapters} c on c.id = m.chapter_id where m.user_id = ${userId} and m.status = 'active') as mine,
      (select coalesce(json_agg(json_build_object('id', p.id, 'nameId', p.name_id, 'nameEn', p.name_en) order by p.id), '[]')
        from ${programs} p where p.active) as programs,
      (select vp.region_code from ${volunteerProfiles} vp where vp.user_id = ${userId}) as region`),
  );
  return {
    mine: jsonColumn<{ id: number; name: string; slug: string; regionCode: string; role: "volunteer" | "lead" }[]>(row?.mine, []),
    programs: jsonColumn<{ id: number; nameId: string; nameEn: string }[]>(row?.programs, []),
    home: row?.region ? row.region.split(".").slice(0, 2).join(".") : null,
  };
}

/** Choices for the planner form besides its venues (venueChoices): programs, the chapter's kecamatan. */
export async function planningOptions(db: Db, chapterRegion: string) {
  const [programList, kecamatan] = await Promise.all([listPrograms(db), listKecamatan(db, chapterRegion)]);
  return {
    programs: programList.map((p) => ({ id: p.id, nameId: p.nameId, nameEn: p.nameEn })),
    kecamatan,
    institutionTypes: INSTITUTION_TYPES,
  };
}

/** zod issues → dictionary keys per field; a role row's field is `role.<i>.<field>`, the roles as a whole `roles`. */
export function eventFormErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const i of error.issues) {
    // a row's field (path roles.i.field) is said next to it: the rows are renumbered as eventFormValues gives them back
    const key = i.path[0] === "roles" ? (typeof i.path[1] === "number" && typeof i.path[2] === "string" ? `role.${i.path[1]}.${i.path[2]}` : "roles") : String(i.path[0] ?? "_form");
    let msg = "errors.invalid";
    if (i.message.startsWith("events.") || /^errors\.[A-Za-z]+(\?[a-z]+=\w+)?$/.test(i.message)) msg = i.message;
    else if (i.code === "invalid_type" && i.received === "undefined") msg = "errors.required";
    else if (i.code === "too_big") msg = i.type === "string" ? `errors.tooLongMax?max=${Number(i.maximum)}` : i.type === "number" ? `errors.tooLarge?max=${Number(i.maximum)}` : "errors.tooLong";
    else if (i.code === "too_small" && i.type === "string") msg = "errors.required";
    const list = (errors[key] ??= []);
    if (!list.includes(msg)) list.push(msg);
  }
  return errors;
}

/** Just enough to authorise an action on an event. */
export async function eventScope(db: Db, eventId: number) {
  const [e] = await db.select({ id: events.id, chapterId: events.chapterId, status: events.status }).from(events).where(eq(events.id, eventId));
  return e ?? null;
}

export async function addRole(db: Db, input: { eventId: number; chapterId: number; name: string; capacity: number; skills: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ev] = await tx.select({ id: events.id }).from(events).where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)));
    if (!ev) return false;
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${eventRoles.position}), -1)::int` }).from(eventRoles).where(eq(eventRoles.eventId, ev.id));
    const added = await tx
      .insert(eventRoles)
      .values({
        eventId: ev.id,
        name: input.name,
        capacity: input.capacity,
        wantedSkills: input.skills.split(",").map((s) => s.trim()).filter(Boolean),
        position: (last?.n ?? -1) + 1,
      })
      .returning({ id: eventRoles.id, capacity: eventRoles.capacity });
    await addPlaces(tx, ev.id, await tx.select({ id: eventSessions.id }).from(eventSessions).where(eq(eventSessions.eventId, ev.id)), added);
    return true;
  });
}

export type RoleEdit = { eventId: number; chapterId: number; roleId: number; name: string; skills: string; hours: number | null };

/** Rename a role, change its wanted skills or credited hours (capacity has its own path: it may promote people). */
export async function updateRole(db: Db, input: RoleEdit): Promise<boolean> {
  const rows = await db
    .update(eventRoles)
    .set({ name: input.name, wantedSkills: input.skills.split(",").map((s) => s.trim()).filter(Boolean), hours: input.hours })
    .where(and(eq(eventRoles.id, input.roleId), eq(eventRoles.eventId, input.eventId), sql`exists (select 1 from ${events} e where e.id = ${input.eventId} and e.chapter_id = ${input.chapterId})`))
    .returning({ id: eventRoles.id });
  return rows.length > 0;
}

/** A role nobody holds (or waits for) can go; otherwise the lead removes the people first. */
export async function deleteRole(db: Db, input: { eventId: number; chapterId: number; roleId: number }): Promise<"deleted" | "inUse" | "notFound"> {
  return db.transaction(async (tx) => {
    const [role] = await tx
      .select({ id: eventRoles.id })
      .from(eventRoles)
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .where(and(eq(eventRoles.id, input.roleId), eq(eventRoles.eventId, input.eventId), eq(events.chapterId, input.chapterId)))
      .for("update", { of: eventRoles });
    if (!role) return "notFound";
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signups)
      .where(and(eq(signups.roleId, role.id), inArray(signups.status, ["confirmed", "waitlisted"])));
    if ((held?.n ?? 0) > 0) return "inUse";
    await tx.delete(eventRoles).where(eq(eventRoles.id, role.id));
    return "deleted";
  });
}

/** The lead's to-do after the event: held events (last 120 days) whose report is missing, returned or awaiting approval. */
export async function eventsNeedingReport(db: Db, chapterIds: number[]) {
  if (chapterIds.length === 0) return [];
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      chapterName: chapters.name,
      reportStatus: sql<string | null>`(select r.status from outcome_report r where r.event_id = "event"."id")`,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .where(
      and(
        inArray(events.chapterId, chapterIds),
        inArray(events.status, ["published", "completed"]),
        sql`${events.endsAt} < now() and ${events.endsAt} > now() - interval '120 days'`,
        sql`not exists (select 1 from outcome_report r where r.event_id = "event"."id" and r.status = 'approved')`,
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(50);
}
