/**
 * A chapter's public page: who and where, upcoming events, this year's achievements as RTIK writes them (from the
 * same approved records and indicators as the Laporan Capaian, linked to the events behind them), and a contact
 * form that reaches the leads without showing anyone's contact.
 */
import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type MembershipStatus } from "../../../db/schema/chapters";
import { outbox } from "../../../db/schema/outbox";
import { jsonColumn, rowsOf } from "../../../db/rows";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { asLocale } from "~/models/events/events.server";
import { whatsappShareUrl } from "~/models/events/public.server";
import { approvedActivitiesJson, indicatorDefsOf, monthFiguresOf } from "~/models/reports/indicators.server";
import { currentPeriod, type Period } from "~/models/reports/period";
import { getChapterRef, type ChapterRef } from "~/models/reports/reports.server";
import type { ChapterSummary } from "./chapters.server";
import { chapterRecipients } from "./recipients.server";
import { renderCardPng, type CardText } from "~/services/og-image.server";
import { SITE_NAME } from "~/utils/share-meta";
import { queueEmail } from "~/services/outbox.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { countKey } from "~/i18n/plural";

/** The reach items of the Laporan Capaian's summary, in its order and words. */
const REACH: [string, string][] = [
  ["schools_internet_sehat", "reports.summary.schools"],
  ["pesantren_reached", "reports.summary.pesantren"],
  ["umkm_online", "reports.summary.umkm"],
  ["villages_online", "reports.summary.villages"],
  ["schools_online", "reports.summary.schoolsOnline"],
  ["communities_online", "reports.summary.communities"],
];

export const ACHIEVEMENT_KEYS = ["events_held", "participants", ...REACH.map(([k]) => k), "tutoring_completed", "active_volunteers", "volunteer_hours"] as const;


/**
 * The year the page shows: the current year in the chapter's zone. Indonesia's zones (UTC+7…+9) agree on it but
 * for two hours on New Year's Eve; only then is the zone read first (null: ask the chapter).
 */
function yearOf(now: Date): number | null {
  const wib = currentPeriod(now, "Asia/Jakarta").year;
  return currentPeriod(now, "Asia/Jayapura").year === wib ? wib : null;
}

type SnapshotRow = {
  id: number;
  slug: string;
  name: string;
  region_code: string;
  region_name: string;
  province_code: string;
  province_name: string;
  time_zone: string;
  active_members: number | string;
  mine: unknown;
  i_lead: boolean | string;
  leads: unknown;
  email_verified: boolean | string | null;
  indicators: unknown;
  figures: unknown;
  activities: unknown;
  upcoming: unknown;
};

/**
 * Everything the chapter page reads, in ONE statement (each part a column, lists as json): the chapter with its
 * region and province, its active volunteers, the viewer's volunteer membership and whether they lead it, the
 * active leads' names, whether the viewer's email is verified, the active indicators, the chapter's maintained
 * figures of the year (figure_chapter, as the Laporan Capaian reads them), the approved activities behind them,
 * and the next public events. A round trip per part (a dozen of them) cost more CPU than the reads themselves.
 */
async function chapterSnapshot(db: Db, input: { slug: string; userId: string | null; year: number; locale: "id" | "en"; now: Date }) {
  const { slug, userId, year, now } = input;
  const period: Period = { year, semester: 0 };
  const result = await db.execute(sql`
    select c.id, c.slug, c.name, c.region_code, r.name as region_name, r.province_code, r.time_zone,
      (select p.name from region p where p.code = r.province_code) as province_name,
      (select count(*)::int from membership m where m.chapter_id = c.id and m.role = 'volunteer' and m.status = 'active') as active_members,
      ${
        userId
          ? sql`(select json_build_array(m.status, m.decision_reason) from membership m where m.chapter_id = c.id and m.user_id = ${userId} and m.role = 'volunteer' limit 1)`
          : sql`null::json`
      } as mine,
      ${userId ? sql`exists (select 1 from membership m where m.chapter_id = c.id and m.user_id = ${userId} and m.role = 'lead' and m.status = 'active')` : sql`false`} as i_lead,
      (select json_agg(u.name order by u.name) from membership m join app_user u on u.id = m.user_id
        where m.chapter_id = c.id and m.role = 'lead' and m.status = 'active') as leads,
      ${userId ? sql`(select u.email_verified_at is not null from app_user u where u.id = ${userId})` : sql`null::boolean`} as email_verified,
      (select json_agg(json_build_array(i.id, i.key, i.name_id, i.name_en, i.definition_id, i.definition_en) order by i.position, i.id) from indicator i where i.active) as indicators,
      (select json_agg(json_build_array(f.key, f.month, f.value::float8)) from figure_chapter f
        where f.chapter_id = c.id and f.year = ${year} and f.semester = 0 and f.month > 0) as figures,
      ${approvedActivitiesJson({ scope: { chapterIds: null, slug }, period, locale: input.locale })} as activities,
      (select json_agg(json_build_array(x.id, x.title, x.status, x.starts_at, x.time_zone, x.venue, x.region) order by x.starts_at, x.id) from (
        select e.id, e.title, e.status, e.starts_at, e.time_zone, i.name as venue, rg.name as region
        from event e
        join program pr on pr.id = e.program_id
        join region rg on rg.code = e.region_code
        left join institution i on i.id = e.venue_id
        where e.chapter_id = c.id and e.ends_at >= ${now.toISOString()}::timestamptz and e.status in ('published', 'cancelled')
        order by e.starts_at, e.id limit 10) x) as upcoming
    from chapter c join region r on r.code = c.region_code
    where c.slug = ${slug}`);
  const row = rowsOf<SnapshotRow>(result)[0];
  if (!row) return null;
  const chapter: ChapterRef = {
    id: Number(row.id),
    slug: row.slug,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    timeZone: row.time_zone,
  };
  const mine = jsonColumn<[MembershipStatus, string | null] | null>(row.mine, null);
  return {
    chapter,
    period,
    activeMembers: Number(row.active_members),
    myStatus: mine?.[0] ?? null,
    myDecisionReason: mine?.[1] ?? null,
    iLead: row.i_lead === true || row.i_lead === "t",
    leadNames: jsonColumn<string[]>(row.leads, []),
    emailVerified: row.email_verified === null ? null : row.email_verified === true || row.email_verified === "t",
    indicators: jsonColumn<[number, string, string, string, string, string][]>(row.indicators, []).map(([id, key, nameId, nameEn, definitionId, definitionEn]) => ({ id, key, nameId, nameEn, definitionId, definitionEn })),
    figures: jsonColumn<[string, number, number][]>(row.figures, []).map(([key, month, value]) => ({ key, month: Number(month), value: Number(value) })),
    activities: jsonColumn<[number, string, number, string, string][]>(row.activities, []).map(([eventId, title, participants, date, program]) => ({
      eventId: Number(eventId),
      title,
      date,
      program,
      participants: Number(participants),
    })),
    upcoming: jsonColumn<[number, string, string, string, string, string | null, string][]>(row.upcoming, []).map(([id, title, status, startsAt, timeZone, venueName, regionName]) => ({
      id: Number(id),
      title,
      status,
      startsAt: new Date(startsAt),
      timeZone,
      venueName,
      regionName,
    })),
  };
}

type Snapshot = NonNullable<Awaited<ReturnType<typeof chapterSnapshot>>>;

/** The year's achievements from a snapshot: the Laporan Capaian's figures of the chapter, the sentence, the activities. */
function achievementsOf(snap: Snapshot, locale: "id" | "en") {
  const defs = indicatorDefsOf(snap.indicators, locale);
  const figs = monthFiguresOf(snap.figures, snap.period);
  const rows = defs.map((d) => ({ key: d.key, name: d.name, value: figs.get(d.key)?.total ?? 0, decimals: d.decimals }));
  const figures: Record<string, number> = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const t = translator(locale);
  // "1 village brought online": the same singular forms as the Laporan's summary
  const parts = REACH.filter(([k]) => (figures[k] ?? 0) > 0).map(([k, msg]) => t(countKey(msg, figures[k] ?? 0), { n: formatNumber(figures[k] ?? 0, locale) }));
  const sentence = parts.length ? (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} ${t("reports.summary.and")} ${parts[parts.length - 1]}` : (parts[0] ?? "")) : "";
  return {
    chapter: snap.chapter,
    year: snap.period.year,
    figures,
    rows: rows.filter((r) => (ACHIEVEMENT_KEYS as readonly string[]).includes(r.key)),
    sentence,
    activities: snap.activities,
  };
}

/** This year's figures of the chapter (the Laporan Capaian's indicators for the same period) and the sentence. */
export async function chapterAchievements(db: Db, input: { slug: string; year: number; locale: "id" | "en"; now?: Date }) {
  const snap = await chapterSnapshot(db, { slug: input.slug, userId: null, year: input.year, locale: input.locale, now: input.now ?? new Date() });
  return snap ? achievementsOf(snap, input.locale) : null;
}

/**
 * Everything the chapter page shows, read in one statement: the chapter (with the viewer's membership and lead
 * role when `userId` is given), the leads' first names, whether the viewer's email is verified, this year's
 * achievements and the upcoming public events.
 */
export async function chapterPage(db: Db, input: { slug: string; userId: string | null; locale: "id" | "en"; now?: Date }) {
  const now = input.now ?? new Date();
  let year = yearOf(now);
  if (year === null) {
    const ref = await getChapterRef(db, input.slug);
    if (!ref) return null;
    year = currentPeriod(now, ref.timeZone).year;
  }
  const snap = await chapterSnapshot(db, { slug: input.slug, userId: input.userId, year, locale: input.locale, now });
  if (!snap) return null;
  const ref = snap.chapter;
  const url = `${env.APP_URL}/chapters/${ref.slug}`;
  const chapter: ChapterSummary = { ...ref, activeMembers: snap.activeMembers, myStatus: snap.myStatus, iLead: snap.iLead };
  return {
    chapter,
    /** the asking user's volunteer membership: its status and the reason of a decision */
    myDecisionReason: snap.myDecisionReason,
    leads: snap.leadNames.map((n) => n.trim().split(/\s+/)[0] ?? n),
    /** null when nobody is signed in */
    emailVerified: snap.emailVerified,
    url,
    achievements: achievementsOf(snap, input.locale),
    upcoming: snap.upcoming,
    shareUrl: whatsappShareUrl(translator("id")("public.chapter.shareText", { chapter: ref.name }), url),
  };
}

/** Everything the public part of the chapter page shows. */
export async function chapterPublicPage(db: Db, input: { slug: string; locale: "id" | "en"; now?: Date }) {
  const page = await chapterPage(db, { ...input, userId: null });
  return page ? { url: page.url, achievements: page.achievements, upcoming: page.upcoming, shareUrl: page.shareUrl } : null;
}

/**
 * The text of the chapter's link-preview card, in Indonesian as the event cards are: its name and province, this
 * year's reach as the page says it, and its next public event. Null for an unknown chapter.
 */
export async function chapterCard(db: Db, slug: string, now = new Date()): Promise<CardText | null> {
  const page = await chapterPage(db, { slug, userId: null, locale: "id", now });
  if (!page) return null;
  const t = translator("id");
  const { chapter, achievements, upcoming } = page;
  // the list shows a cancelled event as cancelled; the card names only one that will take place
  const next = upcoming.find((e) => e.status === "published");
  const lines = [
    achievements.sentence ? `${t("public.chapter.achievements", { year: achievements.year })}: ${achievements.sentence}` : "",
    next ? `${t("public.chapter.next")}: ${next.title}, ${formatDateTime(next.startsAt, "id", next.timeZone)}` : t("public.chapter.noUpcoming"),
  ].filter(Boolean);
  return { kicker: `Relawan TIK · ${chapter.provinceName}`, title: chapter.name, lines, footer: SITE_NAME };
}

/** The chapter page's link-preview card, 1200×630 PNG (/chapters/<slug>/og.png). */
export async function chapterOgImage(db: Db, slug: string): Promise<Buffer | null> {
  const card = await chapterCard(db, slug);
  return card ? renderCardPng(card) : null;
}

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(120),
  reply: z.string().trim().min(3).max(160),
  message: z.string().trim().min(1).max(2000),
  /** honeypot: people leave it empty */
  website: z.string().max(0).optional(),
  /** the page's one-time key (DECISIONS 118): the same form sent twice is one message */
  contactKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional().catch(undefined),
});
export type ContactForm = z.infer<typeof contactSchema>;

export type ContactResult = { ok: true } | { ok: false; reason: "noLead" | "tooMany" | "notFound" };

/** The key a new contact form carries (DECISIONS 118). */
export function newContactKey(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * A visitor's message to the chapter: one email to each active lead; nobody's address is shown to anyone.
 * The same form sent twice (a double tap, a resend on 3G) is one message: the page's key and what was written name
 * the emails, so a repeat finds them queued and sends nothing more (and does not count against the visitor's limit).
 */
export async function contactChapter(db: Db, input: { slug: string; form: ContactForm; ip: string }): Promise<ContactResult> {
  const ref = await getChapterRef(db, input.slug);
  if (!ref) return { ok: false, reason: "notFound" };
  // a chapter without a lead: the national admins read the message until one is appointed
  const { people: leads } = await chapterRecipients(db, ref.id);
  if (!leads.length) return { ok: false, reason: "noLead" };
  const { contactKey: key, name, reply, message } = input.form;
  // the content is part of the name, so two people never share one even if a page were served to both
  const id = key ? createHash("sha256").update(JSON.stringify([ref.id, key, name, reply, message])).digest("base64url").slice(0, 32) : randomUUID();
  const dedupKeyFor = (email: string) => `chapter-contact:${id}:${email}`;
  if (key) {
    // exact keys, so the outbox's unique index answers whatever the database's collation
    const [sent] = await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.dedupKey, leads.map((l) => dedupKeyFor(l.email)))).limit(1);
    if (sent) return { ok: true };
  }
  const limit = await hitRateLimit(db, `chapter-contact:${input.ip}`, 5, 3600);
  if (!limit.allowed) return { ok: false, reason: "tooMany" };
  await db.transaction(async (tx) => {
    for (const l of leads)
      await queueEmail(tx, {
        to: l.email,
        template: "chapter-contact",
        locale: asLocale(l.locale),
        payload: { leadName: l.name, chapterName: ref.name, fromName: input.form.name, reply: input.form.reply, message: input.form.message },
        dedupKey: dedupKeyFor(l.email),
      });
  });
  return { ok: true };
}
