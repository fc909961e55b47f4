/**
 * The event page (/events/<id>): what its loader shows and one function per form intent, so the route only guards,
 * parses and calls. The rules themselves live in events.server.ts (planning), signups.server.ts (places per session,
 * waitlists, attendance) and participants.server.ts (door registration).
 */
import { parseTypedNumber } from "~/utils/numbers";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import type { Db } from "~/db.server";
import { eq, sql, type SQL } from "drizzle-orm";
import { planEachExecution } from "../../../db/plans";
import { activeMembersByName, assignLookAlikes, memberSearchOf } from "~/models/chapters/roster.server";
import { events } from "../../../db/schema/events";
import { jsonColumn, rowsOf } from "../../../db/rows";
import { addRole, cancelEvent, copyEvent, deleteRole, publishEvent, roleHoursAsTyped, updateRole } from "~/models/events/events.server";
import { doorQrSvg, doorUrl, notifyParticipantsCancelled, removeParticipant } from "~/models/events/participants.server";
import {
  cancelSignup,
  checkinQrSvg,
  clashingSignup,
  getMySignups,
  markAttendance,
  setRoleCapacity,
  setRoleCapacityIn,
  signUp,
  suggestVolunteers,
} from "~/models/events/signups.server";

/**
 * A user-facing failure: a dictionary key shown above the page's forms; for a lead's form with fields, also the
 * messages per field and what was sent (the intent and ids included), so the form that was sent shows them in place
 * and keeps what was typed, with or without JavaScript.
 */
export type PageResult =
  | { ok: true; notice: string; redirectTo?: string }
  | { ok: false; error: string; errors?: Record<string, string[]>; values?: Record<string, string> };

const ok = (notice: string): PageResult => ({ ok: true, notice });
const fail = (error: string): PageResult => ({ ok: false, error });

/** The most places a role may have on a day (as on the event form). */
export const CAPACITY_MAX = 1000;

/** What a form sent, for putting it back: the named fields as text (a stray huge value is cut). */
function sent(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = form.get(n);
    if (typeof v === "string") out[n] = v.slice(0, 300);
  }
  return out;
}

/**
 * A failure of one form's fields: each message by its field, what was sent, and above the page (where a browser
 * without JavaScript shows the answer) a pointer to the form, a field's message alone ("Wajib diisi.") saying too little there.
 */
function failFields(errors: Record<string, string[]>, values: Record<string, string>): PageResult {
  return { ok: false, error: "events.lead.fieldsInvalid", errors, values };
}

/** The places of a role on a day, as typed: a whole number from 1 to CAPACITY_MAX ("1.000" is a thousand). */
function capacityOf(raw: FormDataEntryValue | null): { ok: true; value: number } | { ok: false; error: string } {
  const capacity = parseTypedNumber(String(raw ?? ""), { integer: true }) ?? NaN;
  if (!Number.isInteger(capacity) || capacity < 1) return { ok: false, error: "events.capacityMin" };
  if (capacity > CAPACITY_MAX) return { ok: false, error: `events.capacityMax?max=${CAPACITY_MAX}` };
  return { ok: true, value: capacity };
}

type PageRow = {
  id: number;
  chapter_id: number;
  title: string;
  description: string;
  status: string;
  time_zone: string;
  chapter_name: string;
  program_id: string;
  program_en: string;
  venue_name: string | null;
  region_name: string;
  checkin_code: string;
  cutoff_seconds: number | string;
  lead: boolean | string;
  member: boolean | string;
  report_status: string | null;
  sessions: unknown;
  roles: unknown;
  places: unknown;
  mine: unknown;
  overlaps: unknown;
  roster: unknown;
  assignable: unknown;
  participants: unknown;
};

const yes = (v: boolean | string) => v === true || v === "t";
/** A timestamp read from json (its text depends on the session's zone) as the ISO text the browser gets. */
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * How many members the lead's "assign a volunteer" list shows. A chapter's active members not yet on the event can
 * run to thousands: the list showed the first 500 by name (members further down the alphabet could not be assigned
 * from it) and carried them all in the page. Beyond this many the lead searches by name or email (`?cari=`). Read
 * with activeMembersByName, which stops at ASSIGN_LIST + 1.
 */
export const ASSIGN_LIST = 50;

/**
 * Everything the event page (/events/<id>) shows, read in ONE statement: the event with its chapter, program,
 * venue and region; its days, roles and places per day; whether the user leads the event's chapter (an active
 * lead membership, or a national admin: the rule of isChapterLead) and whether they are an active member; their own
 * places, their other sign-ups overlapping this event and the report's status; and — only when they lead it, the
 * CASE below reads nothing otherwise — the lead's panels: the roster, the members who may be assigned and the
 * participants registered at the door (who is missing for which role: see leadPanels). A round trip per part (ten
 * of them) cost the app more CPU than the database spent reading them. null: no such event.
 */
export async function eventPage(
  db: Db,
  input: { eventId: number; user: { id: string; isAdmin: boolean }; locale: "id" | "en"; now?: Date; assignSearch?: string | null },
) {
  const { eventId, user } = input;
  const now = (input.now ?? new Date()).getTime();
  const search = memberSearchOf(input.assignSearch);
  // a search is rare (a lead of a large chapter looking for one member): planned for its words, like the roster's
  const statement = (query: SQL) => (search ? planEachExecution(query) : query);
  const result = await db.execute(statement(sql`
    select e.id, e.chapter_id, e.title, e.description, e.status, e.time_zone, c.name as chapter_name, p.name_id as program_id, p.name_en as program_en,
      i.name as venue_name, r.name as region_name, e.checkin_code,
      extract(epoch from e.starts_at - coalesce(e.signup_cutoff, e.starts_at))::int as cutoff_seconds,
      me.lead, me.member,
      (select o.status from outcome_report o where o.event_id = e.id) as report_status,
      (select json_agg(json_build_array(s.id, s.label, s.starts_at, s.ends_at) order by s.starts_at, s.id) from event_session s where s.event_id = e.id) as sessions,
      (select json_agg(json_build_array(x.id, x.name, x.capacity, x.hours, x.wanted_skills, coalesce(n.confirmed, 0), coalesce(n.waitlisted, 0)) order by x.position, x.id)
        from event_role x left join (
          select s.role_id, count(*) filter (where s.status = 'confirmed')::int as confirmed, count(*) filter (where s.status = 'waitlisted')::int as waitlisted
          from signup s where s.event_id = e.id group by s.role_id) n on n.role_id = x.id
        where x.event_id = e.id) as roles,
      (select json_agg(json_build_array(x.session_id, x.role_id, x.capacity, coalesce(n.confirmed, 0), coalesce(n.waitlisted, 0)))
        from event_session_role x left join (
          select s.session_id, s.role_id, count(*) filter (where s.status = 'confirmed')::int as confirmed, count(*) filter (where s.status = 'waitlisted')::int as waitlisted
          from signup s where s.event_id = e.id group by s.session_id, s.role_id) n on n.session_id = x.session_id and n.role_id = x.role_id
        where x.event_id = e.id) as places,
      (select json_agg(json_build_array(s.id, s.role_id, s.session_id, s.status, s.waitlist_position, s.attended_at) order by es.starts_at, s.id)
        from signup s join event_session es on es.id = s.session_id
        where s.event_id = e.id and s.user_id = ${user.id} and s.status <> 'cancelled') as mine,
      (select json_agg(json_build_array(x.id, x.title, x.starts_at, x.time_zone) order by x.starts_at, x.id) from (
        select distinct o.id, o.title, o.starts_at, o.time_zone
        from signup s join event o on o.id = s.event_id join event_session es on es.id = s.session_id
        where s.user_id = ${user.id} and s.status in ('confirmed', 'waitlisted') and o.id <> e.id and o.status <> 'cancelled'
          and es.starts_at < e.ends_at and es.ends_at > e.starts_at) x) as overlaps,
      case when me.lead then (
        select json_agg(json_build_array(s.id, s.role_id, s.session_id, s.user_id, u.name, s.status, s.waitlist_position, s.attended_at, s.hours_credited)
          order by es.starts_at, s.role_id, s.status, s.queued_at, s.id)
        from signup s join app_user u on u.id = s.user_id join event_session es on es.id = s.session_id
        where s.event_id = e.id and s.status <> 'cancelled') end as roster,
      case when me.lead then (
        select json_agg(json_build_array(u.id, u.name) order by x.sort_name, x.user_id) from (${activeMembersByName(sql`e.chapter_id`, {
          limit: ASSIGN_LIST + 1,
          search,
          where: sql`not exists (select 1 from signup s where s.event_id = e.id and s.user_id = m.user_id and s.status <> 'cancelled')`,
        })}) x join app_user u on u.id = x.user_id) end as assignable,
      case when me.lead then (
        select json_agg(json_build_array(x.id, x.name, x.institution_name, x.gender) order by x.created_at, x.id)
        from event_participant x where x.event_id = e.id) end as participants
    from event e
    join chapter c on c.id = e.chapter_id
    join program p on p.id = e.program_id
    join region r on r.code = e.region_code
    left join institution i on i.id = e.venue_id
    cross join lateral (
      select ${user.isAdmin}::boolean or exists (select 1 from membership m where m.user_id = ${user.id} and m.chapter_id = e.chapter_id and m.role = 'lead' and m.status = 'active') as lead,
        exists (select 1 from membership m where m.user_id = ${user.id} and m.chapter_id = e.chapter_id and m.status = 'active') as member
      offset 0) me
    where e.id = ${eventId}`));
  const row = rowsOf<PageRow>(result)[0];
  if (!row) return null;
  // sign-up for a session closes as long before it as the event's cutoff is before the first one
  const cutoffMs = Number(row.cutoff_seconds) * 1000;
  const sessions = jsonColumn<[number, string | null, string, string][]>(row.sessions, []).map(([id, label, startsAt, endsAt], i) => ({
    id,
    n: i + 1,
    label: label && !/^\d+$/.test(label) ? label : null,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    open: row.status === "published" && new Date(startsAt).getTime() - cutoffMs > now,
  }));
  const roles = jsonColumn<[number, string, number, number | null, string[], number, number][]>(row.roles, []).map(([id, name, capacity, hours, wantedSkills, confirmed, waitlisted]) => ({
    id,
    name,
    capacity,
    hours,
    wantedSkills,
    confirmed,
    waitlisted,
  }));
  const places = jsonColumn<[number, number, number, number, number][]>(row.places, []).map(([sessionId, roleId, capacity, confirmed, waitlisted]) => ({ sessionId, roleId, capacity, confirmed, waitlisted }));
  const lead = yes(row.lead);
  return {
    event: {
      id: Number(row.id),
      title: row.title,
      description: row.description,
      status: row.status,
      timeZone: row.time_zone,
      open: sessions.some((s) => s.open),
      chapterName: row.chapter_name,
      /** the program's name in the reader's language */
      program: input.locale === "en" ? row.program_en : row.program_id,
      venueName: row.venue_name,
      regionName: row.region_name,
      sessions,
      roles,
      places,
    },
    member: yes(row.member),
    mine: jsonColumn<[number, number, number, string, number | null, string | null][]>(row.mine, []).map(([id, roleId, sessionId, status, waitlistPosition, attendedAt]) => ({
      id,
      roleId,
      sessionId,
      status,
      waitlistPosition,
      attendedAt: iso(attendedAt),
    })),
    overlaps: jsonColumn<[number, string, string, string][]>(row.overlaps, []).map(([id, title, startsAt, timeZone]) => ({ id, title, startsAt: new Date(startsAt).toISOString(), timeZone })),
    reportStatus: row.report_status,
    lead: lead ? await leadPanels(db, eventId, row, roles, places, search) : null,
  };
}

/**
 * The lead's panels from the page's row; names and ids only (no email or phone: the panels do not show them). Who is
 * missing for which role is read apart, and only when a role wants skills and has a free place: its query took the
 * database longer to plan than the rest of the page's statement together (each connection plans a statement several
 * times before it keeps a generic plan), and most events' roles want no particular skill.
 */
async function leadPanels(
  db: Db,
  eventId: number,
  row: PageRow,
  roles: { id: number; wantedSkills: string[] }[],
  places: { roleId: number; capacity: number; confirmed: number }[],
  search: string,
) {
  const none: Awaited<ReturnType<typeof suggestVolunteers>> = new Map();
  const short = roles.some((r) => r.wantedSkills.length > 0 && places.some((p) => p.roleId === r.id && p.capacity > p.confirmed));
  // the two QR codes are images of their own (app/routes/events.$eventId.qr.$kind.ts): not in the page twice, as
  // markup and as hydration data, and a lead can save or share them
  const suggestions = short ? await suggestVolunteers(db, { eventId, chapterId: Number(row.chapter_id) }) : none;
  const assignable = jsonColumn<[string, string][]>(row.assignable, []).map(([id, name]) => ({ id, name }));
  // a search that found nobody: the members not on the event yet whose names look like it ("Mungkin maksud Anda")
  const lookAlikes =
    search && assignable.length === 0
      ? await assignLookAlikes(db, Number(row.chapter_id), search, sql`not exists (select 1 from signup s where s.event_id = ${eventId} and s.user_id = m.user_id and s.status <> 'cancelled')`)
      : [];
  return {
    code: row.checkin_code,
    signups: jsonColumn<[number, number, number, string, string, string, number | null, string | null, number | null][]>(row.roster, []).map(
      ([id, roleId, sessionId, userId, name, status, waitlistPosition, attendedAt, hoursCredited]) => ({ id, roleId, sessionId, userId, name, status, waitlistPosition, attendedAt: iso(attendedAt), hoursCredited }),
    ),
    assignable: assignable.slice(0, ASSIGN_LIST),
    /** more members than listed could be assigned (matching the search, if any): the lead narrows it by name */
    assignMore: assignable.length > ASSIGN_LIST,
    assignSearch: search,
    // each name once (the link searches for it, and finds everyone of that name however it is written)
    assignLookAlikes: lookAlikes.map((m) => m.name).filter((n, i, all) => all.findIndex((o) => o.toLowerCase() === n.toLowerCase()) === i),
    suggestions: Object.fromEntries(suggestions),
    doorUrl: doorUrl(eventId, row.checkin_code),
    participants: jsonColumn<[number, string, string | null, string | null][]>(row.participants, []).map(([id, name, institutionName, gender]) => ({ id, name, institutionName, gender })),
  };
}

export type EventPage = NonNullable<Awaited<ReturnType<typeof eventPage>>>;

/**
 * One of the lead's two QR codes as SVG: "checkin" (volunteers on site) or "door" (participants registering at the
 * door), with the event's chapter for the caller's lead check. null: no such event or kind.
 */
export async function leadQrSvg(db: Db, eventId: number, kind: string): Promise<{ chapterId: number; svg: string } | null> {
  if (kind !== "checkin" && kind !== "door") return null;
  const [e] = await db.select({ chapterId: events.chapterId, code: events.checkinCode }).from(events).where(eq(events.id, eventId));
  if (!e) return null;
  return { chapterId: e.chapterId, svg: kind === "checkin" ? await checkinQrSvg(eventId, e.code) : await doorQrSvg(eventId, e.code) };
}

type Scope = { eventId: number; chapterId: number; status: string };

function int(v: FormDataEntryValue | null): number {
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

/** Sessions ticked on the form; none ticked (or a one-day event's plain button) means every open session. */
function sessionIdsOf(form: FormData): number[] {
  return form
    .getAll("sessionId")
    .map((v) => int(v))
    .filter((n) => n > 0);
}

function optionalSession(form: FormData): number | undefined {
  const n = int(form.get("sessionId"));
  return n > 0 ? n : undefined;
}

// ---------- the volunteer's intents ----------

export async function volunteerSignUp(db: Db, ev: Scope, userId: string, form: FormData): Promise<PageResult> {
  const r = await signUp(db, { eventId: ev.eventId, roleId: int(form.get("roleId")), userId, sessionIds: sessionIdsOf(form) });
  return r.ok ? ok(r.status) : fail(`events.signup.${r.reason}`);
}

export async function volunteerCancel(db: Db, ev: Scope, userId: string, form: FormData): Promise<PageResult> {
  const sessionId = optionalSession(form);
  const r = await cancelSignup(db, { eventId: ev.eventId, userId, sessionId });
  if (!r.ok) return fail(`events.signup.${r.reason}`);
  // one day given up of several held: "your sign-up was cancelled" would read as all of them
  return ok(sessionId && (await getMySignups(db, ev.eventId, userId)).length > 0 ? "cancelledDay" : "cancelled");
}

// ---------- the lead's intents ----------

/** Which field of the assign form a refusal is about; the others (no such role or day) are the form's. */
const ASSIGN_FIELD: Partial<Record<string, string>> = { notMember: "userId", already: "userId", otherRole: "userId", full: "roleId", closed: "sessionId" };

/**
 * A member who holds (or waits for) a place in another event at the time of the days chosen is not assigned on the
 * first press: the lead is told where, next to the name, and the form sends `overlapOk` with that member's id, so a
 * second press for the same member assigns them (two events in one building may share a volunteer).
 */
export async function leadAssign(db: Db, ev: Scope, leadId: string, form: FormData, locale: Locale = "id"): Promise<PageResult> {
  const userId = String(form.get("userId") ?? "");
  const sessionIds = sessionIdsOf(form);
  const values = sent(form, ["intent", "userId", "roleId", "sessionId"]);
  if (form.get("overlapOk") !== userId) {
    const clash = await clashingSignup(db, { eventId: ev.eventId, userId, sessionIds });
    if (clash) {
      const error = `events.lead.assignOverlap?${new URLSearchParams({ name: clash.name, title: clash.title, when: formatDateTime(clash.startsAt, locale, clash.timeZone) })}`;
      return { ok: false, error, errors: { userId: [error] }, values: { ...values, overlapOk: userId } };
    }
  }
  const r = await signUp(db, { eventId: ev.eventId, roleId: int(form.get("roleId")), userId, sessionIds, assignedBy: leadId });
  if (r.ok) return ok("assigned");
  const error = `events.signup.${r.reason}`;
  const field = ASSIGN_FIELD[r.reason];
  return { ok: false, error, errors: field ? { [field]: [error] } : {}, values };
}

export async function leadRemove(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  const r = await cancelSignup(db, { eventId: ev.eventId, userId: String(form.get("userId") ?? ""), sessionId: optionalSession(form), byLead: true });
  return r.ok ? ok("removed") : fail(`events.signup.${r.reason}`);
}

export async function leadAttendance(db: Db, ev: Scope, form: FormData, attended: boolean): Promise<PageResult> {
  return (await markAttendance(db, { eventId: ev.eventId, signupId: int(form.get("signupId")), attended })) ? ok("attendance") : fail("events.signup.notFound");
}

type RoleFields = { name: string; capacity: number; hours: number | null; skills: string };

/** A role's fields, each checked (every bad field gets its message); on failure also what was sent. */
function roleFields(form: FormData): { ok: true; value: RoleFields } | { ok: false; result: PageResult } {
  const name = String(form.get("name") ?? "").trim();
  const capacity = capacityOf(form.get("capacity"));
  const hoursRaw = String(form.get("hours") ?? "").trim();
  const hours = hoursRaw === "" ? null : (parseTypedNumber(String(roleHoursAsTyped(hoursRaw)), { integer: true }) ?? NaN);
  const errors: Record<string, string[]> = {};
  if (!name) errors.name = ["errors.required"];
  else if (name.length > 80) errors.name = ["errors.tooLongMax?max=80"];
  if (!capacity.ok) errors.capacity = [capacity.error];
  if (hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > 100)) errors.hours = ["events.hoursInvalid"];
  if (!capacity.ok || Object.keys(errors).length > 0) return { ok: false, result: failFields(errors, sent(form, ["intent", "roleId", "name", "capacity", "hours", "skills"])) };
  return { ok: true, value: { name, capacity: capacity.value, hours, skills: String(form.get("skills") ?? "").slice(0, 200) } };
}

/** Rename, re-skill, re-hour and re-size a role in one go (new places are filled from each day's waitlist). */
export async function leadSaveRole(db: Db, ev: Scope, form: FormData): Promise<PageResult | null> {
  const f = roleFields(form);
  if (!f.ok) return f.result;
  const roleId = int(form.get("roleId"));
  const found = await db.transaction(async (tx) => {
    if (!(await updateRole(tx, { eventId: ev.eventId, chapterId: ev.chapterId, roleId, name: f.value.name, hours: f.value.hours, skills: f.value.skills }))) return false;
    await setRoleCapacityIn(tx, { eventId: ev.eventId, roleId, capacity: f.value.capacity });
    return true;
  });
  return found ? ok("saved") : null;
}

/** Places of a role: every day, or (with sessionId) one day only. */
export async function leadSetCapacity(db: Db, ev: Scope, form: FormData): Promise<PageResult | null> {
  const capacity = capacityOf(form.get("capacity"));
  if (!capacity.ok) return failFields({ capacity: [capacity.error] }, sent(form, ["intent", "roleId", "sessionId", "capacity"]));
  if (!(await setRoleCapacity(db, { eventId: ev.eventId, roleId: int(form.get("roleId")), capacity: capacity.value, sessionId: optionalSession(form) }))) return null;
  return ok("saved");
}

export async function leadAddRole(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  const f = roleFields(form);
  if (!f.ok) return f.result;
  await addRole(db, { eventId: ev.eventId, chapterId: ev.chapterId, name: f.value.name, capacity: f.value.capacity, skills: f.value.skills });
  return ok("saved");
}

export async function leadDeleteRole(db: Db, ev: Scope, form: FormData): Promise<PageResult | null> {
  const r = await deleteRole(db, { eventId: ev.eventId, chapterId: ev.chapterId, roleId: int(form.get("roleId")) });
  if (r === "notFound") return null;
  return r === "inUse" ? { ok: false, error: "events.roleInUse", values: sent(form, ["intent", "roleId"]) } : ok("saved");
}

export async function leadRemoveParticipant(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  return (await removeParticipant(db, { eventId: ev.eventId, participantId: int(form.get("participantId")) })) ? ok("saved") : fail("events.signup.notFound");
}

export async function leadPublish(db: Db, ev: Scope): Promise<PageResult> {
  await publishEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId });
  return ok("published");
}

/**
 * Cancelling tells every volunteer at once and cannot be undone, so it takes two presses: "Batalkan kegiatan" shows
 * a warning (`?confirm=cancel`) whose own button sends `confirm=cancelEvent`. A post without it changes nothing.
 */
export async function leadCancelEvent(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  if (form.get("confirm") !== "cancelEvent") return fail("events.lead.cancelUnconfirmed");
  await cancelEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId, alsoTell: (tx) => notifyParticipantsCancelled(tx, ev.eventId) });
  return ok("eventCancelled");
}

export async function leadCopy(db: Db, ev: Scope, leadId: string): Promise<PageResult | null> {
  const id = await copyEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId, userId: leadId });
  return id ? { ok: true, notice: "copied", redirectTo: `/events/${id}/edit?copied=1` } : null;
}
