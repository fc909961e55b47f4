/**
 * A volunteer's rights over their data (UU PDP): take it (JSON and a readable page), correct the email (re-verified
 * by a link to the new address), leave a chapter, erase the account.
 *
 * Erasure anonymises the person and keeps the rows: the account row stays (no name, no email, no password, no
 * profile), so the sign-ups with attendance and hours, and the tutoring sessions, keep counting in every figure
 * (hours, attendance, active volunteers) — anonymously.
 */
import { randomBytes } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { and, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { emailVerifications, knownDevices, passwordResets, passwords, sessions, users } from "../../../db/schema/accounts";
import { auditLog, chapterInvitations, memberships } from "../../../db/schema/chapters";
import { calendarTokens } from "../../../db/schema/events";
import { outbox } from "../../../db/schema/outbox";
import { emailChanges } from "../../../db/schema/privacy";
import { userLanguages, userSkills, volunteerProfiles } from "../../../db/schema/profiles";
import { certificates } from "../../../db/schema/reports";
import { telecenterStaff } from "../../../db/schema/telecenters";
import { tutoringOffers, tutoringRequestEvents, tutoringRequests } from "../../../db/schema/tutoring";
import { rowsOf } from "../../../db/rows";
import { burnPasswordTime, verifyPassword } from "~/auth/password.server";
import { keysOfMask } from "~/models/accounts/availability";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/locale";
import { releaseUpcomingSignups } from "~/models/events/signups.server";
import { closePendingOffer, HISTORY_NOTE } from "~/models/tutoring/offers.server";
import { accessByMember, accessToMember, type AccessByRow, type SeenByRow } from "~/models/privacy/access-log.server";
import { regionLabel } from "~/models/regions/regions.server";
import { queueEmail } from "~/services/outbox.server";
import { nationalAdmins } from "~/models/chapters/recipients.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { parseForm, type FormErrors } from "~/utils/forms.server";

/** What an erased account is called wherever its (kept) records are listed. */
export const ERASED_NAME = "—";
export const EMAIL_CHANGE_TTL_HOURS = 24;


export type PersonalData = {
  generatedAt: string;
  account: { id: string; name: string; email: string; locale: string; createdAt: string; privacyVersion: string | null; privacyConsentAt: string | null };
  /**
   * availability: the stored bitmask; availabilitySlots: the same as the profile form's slot keys ("rabu-malam");
   * region: the whole of it, the most precise first ("Sumbersari, Sumbersari, Kabupaten Jember, Jawa Timur")
   */
  profile: { whatsapp: string | null; region: string | null; availability: number; availabilitySlots: string[]; bio: string | null; updatedAt: string } | null;
  /** skill and language names in the reader's language */
  skills: string[];
  languages: string[];
  memberships: { chapter: string; role: string; status: string; motivation: string | null; decisionReason: string | null; appliedAt: string; decidedAt: string | null }[];
  /** one row per day (session) held, in day order */
  signups: { event: string; startsAt: string; endsAt: string; /** the venue's zone: the day as it was lived there */ timeZone: string; role: string; status: string; attendedAt: string | null; hoursCredited: number | null }[];
  tutoring: { requestId: number; chapter: string; status: string; sessions: number; minutes: number }[];
  certificates: { code: string; subject: string; activityDate: string; hours: number; revoked: boolean }[];
  telecenters: { telecenter: string; role: string; since: string }[];
  pendingEmailChange: { newEmail: string; expiresAt: string } | null;
  /** tutoring requests offered to them (by a lead, automatically, or claimed), and what became of each offer */
  tutoringOffers: { requestId: number; chapter: string; kind: string; status: string; offeredAt: string; respondedAt: string | null }[];
  /** invitations to join a chapter (a lead's roster import) or to lead one (an admin, to the address before the account) */
  invitations: { chapter: string; status: string; createdAt: string; decidedAt: string | null }[];
  /** telecenter surveys assigned to them */
  surveyAssignments: { campaign: string; telecenter: string; assignedAt: string }[];
  /** the events' outcome reports they filed */
  reportsSubmitted: { event: string; status: string; submittedAt: string }[];
  /** what was recorded about them in the chapters' audit log (approved, appointed lead, removed as lead, invitation answered) */
  auditEntries: { chapter: string | null; action: string; by: string | null; at: string }[];
  /** who has seen my data: openings of my profile, exports of my chapters' rosters and reports (the newest 500) */
  seenBy: SeenByRow[];
  /** what I opened of others' data (participant lists, members' profiles, learners' contacts, exports): the list, not the people (the newest 500) */
  accessByMe: AccessByRow[];
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Everything Simpul holds about a volunteer, for the JSON download and the readable page (names in `locale`). */
export async function personalDataOf(db: Db, userId: string, opts: { locale?: Locale } = {}): Promise<PersonalData | null> {
  const [u] = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, createdAt: users.createdAt, privacyVersion: users.privacyVersion, privacyConsentAt: users.privacyConsentAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (!u) return null;
  const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(s));
  const [profile] = await q<{ whatsapp: string | null; region_code: string | null; availability: number; bio: string | null; updated_at: string }>(sql`
    select p.whatsapp, p.region_code, p.availability, p.bio, p.updated_at from volunteer_profile p where p.user_id = ${userId}`);
  // the whole region, as the profile's pickers show it: "Sumbersari, Sumbersari, Kabupaten Jember, Jawa Timur" (a desa's
  // name alone repeats across kecamatan and kabupaten)
  const region = profile ? await regionLabel(db, profile.region_code) : null;
  const en = opts.locale === "en";
  const skills = await q<{ name: string }>(
    sql`select ${en ? sql`s.name_en` : sql`s.name_id`} as name from user_skill us join skill s on s.id = us.skill_id where us.user_id = ${userId} order by 1`,
  );
  const langs = await q<{ name: string }>(
    sql`select ${en ? sql`l.name_en` : sql`l.name_id`} as name from user_language ul join language l on l.code = ul.language_code where ul.user_id = ${userId} order by 1`,
  );
  const ms = await q<{ chapter: string; role: string; status: string; motivation: string | null; decision_reason: string | null; applied_at: string; decided_at: string | null }>(sql`
    select c.name as chapter, m.role, m.status, m.motivation, m.decision_reason, m.applied_at, m.decided_at
    from membership m join chapter c on c.id = m.chapter_id where m.user_id = ${userId} order by m.applied_at`);
  // one row per day held (every sign-up is for a session), with that day's times
  const su = await q<{ event: string; starts_at: string; ends_at: string; time_zone: string; role: string; status: string; attended_at: string | null; hours_credited: number | null }>(sql`
    select e.title as event, es.starts_at, es.ends_at, e.time_zone, r.name as role, s.status, s.attended_at, s.hours_credited
    from signup s join event e on e.id = s.event_id join event_role r on r.id = s.role_id join event_session es on es.id = s.session_id
    where s.user_id = ${userId} order by es.starts_at, e.id, s.id`);
  const tu = await q<{ id: number; chapter: string; status: string; sessions: number; minutes: number }>(sql`
    select t.id, c.name as chapter, t.status,
      (select count(*)::int from tutoring_session ts where ts.request_id = t.id and ts.tutor_id = ${userId}) as sessions,
      (select coalesce(sum(ts.minutes), 0)::int from tutoring_session ts where ts.request_id = t.id and ts.tutor_id = ${userId}) as minutes
    from tutoring_request t join chapter c on c.id = t.chapter_id
    where t.tutor_id = ${userId} or exists (select 1 from tutoring_session ts where ts.request_id = t.id and ts.tutor_id = ${userId})
    order by t.id`);
  const certs = await q<{ code: string; subject: string; activity_date: string; hours: number; revoked_at: string | null }>(sql`
    select code, subject, activity_date, hours, revoked_at from certificate where user_id = ${userId} order by issued_at`);
  const tcs = await q<{ telecenter: string; role: string; since: string }>(sql`
    select t.name as telecenter, s.role, s.since from telecenter_staff s join telecenter t on t.id = s.telecenter_id where s.user_id = ${userId}`);
  const offers = await q<{ request_id: number; chapter: string; kind: string; status: string; offered_at: string; responded_at: string | null }>(sql`
    select o.request_id, c.name as chapter, o.kind, o.status, o.offered_at, o.responded_at
    from tutoring_offer o join tutoring_request t on t.id = o.request_id join chapter c on c.id = t.chapter_id
    where o.volunteer_id = ${userId} order by o.offered_at, o.id`);
  const invitations = await q<{ chapter: string; status: string; created_at: string; decided_at: string | null }>(sql`
    select c.name as chapter, i.status, i.created_at, i.decided_at
    from chapter_invitation i join chapter c on c.id = i.chapter_id
    where i.user_id = ${userId} or i.email = (select lower(u.email) from app_user u where u.id = ${userId})
    order by i.created_at, i.id`);
  const assignments = await q<{ campaign: string; telecenter: string; assigned_at: string }>(sql`
    select sc.name as campaign, tc.name as telecenter, a.assigned_at
    from survey_assignment a join survey_campaign sc on sc.id = a.campaign_id join telecenter tc on tc.id = a.telecenter_id
    where a.surveyor_id = ${userId} order by a.assigned_at, a.id`);
  const reports = await q<{ event: string; status: string; submitted_at: string }>(sql`
    select e.title as event, r.status, r.submitted_at
    from outcome_report r join event e on e.id = r.event_id where r.submitted_by = ${userId} order by r.submitted_at, r.id`);
  const audit = await q<{ chapter: string | null; action: string; by: string | null; at: string }>(sql`
    select c.name as chapter, a.action, u.name as by, a.at
    from audit_log a left join chapter c on c.id = a.chapter_id left join app_user u on u.id = a.actor_id
    where a.subject = ${userId} or a.subject = ${`user:${userId}`} order by a.at, a.id`);
  const [change] = await db
    .select({ newEmail: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.userId, userId), gt(emailChanges.expiresAt, new Date())))
    .orderBy(sql`${emailChanges.createdAt} desc`)
    .limit(1);
  return {
    generatedAt: new Date().toISOString(),
    account: { id: u.id, name: u.name, email: u.email, locale: u.locale, createdAt: u.createdAt.toISOString(), privacyVersion: u.privacyVersion, privacyConsentAt: iso(u.privacyConsentAt) },
    profile: profile
      ? { whatsapp: profile.whatsapp, region, availability: Number(profile.availability), availabilitySlots: keysOfMask(Number(profile.availability)), bio: profile.bio, updatedAt: iso(profile.updated_at) ?? "" }
      : null,
    skills: skills.map((s) => s.name),
    languages: langs.map((l) => l.name),
    memberships: ms.map((m) => ({ chapter: m.chapter, role: m.role, status: m.status, motivation: m.motivation, decisionReason: m.decision_reason, appliedAt: iso(m.applied_at) ?? "", decidedAt: iso(m.decided_at) })),
    signups: su.map((s) => ({ event: s.event, startsAt: iso(s.starts_at) ?? "", endsAt: iso(s.ends_at) ?? "", timeZone: s.time_zone, role: s.role, status: s.status, attendedAt: iso(s.attended_at), hoursCredited: s.hours_credited })),
    tutoring: tu.map((t) => ({ requestId: Number(t.id), chapter: t.chapter, status: t.status, sessions: Number(t.sessions), minutes: Number(t.minutes) })),
    certificates: certs.map((c) => ({ code: c.code, subject: c.subject, activityDate: c.activity_date, hours: Number(c.hours), revoked: c.revoked_at !== null })),
    telecenters: tcs.map((t) => ({ telecenter: t.telecenter, role: t.role, since: iso(t.since) ?? "" })),
    pendingEmailChange: change ? { newEmail: change.newEmail, expiresAt: change.expiresAt.toISOString() } : null,
    tutoringOffers: offers.map((o) => ({ requestId: Number(o.request_id), chapter: o.chapter, kind: o.kind, status: o.status, offeredAt: iso(o.offered_at) ?? "", respondedAt: iso(o.responded_at) })),
    invitations: invitations.map((i) => ({ chapter: i.chapter, status: i.status, createdAt: iso(i.created_at) ?? "", decidedAt: iso(i.decided_at) })),
    surveyAssignments: assignments.map((a) => ({ campaign: a.campaign, telecenter: a.telecenter, assignedAt: iso(a.assigned_at) ?? "" })),
    reportsSubmitted: reports.map((r) => ({ event: r.event, status: r.status, submittedAt: iso(r.submitted_at) ?? "" })),
    auditEntries: audit.map((a) => ({ chapter: a.chapter, action: a.action, by: a.by, at: iso(a.at) ?? "" })),
    seenBy: await accessToMember(db, userId),
    accessByMe: await accessByMember(db, userId),
  };
}

/**
 * The zone the reader lives in, for the dates of the printable page: their profile's region, else the region of the
 * chapter they belong to (active first, then by name), else WIB.
 */
export async function readerTimeZone(db: Db, userId: string): Promise<string> {
  const [row] = rowsOf<{ time_zone: string | null }>(
    await db.execute(sql`
      select coalesce(
        (select r.time_zone from volunteer_profile p join region r on r.code = p.region_code where p.user_id = ${userId}),
        (select r.time_zone from membership m join chapter c on c.id = m.chapter_id join region r on r.code = c.region_code
          where m.user_id = ${userId} order by (m.status = 'active') desc, c.name limit 1)
      ) as time_zone`),
  );
  return row?.time_zone ?? "Asia/Jakarta";
}

/** What the download holds, section by section, with the number of entries (the "my data" page lists it). */
export function personalDataCounts(p: PersonalData): { section: string; n: number }[] {
  return [
    { section: "privacy.print.memberships", n: p.memberships.length },
    { section: "privacy.print.signups", n: p.signups.length },
    { section: "privacy.print.tutoring", n: p.tutoring.length },
    { section: "privacy.print.offers", n: p.tutoringOffers.length },
    { section: "privacy.print.certificates", n: p.certificates.length },
    { section: "privacy.print.telecenters", n: p.telecenters.length },
    { section: "privacy.print.surveys", n: p.surveyAssignments.length },
    { section: "privacy.print.reports", n: p.reportsSubmitted.length },
    { section: "privacy.print.invitations", n: p.invitations.length },
    { section: "privacy.print.audit", n: p.auditEntries.length },
    { section: "privacy.account.seenTitle", n: p.seenBy.length },
    { section: "privacy.print.accessByMe", n: p.accessByMe.length },
  ];
}

// ---------- email change ----------

const emailChangeSchema = z.object({ newEmail: z.string().trim().toLowerCase().max(254).email("auth.error.emailInvalid") });

export type SimpleResult = { ok: true } | { ok: false; errors: FormErrors; values?: Record<string, string | string[]> };

/**
 * Correcting the email: nothing changes until the link sent to the NEW address is opened (the old address is told).
 * Taken addresses get the same answer as free ones here; the link then says it cannot be used.
 */
export async function requestEmailChange(db: Db, userId: string, form: FormData, opts: { appUrl?: string } = {}): Promise<SimpleResult> {
  const parsed = parseForm(emailChangeSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  const newEmail = parsed.data.newEmail;
  const [u] = await db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (!u) return { ok: false, errors: { _form: ["errors.invalid"] } };
  if (u.email === newEmail) return { ok: false, errors: { newEmail: ["privacy.account.emailSame"] }, values: { newEmail } };
  const token = randomBytes(32).toString("base64url");
  const locale: Locale = u.locale === "en" ? "en" : "id";
  const url = `${opts.appUrl ?? env.APP_URL}/akun/email/${token}`;
  await db.transaction(async (tx) => {
    // a change to another address replaces the one asked for before; the same address asked again (a second tap, a
    // resend on 3G) leaves the earlier link working too: the first email to arrive is the one the person opens
    await tx.delete(emailChanges).where(and(eq(emailChanges.userId, userId), ne(emailChanges.newEmail, newEmail)));
    await tx.insert(emailChanges).values({ tokenHash: sha256(token), userId, newEmail, expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_HOURS * 3600_000) });
    await queueEmail(tx, {
      to: newEmail,
      template: "email-change",
      locale,
      payload: { kind: "confirm", name: u.name, hours: EMAIL_CHANGE_TTL_HOURS, link: url },
      dedupKey: `email-change:${sha256(token)}`,
    });
    await queueEmail(tx, {
      to: u.email,
      template: "email-change",
      locale,
      payload: { kind: "old", name: u.name, email: newEmail },
      dedupKey: `email-change-old:${sha256(token)}`,
    });
  });
  return { ok: true };
}

/**
 * Pressing the link's button: the account's email becomes the new one (if still free); the account's sessions end,
 * except `currentSessionId` (the browser that confirmed, when it is logged in).
 */
export async function confirmEmailChange(
  db: Db,
  token: string,
  opts: { currentSessionId?: string | null } = {},
): Promise<{ ok: true; userId: string } | { ok: false; reason: "invalid" | "taken" }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(emailChanges)
      .where(and(eq(emailChanges.tokenHash, sha256(token)), gt(emailChanges.expiresAt, new Date())))
      .returning({ userId: emailChanges.userId, newEmail: emailChanges.newEmail });
    if (!row) return { ok: false as const, reason: "invalid" as const };
    const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
    const updated = await tx
      .update(users)
      // the link came to the new address: that proves it, as the sign-up's address check would (an account that never
      // confirmed its first address is not asked to confirm this one again)
      .set({ email: row.newEmail, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(and(eq(users.id, row.userId), isNull(users.erasedAt), sql`not exists (select 1 from app_user o where o.email = ${row.newEmail})`))
      .returning({ id: users.id });
    if (!updated.length) return { ok: false as const, reason: "taken" as const };
    if (before) await readdressMail(tx, before.email, row.newEmail);
    await tx.delete(passwordResets).where(eq(passwordResets.userId, row.userId));
    // the other links to the same address are spent with this one
    await tx.delete(emailChanges).where(eq(emailChanges.userId, row.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, row.userId), opts.currentSessionId ? ne(sessions.id, opts.currentSessionId) : undefined));
    return { ok: true as const, userId: row.userId };
  });
}

/**
 * Mail not yet sent to the old address (a reminder, an application's answer, a certificate) goes to the new one: the
 * address is the person's, and they changed it, often because the old one no longer receives. Left where it was: the
 * notice about the change itself, which goes to the old address on purpose (whoever holds the old mailbox learns of
 * it), and the links this change spends (a password reset, the old address's confirmation). Dead letters are
 * re-addressed too, and stay dead: an admin resending one then sends it to the new address.
 */
async function readdressMail(tx: Db, oldEmail: string, newEmail: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ toEmail: newEmail })
    .where(
      and(
        sql`lower(${outbox.toEmail}) = ${oldEmail.toLowerCase()}`,
        inArray(outbox.status, ["pending", "dead"]),
        sql`${outbox.dedupKey} not like 'email-change-old:%'`,
        sql`${outbox.dedupKey} not like 'email-change:%'`,
        sql`${outbox.dedupKey} not like 'password-reset:%'`,
        sql`${outbox.dedupKey} not like 'email-verify:%'`,
      ),
    );
}

// ---------- leaving a chapter ----------

/**
 * The volunteer leaves a chapter (an application is withdrawn too): the membership goes, so the chapter's leads no
 * longer see them in the roster and a tutor loses the contacts of that chapter's learners. In the same transaction
 * what they held there is released, as erasure does everywhere: open tutoring and pending offers go back to the
 * chapter's board, upcoming sign-ups are cancelled (the waitlist moves up). Records stay.
 */
export async function leaveChapter(db: Db, userId: string, chapterId: number, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapterId), eq(memberships.role, "volunteer"), ne(memberships.status, "declined")))
      .returning({ id: memberships.id });
    if (!rows.length) return false;
    await releaseTutoring(tx, userId, now, chapterId);
    await releaseUpcomingSignups(tx, userId, now, chapterId);
    return true;
  });
}

/**
 * The chapters this person is the only active lead of (their leadership ends with the account): the rows are
 * locked as an admin's removal of a lead locks them (DECISIONS 134), so a lead removed or appointed at the same
 * moment is counted.
 */
export async function chaptersLedAlone(tx: Db, userId: string, opts: { lock?: boolean } = {}): Promise<{ id: number; name: string }[]> {
  const rows = rowsOf<{ id: number; name: string }>(
    await tx.execute(sql`
      select c.id, c.name from chapter c
      where exists (select 1 from membership m where m.chapter_id = c.id and m.user_id = ${userId} and m.role = 'lead' and m.status = 'active')
        and not exists (select 1 from membership o where o.chapter_id = c.id and o.user_id <> ${userId} and o.role = 'lead' and o.status = 'active')
      order by c.name, c.id
      ${opts.lock ? sql`for update of c` : sql``}`),
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/**
 * Erasure is never refused (UU PDP), also for a chapter's only lead: the national admins are told in the same
 * transaction, and what was meant for the chapter's leads goes to them until a lead is appointed (recipients.server.ts).
 */
async function tellAdminsOfLeadlessChapters(tx: Db, userId: string): Promise<void> {
  const alone = await chaptersLedAlone(tx, userId, { lock: true });
  if (!alone.length) return;
  const admins = (await nationalAdmins(tx)).filter((a) => a.id !== userId);
  for (const c of alone) {
    await tx.insert(auditLog).values({ actorId: null, chapterId: c.id, action: "lead.erased", subject: null });
    for (const a of admins)
      await queueEmail(tx, {
        to: a.email,
        template: "chapter-without-lead",
        locale: a.locale === "en" ? "en" : "id",
        payload: { name: a.name, chapterName: c.name, url: `${env.APP_URL}/admin/chapters/${c.id}` },
        dedupKey: `chapter-without-lead:${c.id}:${userId}:${a.id}`,
      });
  }
}

/** Open tutoring this volunteer holds, and requests offered to them, go back to the board (of one chapter, or all). */
async function releaseTutoring(tx: Db, userId: string, now: Date, chapterId?: number): Promise<void> {
  const inChapter = chapterId === undefined ? undefined : eq(tutoringRequests.chapterId, chapterId);
  const held = await tx
    .select({ id: tutoringRequests.id, status: tutoringRequests.status })
    .from(tutoringRequests)
    .where(and(eq(tutoringRequests.tutorId, userId), inArray(tutoringRequests.status, ["matched", "in_progress"]), inChapter))
    .for("update");
  for (const r of held) {
    await tx.update(tutoringRequests).set({ status: "new", tutorId: null, matchedAt: null, updatedAt: now }).where(eq(tutoringRequests.id, r.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: r.id, fromStatus: r.status, toStatus: "new", actorKind: "system", note: "tutoring.history.tutorLeft" });
  }
  const offered = await tx
    .select({ requestId: tutoringOffers.requestId })
    .from(tutoringOffers)
    .innerJoin(tutoringRequests, eq(tutoringRequests.id, tutoringOffers.requestId))
    .where(and(eq(tutoringOffers.volunteerId, userId), eq(tutoringOffers.status, "pending"), inChapter));
  for (const o of offered) {
    await closePendingOffer(tx, o.requestId, "withdrawn", userId);
    const back = await tx
      .update(tutoringRequests)
      .set({ status: "new", updatedAt: now })
      .where(and(eq(tutoringRequests.id, o.requestId), eq(tutoringRequests.status, "offered")))
      .returning({ id: tutoringRequests.id });
    if (back.length) await tx.insert(tutoringRequestEvents).values({ requestId: o.requestId, fromStatus: "offered", toStatus: "new", actorKind: "system", note: HISTORY_NOTE.offerWithdrawn });
  }
}

export type MyChapter = { chapterId: number; name: string; status: string };

export async function myVolunteerChapters(db: Db, userId: string): Promise<MyChapter[]> {
  const rows = await db.execute(sql`
    select c.id, c.name, m.status from membership m join chapter c on c.id = m.chapter_id
    where m.user_id = ${userId} and m.role = 'volunteer' and m.status in ('pending', 'active', 'inactive') order by c.name`);
  return rowsOf<{ id: number; name: string; status: string }>(rows).map((r) => ({ chapterId: Number(r.id), name: r.name, status: r.status }));
}

// ---------- erasure ----------

export type EraseResult = { ok: true } | { ok: false; errors: FormErrors };

/**
 * Erases a volunteer's account — the ONE function that erases a person (roll-up maintenance hooks in here).
 * Figures stay the same: attended sign-ups, hours and tutoring sessions keep their rows under the anonymised id.
 * Upcoming sign-ups are cancelled first (the waitlist moves up), open tutoring goes back to the chapter.
 */
export async function eraseAccount(db: Db, userId: string, password: string, now = new Date()): Promise<EraseResult> {
  const [row] = await db
    .select({ hash: passwords.hash, email: users.email })
    .from(users)
    .leftJoin(passwords, eq(passwords.userId, users.id))
    .where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (!row) return { ok: false, errors: { _form: ["errors.invalid"] } };
  // the password typed here is counted with the password change's (accounts.server.ts: 5 tries in 15 minutes, the same
  // counter): a session left open on a warnet computer is no way to guess the password without limit
  const tries = await hitRateLimit(db, `pwchange:user:${userId}`, 5, 15 * 60);
  if (!tries.allowed) return { ok: false, errors: { password: ["privacy.account.tooManyTries"] } };
  if (!row.hash) {
    await burnPasswordTime(password);
    return { ok: false, errors: { password: ["privacy.account.wrongPassword"] } };
  }
  if (!(await verifyPassword(row.hash, password))) return { ok: false, errors: { password: ["privacy.account.wrongPassword"] } };
  await releaseUpcomingSignups(db, userId, now);
  await db.transaction((tx) => anonymiseAccount(tx, userId, row.email, now));
  return { ok: true };
}

async function anonymiseAccount(tx: Db, userId: string, email: string, now: Date): Promise<void> {
  await releaseTutoring(tx, userId, now);
  await tellAdminsOfLeadlessChapters(tx, userId);

  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(knownDevices).where(eq(knownDevices.userId, userId));
  await tx.delete(passwords).where(eq(passwords.userId, userId));
  await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
  // the sign-up address checks keep the address they were sent to; invitations name the person to a chapter
  await tx.delete(emailVerifications).where(eq(emailVerifications.userId, userId));
  // an invitation to lead sent to the address before the account existed names the person too (DECISIONS 142)
  await tx.delete(chapterInvitations).where(or(eq(chapterInvitations.userId, userId), eq(chapterInvitations.email, email.trim().toLowerCase())));
  await tx.delete(emailChanges).where(eq(emailChanges.userId, userId));
  await tx.delete(calendarTokens).where(eq(calendarTokens.userId, userId));
  await tx.delete(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  await tx.delete(userSkills).where(eq(userSkills.userId, userId));
  await tx.delete(userLanguages).where(eq(userLanguages.userId, userId));
  await tx.delete(memberships).where(eq(memberships.userId, userId));
  await tx.delete(telecenterStaff).where(eq(telecenterStaff.userId, userId));
  await tx.delete(certificates).where(eq(certificates.userId, userId));
  await tx.delete(outbox).where(and(eq(outbox.toEmail, email), eq(outbox.status, "pending")));
  await tx.update(outbox).set({ toEmail: "", payload: {}, subject: null, lastError: null }).where(eq(outbox.toEmail, email));
  await tx
    .update(users)
    .set({ name: ERASED_NAME, email: `erased-${userId}@erased.invalid`, isAdmin: false, privacyVersion: null, privacyConsentAt: null, erasedAt: now })
    .where(eq(users.id, userId));
}
