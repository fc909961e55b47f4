import { randomBytes } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { chapters, memberships } from "../../../db/schema/chapters";
import { languages, skills } from "../../../db/schema/profiles";
import { regions } from "../../../db/schema/regions";
import {
  learningTopics,
  OPEN_TUTORING_STATUSES,
  TUTORING_FOR_WHOM,
  TUTORING_MODES,
  tutoringRequestEvents,
  tutoringRequests,
  type TutoringStatus,
} from "../../../db/schema/tutoring";
import type { SessionUser } from "~/auth/session.server";
import { isChapterLead } from "~/auth/guards.server";
import type { Db } from "~/db.server";
import { catalogueNamesTaken, takenErrors } from "~/models/catalogue-names.server";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/locale";
import { maskFromKeys } from "~/models/accounts/availability";
import { queueEmail } from "~/services/outbox.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { checkRegion } from "~/models/regions/regions.server";
import { telecentersForTutoring } from "~/models/telecenters/registry.server";
import { normalizeWhatsapp } from "~/models/accounts/whatsapp";
import { CANCEL_REASON_MAX, CANCELLABLE_STATUSES, DETAILS_MAX, HONEYPOT_FIELD, NAME_MAX, NOTE_MAX, RATING_COMMENT_MAX, REGION_FIELD } from "./tutoring-form";
import { chapterRecipients } from "~/models/chapters/recipients.server";
import { closePendingOffer, HISTORY_NOTE, onRequestCancelled, scheduleEscalation } from "./offers.server";
import { parseForm, manyStrings, type FormErrors } from "~/utils/forms.server";
import { slugify } from "~/utils/slug";
import { PRIVACY_VERSION } from "~/models/privacy/notice";
import { logDataAccess } from "~/models/privacy/access-log.server";
import { guardianContactOk, normalizeGuardianContact } from "~/models/privacy/guardian.server";

/** The privacy notice's version (bumped when /bantu's consent text or /privasi changes): each request records it. */
export const CONSENT_VERSION = PRIVACY_VERSION;
/** Requests per IP address and hour (the public form has no captcha). */
export const REQUEST_RATE_LIMIT = { limit: 5, windowSeconds: 3600 };
export { CANCEL_REASON_MAX, DETAILS_MAX, HONEYPOT_FIELD, NAME_MAX, NOTE_MAX, REGION_FIELD };

export type Topic = { slug: string; nameId: string; nameEn: string };

export async function listTopics(db: Db): Promise<Topic[]> {
  return db
    .select({ slug: learningTopics.slug, nameId: learningTopics.nameId, nameEn: learningTopics.nameEn })
    .from(learningTopics)
    .where(eq(learningTopics.active, true))
    .orderBy(asc(learningTopics.id));
}

/** The learner's tracking token as stored (its sha-256). */
export const hashToken = sha256;

export function trackingUrl(token: string, appUrl = env.APP_URL): string {
  return `${appUrl}/lacak/${token}`;
}

const optionalText = (max: number) => z.string().trim().max(max).optional();

const requestSchema = z
  .object({
    name: z.string().trim().min(1).max(NAME_MAX),
    whatsapp: optionalText(40),
    email: z.string().trim().toLowerCase().max(254).email("tutoring.emailInvalid").optional(),
    topics: manyStrings,
    details: optionalText(DETAILS_MAX),
    forWhom: z.enum(TUTORING_FOR_WHOM),
    language: z.string().min(1).max(10),
    mode: z.enum(TUTORING_MODES),
    telecenterId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
    availability: manyStrings,
    consent: z.string().optional(),
    minor: z.string().optional(),
    guardianName: optionalText(NAME_MAX),
    guardianContact: optionalText(254),
    guardianConsent: z.string().optional(),
  })
  .superRefine((v, ctx) => crossFieldChecks(v, (path, message) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })));

/** The fields' rules that span several fields, as they were typed (what the schema itself checks is not repeated). */
type CrossFields = {
  whatsapp?: string;
  email?: string;
  topics: string[];
  details?: string;
  availability: string[];
  consent?: string;
  minor?: string;
  guardianName?: string;
  guardianContact?: string;
  guardianConsent?: string;
};

function crossFieldChecks(v: CrossFields, add: (path: string, message: string) => void): void {
  if (v.consent !== "yes") add("consent", "tutoring.consentRequired");
  // UU PDP art. 25: a child's data only with the consent of a parent or guardian
  if (v.minor !== "yes" && v.minor !== "no") add("minor", "privacy.minor.required");
  if (v.minor === "yes") {
    if (!v.guardianName) add("guardianName", "privacy.minor.guardianNameRequired");
    if (!v.guardianContact) add("guardianContact", "privacy.minor.guardianContactRequired");
    else if (!guardianContactOk(v.guardianContact)) add("guardianContact", "privacy.minor.guardianContactInvalid");
    if (v.guardianConsent !== "yes") add("guardianConsent", "privacy.minor.guardianConsentRequired");
  }
  if (!v.whatsapp && !v.email) add("whatsapp", "tutoring.contactRequired");
  if (v.whatsapp) {
    const w = normalizeWhatsapp(v.whatsapp);
    if (!w.ok) add("whatsapp", w.error);
  }
  if (!v.topics.length && !v.details) add("topics", "tutoring.topicRequired");
  if (maskFromKeys(v.availability).unknown.length) add("availability", "errors.invalid");
}

export type TutoringRequestInput = {
  name: string;
  whatsapp: string | null;
  email: string | null;
  topics: string[];
  details: string;
  forWhom: (typeof TUTORING_FOR_WHOM)[number];
  language: string;
  mode: (typeof TUTORING_MODES)[number];
  /** a telecenter of the learner's kab/kota, when they want to learn at one and chose it */
  telecenterId: number | null;
  availability: number;
  regionCode: string | null;
  consent: boolean;
  /** under 18: the guardian who consented (both required then) */
  minor: boolean;
  guardian: { name: string; contact: string } | null;
  /** filled only by bots (a field hidden from people) */
  honeypot: string;
};

export type ParseResult =
  | { ok: true; data: TutoringRequestInput }
  | { ok: false; errors: FormErrors; values: Record<string, string | string[]> };

export function parseTutoringForm(form: FormData, regionCode: string | null): ParseResult {
  const parsed = parseForm(requestSchema, form);
  if (!parsed.ok) {
    // a missing name stops the schema before its cross-field rules: check them on what was typed, so one refusal
    // names every problem (each sending costs a learner on 3G a slow round trip)
    const one = (k: string) => {
      const v = parsed.values[k];
      const s = (Array.isArray(v) ? v[0] : v)?.trim();
      return s ? s : undefined;
    };
    const many = (k: string) => {
      const v = parsed.values[k];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    };
    const raw: CrossFields = {
      whatsapp: one("whatsapp"),
      email: one("email"),
      topics: many("topics"),
      details: one("details"),
      availability: many("availability"),
      consent: one("consent"),
      minor: one("minor"),
      guardianName: one("guardianName"),
      guardianContact: one("guardianContact"),
      guardianConsent: one("guardianConsent"),
    };
    // one message a field, the first found: a field the schema refused keeps the schema's
    const errors: FormErrors = {};
    for (const [k, list] of Object.entries(parsed.errors)) if (list[0]) errors[k] = [list[0]];
    crossFieldChecks(raw, (path, message) => {
      if (!errors[path]) errors[path] = [message];
    });
    return { ok: false, errors, values: parsed.values };
  }
  const d = parsed.data;
  const w = d.whatsapp ? normalizeWhatsapp(d.whatsapp) : null;
  const honeypot = form.get(HONEYPOT_FIELD);
  return {
    ok: true,
    data: {
      name: d.name,
      whatsapp: w && w.ok ? w.value : null,
      email: d.email ?? null,
      topics: [...new Set(d.topics)],
      details: d.details ?? "",
      forWhom: d.forWhom,
      language: d.language,
      mode: d.mode,
      telecenterId: d.mode === "telecenter" ? (d.telecenterId ?? null) : null,
      availability: maskFromKeys(d.availability).mask,
      regionCode,
      consent: true,
      minor: d.minor === "yes",
      guardian: d.minor === "yes" && d.guardianName && d.guardianContact ? { name: d.guardianName, contact: normalizeGuardianContact(d.guardianContact) } : null,
      honeypot: typeof honeypot === "string" ? honeypot : "",
    },
  };
}

export type CreateResult =
  | { ok: true; requestId: number; token: string }
  | { ok: false; errors: FormErrors }
  | { ok: false; refused: "spam" | "rateLimited" };

/**
 * Files a learner's request: one transaction writes the request, its first history row and the emails
 * (learner, when an email was given; every active lead of the chapter covering the kabupaten).
 * Only the sha-256 of the tracking token is stored; the token is returned once, for the success page.
 */
export async function createTutoringRequest(
  db: Db,
  input: TutoringRequestInput,
  opts: { ip: string; locale: Locale; appUrl?: string; token?: string | null },
): Promise<CreateResult> {
  if (input.honeypot.trim()) return { ok: false, refused: "spam" };
  // the form carries its tracking token from the page (a new one per page): the same form sent twice (a re-tap on a
  // slow line, a resend after a lost answer) finds the request it already made
  const given = opts.token && TOKEN_FORMAT.test(opts.token) ? opts.token : null;
  if (given) {
    const existing = await requestIdOfToken(db, given);
    if (existing !== null) return { ok: true, requestId: existing, token: given };
  }
  if (!input.consent) return { ok: false, errors: { consent: ["tutoring.consentRequired"] } };
  if (input.minor && !input.guardian) return { ok: false, errors: { guardianName: ["privacy.minor.guardianNameRequired"] } };

  const errors: FormErrors = {};
  const regionError = await checkRegion(db, input.regionCode, 3);
  if (regionError) errors[REGION_FIELD] = [regionError];
  if (input.topics.length) {
    const known = await db.select({ slug: learningTopics.slug }).from(learningTopics).where(inArray(learningTopics.slug, input.topics));
    if (known.length !== input.topics.length) errors.topics = ["errors.invalid"];
  }
  const [lang] = await db.select({ code: languages.code }).from(languages).where(eq(languages.code, input.language));
  if (!lang) errors.language = ["errors.invalid"];
  if (input.telecenterId !== null && !(await telecentersForTutoring(db, input.regionCode)).some((tc) => tc.id === input.telecenterId)) {
    errors.telecenterId = ["tutoring.telecenterInvalid"];
  }
  if (Object.keys(errors).length || !input.regionCode) return { ok: false, errors };

  const kabupaten = input.regionCode.split(".").slice(0, 2).join(".");
  const [chapter] = await db
    .select({ id: chapters.id, name: chapters.name, slug: chapters.slug })
    .from(chapters)
    .where(eq(chapters.regionCode, kabupaten))
    .orderBy(asc(chapters.id))
    .limit(1);
  if (!chapter) return { ok: false, errors: { [REGION_FIELD]: ["tutoring.noChapter"] } };

  // counted only for requests that would be written, so a learner correcting mistakes is not locked out
  const limit = await hitRateLimit(db, `tutoring:${opts.ip}`, REQUEST_RATE_LIMIT.limit, REQUEST_RATE_LIMIT.windowSeconds);
  if (!limit.allowed) return { ok: false, refused: "rateLimited" };

  const token = given ?? randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  const appUrl = opts.appUrl ?? env.APP_URL;
  const requestId = await db.transaction(async (tx): Promise<number | null> => {
    // a learner whose earlier request was erased or corrected has a pinned key: the new request shares it
    const contactKey = input.whatsapp ?? input.email;
    const [same] = contactKey
      ? await tx
          .select({ key: tutoringRequests.learnerKey })
          .from(tutoringRequests)
          .where(and(sql`coalesce(${tutoringRequests.whatsapp}, lower(${tutoringRequests.email})) = ${contactKey}`, sql`${tutoringRequests.learnerKey} is not null`))
          .limit(1)
      : [];
    const now = new Date();
    const [row] = await tx
      .insert(tutoringRequests)
      .values({
        learnerKey: same?.key ?? null,
        isMinor: input.minor,
        guardianName: input.guardian?.name ?? null,
        guardianContact: input.guardian?.contact ?? null,
        guardianConsentAt: input.guardian ? now : null,
        tokenHash,
        chapterId: chapter.id,
        regionCode: input.regionCode as string,
        learnerName: input.name,
        whatsapp: input.whatsapp,
        email: input.email,
        topics: input.topics,
        details: input.details,
        forWhom: input.forWhom,
        language: input.language,
        locale: opts.locale,
        mode: input.mode,
        telecenterId: input.telecenterId,
        availability: input.availability,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        status: "new",
      })
      .onConflictDoNothing({ target: tutoringRequests.tokenHash })
      .returning({ id: tutoringRequests.id });
    // the same form sent twice at once: the other submission made the request
    if (!row) return null;
    await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: null, toStatus: "new", actorKind: "learner" });
    await scheduleEscalation(tx, row.id, new Date());
    if (input.email) {
      await queueEmail(tx, {
        to: input.email,
        template: "tutoring-received",
        locale: opts.locale,
        payload: { name: input.name, chapterName: chapter.name, url: trackingUrl(token, appUrl) },
        dedupKey: `tutoring-received:${row.id}`,
      });
    }
    const { people: leads } = await chapterRecipients(tx, chapter.id);
    const [place] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, input.regionCode as string));
    for (const lead of leads) {
      await queueEmail(tx, {
        to: lead.email,
        template: "tutoring-new-request",
        locale: lead.locale === "en" ? "en" : "id",
        payload: {
          leadName: lead.name,
          chapterName: chapter.name,
          place: place?.name ?? input.regionCode,
          topics: input.topics,
          url: `${appUrl}/chapters/${chapter.slug}/tutoring/${row.id}`,
        },
        dedupKey: `tutoring-new-request:${row.id}:${lead.id}`,
      });
    }
    return row.id;
  });
  if (requestId === null) {
    const existing = await requestIdOfToken(db, token);
    if (existing === null) throw new Error("tutoring request not created");
    return { ok: true, requestId: existing, token };
  }
  return { ok: true, requestId, token };
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A fresh tracking token for the request form (sent back with it, so a repeated submission is recognised). */
export function newTrackingToken(): string {
  return randomBytes(32).toString("base64url");
}

async function requestIdOfToken(db: Db, token: string): Promise<number | null> {
  const [row] = await db.select({ id: tutoringRequests.id }).from(tutoringRequests).where(eq(tutoringRequests.tokenHash, hashToken(token)));
  return row?.id ?? null;
}

export type HistoryEntry = {
  at: Date;
  fromStatus: TutoringStatus | null;
  toStatus: TutoringStatus;
  /** learner | lead (a lead of the chapter or an admin) | volunteer | system */
  actorKind: string;
  /** free text, or a tutoring.history.* dictionary key for the system's own notes */
  note: string | null;
};

async function historyOf(db: Db, requestId: number, chapterId: number): Promise<HistoryEntry[]> {
  return db
    .select({
      at: tutoringRequestEvents.at,
      fromStatus: tutoringRequestEvents.fromStatus,
      toStatus: tutoringRequestEvents.toStatus,
      actorKind: sql<string>`case when ${tutoringRequestEvents.actorKind} <> 'user' then ${tutoringRequestEvents.actorKind}
        when exists (select 1 from ${memberships} where ${memberships.userId} = ${tutoringRequestEvents.actorId} and ${memberships.chapterId} = ${chapterId}
                     and ${memberships.role} = 'lead' and ${memberships.status} = 'active')
          or exists (select 1 from ${users} where ${users.id} = ${tutoringRequestEvents.actorId} and ${users.isAdmin}) then 'lead'
        else 'volunteer' end`,
      note: tutoringRequestEvents.note,
    })
    .from(tutoringRequestEvents)
    .where(eq(tutoringRequestEvents.requestId, requestId))
    .orderBy(asc(tutoringRequestEvents.at), asc(tutoringRequestEvents.id));
}

const requestColumns = {
  id: tutoringRequests.id,
  chapterId: tutoringRequests.chapterId,
  chapterName: chapters.name,
  chapterSlug: chapters.slug,
  regionCode: tutoringRequests.regionCode,
  learnerName: tutoringRequests.learnerName,
  whatsapp: tutoringRequests.whatsapp,
  email: tutoringRequests.email,
  topics: tutoringRequests.topics,
  details: tutoringRequests.details,
  forWhom: tutoringRequests.forWhom,
  language: tutoringRequests.language,
  mode: tutoringRequests.mode,
  telecenter: sql<string | null>`(select t.name || coalesce(nullif(', ' || t.address, ', '), '') from telecenter t where t.id = ${tutoringRequests.telecenterId})`,
  availability: tutoringRequests.availability,
  status: tutoringRequests.status,
  cancelReason: tutoringRequests.cancelReason,
  tutorId: tutoringRequests.tutorId,
  rating: tutoringRequests.rating,
  ratingComment: tutoringRequests.ratingComment,
  locale: tutoringRequests.locale,
  createdAt: tutoringRequests.createdAt,
  closedAt: tutoringRequests.closedAt,
  isMinor: tutoringRequests.isMinor,
  guardianName: tutoringRequests.guardianName,
  guardianContact: tutoringRequests.guardianContact,
  consentAt: tutoringRequests.consentAt,
  consentVersion: tutoringRequests.consentVersion,
  erasedAt: tutoringRequests.erasedAt,
  timeZone: regions.timeZone,
};

async function loadRequest(db: Db, where: SQL | undefined) {
  const [row] = await db
    .select(requestColumns)
    .from(tutoringRequests)
    .innerJoin(chapters, eq(chapters.id, tutoringRequests.chapterId))
    .innerJoin(regions, eq(regions.code, tutoringRequests.regionCode))
    .where(where);
  if (!row) return null;
  return { ...row, history: await historyOf(db, row.id, row.chapterId) };
}

/** The learner's view: whoever holds the token sees their own request (a wrong token finds nothing). */
export async function getRequestByToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return loadRequest(db, eq(tutoringRequests.tokenHash, hashToken(token)));
}

const CANCELLABLE: readonly TutoringStatus[] = CANCELLABLE_STATUSES;

export type CancelResult = { ok: true } | { ok: false; errors: FormErrors } | { ok: false; notFound: true };

/** The learner cancels through the tracking link; the reason is required and kept in the history. */
export async function cancelByToken(db: Db, token: string, reasonInput: string): Promise<CancelResult> {
  const reason = reasonInput.trim();
  if (!reason) return { ok: false, errors: { reason: ["errors.required"] } };
  if (reason.length > CANCEL_REASON_MAX) return { ok: false, errors: { reason: [`errors.tooLongMax?max=${CANCEL_REASON_MAX}`] } };
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, notFound: true };
  return db.transaction(async (tx): Promise<CancelResult> => {
    const [row] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, regionCode: tutoringRequests.regionCode, tutorId: tutoringRequests.tutorId, erasedAt: tutoringRequests.erasedAt })
      .from(tutoringRequests)
      .where(eq(tutoringRequests.tokenHash, hashToken(token)))
      .for("update");
    if (!row) return { ok: false, notFound: true };
    // an erased request takes no new free text: its reason would outlive the erasure
    if (row.erasedAt) return { ok: false, errors: { reason: ["tutoring.closed"] } };
    if (!CANCELLABLE.includes(row.status)) return { ok: false, errors: { reason: ["tutoring.cannotCancel"] } };
    await tx
      .update(tutoringRequests)
      .set({ status: "cancelled", cancelReason: reason, updatedAt: new Date(), closedAt: new Date() })
      .where(eq(tutoringRequests.id, row.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: row.status, toStatus: "cancelled", actorKind: "learner", note: reason });
    await onRequestCancelled(tx, row, true, reason);
    return { ok: true };
  });
}


/** The learner adds information through the tracking link (kept in the history, status unchanged). */
export async function addLearnerNote(db: Db, token: string, noteInput: string): Promise<CancelResult> {
  const note = noteInput.trim();
  if (!note) return { ok: false, errors: { note: ["errors.required"] } };
  if (note.length > NOTE_MAX) return { ok: false, errors: { note: [`errors.tooLongMax?max=${NOTE_MAX}`] } };
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, notFound: true };
  return db.transaction(async (tx): Promise<CancelResult> => {
    const [row] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, erasedAt: tutoringRequests.erasedAt })
      .from(tutoringRequests)
      .where(eq(tutoringRequests.tokenHash, hashToken(token)))
      .for("update");
    if (!row) return { ok: false, notFound: true };
    if (!CANCELLABLE.includes(row.status) || row.erasedAt) return { ok: false, errors: { note: ["tutoring.closed"] } };
    // the same note sent again (a second tap on a slow line, a resend after the answer was lost): it is there already
    const [last] = await tx
      .select({ actorKind: tutoringRequestEvents.actorKind, note: tutoringRequestEvents.note, fromStatus: tutoringRequestEvents.fromStatus, toStatus: tutoringRequestEvents.toStatus })
      .from(tutoringRequestEvents)
      .where(eq(tutoringRequestEvents.requestId, row.id))
      .orderBy(desc(tutoringRequestEvents.id))
      .limit(1);
    if (last && last.actorKind === "learner" && last.fromStatus === last.toStatus && last.note?.trim() === note) return { ok: true };
    await tx.update(tutoringRequests).set({ updatedAt: new Date() }).where(eq(tutoringRequests.id, row.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: row.status, toStatus: row.status, actorKind: "learner", note });
    return { ok: true };
  });
}

export type OpenRequestRow = {
  id: number;
  status: TutoringStatus;
  createdAt: Date;
  topics: string[];
  kecamatanCode: string;
  kecamatanName: string | null;
  mode: string;
};

/** Open requests of a chapter for its lead: unmatched first, then the oldest (not one erased). No contact details here. */
export async function listOpenRequests(db: Db, chapterId: number): Promise<OpenRequestRow[]> {
  const kec = sql<string>`split_part(${tutoringRequests.regionCode}, '.', 1) || '.' || split_part(${tutoringRequests.regionCode}, '.', 2) || '.' || split_part(${tutoringRequests.regionCode}, '.', 3)`;
  return db
    .select({
      id: tutoringRequests.id,
      status: tutoringRequests.status,
      createdAt: tutoringRequests.createdAt,
      topics: tutoringRequests.topics,
      kecamatanCode: kec,
      kecamatanName: sql<string | null>`(select ${regions.name} from ${regions} where ${regions.code} = ${kec})`,
      mode: tutoringRequests.mode,
    })
    .from(tutoringRequests)
    .where(and(eq(tutoringRequests.chapterId, chapterId), inArray(tutoringRequests.status, [...OPEN_TUTORING_STATUSES, "unmatched"]), sql`${tutoringRequests.erasedAt} is null`))
    .orderBy(sql`case ${tutoringRequests.status} when 'unmatched' then 0 when 'new' then 1 else 2 end`, asc(tutoringRequests.createdAt), desc(tutoringRequests.id));
}

export type LeadRequestResult = { ok: true; request: NonNullable<Awaited<ReturnType<typeof loadRequest>>> } | { ok: false; reason: "notFound" | "forbidden" };

/**
 * A request with the learner's contact details: only for an active lead (or admin) of the request's chapter.
 * The chapter comes from the URL too, so a lead can't read another chapter's request by changing the id.
 */
export async function getRequestForLead(db: Db, user: SessionUser, chapterId: number, requestId: number): Promise<LeadRequestResult> {
  if (!(await isChapterLead(db, user, chapterId))) return { ok: false, reason: "forbidden" };
  const request = await loadRequest(db, and(eq(tutoringRequests.id, requestId), eq(tutoringRequests.chapterId, chapterId)));
  if (!request) return { ok: false, reason: "notFound" };
  if (!request.erasedAt) await logDataAccess(db, user.id, { kind: "learner_contact", chapterId, subjectRequestId: request.id });
  return { ok: true, request };
}

export type SameContactRow = { id: number; status: TutoringStatus; createdAt: Date };

/**
 * The chapter's other requests from the same WhatsApp number or email (stored normalised, so "0812-…" and
 * "+62 812 …" are one number), newest first: the same person asking again a day later on a new form, with a typo in
 * the name. For the lead only, who sees the contact anyway; erased requests have no contact left to match.
 */
export async function requestsOfSameContact(db: Db, req: { id: number; chapterId: number; whatsapp: string | null; email: string | null }, limit = 10): Promise<SameContactRow[]> {
  const same = [
    req.whatsapp ? eq(tutoringRequests.whatsapp, req.whatsapp) : undefined,
    req.email ? sql`lower(${tutoringRequests.email}) = ${req.email.toLowerCase()}` : undefined,
  ].filter((c): c is SQL => c !== undefined);
  if (!same.length) return [];
  return db
    .select({ id: tutoringRequests.id, status: tutoringRequests.status, createdAt: tutoringRequests.createdAt })
    .from(tutoringRequests)
    .where(and(eq(tutoringRequests.chapterId, req.chapterId), sql`${tutoringRequests.id} <> ${req.id}`, sql`${tutoringRequests.erasedAt} is null`, or(...same)))
    .orderBy(desc(tutoringRequests.createdAt), desc(tutoringRequests.id))
    .limit(limit);
}

export type LeadDecision = "cancel" | "unmatched";
const LEAD_FROM: Record<LeadDecision, TutoringStatus[]> = {
  cancel: ["new", "offered", "matched", "in_progress", "unmatched"],
  unmatched: ["new", "offered"],
};

/**
 * A lead closes a request: cancelled (a reason is required) or unmatched (no suitable volunteer for now;
 * a note is optional). The change and its actor go into the history.
 */
export async function leadDecide(
  db: Db,
  user: SessionUser,
  chapterId: number,
  requestId: number,
  decision: LeadDecision,
  noteInput: string,
): Promise<{ ok: true } | { ok: false; errors: FormErrors } | { ok: false; reason: "notFound" | "forbidden" }> {
  if (!(await isChapterLead(db, user, chapterId))) return { ok: false, reason: "forbidden" };
  const note = noteInput.trim();
  if (decision === "cancel" && !note) return { ok: false, errors: { note: ["errors.required"] } };
  if (note.length > CANCEL_REASON_MAX) return { ok: false, errors: { note: [`errors.tooLongMax?max=${CANCEL_REASON_MAX}`] } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, regionCode: tutoringRequests.regionCode, tutorId: tutoringRequests.tutorId, erasedAt: tutoringRequests.erasedAt })
      .from(tutoringRequests)
      .where(and(eq(tutoringRequests.id, requestId), eq(tutoringRequests.chapterId, chapterId)))
      .for("update");
    if (!row) return { ok: false as const, reason: "notFound" as const };
    // an erased request is closed for good: no note outlives the erasure
    if (!LEAD_FROM[decision].includes(row.status) || row.erasedAt) return { ok: false as const, errors: { note: ["tutoring.closed"] } };
    const to: TutoringStatus = decision === "cancel" ? "cancelled" : "unmatched";
    await tx
      .update(tutoringRequests)
      .set({ status: to, cancelReason: decision === "cancel" ? note : null, updatedAt: new Date(), closedAt: new Date() })
      .where(eq(tutoringRequests.id, row.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: row.status, toStatus: to, actorKind: "user", actorId: user.id, note: note || null });
    if (decision === "cancel") await onRequestCancelled(tx, row, false, note);
    else if (await closePendingOffer(tx, row.id, "withdrawn"))
      await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: to, toStatus: to, actorKind: "user", actorId: user.id, note: HISTORY_NOTE.offerWithdrawn });
    return { ok: true as const };
  });
}

/** Plain-word label keys of the statuses, shared by the tracking and lead pages. */
export function statusKey(status: TutoringStatus): string {
  return `tutoring.status.${status}`;
}

export type RateResult = { ok: true } | { ok: false; errors: FormErrors } | { ok: false; notFound: true };

/** After completion the learner rates the tutoring once (1–5) with an optional comment, through the tracking link. */
export async function rateByToken(db: Db, token: string, ratingInput: string, commentInput: string): Promise<RateResult> {
  const rating = Number(ratingInput);
  const comment = commentInput.trim();
  const errors: FormErrors = {};
  if (!ratingInput || !Number.isInteger(rating) || rating < 1 || rating > 5) errors.rating = ["tutoring.rate.required"];
  if (comment.length > RATING_COMMENT_MAX) errors.comment = [`errors.tooLongMax?max=${RATING_COMMENT_MAX}`];
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, notFound: true };
  const rated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(tutoringRequests)
      .set({ rating, ratingComment: comment || null, ratedAt: new Date() })
      .where(and(eq(tutoringRequests.tokenHash, hashToken(token)), eq(tutoringRequests.status, "completed"), sql`${tutoringRequests.rating} is null`, sql`${tutoringRequests.erasedAt} is null`))
      .returning({ id: tutoringRequests.id });
    const row = rows[0];
    if (row) await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: "completed", toStatus: "completed", actorKind: "learner", note: HISTORY_NOTE.rated });
    return Boolean(row);
  });
  if (rated) return { ok: true };
  const exists = await getRequestByToken(db, token);
  if (!exists) return { ok: false, notFound: true };
  // an erased request takes no new free text (its comment would outlive the erasure)
  if (exists.erasedAt) return { ok: false, errors: { rating: ["privacy.learner.erased"] } };
  return { ok: false, errors: { rating: [exists.rating ? "tutoring.rate.already" : "tutoring.rate.notYet"] } };
}

export type TopicAdmin = { id: number; slug: string; nameId: string; nameEn: string; skills: string[]; active: boolean; requests: number };

/** The managed topic list for admins: every topic (inactive too), the skills a tutor needs, how often asked. */
export async function listTopicsWithCounts(db: Db): Promise<TopicAdmin[]> {
  const rows = await db
    .select({
      id: learningTopics.id,
      slug: learningTopics.slug,
      nameId: learningTopics.nameId,
      nameEn: learningTopics.nameEn,
      skills: learningTopics.skills,
      active: learningTopics.active,
      requests: sql<number>`(select count(*)::int from ${tutoringRequests} where ${tutoringRequests.topics} ? ${learningTopics.slug})`,
    })
    .from(learningTopics)
    .orderBy(asc(learningTopics.id));
  return rows.map((r) => ({ ...r, requests: Number(r.requests) }));
}

const topicSchema = z.object({
  nameId: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  skills: manyStrings,
});

export type TopicInput = z.infer<typeof topicSchema>;

export function parseTopicForm(form: FormData) {
  return parseForm(topicSchema, form);
}


/**
 * Adds a topic (id null) or renames one and sets the skills a tutor needs for it. The slug is made once, from
 * the Indonesian name, and never changes: requests store slugs.
 */
export async function saveTopic(db: Db, id: number | null, input: TopicInput): Promise<{ ok: true } | { ok: false; errors: FormErrors } | { ok: false; notFound: true }> {
  const skillSlugs = [...new Set(input.skills)];
  if (skillSlugs.length) {
    const known = await db.select({ slug: skills.slug }).from(skills).where(inArray(skills.slug, skillSlugs));
    if (known.length !== skillSlugs.length) return { ok: false, errors: { skills: ["errors.invalid"] } };
  }
  return db.transaction(async (tx) => {
    if (id !== null) {
      const [exists] = await tx.select({ id: learningTopics.id }).from(learningTopics).where(eq(learningTopics.id, id));
      if (!exists) return { ok: false as const, notFound: true as const };
    }
    // "dasar  komputer" is the topic "Dasar Komputer": names are compared as people read them, renames too
    const taken = takenErrors(await catalogueNamesTaken(tx, TOPIC_LIST, input, id), "tutoring.admin.duplicate");
    if (taken) return { ok: false as const, errors: taken };
    if (id === null) {
      const rows = await tx
        .insert(learningTopics)
        .values({ slug: slugify(input.nameId, "topik"), nameId: input.nameId, nameEn: input.nameEn, skills: skillSlugs })
        .onConflictDoNothing({ target: learningTopics.slug })
        .returning({ id: learningTopics.id });
      return rows.length ? { ok: true as const } : { ok: false as const, errors: { nameId: ["tutoring.admin.duplicate"] } };
    }
    await tx.update(learningTopics).set({ nameId: input.nameId, nameEn: input.nameEn, skills: skillSlugs }).where(eq(learningTopics.id, id));
    return { ok: true as const };
  });
}

const TOPIC_LIST = { table: learningTopics, id: learningTopics.id, nameId: learningTopics.nameId, nameEn: learningTopics.nameEn, lock: "learning_topic" };

/** An inactive topic leaves the public form; requests that chose it keep it. */
export async function setTopicActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const rows = await db.update(learningTopics).set({ active }).where(eq(learningTopics.id, id)).returning({ id: learningTopics.id });
  return rows.length > 0;
}
