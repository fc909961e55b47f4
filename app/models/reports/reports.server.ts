/**
 * Dashboards, roll-ups and the Laporan Capaian: figures from indicators.server.ts, targets from targets.server.ts,
 * judged against the share of the period elapsed in the chapter's zone.
 */
import { spreadsheetCsv, type CsvDelimiter } from "~/services/csv.server";
import { and, asc, eq, sql } from "drizzle-orm";
import { chapters, memberships } from "../../../db/schema/chapters";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import {
  approvedActivities,
  computeIndicators,
  eventsPerProgram,
  figuresOf,
  listIndicators,
  sumFigures,
  volunteerHoursByPerson,
  schoolsByLevel,
  type ChapterFigures,
  type IndicatorDef,
} from "./indicators.server";
import { elapsedFraction, periodBounds, periodKey, periodLabel, periodMonths, previousPeriod, progressRatio, progressStatus, type Period, type Status } from "./period";
import { rowsOf } from "../../../db/rows";
import { chapterTargets, getTargets } from "./targets.server";

export type Locale = "id" | "en";

export type IndicatorRow = {
  id: number;
  key: string;
  name: string;
  definition: string;
  decimals: number;
  value: number;
  months: number[];
  previous: number;
  target: number | null;
  /** 0..1 of the target reached, null without a target */
  ratio: number | null;
  /** what pro-rata progress would be by now */
  expected: number | null;
  status: Status;
};

function rowsFor(defs: IndicatorDef[], get: (key: string) => { total: number; months: number[] }, prev: (key: string) => number, target: (id: number) => number | null, elapsed: number): IndicatorRow[] {
  return defs.map((d) => {
    const f = get(d.key);
    const t = target(d.id);
    return {
      id: d.id,
      key: d.key,
      name: d.name,
      definition: d.definition,
      decimals: d.decimals,
      value: f.total,
      months: f.months,
      previous: prev(d.key),
      target: t,
      ratio: progressRatio(f.total, t),
      expected: t === null ? null : Math.round(t * elapsed * 10) / 10,
      status: progressStatus(f.total, t, elapsed),
    };
  });
}

export type ChapterRef = { id: number; slug: string; name: string; regionCode: string; regionName: string; provinceCode: string; provinceName: string; timeZone: string };

export async function getChapterRef(db: Db, slug: string): Promise<ChapterRef | null> {
  const [row] = await db
    .select({
      id: chapters.id,
      slug: chapters.slug,
      name: chapters.name,
      regionCode: chapters.regionCode,
      regionName: regions.name,
      provinceCode: regions.provinceCode,
      provinceName: sql<string>`(select p.name from region p where p.code = ${regions.provinceCode})`,
      timeZone: regions.timeZone,
    })
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(eq(chapters.slug, slug));
  return row ?? null;
}

export async function chapterDashboard(db: Db, input: { chapter: ChapterRef; period: Period; locale: Locale; now?: Date }) {
  const { chapter, period } = input;
  const now = input.now ?? new Date();
  const months = periodMonths(period);
  const prevPeriod = previousPeriod(period);
  const [defs, cur, prev, tg] = await Promise.all([
    listIndicators(db, input.locale),
    computeIndicators(db, { chapterIds: [chapter.id], period }),
    computeIndicators(db, { chapterIds: [chapter.id], period: prevPeriod }),
    getTargets(db, { scope: "chapter", chapterId: chapter.id }, period),
  ]);
  const elapsed = elapsedFraction(period, now, chapter.timeZone);
  const rows = rowsFor(
    defs,
    (k) => figuresOf(cur, chapter.id, k, months.length),
    (k) => figuresOf(prev, chapter.id, k, months.length).total,
    (id) => tg.get(id) ?? null,
    elapsed,
  );
  return { rows, months, elapsed, previousPeriod: prevPeriod };
}

export type RankedChapter = {
  id: number;
  slug: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** mean share of targets reached (each capped at 100 %), null without targets */
  progress: number | null;
  withTargets: number;
  atRisk: number;
  events: number;
  participants: number;
  canOpen: boolean;
};

/** Chapters the viewer may open in detail: all for admins, otherwise the ones they lead. */
export async function ledChapterIds(db: Db, viewer: { id: string; isAdmin: boolean }): Promise<Set<number> | "all"> {
  if (viewer.isAdmin) return "all";
  const rows = await db
    .select({ id: memberships.chapterId })
    .from(memberships)
    .where(and(eq(memberships.userId, viewer.id), eq(memberships.role, "lead"), eq(memberships.status, "active")));
  return new Set(rows.map((r) => r.id));
}

/**
 * National (provinceCode null) or provincial roll-up: each indicator summed over chapters against the
 * national/provincial target when an admin set one, else against the sum of the chapters' targets;
 * and the chapters ranked by progress. Only aggregates: no names of people, no records.
 */
export async function rollupDashboard(db: Db, input: { provinceCode: string | null; period: Period; locale: Locale; viewer: { id: string; isAdmin: boolean }; now?: Date }) {
  const { period, provinceCode } = input;
  const now = input.now ?? new Date();
  const months = periodMonths(period);
  const prevPeriod = previousPeriod(period);
  const chapterList = await db
    .select({
      id: chapters.id,
      slug: chapters.slug,
      name: chapters.name,
      provinceCode: regions.provinceCode,
      provinceName: sql<string>`(select p.name from region p where p.code = ${regions.provinceCode})`,
      timeZone: regions.timeZone,
    })
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(provinceCode ? eq(regions.provinceCode, provinceCode) : undefined)
    .orderBy(asc(chapters.name));
  const [defs, cur, prev, perChapter, own, led] = await Promise.all([
    listIndicators(db, input.locale),
    computeIndicators(db, { chapterIds: null, provinceCode, period }),
    computeIndicators(db, { chapterIds: null, provinceCode, period: prevPeriod }),
    chapterTargets(db, period, provinceCode),
    getTargets(db, provinceCode ? { scope: "province", provinceCode } : { scope: "national" }, period),
    ledChapterIds(db, input.viewer),
  ]);
  const ids = chapterList.map((c) => c.id);
  const summed = new Map<number, number>();
  for (const m of perChapter.values()) for (const [ind, v] of m) summed.set(ind, (summed.get(ind) ?? 0) + v);
  const elapsed = elapsedFraction(period, now, provinceCode ? (chapterList[0]?.timeZone ?? "Asia/Jakarta") : "Asia/Jakarta");
  const rows = rowsFor(
    defs,
    (k) => sumFigures(cur, k, months.length, ids),
    (k) => sumFigures(prev, k, months.length, ids).total,
    (id) => own.get(id) ?? summed.get(id) ?? null,
    elapsed,
  );
  const targetSource = new Map(defs.map((d) => [d.id, own.has(d.id) ? "own" : summed.has(d.id) ? "chapters" : "none"] as const));
  const ranking = rankChapters(chapterList, defs, cur, perChapter, months.length, elapsed, led);
  return { rows, months, elapsed, previousPeriod: prevPeriod, ranking, chapterCount: chapterList.length, targetSource };
}

function rankChapters(
  list: { id: number; slug: string; name: string; provinceCode: string; provinceName: string; timeZone: string }[],
  defs: IndicatorDef[],
  figures: ChapterFigures,
  perChapter: Map<number, Map<number, number>>,
  monthCount: number,
  elapsedNational: number,
  led: Set<number> | "all",
): RankedChapter[] {
  const out = list.map((c) => {
    const tg = perChapter.get(c.id);
    let sum = 0;
    let n = 0;
    let atRisk = 0;
    for (const d of defs) {
      const t = tg?.get(d.id);
      if (t === undefined || t <= 0) continue;
      const v = figuresOf(figures, c.id, d.key, monthCount).total;
      sum += Math.min(1, v / t);
      n++;
      if (progressStatus(v, t, elapsedNational) === "atRisk" || progressStatus(v, t, elapsedNational) === "missed") atRisk++;
    }
    return {
      id: c.id,
      slug: c.slug,
      name: c.name,
      provinceCode: c.provinceCode,
      provinceName: c.provinceName,
      progress: n ? sum / n : null,
      withTargets: n,
      atRisk,
      events: figuresOf(figures, c.id, "events_held", monthCount).total,
      participants: figuresOf(figures, c.id, "participants", monthCount).total,
      canOpen: led === "all" || led.has(c.id),
    };
  });
  return out.sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1) || b.events - a.events || a.name.localeCompare(b.name));
}

export async function listProvinces(db: Db) {
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.level, 1)).orderBy(asc(regions.code));
}

export async function provinceName(db: Db, code: string): Promise<string | null> {
  const [r] = await db.select({ name: regions.name }).from(regions).where(and(eq(regions.code, code), eq(regions.level, 1)));
  return r?.name ?? null;
}

/** Requests received, completed, cancelled and still open in the period; sessions and mean rating. */
export async function tutoringSummary(db: Db, input: { chapterId: number; timeZone: string; period: Period }) {
  const { from, to } = periodBounds(input.period);
  const tz = input.timeZone;
  const result = await db.execute(sql`
    select
      count(*) filter (where (t.created_at at time zone ${tz}) >= ${from}::timestamp and (t.created_at at time zone ${tz}) < ${to}::timestamp)::int as received,
      count(*) filter (where t.status = 'completed' and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) >= ${from}::timestamp and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) < ${to}::timestamp)::int as completed,
      count(*) filter (where t.status in ('cancelled', 'unmatched') and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) >= ${from}::timestamp and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) < ${to}::timestamp)::int as closed_other,
      count(*) filter (where t.status in ('new', 'offered', 'matched', 'in_progress'))::int as open_now,
      avg(t.rating) filter (where t.status = 'completed' and t.rating is not null and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) >= ${from}::timestamp and (coalesce(t.closed_at, t.updated_at) at time zone ${tz}) < ${to}::timestamp)::float8 as rating,
      (select count(*)::int from tutoring_session s join tutoring_request r on r.id = s.request_id where r.chapter_id = ${input.chapterId} and s.held_on >= ${from}::date and s.held_on < ${to}::date) as sessions,
      (select coalesce(sum(s.minutes), 0)::int from tutoring_session s join tutoring_request r on r.id = s.request_id where r.chapter_id = ${input.chapterId} and s.held_on >= ${from}::date and s.held_on < ${to}::date) as minutes
    from tutoring_request t where t.chapter_id = ${input.chapterId}`);
  const r = rowsOf<{ received: number; completed: number; closed_other: number; open_now: number; rating: number | null; sessions: number; minutes: number }>(result)[0];
  return {
    received: Number(r?.received ?? 0),
    completed: Number(r?.completed ?? 0),
    closedOther: Number(r?.closed_other ?? 0),
    openNow: Number(r?.open_now ?? 0),
    rating: r?.rating === null || r?.rating === undefined ? null : Math.round(Number(r.rating) * 10) / 10,
    sessions: Number(r?.sessions ?? 0),
    hours: Math.round((Number(r?.minutes ?? 0) / 60) * 10) / 10,
  };
}

const fmt = (n: number, locale: Locale, decimals = 0) => formatNumber(Math.round(n * 10 ** decimals) / 10 ** decimals, locale);

/** The summary paragraph of the report, generated from the figures. */
export function summaryParagraph(input: { chapterName: string; period: Period; rows: IndicatorRow[]; elapsed: number; locale: Locale }): string {
  const t = translator(input.locale);
  const v = (k: string) => input.rows.find((r) => r.key === k)?.value ?? 0;
  const parts: string[] = [];
  const reach: [string, string][] = [
    ["schools_internet_sehat", "reports.summary.schools"],
    ["pesantren_reached", "reports.summary.pesantren"],
    ["umkm_online", "reports.summary.umkm"],
    ["villages_online", "reports.summary.villages"],
    ["schools_online", "reports.summary.schoolsOnline"],
    ["communities_online", "reports.summary.communities"],
  ];
  for (const [k, msg] of reach) if (v(k) > 0) parts.push(t(msg, { n: fmt(v(k), input.locale) }));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} ${t("reports.summary.and")} ${parts[parts.length - 1]}` : (parts[0] ?? "");
  let s = t("reports.summary.intro", {
    period: periodLabel(input.period, input.locale).toLowerCase(),
    chapter: input.chapterName,
    events: fmt(v("events_held"), input.locale),
    participants: fmt(v("participants"), input.locale),
  });
  if (list) s += ` ${t("reports.summary.reach", { list })}`;
  if (v("tutoring_completed") > 0) s += ` ${t("reports.summary.tutoring", { n: fmt(v("tutoring_completed"), input.locale), learners: fmt(v("learners_helped"), input.locale) })}`;
  s += ` ${t("reports.summary.volunteers", { n: fmt(v("active_volunteers"), input.locale), hours: fmt(v("volunteer_hours"), input.locale, 1) })}`;
  const withTarget = input.rows.filter((r) => r.target !== null);
  if (withTarget.length) {
    const count = (st: Status[]) => withTarget.filter((r) => st.includes(r.status)).length;
    s += ` ${t(input.elapsed >= 1 ? "reports.summary.targetsClosed" : "reports.summary.targetsOpen", {
      n: withTarget.length,
      met: count(["met"]),
      onTrack: count(["onTrack", "notStarted"]),
      atRisk: count(["atRisk", "missed"]),
    })}`;
  } else s += ` ${t("reports.summary.noTargets")}`;
  return s;
}

export function recordsUrl(chapterSlug: string, key: string, period: Period): string {
  return `${env.APP_URL}/chapters/${chapterSlug}/capaian/${key}?period=${periodKey(period)}`;
}

/** Everything the Laporan Capaian shows, in the report's language. */
export async function chapterReport(db: Db, input: { chapter: ChapterRef; period: Period; locale: Locale; now?: Date }) {
  const dash = await chapterDashboard(db, input);
  const [activities, perProgram, tutoring, honour, schoolLevels] = await Promise.all([
    approvedActivities(db, { chapterId: input.chapter.id, period: input.period, locale: input.locale }),
    eventsPerProgram(db, { chapterId: input.chapter.id, period: input.period, locale: input.locale }),
    tutoringSummary(db, { chapterId: input.chapter.id, timeZone: input.chapter.timeZone, period: input.period }),
    volunteerHoursByPerson(db, { chapterId: input.chapter.id, period: input.period, limit: 30 }),
    schoolsByLevel(db, { chapterId: input.chapter.id, period: input.period }),
  ]);
  const summary = summaryParagraph({ chapterName: input.chapter.name, period: input.period, rows: dash.rows, elapsed: dash.elapsed, locale: input.locale });
  return { ...dash, activities, perProgram, tutoring, honour, summary, schoolLevels };
}

export type ChapterReport = Awaited<ReturnType<typeof chapterReport>>;

/** Spreadsheet-friendly CSV (see csv.server.ts), one section after another, each with a header row. */
export function reportCsv(input: { chapter: ChapterRef; period: Period; report: ChapterReport; locale: Locale; delimiter?: CsvDelimiter }): string {
  const t = translator(input.locale);
  const { report, chapter, period } = input;
  const rows: (string | number)[][] = [];
  rows.push([t("reports.report.title"), chapter.name, periodLabel(period, input.locale)]);
  rows.push([]);
  rows.push([t("reports.col.indicator"), t("reports.col.value"), t("reports.col.target"), t("reports.col.progress"), t("reports.col.status"), t("reports.col.previous"), t("reports.col.definition"), t("reports.col.source")]);
  for (const r of report.rows)
    rows.push([r.name, r.value, r.target ?? "", r.ratio === null ? "" : `${Math.round(r.ratio * 100)}%`, t(`reports.status.${r.status}`), r.previous, r.definition, recordsUrl(chapter.slug, r.key, period)]);
  rows.push([]);
  rows.push([t("reports.col.date"), t("reports.col.activity"), t("reports.col.program"), t("reports.col.place"), t("reports.col.participants"), t("reports.col.source")]);
  for (const a of report.activities) rows.push([a.date, a.title, a.program, [a.venue, a.region].filter(Boolean).join(", "), a.participants, `${env.APP_URL}/events/${a.eventId}/report`]);
  rows.push([]);
  rows.push([t("reports.col.volunteer"), t("reports.col.hours"), t("reports.col.events")]);
  for (const h of report.honour) rows.push([h.name, h.hours, h.events]);
  return spreadsheetCsv(rows, input.delimiter);
}
