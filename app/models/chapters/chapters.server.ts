import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { auditLog, chapters, memberships, type MembershipRole, type MembershipStatus } from "../../../db/schema/chapters";
import { regions } from "../../../db/schema/regions";
import { languages, skills, userLanguages, userSkills, volunteerProfiles } from "../../../db/schema/profiles";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { isLocale, type Locale } from "~/i18n/locale";
import { MOTIVATION_MAX, REASON_MAX } from "./chapter-form";
import { queueEmail } from "~/services/outbox.server";
import { regionLabels } from "~/models/regions/regions.server";
import { releaseUpcomingSignups } from "~/models/events/signups.server";
import { chapterRecipients } from "./recipients.server";
import { invitationEmail, inviteLead, makeLead, pendingLeadInvitations, type PendingLeadInvitation } from "./lead-invitations.server";

export type ChapterSummary = {
  id: number;
  slug: string;
  name: string;
  regionCode: string;
  regionName: string;
  provinceCode: string;
  provinceName: string;
  timeZone: string;
  activeMembers: number;
  /** the asking user's volunteer membership status, null when none or anonymous */
  myStatus: MembershipStatus | null;
  iLead: boolean;
};

const localeOf = (v: string): Locale => (isLocale(v) ? v : "id");

function summaryColumns(userId: string | null) {
  return {
    id: chapters.id,
    slug: chapters.slug,
    name: chapters.name,
    regionCode: chapters.regionCode,
    regionName: regions.name,
    provinceCode: regions.provinceCode,
    provinceName: sql<string>`(select p.name from region p where p.code = "region"."province_code")`,
    timeZone: regions.timeZone,
    activeMembers: sql<number>`(select count(*)::int from membership m where m.chapter_id = "chapter"."id" and m.role = 'volunteer' and m.status = 'active')`,
    myStatus: userId
      ? sql<MembershipStatus | null>`(select m.status from membership m where m.chapter_id = "chapter"."id" and m.user_id = ${userId} and m.role = 'volunteer')`
      : sql<MembershipStatus | null>`null`,
    iLead: userId
      ? sql<boolean>`exists (select 1 from membership m where m.chapter_id = "chapter"."id" and m.user_id = ${userId} and m.role = 'lead' and m.status = 'active')`
      : sql<boolean>`false`,
  };
}

type SummaryRow = Omit<ChapterSummary, "activeMembers" | "iLead"> & { activeMembers: number | string; iLead: boolean | string };
const toSummary = (r: SummaryRow): ChapterSummary => ({ ...r, activeMembers: Number(r.activeMembers), iLead: r.iLead === true || r.iLead === "t" });

/** All chapters ordered by province then name; `userId` adds the asker's own status. */
export async function listChapters(db: Db, userId: string | null = null): Promise<ChapterSummary[]> {
  const rows = await db
    .select(summaryColumns(userId))
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .orderBy(asc(regions.provinceCode), asc(chapters.name));
  return rows.map(toSummary);
}

export async function getChapterBySlug(db: Db, slug: string, userId: string | null = null): Promise<ChapterSummary | null> {
  const [row] = await db
    .select(summaryColumns(userId))
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(eq(chapters.slug, slug));
  return row ? toSummary(row) : null;
}

export const applySchema = z.object({
  motivation: z.string().trim().max(MOTIVATION_MAX, `errors.tooLongMax?max=${MOTIVATION_MAX}`).optional(),
});

export const decideSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), membershipId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("decline"),
    membershipId: z.coerce.number().int().positive(),
    reason: z.string({ required_error: "chapters.reasonRequired" }).trim().min(1, "chapters.reasonRequired").max(REASON_MAX, `errors.tooLongMax?max=${REASON_MAX}`),
  }),
]);

export type ApplyResult =
  | { ok: true; membershipId: number }
  | { ok: false; error: "chapters.alreadyMember" | "chapters.alreadyPending" | "chapters.notFound" | "chapters.verifyEmailFirst" }
  /** declined less than REAPPLY_AFTER_DAYS ago, and the profile unchanged since: `from` is when they may apply again */
  | { ok: false; error: "chapters.reapplyWait"; from: Date };

/** After a decline, the days before the same chapter can be applied to again (sooner once the profile is updated). */
export const REAPPLY_AFTER_DAYS = 7;

/**
 * When a declined volunteer may apply to the chapter again: null when they may now (never declined, the waiting
 * days are over, or their profile was saved after the decision, the usual reason being "complete your profile").
 */
export async function reapplyFrom(db: Db, userId: string, chapterId: number, now = new Date()): Promise<Date | null> {
  const [m] = await db
    .select({ status: memberships.status, decidedAt: memberships.decidedAt, profileAt: volunteerProfiles.updatedAt })
    .from(memberships)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, memberships.userId))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.userId, userId), eq(memberships.role, "volunteer")));
  return m ? waitUntil(m, now) : null;
}

function waitUntil(m: { status: MembershipStatus; decidedAt: Date | null; profileAt: Date | null }, now: Date): Date | null {
  if (m.status !== "declined" || !m.decidedAt) return null;
  if (m.profileAt && m.profileAt.getTime() > m.decidedAt.getTime()) return null;
  const from = new Date(m.decidedAt.getTime() + REAPPLY_AFTER_DAYS * 86_400_000);
  return from.getTime() > now.getTime() ? from : null;
}

/** The calendar day in Jakarta: leads hear of one applicant at most once a day. */
const jakartaDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * A volunteer applies; after being set inactive, or after a decline once REAPPLY_AFTER_DAYS have passed or the profile
 * was updated, they may apply again (same row, back to pending). The chapter's leads are emailed at most once a day
 * per applicant, however often they apply, leave and apply again.
 */
export async function applyToChapter(
  db: Db,
  input: { userId: string; chapterId: number; motivation?: string | null; appUrl?: string },
): Promise<ApplyResult> {
  return db.transaction(async (tx): Promise<ApplyResult> => {
    const [chapter] = await tx.select({ name: chapters.name, slug: chapters.slug }).from(chapters).where(eq(chapters.id, input.chapterId));
    if (!chapter) return { ok: false, error: "chapters.notFound" };
    // nobody applies in someone else's name: the address must have been proven first
    const [me] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, input.userId));
    if (!me?.verifiedAt) return { ok: false, error: "chapters.verifyEmailFirst" };
    const [existing] = await tx
      .select({ id: memberships.id, status: memberships.status, decidedAt: memberships.decidedAt })
      .from(memberships)
      .where(and(eq(memberships.chapterId, input.chapterId), eq(memberships.userId, input.userId), eq(memberships.role, "volunteer")))
      .for("update");
    if (existing?.status === "pending") return { ok: false, error: "chapters.alreadyPending" };
    if (existing?.status === "active") return { ok: false, error: "chapters.alreadyMember" };
    if (existing?.status === "declined") {
      const [profile] = await tx.select({ at: volunteerProfiles.updatedAt }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, input.userId));
      const from = waitUntil({ ...existing, profileAt: profile?.at ?? null }, new Date());
      if (from) return { ok: false, error: "chapters.reapplyWait", from };
    }
    const motivation = input.motivation?.trim() || null;
    let membershipId: number;
    if (existing) {
      await tx
        .update(memberships)
        .set({ status: "pending", motivation, decisionReason: null, decidedBy: null, decidedAt: null, appliedAt: new Date() })
        .where(and(eq(memberships.chapterId, input.chapterId), eq(memberships.id, existing.id)));
      membershipId = existing.id;
    } else {
      // a simultaneous second application hits the unique index and is answered like a repeat
      const [row] = await tx
        .insert(memberships)
        .values({ userId: input.userId, chapterId: input.chapterId, role: "volunteer", status: "pending", motivation })
        .onConflictDoNothing()
        .returning({ id: memberships.id });
      if (!row) return { ok: false, error: "chapters.alreadyPending" };
      membershipId = row.id;
    }
    const [applicant] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
    const { people: leads } = await chapterRecipients(tx, input.chapterId);
    const day = jakartaDay(new Date());
    for (const lead of leads) {
      if (lead.id === input.userId) continue;
      await queueEmail(tx, {
        to: lead.email,
        template: "membership-applied",
        locale: localeOf(lead.locale),
        payload: {
          leadName: lead.name,
          applicantName: applicant?.name ?? "",
          chapterName: chapter.name,
          motivation,
          url: `${input.appUrl ?? env.APP_URL}/chapters/${chapter.slug}/applications`,
        },
        dedupKey: `membership-applied:${input.chapterId}:${input.userId}:${lead.id}:${day}`,
      });
    }
    return { ok: true, membershipId };
  });
}

export type DecideResult =
  | { ok: true }
  | { ok: false; error: "chapters.notPending" | "chapters.reasonRequired" }
  /** another lead decided first (two leads on the same list): who the applicant is, what was decided and by whom */
  | { ok: false; error: "chapters.decidedMeanwhile"; applicant: string; outcome: "approved" | "declined"; by: string | null };

/**
 * The caller has checked that `actorId` leads `chapterId` (requireChapterLead); the membership is looked up
 * within that chapter only, so an id from another chapter is simply not found.
 */
export async function decideApplication(
  db: Db,
  input: { chapterId: number; membershipId: number; actorId: string; decision: "approve" | "decline"; reason?: string | null; appUrl?: string },
): Promise<DecideResult> {
  const reason = input.reason?.trim() || null;
  if (input.decision === "decline" && !reason) return { ok: false, error: "chapters.reasonRequired" };
  return db.transaction(async (tx): Promise<DecideResult> => {
    const decidedAt = new Date();
    const [m] = await tx
      .update(memberships)
      .set({ status: input.decision === "approve" ? "active" : "declined", decisionReason: input.decision === "decline" ? reason : null, decidedBy: input.actorId, decidedAt })
      .where(
        and(
          eq(memberships.chapterId, input.chapterId),
          eq(memberships.id, input.membershipId),
          eq(memberships.role, "volunteer"),
          eq(memberships.status, "pending"),
        ),
      )
      .returning({ userId: memberships.userId });
    if (!m) {
      // the application is no longer pending: say what happened to it, so the lead's own decision is not taken as done
      const decider = alias(users, "decider");
      const [now] = await tx
        .select({ status: memberships.status, applicant: users.name, byId: memberships.decidedBy, by: decider.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(decider, eq(decider.id, memberships.decidedBy))
        .where(and(eq(memberships.chapterId, input.chapterId), eq(memberships.id, input.membershipId), eq(memberships.role, "volunteer")));
      if (!now || now.status === "pending") return { ok: false, error: "chapters.notPending" };
      const outcome = now.status === "declined" ? "declined" : "approved";
      // the same lead's same decision sent twice (a double tap, a resend after a dropped connection) is done already
      if (now.byId === input.actorId && outcome === (input.decision === "approve" ? "approved" : "declined")) return { ok: true };
      return { ok: false, error: "chapters.decidedMeanwhile", applicant: now.applicant, outcome, by: now.by };
    }
    await tx.insert(auditLog).values({
      actorId: input.actorId,
      chapterId: input.chapterId,
      action: input.decision === "approve" ? "membership.approved" : "membership.declined",
      subject: m.userId,
    });
    const [who] = await tx
      .select({ email: users.email, name: users.name, locale: users.locale, chapterName: chapters.name, slug: chapters.slug })
      .from(users)
      .innerJoin(chapters, eq(chapters.id, input.chapterId))
      .where(eq(users.id, m.userId));
    if (who) {
      const base = input.appUrl ?? env.APP_URL;
      await queueEmail(tx, {
        to: who.email,
        template: input.decision === "approve" ? "membership-approved" : "membership-declined",
        locale: localeOf(who.locale),
        payload: {
          name: who.name,
          chapterName: who.chapterName,
          reason: reason ?? "",
          url: input.decision === "approve" ? `${base}/chapters/${who.slug}` : `${base}/chapters`,
        },
        dedupKey: `membership-${input.decision}:${input.membershipId}:${decidedAt.getTime()}`,
      });
    }
    return { ok: true };
  });
}

/**
 * A lead sets a volunteer inactive or active again (only between those two states); false when not found. Set
 * inactive, they give up the days ahead they held in the chapter's events, as when leaving: an inactive member can't
 * sign up, and their places would keep the waitlist waiting and their reminders coming.
 */
export async function setMembershipStatus(
  db: Db,
  input: { chapterId: number; userId: string; actorId: string; status: "active" | "inactive" },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const from: MembershipStatus = input.status === "active" ? "inactive" : "active";
    const updated = await tx
      .update(memberships)
      .set({ status: input.status, decidedBy: input.actorId, decidedAt: new Date() })
      .where(
        and(
          eq(memberships.chapterId, input.chapterId),
          eq(memberships.userId, input.userId),
          eq(memberships.role, "volunteer"),
          eq(memberships.status, from),
        ),
      )
      .returning({ id: memberships.id });
    if (updated.length === 0) return false;
    await tx.insert(auditLog).values({
      actorId: input.actorId,
      chapterId: input.chapterId,
      action: input.status === "active" ? "membership.reactivated" : "membership.deactivated",
      subject: input.userId,
    });
    if (input.status === "inactive") await releaseUpcomingSignups(tx, input.userId, new Date(), input.chapterId);
    return true;
  });
}

export type MyMembership = {
  chapterId: number;
  slug: string;
  name: string;
  role: MembershipRole;
  status: MembershipStatus;
  decisionReason: string | null;
  /** pending applications, for an active lead */
  pendingCount: number;
};

export async function myMemberships(db: Db, userId: string): Promise<MyMembership[]> {
  const rows = await db
    .select({
      chapterId: chapters.id,
      slug: chapters.slug,
      name: chapters.name,
      role: memberships.role,
      status: memberships.status,
      decisionReason: memberships.decisionReason,
      pendingCount: sql<number>`case when "membership"."role" = 'lead' and "membership"."status" = 'active' then (select count(*)::int from membership p where p.chapter_id = "chapter"."id" and p.role = 'volunteer' and p.status = 'pending') else 0 end`,
    })
    .from(memberships)
    .innerJoin(chapters, eq(chapters.id, memberships.chapterId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(chapters.name), asc(memberships.role));
  return rows.map((r) => ({ ...r, pendingCount: Number(r.pendingCount) }));
}

export async function chapterIdsLedBy(db: Db, userId: string): Promise<number[]> {
  const rows = await db
    .select({ id: memberships.chapterId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "lead"), eq(memberships.status, "active")));
  return rows.map((r) => r.id);
}

export type Application = {
  membershipId: number;
  userId: string;
  name: string;
  email: string;
  motivation: string | null;
  appliedAt: Date;
  /** "Kecamatan, Kabupaten, Provinsi" */
  kecamatan: string | null;
  skills: { slug: string; nameId: string; nameEn: string }[];
};

export async function listPendingApplications(db: Db, chapterId: number): Promise<Application[]> {
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      motivation: memberships.motivation,
      appliedAt: memberships.appliedAt,
      kecamatanCode: volunteerProfiles.kecamatanCode,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.role, "volunteer"), eq(memberships.status, "pending")))
    .orderBy(asc(memberships.appliedAt));
  const ids = rows.map((r) => r.userId);
  const skillRows = ids.length
    ? await db
        .select({ userId: userSkills.userId, slug: skills.slug, nameId: skills.nameId, nameEn: skills.nameEn })
        .from(userSkills)
        .innerJoin(skills, eq(skills.id, userSkills.skillId))
        .where(inArray(userSkills.userId, ids))
        .orderBy(asc(skills.nameId))
    : [];
  const labels = await regionLabels(db, rows.map((r) => r.kecamatanCode).filter((c): c is string => !!c));
  return rows.map((r) => ({
    membershipId: r.membershipId,
    userId: r.userId,
    name: r.name,
    email: r.email,
    motivation: r.motivation,
    appliedAt: new Date(r.appliedAt),
    kecamatan: r.kecamatanCode ? (labels.get(r.kecamatanCode) ?? r.kecamatanCode) : null,
    skills: skillRows.filter((s) => s.userId === r.userId).map(({ slug, nameId, nameEn }) => ({ slug, nameId, nameEn })),
  }));
}
/** Same list under the other name some callers use. */
export const pendingApplications = listPendingApplications;

export type MemberDetail = {
  userId: string;
  name: string;
  email: string;
  status: MembershipStatus;
  whatsapp: string | null;
  region: string | null;
  bio: string | null;
  availability: number;
  motivation: string | null;
  appliedAt: Date;
  decidedAt: Date | null;
  /** the same person is also an active lead of this chapter */
  isLead: boolean;
  skills: { nameId: string; nameEn: string }[];
  languages: { nameId: string; nameEn: string }[];
};

/** A volunteer of this chapter (any status) with their profile, for the chapter's lead. */
export async function getMember(db: Db, chapterId: number, userId: string): Promise<MemberDetail | null> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      status: memberships.status,
      whatsapp: volunteerProfiles.whatsapp,
      regionCode: volunteerProfiles.regionCode,
      bio: volunteerProfiles.bio,
      availability: volunteerProfiles.availability,
      motivation: memberships.motivation,
      appliedAt: memberships.appliedAt,
      decidedAt: memberships.decidedAt,
      isLead: sql<boolean>`exists (select 1 from membership l where l.chapter_id = ${chapterId} and l.user_id = ${memberships.userId} and l.role = 'lead' and l.status = 'active')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.userId, userId), eq(memberships.role, "volunteer")));
  if (!row) return null;
  const s = await db
    .select({ nameId: skills.nameId, nameEn: skills.nameEn })
    .from(userSkills)
    .innerJoin(skills, eq(skills.id, userSkills.skillId))
    .where(eq(userSkills.userId, userId))
    .orderBy(asc(skills.nameId));
  const l = await db
    .select({ nameId: languages.nameId, nameEn: languages.nameEn })
    .from(userLanguages)
    .innerJoin(languages, eq(languages.code, userLanguages.languageCode))
    .where(eq(userLanguages.userId, userId))
    .orderBy(asc(languages.nameId));
  const labels = row.regionCode ? await regionLabels(db, [row.regionCode]) : new Map<string, string>();
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    status: row.status,
    whatsapp: row.whatsapp,
    region: row.regionCode ? (labels.get(row.regionCode) ?? row.regionCode) : null,
    bio: row.bio,
    availability: row.availability ?? 0,
    motivation: row.motivation,
    appliedAt: new Date(row.appliedAt),
    decidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
    isLead: row.isLead === true || String(row.isLead) === "t",
    skills: s,
    languages: l,
  };
}

// ---- national admin ----

export const chapterSchema = z.object({
  name: z.string({ required_error: "errors.required" }).trim().min(3, "errors.tooShort").max(120, "errors.tooLongMax?max=120"),
  slug: z
    .string({ required_error: "errors.required" })
    .trim()
    .toLowerCase()
    .max(80, "errors.tooLongMax?max=80")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "chapters.admin.slugInvalid"),
});

type ChapterWriteResult = { ok: true; id: number } | { ok: false; errors: Record<string, string[]> };

async function checkChapterRegion(db: Db, regionCode: string | null): Promise<string | null> {
  if (!regionCode) return null;
  const [region] = await db.select({ level: regions.level }).from(regions).where(eq(regions.code, regionCode));
  return region?.level === 2 ? regionCode : null;
}

/**
 * One chapter serves one kabupaten/kota: requests for help and the board of a kabupaten go to its chapter, so a
 * second one there (its name typed another way, "Kab. Jember" / "Kabupaten Jember") would never receive them. Two
 * admins creating or moving chapters at once wait for each other on the kabupaten's lock.
 */
async function chapterFormConflicts(tx: Db, input: { slug: string; regionCode: string; chapterId: number | null }): Promise<Record<string, string[]>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`chapter-region:${input.regionCode}`}))`);
  const other = (column: typeof chapters.slug | typeof chapters.regionCode, value: string) =>
    tx
      .select({ id: chapters.id })
      .from(chapters)
      .where(and(eq(column, value), input.chapterId === null ? undefined : sql`${chapters.id} <> ${input.chapterId}`))
      .limit(1);
  const errors: Record<string, string[]> = {};
  if ((await other(chapters.slug, input.slug)).length) errors.slug = ["chapters.admin.slugTaken"];
  if ((await other(chapters.regionCode, input.regionCode)).length) errors.region = ["chapters.admin.regionTaken"];
  return errors;
}

/** Admin: a new chapter covering one kabupaten/kota (region level 2) that has none yet. */
export async function createChapter(
  db: Db,
  input: { name: string; slug: string; regionCode: string | null; actorId?: string },
): Promise<ChapterWriteResult> {
  const regionCode = await checkChapterRegion(db, input.regionCode);
  if (!regionCode) return { ok: false, errors: { region: ["chapters.admin.regionRequired"] } };
  return db.transaction(async (tx): Promise<ChapterWriteResult> => {
    const errors = await chapterFormConflicts(tx, { slug: input.slug, regionCode, chapterId: null });
    if (Object.keys(errors).length) return { ok: false, errors };
    const [row] = await tx
      .insert(chapters)
      .values({ name: input.name, slug: input.slug, regionCode })
      .onConflictDoNothing({ target: chapters.slug })
      .returning({ id: chapters.id });
    if (!row) return { ok: false, errors: { slug: ["chapters.admin.slugTaken"] } };
    await tx.insert(auditLog).values({ actorId: input.actorId ?? null, chapterId: row.id, action: "chapter.created", subject: input.slug });
    return { ok: true, id: row.id };
  });
}

/** Admin: rename a chapter, change its short address or the kabupaten/kota it covers (one with no other chapter). */
export async function updateChapter(
  db: Db,
  input: { chapterId: number; name: string; slug: string; regionCode: string | null; actorId: string },
): Promise<ChapterWriteResult> {
  const regionCode = await checkChapterRegion(db, input.regionCode);
  if (!regionCode) return { ok: false, errors: { region: ["chapters.admin.regionRequired"] } };
  return db.transaction(async (tx): Promise<ChapterWriteResult> => {
    const [own] = await tx.select({ regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, input.chapterId)).for("update");
    if (!own) return { ok: false, errors: { form: ["chapters.admin.noSuchChapter"] } };
    const errors = await chapterFormConflicts(tx, { slug: input.slug, regionCode, chapterId: input.chapterId });
    // a kabupaten shared since before the rule does not stop the chapter's other corrections (its name, its address)
    if (own.regionCode === regionCode) delete errors.region;
    if (Object.keys(errors).length) return { ok: false, errors };
    const [row] = await tx
      .update(chapters)
      .set({ name: input.name, slug: input.slug, regionCode })
      .where(eq(chapters.id, input.chapterId))
      .returning({ id: chapters.id });
    if (!row) return { ok: false, errors: { form: ["chapters.admin.noSuchChapter"] } };
    await tx.insert(auditLog).values({ actorId: input.actorId, chapterId: row.id, action: "chapter.updated", subject: input.slug });
    return { ok: true, id: row.id };
  });
}

/** First names only: the public chapter page shows who leads it without exposing full names or emails. */
export async function leadFirstNames(db: Db, chapterId: number): Promise<string[]> {
  const rows = await db
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.role, "lead"), eq(memberships.status, "active")))
    .orderBy(asc(users.name));
  return rows.map((r) => r.name.trim().split(/\s+/)[0] ?? r.name);
}

export type AppointResult =
  | { ok: true; invited?: "invited" | "alreadyInvited" }
  | { ok: false; error: "chapters.admin.alreadyLead" | "chapters.admin.noSuchChapter" | "errors.email" };

/**
 * Admin: make an existing account an active lead of the chapter (they may volunteer elsewhere). An address without an
 * account gets an invitation to lead instead (DECISIONS 142): its owner leads once they sign up with it and confirm it.
 */
export async function appointLead(db: Db, input: { chapterId: number; email: string; actorId: string }): Promise<AppointResult> {
  const email = invitationEmail(input.email);
  return db.transaction(async (tx): Promise<AppointResult> => {
    // the chapter's row is locked, as removeLead and an erasing lead lock it: two admins appointing the same person
    // at once make one appointment (the second is told they already lead), and an appointment made while the only
    // lead erases their account is counted by the erasure (no "chapter without a lead" email then)
    const [chapter] = await tx
      .select({ id: chapters.id, name: chapters.name, slug: chapters.slug })
      .from(chapters)
      .where(eq(chapters.id, input.chapterId))
      .for("update");
    if (!chapter) return { ok: false, error: "chapters.admin.noSuchChapter" };
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.email, input.email.trim().toLowerCase()));
    if (!user) {
      if (!email) return { ok: false, error: "errors.email" };
      return { ok: true, invited: await inviteLead(tx, { chapter, email, actorId: input.actorId }) };
    }
    const made = await makeLead(tx, { chapter, user, actorId: input.actorId, auditActorId: input.actorId });
    return made ? { ok: true } : { ok: false, error: "chapters.admin.alreadyLead" };
  });
}

export type RemoveLeadResult = { ok: true } | { ok: false; error: "chapters.admin.notLead" | "chapters.admin.lastLead" };

/**
 * Admin: end someone's lead role in one chapter (kept as an inactive row; other memberships untouched). The chapter's
 * only active lead is not removed: applications, requests for help and the contact form reach its leads alone, and
 * would go to nobody. A successor is appointed first (the admin may appoint themselves for the time between). The
 * chapter's row is locked, so two admins removing its last two leads at once leave one.
 */
export async function removeLead(db: Db, input: { chapterId: number; userId: string; actorId: string }): Promise<RemoveLeadResult> {
  return db.transaction(async (tx): Promise<RemoveLeadResult> => {
    await tx.select({ id: chapters.id }).from(chapters).where(eq(chapters.id, input.chapterId)).for("update");
    const leads = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.chapterId, input.chapterId), eq(memberships.role, "lead"), eq(memberships.status, "active")));
    if (!leads.some((l) => l.userId === input.userId)) return { ok: false, error: "chapters.admin.notLead" };
    if (leads.length === 1) return { ok: false, error: "chapters.admin.lastLead" };
    await tx
      .update(memberships)
      .set({ status: "inactive", decidedBy: input.actorId, decidedAt: new Date() })
      .where(
        and(
          eq(memberships.chapterId, input.chapterId),
          eq(memberships.userId, input.userId),
          eq(memberships.role, "lead"),
          eq(memberships.status, "active"),
        ),
      );
    await tx.insert(auditLog).values({ actorId: input.actorId, chapterId: input.chapterId, action: "lead.removed", subject: input.userId });
    return { ok: true };
  });
}

export type LeadRow = { userId: string; name: string; email: string };
export type AdminChapterRow = {
  id: number;
  slug: string;
  name: string;
  regionCode: string;
  regionName: string;
  provinceName: string;
  activeMembers: number;
  leads: LeadRow[];
};

async function activeLeads(db: Db, chapterId: number | null): Promise<(LeadRow & { chapterId: number })[]> {
  return db
    .select({ chapterId: memberships.chapterId, userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.role, "lead"),
        eq(memberships.status, "active"),
        chapterId === null ? undefined : eq(memberships.chapterId, chapterId),
      ),
    )
    .orderBy(asc(users.name));
}

export const ADMIN_CHAPTERS_PAGE_SIZE = 50;

export type AdminChapterList = {
  rows: AdminChapterRow[];
  /** chapters in all, and those matching the search and filter */
  total: number;
  matching: number;
  /** chapters without an active lead, in all (their mail goes to the national admins: DECISIONS 136) */
  leadless: number;
  page: number;
  pageCount: number;
};

/** Lower case, accents dropped, punctuation as spaces: "Kab. Badung" finds "RTIK Kabupaten Badung". */
function foldForSearch(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The admin's list of chapters, a page at a time (500 chapters on one page buried the create form and every error
 * shown next to it). `q`: every word typed is found in the chapter's name, short address, kabupaten/kota or province
 * ("kab badung", "jember", "sulawesi"); `leadless`: only the chapters without an active lead. By province, then name; a page
 * past the end shows the last one.
 */
export async function listChaptersForAdmin(db: Db, input: { q?: string; leadless?: boolean; page?: number } = {}): Promise<AdminChapterList> {
  const list = await listChapters(db, null);
  const leadsOf = new Map<number, { userId: string; name: string; email: string }[]>();
  for (const { chapterId, userId, name, email } of await activeLeads(db, null)) {
    const list = leadsOf.get(chapterId) ?? [];
    if (!list.length) leadsOf.set(chapterId, list);
    list.push({ userId, name, email });
  }
  const all: AdminChapterRow[] = list.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    regionCode: c.regionCode,
    regionName: c.regionName,
    provinceName: c.provinceName,
    activeMembers: c.activeMembers,
    leads: leadsOf.get(c.id) ?? [],
  }));
  const words = foldForSearch(input.q ?? "").split(" ").filter(Boolean);
  const matching = all.filter(
    (c) =>
      (!input.leadless || c.leads.length === 0) &&
      (!words.length || ((hay) => words.every((w) => hay.includes(w)))(foldForSearch(`${c.name} ${c.slug.replace(/-/g, " ")} ${c.regionName} ${c.provinceName}`))),
  );
  const pageCount = Math.max(1, Math.ceil(matching.length / ADMIN_CHAPTERS_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(input.page ?? 1) || 1));
  return {
    rows: matching.slice((page - 1) * ADMIN_CHAPTERS_PAGE_SIZE, page * ADMIN_CHAPTERS_PAGE_SIZE),
    total: all.length,
    matching: matching.length,
    leadless: all.filter((c) => c.leads.length === 0).length,
    page,
    pageCount,
  };
}

/** `invitations`: invitations to lead sent to addresses without an account, not yet accepted (DECISIONS 142). */
export async function getChapterForAdmin(db: Db, chapterId: number): Promise<(AdminChapterRow & { invitations: PendingLeadInvitation[] }) | null> {
  const [c] = await db
    .select(summaryColumns(null))
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(eq(chapters.id, chapterId));
  if (!c) return null;
  const leads = await activeLeads(db, chapterId);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    regionCode: c.regionCode,
    regionName: c.regionName,
    provinceName: c.provinceName,
    activeMembers: Number(c.activeMembers),
    leads: leads.map(({ userId, name, email }) => ({ userId, name, email })),
    invitations: await pendingLeadInvitations(db, chapterId),
  };
}
