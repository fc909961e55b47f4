/**
 * The event page (/events/<id>): what its loader shows and one function per form intent, so the route only guards,
 * parses and calls. The rules themselves live in events.server.ts (planning), signups.server.ts (places per session,
 * waitlists, attendance) and participants.server.ts (door registration).
 */
import { parseTypedNumber } from "~/utils/numbers";
import type { Db } from "~/db.server";
import { addRole, cancelEvent, copyEvent, deleteRole, isActiveMember, publishEvent, updateRole, type EventDetail } from "~/models/events/events.server";
import { getReport } from "~/models/events/outcomes.server";
import { doorQrSvg, doorUrl, listParticipants, removeParticipant } from "~/models/events/participants.server";
import {
  assignableMembers,
  cancelSignup,
  checkinQrSvg,
  getMySignups,
  listSignups,
  markAttendance,
  overlappingSignups,
  setRoleCapacity,
  setRoleCapacityIn,
  signUp,
  suggestVolunteers,
} from "~/models/events/signups.server";

/** A user-facing failure: a dictionary key shown above the page's forms. */
export type PageResult = { ok: true; notice: string; redirectTo?: string } | { ok: false; error: string };

const ok = (notice: string): PageResult => ({ ok: true, notice });
const fail = (error: string): PageResult => ({ ok: false, error });

/** Everything the page renders; `lead` only for the chapter's leads. */
export async function eventPageData(db: Db, input: { event: EventDetail; userId: string; lead: boolean; now?: Date }) {
  const { event, userId } = input;
  const now = (input.now ?? new Date()).getTime();
  const [member, mine, overlaps, report] = await Promise.all([
    isActiveMember(db, userId, event.chapterId),
    getMySignups(db, event.id, userId),
    overlappingSignups(db, { eventId: event.id, userId, startsAt: event.startsAt, endsAt: event.endsAt }),
    getReport(db, event.id),
  ]);
  // sign-up for a session closes as long before it as the event's cutoff is before the first one
  const lead = event.startsAt.getTime() - (event.signupCutoff ?? event.startsAt).getTime();
  const sessions = event.sessions.map((s, i) => ({
    id: s.id,
    n: i + 1,
    label: s.label && !/^\d+$/.test(s.label) ? s.label : null,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    open: event.status === "published" && s.startsAt.getTime() - lead > now,
  }));
  return {
    event: {
      id: event.id,
      title: event.title,
      description: event.description,
      status: event.status,
      timeZone: event.timeZone,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      signupCutoff: event.signupCutoff?.toISOString() ?? null,
      open: sessions.some((s) => s.open),
      chapterName: event.chapterName,
      programId: event.programNameId,
      programEn: event.programNameEn,
      venueName: event.venueName,
      regionName: event.regionName,
      sessions,
      roles: event.roles,
      places: event.places,
    },
    member,
    mine: mine.map((m) => ({ ...m, attendedAt: m.attendedAt?.toISOString() ?? null })),
    overlaps: overlaps.map((o) => ({ id: o.id, title: o.title, startsAt: o.startsAt.toISOString(), timeZone: o.timeZone })),
    reportStatus: report?.status ?? null,
    lead: input.lead ? await leadPanels(db, event) : null,
  };
}

async function leadPanels(db: Db, event: EventDetail) {
  const [qr, signups, assignable, suggestions, doorQr, participants] = await Promise.all([
    checkinQrSvg(event.id, event.checkinCode),
    listSignups(db, event.id),
    assignableMembers(db, event.id, event.chapterId),
    suggestVolunteers(db, { eventId: event.id, chapterId: event.chapterId }),
    doorQrSvg(event.id, event.checkinCode),
    listParticipants(db, event.id),
  ]);
  return {
    code: event.checkinCode,
    qr,
    signups: signups.map((s) => ({ ...s, attendedAt: s.attendedAt?.toISOString() ?? null })),
    assignable,
    suggestions: Object.fromEntries(suggestions),
    doorQr,
    doorUrl: doorUrl(event.id, event.checkinCode),
    participants: participants.map((p) => ({ id: p.id, name: p.name, institutionName: p.institutionName, gender: p.gender })),
  };
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
  const r = await cancelSignup(db, { eventId: ev.eventId, userId, sessionId: optionalSession(form) });
  return r.ok ? ok("cancelled") : fail(`events.signup.${r.reason}`);
}

// ---------- the lead's intents ----------

export async function leadAssign(db: Db, ev: Scope, leadId: string, form: FormData): Promise<PageResult> {
  const r = await signUp(db, { eventId: ev.eventId, roleId: int(form.get("roleId")), userId: String(form.get("userId") ?? ""), sessionIds: sessionIdsOf(form), assignedBy: leadId });
  return r.ok ? ok("assigned") : fail(`events.signup.${r.reason}`);
}

export async function leadRemove(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  const r = await cancelSignup(db, { eventId: ev.eventId, userId: String(form.get("userId") ?? ""), sessionId: optionalSession(form), byLead: true });
  return r.ok ? ok("removed") : fail(`events.signup.${r.reason}`);
}

export async function leadAttendance(db: Db, ev: Scope, form: FormData, attended: boolean): Promise<PageResult> {
  return (await markAttendance(db, { eventId: ev.eventId, signupId: int(form.get("signupId")), attended })) ? ok("attendance") : fail("events.signup.notFound");
}

type RoleFields = { name: string; capacity: number; hours: number | null; skills: string };

function roleFields(form: FormData): { ok: true; value: RoleFields } | { ok: false; error: string } {
  const name = String(form.get("name") ?? "").trim();
  const capacity = parseTypedNumber(String(form.get("capacity") ?? ""), { integer: true }) ?? NaN;
  const hoursRaw = String(form.get("hours") ?? "").trim();
  const hours = hoursRaw === "" ? null : (parseTypedNumber(hoursRaw, { integer: true }) ?? NaN);
  if (!name || name.length > 80) return { ok: false, error: "events.roleIncomplete" };
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) return { ok: false, error: "events.capacityMin" };
  if (hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > 100)) return { ok: false, error: "events.hoursInvalid" };
  return { ok: true, value: { name, capacity, hours, skills: String(form.get("skills") ?? "").slice(0, 200) } };
}

/** Rename, re-skill, re-hour and re-size a role in one go (new places are filled from each day's waitlist). */
export async function leadSaveRole(db: Db, ev: Scope, form: FormData): Promise<PageResult | null> {
  const f = roleFields(form);
  if (!f.ok) return fail(f.error);
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
  const capacity = parseTypedNumber(String(form.get("capacity") ?? ""), { integer: true }) ?? NaN;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) return fail("events.capacityMin");
  if (!(await setRoleCapacity(db, { eventId: ev.eventId, roleId: int(form.get("roleId")), capacity, sessionId: optionalSession(form) }))) return null;
  return ok("saved");
}

export async function leadAddRole(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  const f = roleFields(form);
  if (!f.ok) return fail(f.error);
  await addRole(db, { eventId: ev.eventId, chapterId: ev.chapterId, name: f.value.name, capacity: f.value.capacity, skills: f.value.skills });
  return ok("saved");
}

export async function leadDeleteRole(db: Db, ev: Scope, form: FormData): Promise<PageResult | null> {
  const r = await deleteRole(db, { eventId: ev.eventId, chapterId: ev.chapterId, roleId: int(form.get("roleId")) });
  if (r === "notFound") return null;
  return r === "inUse" ? fail("events.roleInUse") : ok("saved");
}

export async function leadRemoveParticipant(db: Db, ev: Scope, form: FormData): Promise<PageResult> {
  return (await removeParticipant(db, { eventId: ev.eventId, participantId: int(form.get("participantId")) })) ? ok("saved") : fail("events.signup.notFound");
}

export async function leadPublish(db: Db, ev: Scope): Promise<PageResult> {
  await publishEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId });
  return ok("published");
}

export async function leadCancelEvent(db: Db, ev: Scope): Promise<PageResult> {
  await cancelEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId });
  return ok("eventCancelled");
}

export async function leadCopy(db: Db, ev: Scope, leadId: string): Promise<PageResult | null> {
  const id = await copyEvent(db, { eventId: ev.eventId, chapterId: ev.chapterId, userId: leadId });
  return id ? { ok: true, notice: "copied", redirectTo: `/events/${id}/edit?copied=1` } : null;
}
