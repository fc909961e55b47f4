/**
 * A chapter's public page: who and where, upcoming events, this year's achievements as RTIK writes them (from the
 * same approved records and indicators as the Laporan Capaian, linked to the events behind them), and a contact
 * form that reaches the leads without showing anyone's contact.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { memberships } from "../../../db/schema/chapters";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import { asLocale } from "~/models/events/events.server";
import { upcomingPublicEvents, whatsappShareUrl } from "~/models/events/public.server";
import { approvedActivities } from "~/models/reports/indicators.server";
import { currentPeriod, type Period } from "~/models/reports/period";
import { chapterDashboard, getChapterRef } from "~/models/reports/reports.server";
import { queueEmail } from "~/services/outbox.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { randomUUID } from "node:crypto";

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

/** This year's figures of the chapter (the Laporan Capaian's indicators for the same period) and the sentence. */
export async function chapterAchievements(db: Db, input: { slug: string; year: number; locale: "id" | "en"; now?: Date }) {
  const chapter = await getChapterRef(db, input.slug);
  if (!chapter) return null;
  const period: Period = { year: input.year, semester: 0 };
  const [dash, activities] = await Promise.all([
    chapterDashboard(db, { chapter, period, locale: input.locale, now: input.now }),
    approvedActivities(db, { chapterId: chapter.id, period, locale: input.locale }),
  ]);
  const figures: Record<string, number> = Object.fromEntries(dash.rows.map((r) => [r.key, r.value]));
  const t = translator(input.locale);
  const parts = REACH.filter(([k]) => (figures[k] ?? 0) > 0).map(([k, msg]) => t(msg, { n: formatNumber(figures[k] ?? 0, input.locale) }));
  const sentence = parts.length ? (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} ${t("reports.summary.and")} ${parts[parts.length - 1]}` : (parts[0] ?? "")) : "";
  return {
    chapter,
    year: input.year,
    figures,
    rows: dash.rows.filter((r) => (ACHIEVEMENT_KEYS as readonly string[]).includes(r.key)).map((r) => ({ key: r.key, name: r.name, value: r.value, decimals: r.decimals })),
    sentence,
    activities: activities.map((a) => ({ eventId: a.eventId, title: a.title, date: a.date, program: a.program, participants: a.participants })),
  };
}

/** Everything the public part of the chapter page shows. */
export async function chapterPublicPage(db: Db, input: { slug: string; locale: "id" | "en"; now?: Date }) {
  const now = input.now ?? new Date();
  const ref = await getChapterRef(db, input.slug);
  if (!ref) return null;
  const year = currentPeriod(now, ref.timeZone).year;
  const [achievements, upcoming] = await Promise.all([chapterAchievements(db, { slug: input.slug, year, locale: input.locale, now }), upcomingPublicEvents(db, { chapterId: ref.id, limit: 10, now })]);
  const url = `${env.APP_URL}/chapters/${ref.slug}`;
  return {
    url,
    achievements,
    upcoming,
    shareUrl: whatsappShareUrl(translator("id")("public.chapter.shareText", { chapter: ref.name }), url),
  };
}

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(120),
  reply: z.string().trim().min(3).max(160),
  message: z.string().trim().min(1).max(2000),
  /** honeypot: people leave it empty */
  website: z.string().max(0).optional(),
});
export type ContactForm = z.infer<typeof contactSchema>;

export type ContactResult = { ok: true } | { ok: false; reason: "noLead" | "tooMany" | "notFound" };

/** A visitor's message to the chapter: one email to each active lead; nobody's address is shown to anyone. */
export async function contactChapter(db: Db, input: { slug: string; form: ContactForm; ip: string }): Promise<ContactResult> {
  const ref = await getChapterRef(db, input.slug);
  if (!ref) return { ok: false, reason: "notFound" };
  const limit = await hitRateLimit(db, `chapter-contact:${input.ip}`, 5, 3600);
  if (!limit.allowed) return { ok: false, reason: "tooMany" };
  const leads = await db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.chapterId, ref.id), eq(memberships.role, "lead"), eq(memberships.status, "active")));
  if (!leads.length) return { ok: false, reason: "noLead" };
  const id = randomUUID();
  await db.transaction(async (tx) => {
    for (const l of leads)
      await queueEmail(tx, {
        to: l.email,
        template: "chapter-contact",
        locale: asLocale(l.locale),
        payload: { leadName: l.name, chapterName: ref.name, fromName: input.form.name, reply: input.form.reply, message: input.form.message },
        dedupKey: `chapter-contact:${id}:${l.email}`,
      });
  });
  return { ok: true };
}
