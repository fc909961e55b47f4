import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { eventParticipantTickets, eventParticipants, events, GENDERS } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { qrSvg } from "~/services/qr-svg.server";
import { CHECKIN_CLOSES_MS, CHECKIN_OPENS_MS } from "~/models/events/signups.server";
import { formatWhatsapp, normalizeWhatsapp, phoneForSpreadsheet } from "~/models/accounts/whatsapp";
import { checkGuardian, guardianFormFields, guardianOf } from "~/models/privacy/guardian.server";
import { PRIVACY_VERSION } from "~/models/privacy/notice";
import { asLocale, doorCodeAsTyped, eventSummary, PARTICIPANT_REMINDER_JOB, participantReminderKey, scheduleParticipantReminder, utcToLocal, type EventChange } from "~/models/events/events.server";
import { eventIcs, icsAttachment } from "~/models/events/calendar.server";
import { hitRateLimit, peekRateLimit } from "~/services/rate-limit.server";
import { queueEmail, queueEmails, type QueuedEmail } from "~/services/outbox.server";
import type { JobContext } from "~/services/jobs.server";
import { spreadsheetCsv, type CsvDelimiter } from "~/services/csv.server";
import { logDataAccess, logDataAccessOnce } from "~/models/privacy/access-log.server";
import { translator } from "~/i18n/dictionaries.server";
import { zoneAbbr } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";

/** Public forms: per address (a venue's Wi-Fi is shared by many, so generous) and per event (a flood from many addresses). */
export const PARTICIPANT_LIMITS = { perAddress: { limit: 40, windowSeconds: 600 }, perEvent: { limit: 2000, windowSeconds: 3600 } } as const;

const phoneField = z
  .string()
  .trim()
  .max(30)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const r = normalizeWhatsapp(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    return r.value;
  });

const personFields = {
  name: z.string().trim().min(1).max(120),
  institutionName: z.string().trim().max(160).optional(),
  gender: z.enum(GENDERS).optional(),
  phone: phoneField,
};

/**
 * Under 18 or not is a required answer on both public forms; under 18, a parent's or guardian's name, contact and
 * consent (UU PDP art. 25, DECISIONS 125). The child's own phone and email stay optional, as for everyone.
 */
function withGuardian<T extends { minor?: string; guardianName?: string; guardianContact?: string; guardianConsent?: string }>(v: T) {
  const { minor, guardianName, guardianContact, guardianConsent: _consent, ...rest } = v;
  return { ...rest, ...guardianOf({ minor, guardianName, guardianContact }) };
}

export const participantSchema = z
  .object({ code: z.string().trim().min(1).max(12), ...personFields, ...guardianFormFields })
  .superRefine((v, ctx) => checkGuardian(v, ctx, "events.minor.required"))
  .transform(withGuardian);

export const aheadSchema = z
  .object({ ...personFields, email: z.string().trim().toLowerCase().max(254).email("errors.email").optional(), ...guardianFormFields })
  .superRefine((v, ctx) => checkGuardian(v, ctx, "events.minor.required"))
  .transform(withGuardian);

const HONORIFICS = /^(bapak|bpk|pak|ibu|bu|sdr|sdri|saudara|saudari|kak|mas|mbak|hj|h|haji|hajah|hajjah|kh|ust|ustad|ustadz|ustaz|ustadzah|ustazah|dr|drs|dra|ir|prof|ny|nyonya|tn|tuan)\s+/;

/**
 * Academic degrees written after a name, as their words come out of it ("S.Pd.I" → "s pd i", "A.Md.Kep" → "a md
 * kep"): teachers, village staff and civil servants sign with them, and the same person writes them once and not
 * the next time. Only the degrees' own spellings: "M. Ali" or "Rudi M" keep their letters.
 */
const DEGREE_PART = "pd|kom|e|h|t|sos|ag|si|ip|kep|ked|farm|psi|km|tr|sn|hum|kes|th|gz|ak|stat|mat|ds|sy|pt|pi|hi|p|ikom|ft|kel|hut|ars|ikes";
const DEGREES = new RegExp(
  `(?: (?:(?:s|m) (?:${DEGREE_PART})(?: i)?|s i kom|m m|m a|m sc|a md(?: [a-z]{1,4})?|amd(?: [a-z]{1,4})?|ph d|phd|spd|spdi|skom|se|sh|st|mm|mh|mt|msi|mpd|mkom|mba|msc|lc|ns|apt))+$`,
);

/**
 * "Bpk. Ahmad  Fauzi" at "SMP Negeri 1 Jember" and "ahmad fauzi" at "SMPN 1 Jember" are the same person. Letters and
 * digits of every script count (محمد and فاطمة, 王小明 and 李华 are two people), with the marks that spell them (Hindi
 * vowel signs, Japanese voicing marks); Latin accents, Arabic vowel points and tatweel, and emoji variation selectors
 * are dropped. Stored in event_participant.person_key: a name that is all ASCII after dropping accents keeps its old key.
 */
export function normalisePersonName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]|\u0640|\p{Variation_Selector}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}][\p{L}\p{N}\p{Mn}\p{Mc}]*/gu);
  let s = words ? words.join(" ") : "";
  while (HONORIFICS.test(s)) s = s.replace(HONORIFICS, "");
  // "Siti Aminah, S.Pd." is Siti Aminah (a name made of nothing but such letters stays as it is)
  const bare = s.replace(DEGREES, "");
  return bare === "" ? s : bare;
}

function normaliseInstitution(name: string | undefined | null): string {
  return (name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\bnegeri\b/g, "n")
    .replace(/\bswasta\b/g, "s")
    .replace(/\b(pondok pesantren|ponpes|pp)\b/g, "pesantren")
    .replace(/[^a-z0-9]+/g, "");
}

export function personKey(name: string, institution?: string | null): string {
  return `${normalisePersonName(name)}|${normaliseInstitution(institution)}`;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function newCode(): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/**
 * Ticket secrets are stored as their sha-256 only (DECISIONS 74): a link can't be rebuilt from the database, so
 * whatever hands one out — the page after registering, a reminder, a promotion — mints a fresh token and keeps its
 * hash beside the earlier ones.
 */
export function ticketUrl(eventId: number, token: string): string {
  return `${env.APP_URL}/e/${eventId}/tiket/${token}`;
}

function newTicketToken(): string {
  return randomBytes(18).toString("base64url");
}

/** A ticket link for the registration form to carry (a new one per page): the same form sent twice is recognised. */
export function newFormTicket(): string {
  return newTicketToken();
}

const FORM_TICKET = /^[A-Za-z0-9_-]{24}$/;

async function addTicket(tx: Db, participantId: number, token: string): Promise<void> {
  await tx.insert(eventParticipantTickets).values({ tokenHash: sha256(token), participantId });
}

/** An e-mail carrying a fresh ticket link; the link's hash is kept only if the e-mail was queued (not a duplicate). */
async function queueTicketEmail(tx: Db, participantId: number, eventId: number, mail: QueuedEmail): Promise<void> {
  const token = newTicketToken();
  if (await queueEmail(tx, { ...mail, payload: { ...mail.payload, ticketUrl: ticketUrl(eventId, token) } })) await addTicket(tx, participantId, token);
}

/** As `queueTicketEmail` for everyone an event's change or reminder reaches: a few multi-row inserts in all. */
async function queueTicketEmails(tx: Db, eventId: number, list: { participantId: number; mail: QueuedEmail }[]): Promise<void> {
  const withTokens = list.map((x) => ({ ...x, token: newTicketToken() }));
  const queued = await queueEmails(tx, withTokens.map(({ mail, token }) => ({ ...mail, payload: { ...mail.payload, ticketUrl: ticketUrl(eventId, token) } })));
  const tickets = withTokens.filter((x) => queued.has(x.mail.dedupKey)).map((x) => ({ tokenHash: sha256(x.token), participantId: x.participantId }));
  for (let i = 0; i < tickets.length; i += 500) await tx.insert(eventParticipantTickets).values(tickets.slice(i, i + 500));
}

type Person = {
  name: string;
  institutionName?: string;
  gender?: (typeof GENDERS)[number];
  phone?: string;
  email?: string;
  /** under 18 (then with the guardian who consented); absent: not asked */
  minor?: boolean;
  guardian?: { name: string; contact: string } | null;
};
export type ParticipantForm = Person & { code: string };
export type AheadForm = Person;

export type AddResult =
  | {
      ok: true;
      already: boolean;
      participantId: number;
      status: "confirmed" | "waitlisted";
      waitlistPosition: number | null;
      token: string | null;
      code: string | null;
      /** a repeat ahead with the address the registration already had: its link went there */
      ticketEmailed?: boolean;
    }
  | { ok: false; reason: "notFound" | "closed" | "tooMany"; retryAfterSeconds?: number };

async function checkLimits(db: Db, eventId: number, ip: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const a = await hitRateLimit(db, `participant:ip:${ip}`, PARTICIPANT_LIMITS.perAddress.limit, PARTICIPANT_LIMITS.perAddress.windowSeconds);
  if (!a.allowed) return a;
  return hitRateLimit(db, `participant:event:${eventId}`, PARTICIPANT_LIMITS.perEvent.limit, PARTICIPANT_LIMITS.perEvent.windowSeconds);
}

/**
 * Is the name typed with a phone already in the list the name of the person typed before (both normalised)? The same
 * name, the same letters with the spaces elsewhere ("Nur Aini" / "Nuraini", "عبد الله" / "عبدالله"), or a typo in one
 * word: one word differs, by at most two letters, and both spellings of it have six letters or more and end alike
 * ("Muhamad" / "Muhammad"). A name of only emoji or punctuation says nothing, so the phone decides. Any other name on
 * the same phone is another person: a teacher's number typed for each of her pupils, a family's one phone, where
 * brothers and sisters share a family name or a "bin"/"binti" and differ in a short first name ("Adi bin Yusuf" /
 * "Ari bin Yusuf", "Siti Rahayu" / "Sari Rahayu", "Putra Wijaya" / "Putri Wijaya"). Two rows for one person are
 * marked as look-alikes in the lead's list and merged there; one row for two people would lose one of them unseen.
 */
function sameNameOnPhone(a: string, b: string): boolean {
  if (a === "" || b === "") return true;
  if (a === b || a.replace(/ /g, "") === b.replace(/ /g, "")) return true;
  const wa = a.split(" ");
  const wb = b.split(" ");
  if (wa.length !== wb.length) return false;
  const differing = wa.map((w, i) => [w, wb[i] ?? ""] as const).filter(([x, y]) => x !== y);
  if (differing.length !== 1) return false;
  const [x, y] = differing[0] ?? ["", ""];
  return Math.min([...x].length, [...y].length) >= 6 && x.slice(-1) === y.slice(-1) && levenshtein(x, y) <= 2;
}

/**
 * One person into the event's list, under the event row's lock (so capacity and "the same person" hold across
 * app processes, and two presses of one person at once make one row): a repeat — the same phone with the same (or a
 * look-alike) name, or the same normalised name and institution without two different phones — is merged into the
 * first row; the same phone with another name is another person (a teacher's number for her pupils, a family's one
 * phone). A walk-in at the door is checked in at once; a registration ahead is confirmed while places remain, else
 * waitlisted in arrival order.
 */
async function addPerson(tx: Db, eventId: number, p: Person, source: "ahead" | "door", now: Date, locale: "id" | "en" = "id", ticket: string | null = null): Promise<AddResult> {
  // the forms' schemas refuse this with a message; nothing else may store a child without a guardian's consent
  if (p.minor && !p.guardian) throw new Error("a participant under 18 needs a parent's or guardian's consent");
  const guardian = p.guardian ? { guardianName: p.guardian.name, guardianContact: p.guardian.contact, guardianConsentAt: now, guardianConsentVersion: PRIVACY_VERSION } : null;
  const [ev] = await tx.select({ capacity: events.participantCapacity }).from(events).where(eq(events.id, eventId)).for("update");
  if (!ev) return { ok: false, reason: "notFound" };
  const key = personKey(p.name, p.institutionName);
  const name = normalisePersonName(p.name);
  // a name of only emoji or punctuation says nothing about who it is: such a person is matched by phone alone
  const byName = name !== "";
  const sameNumber = p.phone ? eq(eventParticipants.phone, p.phone) : undefined;
  const sameName = byName ? eq(eventParticipants.personKey, key) : undefined;
  const candidates =
    sameNumber || sameName
      ? await tx
          .select({
            id: eventParticipants.id,
            name: eventParticipants.name,
            phone: eventParticipants.phone,
            email: eventParticipants.email,
            locale: eventParticipants.locale,
            personKey: eventParticipants.personKey,
            status: eventParticipants.status,
            waitlistPosition: eventParticipants.waitlistPosition,
            code: eventParticipants.code,
          })
          .from(eventParticipants)
          .where(and(eq(eventParticipants.eventId, eventId), or(sameNumber, sameName)))
          .orderBy(asc(eventParticipants.id))
      : [];
  // the same name and institution with a phone one digit off ("812345678900" for 0812-3456-7890) is a typo, not a namesake
  const same =
    candidates.find((c) => p.phone && c.phone === p.phone && sameNameOnPhone(normalisePersonName(c.name), name)) ??
    candidates.find((c) => byName && c.personKey === key && (!c.phone || !p.phone || levenshtein(c.phone, p.phone) <= 1));
  if (same) {
    const code = same.code ?? (source === "ahead" ? await freeCode(tx, eventId) : null);
    await tx
      .update(eventParticipants)
      .set({
        repeats: sql`${eventParticipants.repeats} + 1`,
        phone: sql`coalesce(${eventParticipants.phone}, ${p.phone ?? null})`,
        email: sql`coalesce(${eventParticipants.email}, ${p.email ?? null})`,
        gender: sql`coalesce(${eventParticipants.gender}, ${p.gender ?? null})`,
        institutionName: sql`coalesce(${eventParticipants.institutionName}, ${p.institutionName ?? null})`,
        // "under 18" once said stays; a guardian's consent given now is kept unless one was given before
        ...(p.minor !== undefined ? { isMinor: p.minor ? true : sql`coalesce(${eventParticipants.isMinor}, false)` } : {}),
        ...(guardian
          ? {
              guardianName: sql`coalesce(${eventParticipants.guardianName}, ${guardian.guardianName})`,
              guardianContact: sql`coalesce(${eventParticipants.guardianContact}, ${guardian.guardianContact})`,
              guardianConsentAt: sql`coalesce(${eventParticipants.guardianConsentAt}, ${now.toISOString()}::timestamptz)`,
              guardianConsentVersion: sql`coalesce(${eventParticipants.guardianConsentVersion}, ${guardian.guardianConsentVersion})`,
            }
          : {}),
        // the address given now is written to in the language of the page it was given on
        ...(p.email ? { locale: sql`case when ${eventParticipants.email} is null then ${locale} else ${eventParticipants.locale} end` } : {}),
        code,
        ...(source === "door" ? { checkedInAt: sql`coalesce(${eventParticipants.checkedInAt}, ${now.toISOString()}::timestamptz)` } : {}),
      })
      .where(eq(eventParticipants.id, same.id));
    // a repeat is never handed a ticket link: whoever typed a name and phone may not be that person. The address
    // the registration already had may have it, though: someone who lost the first page (or registers again on
    // another phone) gets there the link to see or cancel it, at most once a day
    let ticketEmailed = false;
    if (source === "ahead" && p.email && same.email === p.email) {
      const ev = await eventSummary(tx, eventId);
      if (ev) {
        await queueTicketEmail(tx, same.id, eventId, {
          to: same.email,
          template: "participant-ticket",
          locale: asLocale(same.locale),
          payload: { name: same.name, code, event: { ...ev, url: `${env.APP_URL}/e/${eventId}` } },
          dedupKey: `participant-ticket:${same.id}:${now.toISOString().slice(0, 10)}`,
        });
        ticketEmailed = true;
      }
    }
    return { ok: true, already: true, participantId: same.id, status: same.status, waitlistPosition: same.waitlistPosition, token: null, code, ticketEmailed };
  }
  let status: "confirmed" | "waitlisted" = "confirmed";
  let waitlistPosition: number | null = null;
  if (source === "ahead" && ev.capacity !== null) {
    const [c] = await tx
      .select({ confirmed: sql<number>`count(*) filter (where ${eventParticipants.status} = 'confirmed')::int`, lastPos: sql<number>`coalesce(max(${eventParticipants.waitlistPosition}), 0)::int` })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId));
    if ((c?.confirmed ?? 0) >= ev.capacity) {
      status = "waitlisted";
      waitlistPosition = (c?.lastPos ?? 0) + 1;
    }
  }
  const code = source === "ahead" ? await freeCode(tx, eventId) : null;
  const [row] = await tx
    .insert(eventParticipants)
    .values({
      eventId,
      name: p.name,
      institutionName: p.institutionName ?? null,
      gender: p.gender ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      personKey: key,
      source,
      status,
      waitlistPosition,
      code,
      checkedInAt: source === "door" ? now : null,
      locale,
      isMinor: p.minor ?? null,
      ...guardian,
      createdAt: now,
    })
    .returning({ id: eventParticipants.id });
  const participantId = row?.id ?? 0;
  const token = source === "ahead" ? (ticket ?? newTicketToken()) : null;
  if (token) await addTicket(tx, participantId, token);
  return { ok: true, already: false, participantId, status, waitlistPosition, token, code };
}

async function freeCode(tx: Db, eventId: number): Promise<string> {
  for (;;) {
    const code = newCode();
    const [taken] = await tx.select({ id: eventParticipants.id }).from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.code, code)));
    if (!taken) return code;
  }
}

/** "refused" covers a wrong code and a closed window alike: the answer never confirms a code. */
export type RegisterResult = { ok: true; already: boolean } | { ok: false; reason: "refused" | "tooMany"; retryAfterSeconds?: number };

/**
 * Failed door attempts, counted per address and event (a hall shares one Wi-Fi, so successes never count here) and
 * per event from everywhere (guessing spread over many addresses). 300 guesses against 32^6 ≈ 10^9 codes: nil chance.
 */
export const DOOR_LIMITS = {
  perIp: { limit: 10, windowSeconds: 15 * 60 },
  perEvent: { limit: 300, windowSeconds: 60 * 60 },
} as const;

// the event's code as typed at the door (read aloud, copied, full-width): the same reading as a volunteer's check-in
export { doorCodeAsTyped };

function sameCode(expected: string, typed: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(doorCodeAsTyped(typed));
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A participant registers at the door. The on-site code (shown by the lead, in the QR code) keeps the form from being
 * filled from afar; it only opens from 3 hours before the start until a day after the end. A wrong code and a right
 * code outside that window get the same answer, so nobody can find the code ahead of time, and failures are rate
 * limited. A repeat (same phone, or same name and institution) is merged and told so.
 */
export async function registerParticipant(db: Db, input: { eventId: number; form: ParticipantForm; ip?: string; now?: Date }): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  const ipKey = `door:ip:${input.eventId}:${input.ip ?? "unknown"}`;
  const eventKey = `door:event:${input.eventId}`;
  if (
    (await peekRateLimit(db, ipKey, DOOR_LIMITS.perIp.windowSeconds)) >= DOOR_LIMITS.perIp.limit ||
    (await peekRateLimit(db, eventKey, DOOR_LIMITS.perEvent.windowSeconds)) >= DOOR_LIMITS.perEvent.limit
  )
    return { ok: false, reason: "tooMany" };
  const [ev] = await db
    .select({ code: events.checkinCode, status: events.status, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(and(eq(events.id, input.eventId), inArray(events.status, ["published", "completed"])));
  const open = !!ev && now.getTime() >= ev.startsAt.getTime() - CHECKIN_OPENS_MS && now.getTime() <= ev.endsAt.getTime() + CHECKIN_CLOSES_MS;
  const right = !!ev && sameCode(ev.code, input.form.code);
  if (!open || !right) {
    await hitRateLimit(db, ipKey, DOOR_LIMITS.perIp.limit, DOOR_LIMITS.perIp.windowSeconds);
    await hitRateLimit(db, eventKey, DOOR_LIMITS.perEvent.limit, DOOR_LIMITS.perEvent.windowSeconds);
    return { ok: false, reason: "refused" };
  }
  if (input.ip) {
    const limit = await checkLimits(db, input.eventId, input.ip);
    if (!limit.allowed) return { ok: false, reason: "tooMany", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const { code: _code, ...person } = input.form;
  const r = await db.transaction((tx) => addPerson(tx, input.eventId, person, "door", now));
  if (!r.ok) return { ok: false, reason: "refused" };
  return { ok: true, already: r.already };
}

/** Is the event open for registration ahead? Published, not cancelled, not yet started. */
export function openForRegistration(ev: { status: string; startsAt: Date }, now = new Date()): boolean {
  return ev.status === "published" && ev.startsAt.getTime() > now.getTime();
}

/**
 * A member of the public registers ahead (no account). Returns the secret of the confirmation page. A reminder
 * the day before goes to those who gave an e-mail address.
 */
export async function registerAhead(db: Db, input: { eventId: number; form: AheadForm; ip?: string; locale?: "id" | "en"; now?: Date; ticket?: string | null }): Promise<AddResult> {
  const now = input.now ?? new Date();
  // the form's own ticket (newFormTicket): sent again (a second tap, a resend after the answer was lost on the way)
  // it finds the registration it made and leads to its ticket, which the first answer may never have shown
  let ticket = input.ticket && FORM_TICKET.test(input.ticket) ? input.ticket : null;
  if (ticket) {
    const made = await registrationOfTicket(db, input.eventId, ticket);
    if (made === "elsewhere") return registerAhead(db, { ...input, ticket: null });
    if (made) return made;
  }
  const [ev] = await db.select({ status: events.status, startsAt: events.startsAt }).from(events).where(eq(events.id, input.eventId));
  if (!ev || ev.status === "draft") return { ok: false, reason: "notFound" };
  if (!openForRegistration(ev, now)) return { ok: false, reason: "closed" };
  if (input.ip) {
    const limit = await checkLimits(db, input.eventId, input.ip);
    if (!limit.allowed) return { ok: false, reason: "tooMany", retryAfterSeconds: limit.retryAfterSeconds };
  }
  return db.transaction(async (tx) => {
    // two presses at once: the second waits for the event's lock, then finds the first one's registration
    await tx.select({ id: events.id }).from(events).where(eq(events.id, input.eventId)).for("update");
    if (ticket) {
      const made = await registrationOfTicket(tx, input.eventId, ticket);
      if (made === "elsewhere") ticket = null;
      else if (made) return made;
    }
    const r = await addPerson(tx, input.eventId, input.form, "ahead", now, input.locale, ticket);
    if (r.ok && input.form.email) {
      const remindAt = ev.startsAt.getTime() - 24 * 3600_000;
      // the event's one reminder job may already have run: whoever registers within its last day is reminded now
      if (remindAt <= now.getTime()) await remindParticipants(tx, input.eventId, { participantId: r.participantId, now });
      else await scheduleParticipantReminder(tx, input.eventId, now);
    }
    return r;
  });
}

/** The registration a form's ticket made, "elsewhere" when the ticket belongs to another event's registration. */
async function registrationOfTicket(db: Db, eventId: number, ticket: string): Promise<AddResult | "elsewhere" | null> {
  const [r] = await db
    .select({ id: eventParticipants.id, eventId: eventParticipants.eventId, status: eventParticipants.status, waitlistPosition: eventParticipants.waitlistPosition, code: eventParticipants.code })
    .from(eventParticipantTickets)
    .innerJoin(eventParticipants, eq(eventParticipants.id, eventParticipantTickets.participantId))
    .where(eq(eventParticipantTickets.tokenHash, sha256(ticket)));
  if (!r) return null;
  if (r.eventId !== eventId) return "elsewhere";
  return { ok: true, already: false, participantId: r.id, status: r.status === "waitlisted" ? "waitlisted" : "confirmed", waitlistPosition: r.waitlistPosition, token: ticket, code: r.code };
}

export { PARTICIPANT_REMINDER_JOB, participantReminderKey };

/** The day before: an e-mail with the .ics to every confirmed participant who gave an address. */
export async function sendParticipantReminders(payload: Record<string, unknown>, { db }: JobContext): Promise<void> {
  const { eventId } = z.object({ eventId: z.number().int() }).parse(payload);
  await db.transaction((tx) => remindParticipants(tx, eventId, {}));
}

/** The reminder of every confirmed participant with an address (or of one): once per person and local date of the start. */
async function remindParticipants(tx: Db, eventId: number, { participantId, now = new Date() }: { participantId?: number; now?: Date }): Promise<void> {
  const ev = await eventSummary(tx, eventId);
  if (!ev || ev.status !== "published") return;
  // sent at registration within the last day, the reminder may come the morning of the event itself
  const today = utcToLocal(new Date(ev.startsAt), ev.timeZone).date === utcToLocal(now, ev.timeZone).date;
  const rows = await tx
    .select({ id: eventParticipants.id, name: eventParticipants.name, email: eventParticipants.email, code: eventParticipants.code, locale: eventParticipants.locale })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "confirmed"), isNotNull(eventParticipants.email), participantId ? eq(eventParticipants.id, participantId) : undefined));
  const ics = rows.length > 0 ? await eventIcs(tx, eventId) : null;
  const date = utcToLocal(new Date(ev.startsAt), ev.timeZone).date;
  await queueTicketEmails(
    tx,
    eventId,
    rows.flatMap((r) =>
      r.email
        ? [
            {
              participantId: r.id,
              mail: {
                to: r.email,
                template: "participant-reminder",
                locale: asLocale(r.locale),
                payload: { name: r.name, code: r.code, today, event: { ...ev, url: `${env.APP_URL}/e/${eventId}` }, attachments: icsAttachment(eventId, ics) },
                // once per person and local date of the start: a move to another day reminds again, a move within the day not
                dedupKey: `participant-reminder:${eventId}:${date}:${r.id}`,
              },
            },
          ]
        : [],
    ),
  );
}

/**
 * The event was cancelled (in the cancelling transaction): everyone registered ahead or waiting who gave an e-mail
 * address is told not to come. Their day-before reminder no longer goes out (it checks the event is published).
 */
export async function notifyParticipantsCancelled(tx: Db, eventId: number): Promise<void> {
  const ev = await eventSummary(tx, eventId);
  if (!ev) return;
  const rows = await tx
    .select({ id: eventParticipants.id, name: eventParticipants.name, email: eventParticipants.email, locale: eventParticipants.locale })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), isNull(eventParticipants.checkedInAt), isNotNull(eventParticipants.email)));
  await queueEmails(
    tx,
    rows.flatMap((r) =>
      r.email
        ? [{ to: r.email, template: "participant-cancelled", locale: asLocale(r.locale), payload: { name: r.name, event: { ...ev, url: `${env.APP_URL}/e/${eventId}` } }, dedupKey: `participant-cancelled:${eventId}:${r.id}` }]
        : [],
    ),
  );
}

/**
 * The lead moved the event, changed its venue or its title (in the saving transaction): everyone registered ahead or
 * waiting who gave an e-mail address hears of it with the latest details, a fresh link to their ticket and, holding a
 * place, the event's .ics. Volunteers are told by the event's own emails; walk-ins at the door were already there.
 */
export async function notifyParticipantsChanged(tx: Db, eventId: number, input: { sequence: number; changes: EventChange[] }): Promise<void> {
  const ev = await eventSummary(tx, eventId);
  if (!ev || ev.status !== "published") return;
  const rows = await tx
    .select({ id: eventParticipants.id, name: eventParticipants.name, email: eventParticipants.email, code: eventParticipants.code, status: eventParticipants.status, locale: eventParticipants.locale })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.source, "ahead"), isNull(eventParticipants.checkedInAt), isNotNull(eventParticipants.email)));
  const ics = rows.length > 0 ? await eventIcs(tx, eventId) : null;
  // one statement per hundred people, not two per person: the lead's save holds the event row's lock meanwhile
  await queueTicketEmails(
    tx,
    eventId,
    rows.flatMap((r) =>
      r.email
        ? [
            {
              participantId: r.id,
              mail: {
                to: r.email,
                template: "participant-changed",
                locale: asLocale(r.locale),
                payload: {
                  name: r.name,
                  code: r.code,
                  changes: input.changes,
                  event: { ...ev, url: `${env.APP_URL}/e/${eventId}` },
                  attachments: icsAttachment(eventId, r.status === "confirmed" ? ics : null),
                },
                dedupKey: `participant-changed:${eventId}:${input.sequence}:${r.id}`,
              },
            },
          ]
        : [],
    ),
  );
}

/** The confirmation page: only whoever holds the token (the person who registered). */
export async function registrationTicket(db: Db, input: { eventId: number; token: string }) {
  if (!Number.isInteger(input.eventId) || input.token.length < 20 || input.token.length > 40) return null;
  const [r] = await db
    .select({
      id: eventParticipants.id,
      name: eventParticipants.name,
      code: eventParticipants.code,
      status: eventParticipants.status,
      waitlistPosition: eventParticipants.waitlistPosition,
      checkedInAt: eventParticipants.checkedInAt,
      email: eventParticipants.email,
      isMinor: eventParticipants.isMinor,
      guardianName: eventParticipants.guardianName,
      guardianContact: eventParticipants.guardianContact,
      guardianConsentAt: eventParticipants.guardianConsentAt,
    })
    .from(eventParticipantTickets)
    .innerJoin(eventParticipants, eq(eventParticipants.id, eventParticipantTickets.participantId))
    .where(and(eq(eventParticipantTickets.tokenHash, sha256(input.token)), eq(eventParticipants.eventId, input.eventId)));
  if (!r) return null;
  const ev = await eventSummary(db, input.eventId);
  if (!ev) return null;
  return {
    event: { id: ev.id, title: ev.title, startsAt: ev.startsAt, timeZone: ev.timeZone, place: [ev.venue, ev.regionName].filter(Boolean).join(", "), cancelled: ev.status === "cancelled" },
    person: { name: r.name, code: r.code, status: r.status, waitlistPosition: r.waitlistPosition, checkedIn: r.checkedInAt !== null, email: r.email },
    // under 18: what was given for the guardian and when, so the family can check it (the ticket link is the
    // secret; retention deletes the ticket with the guardian's contact)
    guardian:
      r.isMinor && r.guardianName && r.guardianConsentAt
        ? { name: r.guardianName, contact: r.guardianContact?.startsWith("+") ? formatWhatsapp(r.guardianContact) : (r.guardianContact ?? ""), consentAt: r.guardianConsentAt }
        : null,
  };
}

/** The person cancels from the confirmation page; the first on the waitlist moves up. */
export async function cancelAhead(db: Db, input: { eventId: number; token: string }): Promise<boolean> {
  if (!Number.isInteger(input.eventId)) return false;
  return db.transaction(async (tx) => {
    const holder = tx.select({ id: eventParticipantTickets.participantId }).from(eventParticipantTickets).where(eq(eventParticipantTickets.tokenHash, sha256(input.token)));
    await tx.select({ id: events.id }).from(events).where(eq(events.id, input.eventId)).for("update");
    const rows = await tx
      .delete(eventParticipants)
      .where(and(eq(eventParticipants.eventId, input.eventId), inArray(eventParticipants.id, holder), isNull(eventParticipants.checkedInAt)))
      .returning({ id: eventParticipants.id });
    if (!rows.length) return false;
    await refillPlaces(tx, input.eventId);
    return true;
  });
}

/**
 * A ticket link that opens nothing, yet has a ticket's shape, on an event people can see: its registration was
 * cancelled (or removed by the organisers). Nothing is kept of a cancelled ticket, so a made-up link of that shape
 * is told the same, which tells nothing about anyone.
 */
export async function ticketGone(db: Db, input: { eventId: number; token: string }): Promise<boolean> {
  if (!Number.isInteger(input.eventId) || !FORM_TICKET.test(input.token)) return false;
  const [ev] = await db.select({ status: events.status }).from(events).where(eq(events.id, input.eventId));
  if (!ev || ev.status === "draft") return false;
  const [held] = await db
    .select({ id: eventParticipants.id })
    .from(eventParticipantTickets)
    .innerJoin(eventParticipants, eq(eventParticipants.id, eventParticipantTickets.participantId))
    .where(and(eq(eventParticipantTickets.tokenHash, sha256(input.token)), eq(eventParticipants.eventId, input.eventId)));
  return !held;
}

export type TicketCancelResult = "cancelled" | "confirmRequired" | "checkedIn" | "gone" | "notFound";

/**
 * The ticket page's cancel button. The place goes at once to the first on the waitlist, so it takes a ticked
 * confirmation (a stray tap on a phone must not give it away). Sent again after it went through (a second tap on a
 * slow line, a resend after the answer was lost) the ticket is gone with the registration: "gone" (the page says
 * the registration is cancelled) for a ticket of the ticket's shape on an event people can see, not "not found".
 */
export async function cancelFromTicket(db: Db, input: { eventId: number; token: string; confirm: unknown }): Promise<TicketCancelResult> {
  if (!Number.isInteger(input.eventId)) return "notFound";
  const holder = await registrationTicket(db, input);
  if (!holder) return (await ticketGone(db, input)) ? "gone" : "notFound";
  if (holder.person.checkedIn) return "checkedIn";
  if (input.confirm !== "yes") return "confirmRequired";
  // checked in between the page and the press: the registration stays (cancelAhead keeps a checked-in one)
  return (await cancelAhead(db, input)) ? "cancelled" : (await registrationTicket(db, input)) ? "checkedIn" : "gone";
}

/**
 * After a place frees up (a cancellation, a merge, a larger hall): move the first on the waitlist up while places
 * remain, then renumber the waitlist. Call under the event row's lock.
 */
async function refillPlaces(tx: Db, eventId: number): Promise<void> {
  const [ev] = await tx.select({ capacity: events.participantCapacity }).from(events).where(eq(events.id, eventId));
  const [c] = await tx.select({ confirmed: sql<number>`count(*) filter (where ${eventParticipants.status} = 'confirmed')::int` }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
  const free = ev?.capacity === null || ev?.capacity === undefined ? Number.MAX_SAFE_INTEGER : ev.capacity - (c?.confirmed ?? 0);
  const waiting = await tx
    .select({ id: eventParticipants.id })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "waitlisted")))
    .orderBy(asc(eventParticipants.waitlistPosition), asc(eventParticipants.id));
  const promote = waiting.slice(0, Math.max(0, free)).map((w) => w.id);
  if (promote.length) {
    const moved = await tx
      .update(eventParticipants)
      .set({ status: "confirmed", waitlistPosition: null })
      .where(inArray(eventParticipants.id, promote))
      .returning({ id: eventParticipants.id, name: eventParticipants.name, email: eventParticipants.email, code: eventParticipants.code, locale: eventParticipants.locale });
    const ev = moved.some((m) => m.email) ? await eventSummary(tx, eventId) : null;
    for (const m of moved)
      if (m.email && ev)
        await queueTicketEmail(tx, m.id, eventId, {
          to: m.email,
          template: "participant-promoted",
          locale: asLocale(m.locale),
          payload: { name: m.name, code: m.code, event: { ...ev, url: `${env.APP_URL}/e/${eventId}` } },
          dedupKey: `participant-promoted:${m.id}`,
        });
  }
  const rest = waiting.slice(promote.length);
  for (const [i, w] of rest.entries()) await tx.update(eventParticipants).set({ waitlistPosition: i + 1 }).where(eq(eventParticipants.id, w.id));
}

/** The lead sets the hall's size (empty: no limit); a larger hall moves people up from the waitlist. */
export async function setParticipantCapacity(db: Db, input: { eventId: number; chapterId: number; capacity: number | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(events)
      .set({ participantCapacity: input.capacity })
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)))
      .returning({ id: events.id });
    if (!rows.length) return false;
    await refillPlaces(tx, input.eventId);
    return true;
  });
}

/**
 * Counts for the report form and the lead: the participant figure is who was checked in (at the door or by the
 * lead), each person once; the lead may still correct it in the report.
 */
export async function participantCounts(db: Db, eventId: number) {
  const [r] = await db
    .select({
      total: sql<number>`count(*) filter (where ${eventParticipants.checkedInAt} is not null)::int`,
      female: sql<number>`count(*) filter (where ${eventParticipants.checkedInAt} is not null and ${eventParticipants.gender} = 'female')::int`,
      male: sql<number>`count(*) filter (where ${eventParticipants.checkedInAt} is not null and ${eventParticipants.gender} = 'male')::int`,
      confirmed: sql<number>`count(*) filter (where ${eventParticipants.status} = 'confirmed' and ${eventParticipants.source} = 'ahead')::int`,
      waitlisted: sql<number>`count(*) filter (where ${eventParticipants.status} = 'waitlisted')::int`,
      walkIns: sql<number>`count(*) filter (where ${eventParticipants.source} = 'door')::int`,
      repeats: sql<number>`coalesce(sum(${eventParticipants.repeats}), 0)::int`,
    })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId));
  return { total: r?.total ?? 0, female: r?.female ?? 0, male: r?.male ?? 0, confirmed: r?.confirmed ?? 0, waitlisted: r?.waitlisted ?? 0, walkIns: r?.walkIns ?? 0, repeats: r?.repeats ?? 0 };
}

/** Public: places left for registration ahead (no names). */
export async function placesLeft(db: Db, eventId: number): Promise<{ capacity: number | null; confirmed: number; waitlisted: number }> {
  const [r] = await db
    .select({
      capacity: events.participantCapacity,
      confirmed: sql<number>`(select count(*) from ${eventParticipants} p where p.event_id = ${events.id} and p.status = 'confirmed')::int`,
      waitlisted: sql<number>`(select count(*) from ${eventParticipants} p where p.event_id = ${events.id} and p.status = 'waitlisted')::int`,
    })
    .from(events)
    .where(eq(events.id, eventId));
  return { capacity: r?.capacity ?? null, confirmed: r?.confirmed ?? 0, waitlisted: r?.waitlisted ?? 0 };
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** Every string made by deleting up to two characters (with the string itself). */
function deletions(s: string): Set<string> {
  const out = new Set([s]);
  for (let i = 0; i < s.length; i++) {
    const one = s.slice(0, i) + s.slice(i + 1);
    out.add(one);
    for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return out;
}

/**
 * For each name, the others that look like it: the same name, or (for a name of six characters or more) one at most
 * two letters apart. Two names within two edits share a string left after deleting at most two characters from each,
 * so only names sharing one are compared: comparing every pair took 0.8 s of the server's one thread for 500
 * participants and 12 s for 2,000, on each reload of the list at the door.
 */
function lookAlikeIndexes(names: string[]): number[][] {
  const byVariant = new Map<string, number[]>();
  names.forEach((n, i) => {
    if (n.length === 0) return;
    for (const v of deletions(n)) {
      const list = byVariant.get(v);
      if (list) list.push(i);
      else byVariant.set(v, [i]);
    }
  });
  return names.map((n, i) => {
    if (n.length === 0) return [];
    const found = new Set<number>();
    for (const v of deletions(n))
      for (const j of byVariant.get(v) ?? []) if (j !== i && !found.has(j) && (names[j] === n || (n.length >= 6 && levenshtein(n, names[j] ?? "") <= 2))) found.add(j);
    return [...found].sort((a, b) => a - b);
  });
}

/** The lead's list: everyone, with the look-alikes marked (same name elsewhere, or a name one or two letters apart). */
export async function listParticipants(db: Db, eventId: number, q?: string) {
  const rows = await db
    .select({
      id: eventParticipants.id,
      name: eventParticipants.name,
      institutionName: eventParticipants.institutionName,
      gender: eventParticipants.gender,
      phone: eventParticipants.phone,
      email: eventParticipants.email,
      personKey: eventParticipants.personKey,
      source: eventParticipants.source,
      status: eventParticipants.status,
      waitlistPosition: eventParticipants.waitlistPosition,
      code: eventParticipants.code,
      checkedInAt: eventParticipants.checkedInAt,
      repeats: eventParticipants.repeats,
      isMinor: eventParticipants.isMinor,
      guardianName: eventParticipants.guardianName,
      guardianContact: eventParticipants.guardianContact,
      guardianConsentAt: eventParticipants.guardianConsentAt,
      createdAt: eventParticipants.createdAt,
    })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.createdAt), asc(eventParticipants.id));
  const names = rows.map((r) => normalisePersonName(r.name));
  const alike = lookAlikeIndexes(names);
  const all = rows.map((r, i) => {
    const lookAlikes = (alike[i] ?? []).map((j) => rows[j]).flatMap((o) => (o ? [{ id: o.id, name: o.name, institutionName: o.institutionName }] : []));
    return { ...r, lookAlikes };
  });
  return matchingParticipants(all, q);
}

/** The lead's search: the ticket code, or the name read as names are (titles, accents and spacing do not count). */
function matchingParticipants<T extends { name: string; code: string | null }>(all: T[], q?: string): T[] {
  const query = q?.trim();
  if (!query) return all;
  const needle = normalisePersonName(query);
  const code = query.toUpperCase();
  return all.filter((r) => r.code === code || (needle.length > 0 && normalisePersonName(r.name).includes(needle)));
}

/** How many letters a typed word may be off from a word of a name: none for three letters, one up to six, then two. */
function lettersOff(typed: string): number {
  const n = [...typed].length;
  return n >= 7 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * How far a typed word is from the closest word of a name, or null. The start of a word counts whole ("nurh" is
 * "nurhaliza"), and from five letters typed a start with a typo too ("nurhalis" for "nurhaliza"); a shorter word is
 * compared whole ("huda" is not the start of "hidayat").
 */
function wordDistance(typed: string, nameWords: string[]): number | null {
  let best: number | null = null;
  const long = [...typed].length >= 5;
  for (const w of nameWords) {
    if (w.startsWith(typed)) return 0;
    const d = Math.min(levenshtein(typed, w), long ? levenshtein(typed, w.slice(0, typed.length)) : Infinity);
    if (d <= lettersOff(typed) && (best === null || d < best)) best = d;
  }
  return best;
}

/**
 * When the lead's search at the door finds nobody: who on the list they may have meant, the most alike only, at most 5
 * by name (DECISIONS 145). A name is offered when every typed word of three letters or more is in it, or a typo away
 * ("Nurhalisa" → Siti Nurhaliza, "Efendi" → Effendi, the words in another order); a ticket code one character off
 * offers its holder. The exact search stays the only answer whenever it finds someone.
 */
export function participantSuggestions(list: { name: string; code: string | null }[], query: string): { name: string; code: string | null; q: string }[] {
  const typed = normalisePersonName(query).split(" ").filter((w) => [...w].length >= 3);
  const code = query.trim().toUpperCase();
  const scored: { name: string; code: string | null; q: string; score: number }[] = [];
  for (const p of list) {
    if (/^[A-Z0-9]{6}$/.test(code) && p.code && p.code.length === 6 && [...p.code].filter((c, i) => c !== code[i]).length === 1) {
      scored.push({ name: p.name, code: p.code, q: p.code, score: 1 });
      continue;
    }
    if (typed.length === 0) continue;
    const words = normalisePersonName(p.name).split(" ");
    let score = 0;
    for (const t of typed) {
      const d = wordDistance(t, words);
      if (d === null) {
        score = -1;
        break;
      }
      score += d;
    }
    if (score >= 0) scored.push({ name: p.name, code: null, q: p.name, score });
  }
  // only the closest: "Huda Nur" offers Nur Huda, not every Nur whose surname is a letter from "Huda" as well
  const closest = Math.min(...scored.map((s) => s.score));
  const seen = new Set<string>();
  return scored
    .filter((s) => s.score === closest)
    .sort((a, b) => a.name.localeCompare(b.name, "id"))
    .filter((s) => !seen.has(s.q) && seen.add(s.q))
    .slice(0, 5)
    .map(({ name, code, q }) => ({ name, code, q }));
}

/** The lead checks in a person registered ahead (found by name or code); once: a second press changes nothing. */
export async function checkInParticipant(db: Db, input: { eventId: number; participantId: number; now?: Date }): Promise<boolean> {
  const rows = await db
    .update(eventParticipants)
    .set({ checkedInAt: sql`coalesce(${eventParticipants.checkedInAt}, ${(input.now ?? new Date()).toISOString()}::timestamptz)` })
    .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, input.eventId)))
    .returning({ id: eventParticipants.id });
  return rows.length > 0;
}

export async function undoCheckIn(db: Db, input: { eventId: number; participantId: number }): Promise<boolean> {
  const rows = await db
    .update(eventParticipants)
    .set({ checkedInAt: null })
    .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, input.eventId), eq(eventParticipants.source, "ahead")))
    .returning({ id: eventParticipants.id });
  return rows.length > 0;
}

/** The lead merges a look-alike into the person it repeats: one row remains, checked in if either was. */
export async function mergeParticipants(db: Db, input: { eventId: number; fromId: number; intoId: number }): Promise<boolean> {
  if (input.fromId === input.intoId) return false;
  return db.transaction(async (tx) => {
    await tx.select({ id: events.id }).from(events).where(eq(events.id, input.eventId)).for("update");
    const pair = await tx
      .select({ id: eventParticipants.id, phone: eventParticipants.phone, email: eventParticipants.email, gender: eventParticipants.gender, institutionName: eventParticipants.institutionName, checkedInAt: eventParticipants.checkedInAt, status: eventParticipants.status, repeats: eventParticipants.repeats, code: eventParticipants.code, locale: eventParticipants.locale, isMinor: eventParticipants.isMinor, guardianName: eventParticipants.guardianName, guardianContact: eventParticipants.guardianContact, guardianConsentAt: eventParticipants.guardianConsentAt, guardianConsentVersion: eventParticipants.guardianConsentVersion })
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, input.eventId), inArray(eventParticipants.id, [input.fromId, input.intoId])));
    const from = pair.find((p) => p.id === input.fromId);
    const into = pair.find((p) => p.id === input.intoId);
    if (!from || !into) return false;
    // the links both were given keep working, now to the one row
    await tx.update(eventParticipantTickets).set({ participantId: into.id }).where(eq(eventParticipantTickets.participantId, from.id));
    await tx.delete(eventParticipants).where(eq(eventParticipants.id, from.id));
    await tx
      .update(eventParticipants)
      .set({
        phone: into.phone ?? from.phone,
        email: into.email ?? from.email,
        locale: into.email ? into.locale : from.locale,
        gender: into.gender ?? from.gender,
        institutionName: into.institutionName ?? from.institutionName,
        // a child in either row is a child; the guardian's consent goes with the row that has one
        isMinor: into.isMinor || from.isMinor ? true : (into.isMinor ?? from.isMinor),
        ...(into.guardianConsentAt ? {} : { guardianName: from.guardianName, guardianContact: from.guardianContact, guardianConsentAt: from.guardianConsentAt, guardianConsentVersion: from.guardianConsentVersion }),
        checkedInAt: into.checkedInAt ?? from.checkedInAt,
        code: into.code ?? from.code,
        repeats: into.repeats + from.repeats + 1,
        ...(from.status === "confirmed" && into.status === "waitlisted" ? { status: "confirmed" as const, waitlistPosition: null } : {}),
      })
      .where(eq(eventParticipants.id, into.id));
    await refillPlaces(tx, input.eventId);
    return true;
  });
}

/** The lead removes a mistaken entry; scoped to the event. */
export async function removeParticipant(db: Db, input: { eventId: number; participantId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: events.id }).from(events).where(eq(events.id, input.eventId)).for("update");
    const rows = await tx
      .delete(eventParticipants)
      .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, input.eventId)))
      .returning({ id: eventParticipants.id });
    if (rows.length) await refillPlaces(tx, input.eventId);
    return rows.length > 0;
  });
}

/** The event's chapter and clock: the access log is the chapter's, check-in times are shown on the event's clock. */
async function eventChapterAndZone(db: Db, eventId: number) {
  const [e] = await db.select({ chapterId: events.chapterId, timeZone: events.timeZone }).from(events).where(eq(events.id, eventId));
  return e ?? null;
}

/** "2026-12-04 17:00" on the event's clock: spreadsheets read it as a date and time (the zone is in the header). */
function spreadsheetDateTime(d: Date, timeZone: string): string {
  const local = utcToLocal(d, timeZone);
  return `${local.date} ${local.time}`;
}

/** Viewings of the same list by the same lead within this many minutes are logged once (the page reloads after each check-in). */
const VIEW_LOG_WINDOW_MINUTES = 15;

/** The lead's export (personal data: the lead only; the route checks), logged as the chapter's; null if no such event. */
export async function participantsCsv(db: Db, input: { eventId: number; actorId: string; locale: Locale; delimiter?: CsvDelimiter }): Promise<string | null> {
  const [ev, rows] = await Promise.all([eventChapterAndZone(db, input.eventId), listParticipants(db, input.eventId)]);
  if (!ev) return null;
  const t = translator(input.locale);
  const id = input.locale === "id";
  const checkedIn = `${id ? "Hadir" : "Checked in"} (${zoneAbbr(ev.timeZone)})`;
  const head = id
    ? ["Nama", "Lembaga", "Jenis kelamin", "WhatsApp", "Email", "Cara daftar", "Status", "Urutan tunggu", "Kode", checkedIn, "Pengiriman ganda", "Di bawah 18 tahun", "Orang tua/wali", "Kontak orang tua/wali", `Persetujuan orang tua/wali (${zoneAbbr(ev.timeZone)})`]
    : ["Name", "Institution", "Gender", "WhatsApp", "Email", "Registered", "Status", "Waitlist position", "Code", checkedIn, "Repeat submissions", "Under 18", "Parent or guardian", "Parent's or guardian's contact", `Guardian's consent (${zoneAbbr(ev.timeZone)})`];
  // empty "under 18": registered before the question was asked
  const csv = spreadsheetCsv(
    [
      head,
      ...rows.map((r) => [
        r.name,
        r.institutionName ?? "",
        r.gender ?? "",
        phoneForSpreadsheet(r.phone),
        r.email ?? "",
        r.source === "ahead" ? (id ? "sebelumnya" : "ahead") : id ? "di pintu" : "at the door",
        t(`events.signupStatus.${r.status}`),
        r.waitlistPosition ?? "",
        r.code ?? "",
        r.checkedInAt ? spreadsheetDateTime(r.checkedInAt, ev.timeZone) : "",
        r.repeats,
        r.isMinor === null ? "" : r.isMinor ? (id ? "ya" : "yes") : id ? "tidak" : "no",
        r.guardianName ?? "",
        phoneForSpreadsheet(r.guardianContact),
        r.guardianConsentAt ? spreadsheetDateTime(r.guardianConsentAt, ev.timeZone) : "",
      ]),
    ],
    input.delimiter,
  );
  await logDataAccess(db, input.actorId, { kind: "participants_export", chapterId: ev.chapterId, detail: `event:${input.eventId}` });
  return csv;
}

export function doorUrl(eventId: number, code: string): string {
  return `${env.APP_URL}/e/${eventId}/hadir?code=${encodeURIComponent(code)}`;
}

export async function doorQrSvg(eventId: number, code: string): Promise<string> {
  return qrSvg(doorUrl(eventId, code));
}

/** The lead's participants page: the event, the counts, the (searched) list with look-alikes; the viewing is logged. */
export async function participantsPage(db: Db, input: { eventId: number; actorId: string; q?: string }) {
  const [ev, scope, counts, all, places] = await Promise.all([
    eventSummary(db, input.eventId),
    eventChapterAndZone(db, input.eventId),
    participantCounts(db, input.eventId),
    listParticipants(db, input.eventId),
    placesLeft(db, input.eventId),
  ]);
  if (!ev || !scope) return null;
  await logDataAccessOnce(db, input.actorId, { kind: "participants_view", chapterId: scope.chapterId, detail: `event:${input.eventId}` }, VIEW_LOG_WINDOW_MINUTES);
  const list = matchingParticipants(all, input.q);
  const suggestions = list.length === 0 && input.q?.trim() ? participantSuggestions(all, input.q) : [];
  return { event: ev, counts, list, suggestions, capacity: places.capacity };
}
