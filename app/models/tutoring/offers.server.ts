/**
 * Offer, accept, claim and the rest of a tutoring request's life after it came in:
 * new → offered → matched → in_progress → completed, or cancelled / unmatched; every change is a history row.
 * Each change runs in one transaction that locks the request row first, so an answer, an expiry job and a claim
 * arriving together settle in one order.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { chapters, memberships } from "../../../db/schema/chapters";
import { volunteerProfiles } from "../../../db/schema/profiles";
import { regions } from "../../../db/schema/regions";
import { jsonColumn, rowsOf } from "../../../db/rows";
import {
  learningTopics,
  tutoringOffers,
  tutoringRequestEvents,
  tutoringRequests,
  tutoringSessions,
  type TutoringStatus,
} from "../../../db/schema/tutoring";
import type { SessionUser } from "~/auth/session.server";
import { isActiveVolunteer, isChapterLead } from "~/auth/guards.server";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { dateTimeFormat, formatDateTime } from "~/i18n/format";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";
import type { Locale } from "~/i18n/locale";
import { parseForm, typedNumber, type FormErrors } from "~/utils/forms.server";
import type { JobContext } from "~/services/jobs.server";
import { cancelJob, scheduleJob } from "~/services/jobs.server";
import { rankCandidates } from "./matching.server";
import { chapterRecipients } from "~/models/chapters/recipients.server";
import { queueEmail } from "~/services/outbox.server";
import { formatWhatsapp, whatsappLink } from "~/models/accounts/whatsapp";
import { logDataAccessOnce } from "~/models/privacy/access-log.server";
import { ESCALATE_AFTER_DAYS, OFFER_RESPONSE_HOURS, SESSION_MINUTES, SESSION_NOTES_MAX, SESSION_TOPIC_MAX } from "./tutoring-form";

export const OFFER_EXPIRY_JOB = "tutoring-offer-expiry";
export const ESCALATION_JOB = "tutoring-escalation";

/** History notes written by the system are dictionary keys (shown in the reader's language). */
export const HISTORY_NOTE = {
  offerDeclined: "tutoring.history.offerDeclined",
  offerExpired: "tutoring.history.offerExpired",
  offerWithdrawn: "tutoring.history.offerWithdrawn",
  noCandidates: "tutoring.history.noCandidates",
  claimed: "tutoring.history.claimed",
  accepted: "tutoring.history.accepted",
  escalated: "tutoring.history.escalated",
  firstSession: "tutoring.history.firstSession",
  rated: "tutoring.history.rated",
} as const;

type Actor = { kind: "user"; id: string } | { kind: "system" } | { kind: "learner" };

export type Outcome = { ok: true } | { ok: false; reason: "notFound" | "forbidden" | "conflict" } | { ok: false; errors: FormErrors };

/** The volunteer left the chapter or was set inactive: they can no longer take or tutor its requests. */
const NOT_MEMBER = "tutoring.volunteer.notMember";

/** Titles and abbreviations before a name ("Moh. Rizal", "Hj. Siti", "Pak Budi"): not what a person is called by. */
const TITLES = new Set(["pak", "bapak", "bpk", "bu", "ibu", "hj", "h", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "moh", "muh", "mohd", "mas", "mbak", "kak", "sdr", "sdri"]);

export const firstName = (name: string) => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.find((w) => !w.endsWith(".") && !TITLES.has(w.toLowerCase())) ?? words[0] ?? name;
};

type LockedRequest = {
  id: number;
  chapterId: number;
  status: TutoringStatus;
  tutorId: string | null;
  regionCode: string;
  topics: string[];
  learnerName: string;
  email: string | null;
  locale: "id" | "en";
  createdAt: Date;
  /** the learner's data is erased (by the learner, or by retention after an unmatched request closed) */
  erasedAt: Date | null;
};

async function lockRequest(tx: Db, requestId: number, chapterId?: number): Promise<LockedRequest | null> {
  const [row] = await tx
    .select({
      id: tutoringRequests.id,
      chapterId: tutoringRequests.chapterId,
      status: tutoringRequests.status,
      tutorId: tutoringRequests.tutorId,
      regionCode: tutoringRequests.regionCode,
      topics: tutoringRequests.topics,
      learnerName: tutoringRequests.learnerName,
      email: tutoringRequests.email,
      locale: tutoringRequests.locale,
      createdAt: tutoringRequests.createdAt,
      erasedAt: tutoringRequests.erasedAt,
    })
    .from(tutoringRequests)
    .where(chapterId === undefined ? eq(tutoringRequests.id, requestId) : and(eq(tutoringRequests.id, requestId), eq(tutoringRequests.chapterId, chapterId)))
    .for("update");
  return row ?? null;
}

/** Moves the request to `to` (or keeps it) and writes the history row. */
export async function recordChange(
  tx: Db,
  req: { id: number; status: TutoringStatus },
  to: TutoringStatus,
  actor: Actor,
  note: string | null,
  set: Partial<typeof tutoringRequests.$inferInsert> = {},
): Promise<void> {
  const closing = to === "completed" || to === "cancelled" || to === "unmatched";
  await tx
    .update(tutoringRequests)
    .set({ ...set, status: to, updatedAt: new Date(), ...(closing ? { closedAt: new Date() } : to !== req.status ? { closedAt: null } : {}) })
    .where(eq(tutoringRequests.id, req.id));
  await tx.insert(tutoringRequestEvents).values({
    requestId: req.id,
    fromStatus: req.status,
    toStatus: to,
    actorKind: actor.kind,
    actorId: actor.kind === "user" ? actor.id : null,
    note,
  });
  req.status = to;
}

async function placeName(tx: Db, regionCode: string): Promise<string> {
  const kec = regionCode.split(".").slice(0, 3).join(".");
  const [row] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, kec));
  return row?.name ?? kec;
}

async function topicNames(tx: Db, slugs: string[], locale: Locale): Promise<string[]> {
  if (!slugs.length) return [];
  const rows = await tx.select({ slug: learningTopics.slug, nameId: learningTopics.nameId, nameEn: learningTopics.nameEn }).from(learningTopics).where(inArray(learningTopics.slug, slugs));
  return rows.map((r) => (locale === "en" ? r.nameEn : r.nameId));
}

async function chapterOf(tx: Db, chapterId: number) {
  const [row] = await tx
    .select({ name: chapters.name, slug: chapters.slug, timeZone: regions.timeZone })
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(eq(chapters.id, chapterId));
  if (!row) throw new Error(`chapter ${chapterId} missing`);
  return row;
}

/** Writes a pending offer, its expiry job and the volunteer's email; the request becomes "offered". */
async function makeOffer(tx: Db, req: LockedRequest, volunteerId: string, kind: "lead" | "auto", actor: Actor, score: number | null): Promise<void> {
  const expiresAt = new Date(Date.now() + OFFER_RESPONSE_HOURS * 3600_000);
  const [offer] = await tx
    .insert(tutoringOffers)
    .values({ requestId: req.id, volunteerId, kind, offeredBy: actor.kind === "user" ? actor.id : null, status: "pending", score: score === null ? null : Math.round(score), expiresAt })
    .returning({ id: tutoringOffers.id });
  if (!offer) throw new Error("offer not created");
  await scheduleJob(tx, { kind: OFFER_EXPIRY_JOB, dedupKey: `${OFFER_EXPIRY_JOB}:${offer.id}`, runAt: expiresAt, payload: { offerId: offer.id } });
  const [volunteer] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, volunteerId));
  if (volunteer) {
    const locale: Locale = volunteer.locale === "en" ? "en" : "id";
    const chapter = await chapterOf(tx, req.chapterId);
    await queueEmail(tx, {
      to: volunteer.email,
      template: "tutoring-offer",
      locale,
      payload: {
        volunteerName: firstName(volunteer.name),
        chapterName: chapter.name,
        place: await placeName(tx, req.regionCode),
        topics: await topicNames(tx, req.topics, locale),
        deadline: formatDateTime(expiresAt, locale, chapter.timeZone),
        url: `${env.APP_URL}/tutoring/${req.id}`,
      },
      dedupKey: `tutoring-offer:${offer.id}`,
    });
  }
  await recordChange(tx, req, "offered", actor, null);
}

/** Closes the pending offer of a request (if any) with `status`, removing its expiry job. Returns the volunteer. */
export async function closePendingOffer(tx: Db, requestId: number, status: "declined" | "expired" | "withdrawn" | "accepted", volunteerId?: string) {
  const [offer] = await tx
    .update(tutoringOffers)
    .set({ status, respondedAt: new Date() })
    .where(
      and(
        eq(tutoringOffers.requestId, requestId),
        eq(tutoringOffers.status, "pending"),
        volunteerId ? eq(tutoringOffers.volunteerId, volunteerId) : undefined,
      ),
    )
    .returning({ id: tutoringOffers.id, volunteerId: tutoringOffers.volunteerId });
  if (offer) await cancelJob(tx, `${OFFER_EXPIRY_JOB}:${offer.id}`);
  return offer ?? null;
}

/**
 * After a decline or an expiry: the best candidate who has not had this request yet gets the offer;
 * with nobody left the request is unmatched and the leads get an email.
 */
async function offerToNext(tx: Db, req: LockedRequest): Promise<void> {
  const [next] = await rankCandidates(tx, req.id, { limit: 1, excludeOffered: true });
  if (next) {
    await makeOffer(tx, req, next.userId, "auto", { kind: "system" }, next.score);
    return;
  }
  await recordChange(tx, req, "unmatched", { kind: "system" }, HISTORY_NOTE.noCandidates);
  await emailLeads(tx, req, "exhausted");
}

async function emailLeads(tx: Db, req: LockedRequest, reason: "waiting" | "exhausted"): Promise<void> {
  const chapter = await chapterOf(tx, req.chapterId);
  const place = await placeName(tx, req.regionCode);
  const days = Math.max(1, Math.floor((Date.now() - req.createdAt.getTime()) / 86400_000));
  for (const lead of (await chapterRecipients(tx, req.chapterId)).people) {
    await queueEmail(tx, {
      to: lead.email,
      template: "tutoring-escalation",
      locale: lead.locale === "en" ? "en" : "id",
      payload: { leadName: lead.name, chapterName: chapter.name, place, days, reason, url: `${env.APP_URL}/chapters/${chapter.slug}/tutoring/${req.id}` },
      dedupKey: `tutoring-escalation:${req.id}:${reason}:${lead.id}:${reason === "exhausted" ? Date.now() : "once"}`,
    });
  }
}

/** How the learner reaches the tutor: WhatsApp from the profile, else the account's email. */
async function tutorContact(tx: Db, tutorId: string) {
  const [row] = await tx
    .select({ name: users.name, email: users.email, whatsapp: volunteerProfiles.whatsapp, erasedAt: users.erasedAt })
    .from(users)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(eq(users.id, tutorId));
  if (!row) return null;
  // a deleted account: no name, no contact (its email is a placeholder)
  if (row.erasedAt) return { firstName: "", erased: true, whatsapp: null, email: null };
  return {
    erased: false,
    firstName: firstName(row.name),
    whatsapp: row.whatsapp ? { label: formatWhatsapp(row.whatsapp), href: whatsappLink(row.whatsapp) } : null,
    email: row.whatsapp ? null : row.email,
  };
}

async function becomeTutor(tx: Db, req: LockedRequest, tutorId: string, note: string): Promise<void> {
  await recordChange(tx, req, "matched", { kind: "user", id: tutorId }, note, { tutorId, matchedAt: new Date() });
  if (req.email) {
    const contact = await tutorContact(tx, tutorId);
    const chapter = await chapterOf(tx, req.chapterId);
    if (contact)
      await queueEmail(tx, {
        to: req.email,
        template: "tutoring-matched",
        locale: req.locale,
        payload: { name: req.learnerName, tutorFirstName: contact.firstName, tutorContact: contact.whatsapp?.label ?? contact.email ?? "", chapterName: chapter.name },
        dedupKey: `tutoring-matched:${req.id}:${tutorId}`,
      });
  }
}

/** A matched or in-progress request whose tutor left the chapter or was set inactive: the lead may offer it again. */
export async function heldByFormerVolunteer(db: Db, req: { chapterId: number; status: TutoringStatus; tutorId: string | null }): Promise<boolean> {
  if (!req.tutorId || (req.status !== "matched" && req.status !== "in_progress")) return false;
  return !(await isActiveVolunteer(db, req.tutorId, req.chapterId));
}

/**
 * A lead offers the request to one active volunteer of the chapter. An offer still pending is withdrawn first.
 */
export async function offerRequest(db: Db, lead: SessionUser, chapterId: number, requestId: number, volunteerId: string): Promise<Outcome> {
  if (!(await isChapterLead(db, lead, chapterId))) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx): Promise<Outcome> => {
    const req = await lockRequest(tx, requestId, chapterId);
    if (!req) return { ok: false, reason: "notFound" };
    const orphaned = await heldByFormerVolunteer(tx, req);
    if ((!orphaned && !["new", "offered", "unmatched"].includes(req.status)) || req.erasedAt) return { ok: false, reason: "conflict" };
    if (!(await isActiveVolunteer(tx, volunteerId, chapterId))) return { ok: false, reason: "notFound" };
    const actor: Actor = { kind: "user", id: lead.id };
    // its tutor is no longer an active volunteer of the chapter: the request goes back before the new offer
    if (orphaned) await recordChange(tx, req, "new", actor, null, { tutorId: null, matchedAt: null });
    if (req.status === "offered") {
      const [pending] = await tx
        .select({ volunteerId: tutoringOffers.volunteerId })
        .from(tutoringOffers)
        .where(and(eq(tutoringOffers.requestId, req.id), eq(tutoringOffers.status, "pending")));
      if (pending?.volunteerId === volunteerId) return { ok: false, reason: "conflict" };
      await closePendingOffer(tx, req.id, "withdrawn");
      await recordChange(tx, req, "new", actor, HISTORY_NOTE.offerWithdrawn);
    }
    const [ranked] = (await rankCandidates(tx, req.id, { limit: 50 })).filter((c) => c.userId === volunteerId);
    await makeOffer(tx, req, volunteerId, "lead", actor, ranked?.score ?? null);
    return { ok: true };
  });
}

/** The offered volunteer accepts (becomes the tutor) or declines (the next candidate gets it). */
export async function respondToOffer(db: Db, user: SessionUser, requestId: number, answer: "accept" | "decline"): Promise<Outcome> {
  return db.transaction(async (tx): Promise<Outcome> => {
    const req = await lockRequest(tx, requestId);
    if (!req) return { ok: false, reason: "notFound" };
    if (req.status !== "offered") return { ok: false, reason: "conflict" };
    if (answer === "accept" && !(await isActiveVolunteer(tx, user.id, req.chapterId))) {
      // no longer an active volunteer of the chapter: the offer ends as if declined and goes to the next candidate
      if (!(await closePendingOffer(tx, req.id, "withdrawn", user.id))) return { ok: false, reason: "conflict" };
      await recordChange(tx, req, "new", { kind: "system" }, HISTORY_NOTE.offerWithdrawn);
      await offerToNext(tx, req);
      return { ok: false, errors: { _form: [NOT_MEMBER] } };
    }
    const offer = await closePendingOffer(tx, req.id, answer === "accept" ? "accepted" : "declined", user.id);
    if (!offer) return { ok: false, reason: "conflict" };
    if (answer === "accept") {
      await becomeTutor(tx, req, user.id, HISTORY_NOTE.accepted);
    } else {
      await recordChange(tx, req, "new", { kind: "user", id: user.id }, HISTORY_NOTE.offerDeclined);
      await offerToNext(tx, req);
    }
    return { ok: true };
  });
}

/** A volunteer of the chapter takes a request nobody holds from the "requests near me" board. */
export async function claimRequest(db: Db, user: SessionUser, requestId: number): Promise<Outcome> {
  return db.transaction(async (tx): Promise<Outcome> => {
    const req = await lockRequest(tx, requestId);
    if (!req) return { ok: false, reason: "notFound" };
    if (!(await isActiveVolunteer(tx, user.id, req.chapterId))) return { ok: false, reason: "notFound" };
    // an unmatched request stays on the board until its learner's data is erased: nobody left to help then
    if ((req.status !== "new" && req.status !== "unmatched") || req.erasedAt) return { ok: false, reason: "conflict" };
    await tx.insert(tutoringOffers).values({ requestId: req.id, volunteerId: user.id, kind: "claim", status: "accepted", expiresAt: new Date(), respondedAt: new Date() });
    await becomeTutor(tx, req, user.id, HISTORY_NOTE.claimed);
    return { ok: true };
  });
}

const offerJobSchema = z.object({ offerId: z.number().int() });

/** Job: an offer's deadline passed. Still pending → expired, and the next candidate gets it. */
export async function expireTutoringOffer(payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const { offerId } = offerJobSchema.parse(payload);
  const [offer] = await db.select({ requestId: tutoringOffers.requestId }).from(tutoringOffers).where(eq(tutoringOffers.id, offerId));
  if (!offer) return;
  await db.transaction(async (tx) => {
    const req = await lockRequest(tx, offer.requestId);
    if (!req || req.status !== "offered") return;
    const [expired] = await tx
      .update(tutoringOffers)
      .set({ status: "expired", respondedAt: new Date() })
      .where(and(eq(tutoringOffers.id, offerId), eq(tutoringOffers.status, "pending"), sql`${tutoringOffers.expiresAt} <= now()`))
      .returning({ id: tutoringOffers.id });
    if (!expired) return;
    await recordChange(tx, req, "new", { kind: "system" }, HISTORY_NOTE.offerExpired);
    await offerToNext(tx, req);
  });
}

const requestJobSchema = z.object({ requestId: z.number().int() });

export async function scheduleEscalation(tx: Db, requestId: number, createdAt: Date): Promise<void> {
  await scheduleJob(tx, {
    kind: ESCALATION_JOB,
    dedupKey: `${ESCALATION_JOB}:${requestId}`,
    runAt: new Date(createdAt.getTime() + ESCALATE_AFTER_DAYS * 86400_000),
    payload: { requestId },
  });
}

/** Job: ESCALATE_AFTER_DAYS after a request came in, still without a tutor → email the chapter's leads. */
export async function escalateTutoringRequest(payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const { requestId } = requestJobSchema.parse(payload);
  await db.transaction(async (tx) => {
    const req = await lockRequest(tx, requestId);
    if (!req || req.tutorId || !["new", "offered", "unmatched"].includes(req.status)) return;
    await tx.update(tutoringRequests).set({ escalatedAt: new Date() }).where(eq(tutoringRequests.id, req.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: req.id, fromStatus: req.status, toStatus: req.status, actorKind: "system", note: HISTORY_NOTE.escalated });
    await emailLeads(tx, req, "waiting");
  });
}

/**
 * Cancels the pending offer and tells the volunteer concerned (offered or matched) — called inside the
 * learner's or the lead's cancel transaction.
 */
export async function onRequestCancelled(tx: Db, req: { id: number; regionCode: string; tutorId: string | null }, byLearner: boolean, reason: string): Promise<void> {
  const offer = await closePendingOffer(tx, req.id, "withdrawn");
  const volunteerId = req.tutorId ?? offer?.volunteerId;
  if (!volunteerId) return;
  const [v] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, volunteerId));
  if (!v) return;
  await queueEmail(tx, {
    to: v.email,
    template: "tutoring-cancelled",
    locale: v.locale === "en" ? "en" : "id",
    payload: { volunteerName: firstName(v.name), place: await placeName(tx, req.regionCode), byLearner, reason },
    dedupKey: `tutoring-cancelled:${req.id}:${volunteerId}`,
  });
}

const HOUR_WORD = "(?:jam|j|hours?|hrs?|h)";
const MINUTE_WORD = "(?:menit|mnt|minutes?|mins?|m)";
const HOURS_AND_MINUTES = new RegExp(`^(\\d+(?:[.,]\\d+)?) ?${HOUR_WORD}(?:(?: ?,)? ?(?:dan |and )?(\\d+) ?${MINUTE_WORD}?)?$`);
const MINUTES_ONLY = new RegExp(`^(\\d+) ?${MINUTE_WORD}$`);

/**
 * A session's length as tutors type it into the minutes field: "90", "90 menit", "2 jam", "1,5 jam" or "1.5 jam",
 * "2 jam 30 menit", "2j30m", "1:30", "2 hours 30 minutes". Read as whole minutes (a string of digits); anything
 * else, or a length that is not whole minutes ("0,33 jam"), is left as typed for the field's own message.
 */
export function sessionMinutesAsTyped(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = v.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (clock) return String(Number(clock[1]) * 60 + Number(clock[2]));
  const only = MINUTES_ONLY.exec(s);
  if (only) return only[1];
  const hm = HOURS_AND_MINUTES.exec(s);
  if (!hm) return v;
  const hours = Number((hm[1] ?? "").replace(",", "."));
  if (hm[2] !== undefined && !Number.isInteger(hours)) return v;
  const minutes = Math.round(hours * 60 * 1000) / 1000 + Number(hm[2] ?? 0);
  return Number.isInteger(minutes) ? String(minutes) : v;
}

const sessionSchema = z.object({
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalid"),
  minutes: z.preprocess(sessionMinutesAsTyped, typedNumber({ integer: true, min: SESSION_MINUTES.min, max: SESSION_MINUTES.max, rangeMessage: "tutoring.session.minutesRange", message: "tutoring.session.minutesWhole" })),
  topic: z.string().trim().min(1).max(SESSION_TOPIC_MAX),
  notes: z.string().trim().max(SESSION_NOTES_MAX).optional(),
  submissionKey: z.string().trim().max(64).optional(),
});

export type SessionInput = z.infer<typeof sessionSchema>;

export function parseSessionForm(form: FormData) {
  return parseForm(sessionSchema, form);
}

/** The same session typed again within a few minutes (a resent form whose key was lost) is the same session. */
function identicalRecently(input: SessionInput, notes: string) {
  return and(
    eq(tutoringSessions.heldOn, input.heldOn),
    eq(tutoringSessions.minutes, input.minutes),
    eq(tutoringSessions.topic, input.topic),
    eq(tutoringSessions.notes, notes),
    sql`${tutoringSessions.createdAt} > now() - interval '10 minutes'`,
  );
}

/** The matched tutor logs a session; the first one moves the request to "in progress". */
export async function logSession(db: Db, user: SessionUser, requestId: number, input: SessionInput): Promise<Outcome> {
  const day = new Date(`${input.heldOn}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.heldOn) return { ok: false, errors: { heldOn: ["errors.invalid"] } };
  return db.transaction(async (tx): Promise<Outcome> => {
    const req = await lockRequest(tx, requestId);
    if (!req || req.tutorId !== user.id) return { ok: false, reason: "notFound" };
    if (req.status !== "matched" && req.status !== "in_progress") return { ok: false, reason: "conflict" };
    if (!(await isActiveVolunteer(tx, user.id, req.chapterId))) return { ok: false, errors: { _form: [NOT_MEMBER] } };
    // a session's day is on the learner's calendar (WIB/WITA/WIT of the request's region), as the form's default is:
    // not after today there, not before the day the request was made there
    const localDay = (d: Date) => dateTimeFormat("en-CA", { timeZone: timeZoneOfRegionCode(req.regionCode) }).format(d);
    if (input.heldOn > localDay(new Date())) return { ok: false, errors: { heldOn: ["tutoring.session.future"] } };
    if (input.heldOn < localDay(req.createdAt)) return { ok: false, errors: { heldOn: ["tutoring.session.beforeRequest"] } };
    // the request row is locked, so of two presses of the same form the second sees the first one's row
    const notes = input.notes ?? "";
    const [same] = await tx
      .select({ id: tutoringSessions.id })
      .from(tutoringSessions)
      .where(
        and(
          eq(tutoringSessions.requestId, req.id),
          input.submissionKey
            ? or(eq(tutoringSessions.submissionKey, input.submissionKey), identicalRecently(input, notes))
            : identicalRecently(input, notes),
        ),
      )
      .limit(1);
    if (same) return { ok: true };
    await tx.insert(tutoringSessions).values({ requestId: req.id, tutorId: user.id, heldOn: input.heldOn, minutes: input.minutes, topic: input.topic, notes, submissionKey: input.submissionKey ?? null });
    if (req.status === "matched") await recordChange(tx, req, "in_progress", { kind: "user", id: user.id }, HISTORY_NOTE.firstSession);
    else await tx.update(tutoringRequests).set({ updatedAt: new Date() }).where(eq(tutoringRequests.id, req.id));
    return { ok: true };
  });
}

/** The tutor (or a lead of the chapter) marks a request in progress as completed; the learner is asked to rate it. */
export async function completeRequest(db: Db, user: SessionUser, requestId: number, noteInput: string): Promise<Outcome> {
  const note = noteInput.trim();
  if (note.length > SESSION_NOTES_MAX) return { ok: false, errors: { note: [`errors.tooLongMax?max=${SESSION_NOTES_MAX}`] } };
  return db.transaction(async (tx): Promise<Outcome> => {
    const req = await lockRequest(tx, requestId);
    if (!req) return { ok: false, reason: "notFound" };
    const lead = await isChapterLead(tx, user, req.chapterId);
    if (req.tutorId !== user.id && !lead) return { ok: false, reason: "notFound" };
    if (req.status !== "in_progress") return { ok: false, reason: "conflict" };
    if (!lead && !(await isActiveVolunteer(tx, user.id, req.chapterId))) return { ok: false, errors: { _form: [NOT_MEMBER] } };
    await recordChange(tx, req, "completed", { kind: "user", id: user.id }, note || null);
    if (req.email && req.tutorId) {
      const contact = await tutorContact(tx, req.tutorId);
      await queueEmail(tx, {
        to: req.email,
        template: "tutoring-completed",
        locale: req.locale,
        payload: { name: req.learnerName, tutorFirstName: contact?.firstName ?? "" },
        dedupKey: `tutoring-completed:${req.id}`,
      });
    }
    return { ok: true };
  });
}

export type TutoringSessionRow = { id: number; heldOn: string; minutes: number; topic: string; notes: string; tutorName: string };

export async function listSessions(db: Db, requestId: number): Promise<TutoringSessionRow[]> {
  return db
    .select({ id: tutoringSessions.id, heldOn: tutoringSessions.heldOn, minutes: tutoringSessions.minutes, topic: tutoringSessions.topic, notes: tutoringSessions.notes, tutorName: users.name })
    .from(tutoringSessions)
    .innerJoin(users, eq(users.id, tutoringSessions.tutorId))
    .where(eq(tutoringSessions.requestId, requestId))
    .orderBy(asc(tutoringSessions.heldOn), asc(tutoringSessions.id));
}

export type OfferRow = { id: number; volunteerId: string; volunteerName: string; kind: string; status: string; offeredAt: Date; expiresAt: Date; respondedAt: Date | null };

/** Offers of a request, newest first (lead's page). */
export async function listOffers(db: Db, requestId: number): Promise<OfferRow[]> {
  return db
    .select({
      id: tutoringOffers.id,
      volunteerId: tutoringOffers.volunteerId,
      volunteerName: users.name,
      kind: tutoringOffers.kind,
      status: tutoringOffers.status,
      offeredAt: tutoringOffers.offeredAt,
      expiresAt: tutoringOffers.expiresAt,
      respondedAt: tutoringOffers.respondedAt,
    })
    .from(tutoringOffers)
    .innerJoin(users, eq(users.id, tutoringOffers.volunteerId))
    .where(eq(tutoringOffers.requestId, requestId))
    .orderBy(desc(tutoringOffers.offeredAt), desc(tutoringOffers.id));
}

/** The tutor's first name and how to reach them — for the learner's tracking page once matched. */
export async function tutorForLearner(db: Db, req: { status: TutoringStatus; tutorId: string | null }) {
  if (!req.tutorId || !["matched", "in_progress", "completed"].includes(req.status)) return null;
  return tutorContact(db, req.tutorId);
}

export type BoardRow = {
  id: number;
  status: TutoringStatus;
  createdAt: Date;
  topics: string[];
  mode: string;
  language: string;
  kecamatanName: string | null;
  chapterName: string;
  timeZone: string;
  /** 3 same desa, 2 same kecamatan, 1 same kabupaten, 0 otherwise (from the volunteer's profile) */
  nearness: number;
  offerExpiresAt: Date | null;
};

export type Board = { isVolunteer: boolean; offers: BoardRow[]; open: BoardRow[]; mine: (BoardRow & { sessions: number })[] };

/**
 * The volunteer's "requests near me": offers waiting for their answer, requests of their chapters nobody holds
 * (nearest first, then the oldest), and their own tutoring. Never any contact detail or learner name.
 */
export async function listBoard(db: Db, user: SessionUser, limit = 50): Promise<Board> {
  const myChapters = db
    .select({ id: memberships.chapterId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, "volunteer"), eq(memberships.status, "active")));
  const kecOf = sql<string>`split_part(${tutoringRequests.regionCode}, '.', 1) || '.' || split_part(${tutoringRequests.regionCode}, '.', 2) || '.' || split_part(${tutoringRequests.regionCode}, '.', 3)`;
  const kabOf = sql<string>`split_part(${tutoringRequests.regionCode}, '.', 1) || '.' || split_part(${tutoringRequests.regionCode}, '.', 2)`;
  // the volunteer's own desa, kecamatan and kabupaten are read inside each list's statement (0 without a profile)
  const own = (column: AnyColumn) => sql`(select ${column} from ${volunteerProfiles} where ${volunteerProfiles.userId} = ${user.id})`;
  const nearness = sql<number>`(case when ${tutoringRequests.regionCode} = ${own(volunteerProfiles.regionCode)} and ${tutoringRequests.regionCode} like '%.%.%.%' then 3
    when ${kecOf} = ${own(volunteerProfiles.kecamatanCode)} then 2 when ${kabOf} = ${own(volunteerProfiles.kabupatenCode)} then 1 else 0 end)::int`;
  const columns = {
    id: tutoringRequests.id,
    status: tutoringRequests.status,
    createdAt: tutoringRequests.createdAt,
    topics: tutoringRequests.topics,
    mode: tutoringRequests.mode,
    language: tutoringRequests.language,
    kecamatanName: sql<string | null>`(select ${regions.name} from ${regions} where ${regions.code} = ${kecOf})`,
    chapterName: chapters.name,
    timeZone: sql<string>`(select ${regions.timeZone} from ${regions} where ${regions.code} = ${chapters.regionCode})`,
    nearness,
  };
  // independent reads: one round trip
  const [volunteerRows, offers, open, mine] = await Promise.all([
    db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.role, "volunteer"), eq(memberships.status, "active"))).limit(1),
    db
    .select({ ...columns, offerExpiresAt: tutoringOffers.expiresAt })
    .from(tutoringOffers)
    .innerJoin(tutoringRequests, eq(tutoringRequests.id, tutoringOffers.requestId))
    .innerJoin(chapters, eq(chapters.id, tutoringRequests.chapterId))
    .where(and(eq(tutoringOffers.volunteerId, user.id), eq(tutoringOffers.status, "pending")))
    .orderBy(asc(tutoringOffers.expiresAt)),
    db
    .select({ ...columns, offerExpiresAt: sql<Date | null>`null` })
    .from(tutoringRequests)
    .innerJoin(chapters, eq(chapters.id, tutoringRequests.chapterId))
    .where(and(inArray(tutoringRequests.chapterId, myChapters), inArray(tutoringRequests.status, ["new", "unmatched"]), isNull(tutoringRequests.erasedAt)))
    .orderBy(desc(nearness), asc(tutoringRequests.createdAt), asc(tutoringRequests.id))
    .limit(limit),
    db
    .select({ ...columns, offerExpiresAt: sql<Date | null>`null`, sessions: sql<number>`(select count(*)::int from ${tutoringSessions} where ${tutoringSessions.requestId} = ${tutoringRequests.id})` })
    .from(tutoringRequests)
    .innerJoin(chapters, eq(chapters.id, tutoringRequests.chapterId))
    .where(and(eq(tutoringRequests.tutorId, user.id), inArray(tutoringRequests.status, ["matched", "in_progress", "completed"])))
    .orderBy(sql`case ${tutoringRequests.status} when 'completed' then 1 else 0 end`, desc(tutoringRequests.updatedAt))
    .limit(limit),
  ]);
  return { isVolunteer: volunteerRows.length > 0, offers, open, mine: mine.map((m) => ({ ...m, sessions: Number(m.sessions) })) };
}

/** A row of the tutoring board as the page shows it: topic names in the reader's language. */
export type BoardScreenRow = {
  id: number;
  status: TutoringStatus;
  createdAt: Date;
  timeZone: string;
  kecamatan: string;
  chapterName: string;
  /** the topics' names in the reader's language, joined (an unknown or retired topic by its slug) */
  topics: string;
  mode: string;
  /** 3 same desa, 2 same kecamatan, 1 same kabupaten, 0 otherwise (from the volunteer's profile) */
  nearness: number;
  offerExpiresAt: Date | null;
};
export type BoardScreen = { isVolunteer: boolean; offers: BoardScreenRow[]; open: BoardScreenRow[]; mine: (BoardScreenRow & { sessions: number })[] };

/**
 * The tutoring board (`listBoard`) and the topics' names in one statement: each list a json column, the same rows in
 * the same order. Never any contact detail or learner name.
 */
export async function tutoringBoardScreen(db: Db, user: SessionUser, locale: Locale, limit = 50): Promise<BoardScreen> {
  const en = locale === "en";
  const kec = (col: SQL) => sql`split_part(${col}, '.', 1) || '.' || split_part(${col}, '.', 2) || '.' || split_part(${col}, '.', 3)`;
  const kab = (col: SQL) => sql`split_part(${col}, '.', 1) || '.' || split_part(${col}, '.', 2)`;
  // how near a request r is to the volunteer's own places (`me`)
  const nearness = sql`case when r.region_code = me.desa and r.region_code like '%.%.%.%' then 3 when ${kec(sql`r.region_code`)} = me.kec then 2
      when ${kab(sql`r.region_code`)} = me.kab then 1 else 0 end`;
  // one row of a list, for a request r of chapter c
  const item = (extra: SQL) => sql`json_build_array(r.id, r.status, r.created_at, (select g.time_zone from region g where g.code = c.region_code),
      coalesce((select k.name from region k where k.code = ${kec(sql`r.region_code`)}), ''), c.name,
      (select coalesce(string_agg(coalesce(case when ${en} then lt.name_en else lt.name_id end, x.slug), ', ' order by x.i), '')
         from jsonb_array_elements_text(r.topics) with ordinality x(slug, i) left join learning_topic lt on lt.slug = x.slug and lt.active),
      r.mode, ${nearness}, ${extra})`;
  const [row] = rowsOf<{ is_volunteer: boolean | string; offers: unknown; open: unknown; mine: unknown }>(
    await db.execute(sql`
      select exists (select 1 from membership m where m.user_id = ${user.id} and m.role = 'volunteer' and m.status = 'active') as is_volunteer,
        (select coalesce(json_agg(${item(sql`o.expires_at`)} order by o.expires_at), '[]')
           from tutoring_offer o join tutoring_request r on r.id = o.request_id join chapter c on c.id = r.chapter_id
           where o.volunteer_id = ${user.id} and o.status = 'pending') as offers,
        (select coalesce(json_agg(${item(sql`null`)} order by t.nearness desc, t.created_at, t.id), '[]')
           from (select r.id, r.created_at, ${nearness} as nearness from tutoring_request r
                 where r.chapter_id in (select m.chapter_id from membership m where m.user_id = ${user.id} and m.role = 'volunteer' and m.status = 'active')
                   and r.status in ('new', 'unmatched') and r.erased_at is null
                 order by nearness desc, r.created_at, r.id limit ${limit}) t
           join tutoring_request r on r.id = t.id join chapter c on c.id = r.chapter_id) as open,
        (select coalesce(json_agg(${item(sql`(select count(*)::int from tutoring_session s where s.request_id = r.id)`)} order by t.done, t.updated_at desc), '[]')
           from (select r.id, r.updated_at, case r.status when 'completed' then 1 else 0 end as done from tutoring_request r
                 where r.tutor_id = ${user.id} and r.status in ('matched', 'in_progress', 'completed')
                 order by done, r.updated_at desc limit ${limit}) t
           join tutoring_request r on r.id = t.id join chapter c on c.id = r.chapter_id) as mine
      from (select p.region_code as desa, p.kecamatan_code as kec, p.kabupaten_code as kab
            from (select 1) one left join volunteer_profile p on p.user_id = ${user.id}) me`),
  );
  type Item = [number, TutoringStatus, string, string, string, string, string, string, number, string | number | null];
  const rowOf = ([id, status, createdAt, timeZone, kecamatan, chapterName, topics, mode, near, extra]: Item): BoardScreenRow => ({
    id,
    status,
    createdAt: new Date(createdAt),
    timeZone,
    kecamatan,
    chapterName,
    topics,
    mode,
    nearness: near,
    offerExpiresAt: typeof extra === "string" ? new Date(extra) : null,
  });
  return {
    isVolunteer: row?.is_volunteer === true || row?.is_volunteer === "t",
    offers: jsonColumn<Item[]>(row?.offers, []).map(rowOf),
    open: jsonColumn<Item[]>(row?.open, []).map(rowOf),
    mine: jsonColumn<Item[]>(row?.mine, []).map((x) => ({ ...rowOf([...x.slice(0, 9), null] as Item), sessions: Number(x[9]) })),
  };
}

/**
 * One request as a volunteer may see it. Readable by the tutor, by the volunteer holding an offer, and, while it is on
 * the board (new or unmatched, not erased), by the active volunteers of its chapter; anyone else gets null. The learner's name and contact are
 * included ONLY for the matched tutor (matched, in progress, completed).
 */
export async function getRequestForVolunteer(db: Db, user: SessionUser, requestId: number) {
  const [r] = await db
    .select({
      id: tutoringRequests.id,
      chapterId: tutoringRequests.chapterId,
      chapterName: chapters.name,
      status: tutoringRequests.status,
      tutorId: tutoringRequests.tutorId,
      regionCode: tutoringRequests.regionCode,
      topics: tutoringRequests.topics,
      details: tutoringRequests.details,
      forWhom: tutoringRequests.forWhom,
      language: tutoringRequests.language,
      mode: tutoringRequests.mode,
      telecenter: sql<string | null>`(select t.name || coalesce(nullif(', ' || t.address, ', '), '') from telecenter t where t.id = ${tutoringRequests.telecenterId})`,
      availability: tutoringRequests.availability,
      createdAt: tutoringRequests.createdAt,
      timeZone: regions.timeZone,
      erasedAt: tutoringRequests.erasedAt,
    })
    .from(tutoringRequests)
    .innerJoin(chapters, eq(chapters.id, tutoringRequests.chapterId))
    .innerJoin(regions, eq(regions.code, tutoringRequests.regionCode))
    .where(eq(tutoringRequests.id, requestId));
  if (!r) return null;
  const isTutor = r.tutorId === user.id;
  const [offer] = await db
    .select({ id: tutoringOffers.id, expiresAt: tutoringOffers.expiresAt })
    .from(tutoringOffers)
    .where(and(eq(tutoringOffers.requestId, r.id), eq(tutoringOffers.volunteerId, user.id), eq(tutoringOffers.status, "pending")));
  const member = await isActiveVolunteer(db, user.id, r.chapterId);
  // the board's requests (nobody holds them) are for every active volunteer of the chapter to take; one offered to,
  // held or closed by someone else is not theirs to read (its details are the learner's words): not by its id either
  const onBoard = member && (r.status === "new" || r.status === "unmatched") && !r.erasedAt;
  if (!isTutor && !offer && !onBoard) return null;
  // Purpose limitation: the contact is for arranging the tutoring — gone once the request closes, and for a tutor
  // who is no longer an active volunteer of the chapter (set inactive, or left).
  const sharesContact = isTutor && member && ["matched", "in_progress"].includes(r.status);
  type Learner = { name: string; whatsapp: string | null; email: string | null; isMinor: boolean; guardianName: string | null; guardianContact: string | null };
  let learner: Learner | null = null;
  if (sharesContact) {
    const [c] = await db
      .select({
        name: tutoringRequests.learnerName,
        whatsapp: tutoringRequests.whatsapp,
        email: tutoringRequests.email,
        isMinor: tutoringRequests.isMinor,
        guardianName: tutoringRequests.guardianName,
        guardianContact: tutoringRequests.guardianContact,
      })
      .from(tutoringRequests)
      .where(and(eq(tutoringRequests.id, r.id), eq(tutoringRequests.tutorId, user.id)));
    learner = c && (c.whatsapp || c.email || c.guardianContact) ? c : null;
    // one line per viewing, not per page load (the page reloads after each of its forms)
    if (learner) await logDataAccessOnce(db, user.id, { kind: "learner_contact", chapterId: r.chapterId, subjectRequestId: r.id, detail: `request:${r.id}` }, 15);
  }
  const { tutorId: _omit, erasedAt: _erased, ...rest } = r;
  void _omit;
  void _erased;
  return {
    ...rest,
    isTutor,
    offer: offer ?? null,
    canClaim: onBoard && !isTutor,
    learner,
    sessions: isTutor ? await listSessions(db, r.id) : [],
    history: isTutor
      ? await db
          .select({ at: tutoringRequestEvents.at, fromStatus: tutoringRequestEvents.fromStatus, toStatus: tutoringRequestEvents.toStatus, actorKind: tutoringRequestEvents.actorKind, note: tutoringRequestEvents.note })
          .from(tutoringRequestEvents)
          .where(eq(tutoringRequestEvents.requestId, r.id))
          .orderBy(asc(tutoringRequestEvents.at), asc(tutoringRequestEvents.id))
      : [],
  };
}
