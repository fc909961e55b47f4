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
import { dateTimeFormat, formatNumber, localeTag } from "~/i18n/format";
import {
  approvedActivities,
  computeIndicators,
  eventsPerProgram,
  figuresOf,
  indicatorDefsOf,
  listIndicators,
  scopeFiguresOf,
  volunteerHoursByPerson,
  schoolsByLevel,
  type IndicatorDef,
} from "./indicators.server";
import { currentPeriod, elapsedFraction, parsePeriod, periodBounds, periodKey, periodLabel, periodMonths, periodOptions, previousPeriod, progressPercent, progressRatio, progressStatus, type Period, type Status } from "./period";
import { timeZoneOfRegionCode, type IndonesianTimeZone } from "~/models/regions/time-zones";
import { jsonColumn, rowsOf } from "../../../db/rows";
import { getTargets } from "./targets.server";
import { countKey } from "~/i18n/plural";

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
  /** the share of the target reached as the report writes it, in whole percent; 99 at most until it is met (not "100 %" beside "missed") */
  percent: number | null;
  /** what pro-rata progress would be by now */
  expected: number | null;
  status: Status;
};

function rowsFor(defs: IndicatorDef[], get: (key: string) => { total: number; months: number[] }, prev: (key: string) => number, target: (id: number) => number | null, elapsed: number): IndicatorRow[] {
  return defs.map((d) => {
    const f = get(d.key);
    // a target of 0 (the form refuses it; older rows may hold it) is no target: every view and the summary agree
    const given = target(d.id);
    const t = given !== null && given > 0 ? given : null;
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
      percent: progressPercent(f.total, t),
      // what should be reached by now, in the indicator's own unit: whole people and schools, hours to a tenth
      expected: t === null ? null : Math.round(t * elapsed * 10 ** d.decimals) / 10 ** d.decimals,
      status: progressStatus(f.total, t, elapsed),
    };
  });
}

/**
 * The whole percent the ranking shows for a chapter's mean progress (figure_progress.progress, a ratio), in SQL:
 * `progressPercent(progress, 1)` of period.ts, on which the ranks are shared. floor(x + 0.5) is Math.round.
 */
const RANKING_PERCENT_SQL = sql.raw(`(case
  when fp.progress > 0 and floor(fp.progress * 100 + 0.5) < 1 then 1
  when fp.progress < 1 and floor(fp.progress * 100 + 0.5) > 99 then 99
  else floor(fp.progress * 100 + 0.5) end)`);

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
  /** 1-based rank in the whole ranking; chapters showing the same whole percentage share it (1, 1, 3) */
  rank: number;
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

export type SignatureLines = { place: string; role: string; name: string | null };

/**
 * The Laporan's signature block, the same on the printed page and in the PDF: "<kab/kota>, <day>" (the day on the
 * chapter's calendar), "Koordinator <chapter>", and the name of the lead it is signed by (null: a line to write on).
 */
export function signatureLines(input: { chapter: ChapterRef; locale: Locale; signer: string | null; at?: Date }): SignatureLines {
  const t = translator(input.locale);
  const day = dateTimeFormat(localeTag(input.locale), { day: "numeric", month: "long", year: "numeric", timeZone: input.chapter.timeZone }).format(input.at ?? new Date());
  return {
    place: t("reports.report.signPlace", { place: input.chapter.regionName, date: day }),
    role: t("reports.report.signRole", { chapter: input.chapter.name }),
    name: input.signer?.trim() || null,
  };
}

/** The name a chapter's report is signed with: the viewer's, when they lead the chapter (an admin leads none). */
export async function signerName(db: Db, chapterId: number, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: sql<string>`(select u.name from app_user u where u.id = ${memberships.userId})` })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.chapterId, chapterId), eq(memberships.role, "lead"), eq(memberships.status, "active")))
    .limit(1);
  return row?.name ?? null;
}

/** Chapters shown per page of a roll-up's ranking (the page sends only these). */
export const RANKING_PAGE_SIZE = 50;

/**
 * National (provinceCode null) or provincial roll-up: each indicator summed over chapters against the
 * national/provincial target when an admin set one, else against the sum of the chapters' targets;
 * and one page of the chapters ranked by progress. Only aggregates: no names of people, no records.
 * Figures come from the maintained roll-ups (figure_scope, figure_progress): nothing is recomputed on view,
 * and the ranking is ordered in the database, so the page carries 50 chapters whatever the country's size.
 * Everything is read in ONE statement (rollupSnapshot): the page is a handful of index lookups, and a round trip
 * per part (nine of them) cost more CPU in the app process than the reads themselves cost the database.
 * `provinceName` is null when provinceCode names no province (the page answers 404).
 */
/**
 * The calendar a national or provincial page (roll-up, targets) is read on: a province's own zone (WIB, WITA or WIT),
 * so Papua's page turns to the new year at its midnight; the country's is WIB, the zone of the capital and of most
 * chapters, so that one national page shows one year to every reader.
 */
export function scopeTimeZone(provinceCode: string | null): IndonesianTimeZone {
  return provinceCode ? timeZoneOfRegionCode(provinceCode) : "Asia/Jakarta";
}

/** The period asked for (`?period=`), else the current one on the scope's calendar; and the picker's periods. */
export function scopePeriods(asked: string | null, provinceCode: string | null, now = new Date()): { period: Period; options: Period[] } {
  const zone = scopeTimeZone(provinceCode);
  return { period: parsePeriod(asked) ?? currentPeriod(now, zone), options: periodOptions(now, zone) };
}

export async function rollupDashboard(db: Db, input: { provinceCode: string | null; period: Period; locale: Locale; viewer: { id: string; isAdmin: boolean }; now?: Date; page?: number }) {
  const { period, provinceCode } = input;
  const now = input.now ?? new Date();
  const months = periodMonths(period);
  const prevPeriod = previousPeriod(period);
  const snap = await rollupSnapshot(db, { provinceCode, period, previous: prevPeriod, viewer: input.viewer, page: input.page ?? 1 });
  const defs = indicatorDefsOf(snap.indicators, input.locale);
  const cur = scopeFiguresOf(snap.current, period);
  const prev = scopeFiguresOf(snap.previous, prevPeriod);
  const own = new Map(snap.own);
  const summed = new Map(snap.summed);
  const elapsed = elapsedFraction(period, now, snap.timeZone);
  const empty = { total: 0, months: months.map(() => 0) };
  const rows = rowsFor(
    defs,
    (k) => cur.get(k) ?? empty,
    (k) => prev.get(k)?.total ?? 0,
    (id) => own.get(id) ?? summed.get(id) ?? null,
    elapsed,
  );
  const targetSource = new Map(defs.map((d) => [d.id, own.has(d.id) ? "own" : summed.has(d.id) ? "chapters" : "none"] as const));
  const led = input.viewer.isAdmin ? "all" : new Set(snap.led);
  const ranking: RankedChapter[] = snap.ranked.map(({ targets, figures, ...c }) => ({
    ...c,
    // targets at risk or missed by now (they depend on the time of the view, so they are not kept)
    atRisk: targets.reduce((n, target, i) => {
      const s = progressStatus(figures[i] ?? 0, target, elapsed);
      return s === "atRisk" || s === "missed" ? n + 1 : n;
    }, 0),
    canOpen: led === "all" || led.has(c.id),
  }));
  const pageCount = Math.max(1, Math.ceil(snap.chapterCount / RANKING_PAGE_SIZE));
  const offset = (snap.page - 1) * RANKING_PAGE_SIZE;
  return {
    provinceName: snap.provinceName,
    rows,
    months,
    elapsed,
    previousPeriod: prevPeriod,
    ranking,
    rankingPage: { page: snap.page, pageCount, from: ranking.length ? offset + 1 : 0, to: offset + ranking.length },
    chapterCount: snap.chapterCount,
    /** national roll-up: the provinces that have a chapter */
    provinces: snap.provinces,
    targetSource,
  };
}

/**
 * Chapters (alias c) of a province. A chapter covers a kabupaten/kota, whose parent is its province: the
 * parent index finds the province's few dozen regencies instead of hashing every desa of the country.
 */
const inProvince = (provinceCode: string) => sql`c.region_code in (select r.code from region r where r.parent_code = ${provinceCode})`;

type Snapshot = {
  provinceName: string | null;
  timeZone: string;
  indicators: { id: number; key: string; nameId: string; nameEn: string; definitionId: string; definitionEn: string }[];
  current: { key: string; month: number; value: number }[];
  previous: { key: string; month: number; value: number }[];
  own: [number, number][];
  summed: [number, number][];
  led: number[];
  chapterCount: number;
  page: number;
  ranked: (Omit<RankedChapter, "atRisk" | "canOpen"> & { targets: number[]; figures: number[] })[];
  provinces: { code: string; name: string }[];
};

/**
 * Everything a roll-up page reads, in one statement (each part a json column):
 *   - the province (name, zone; null if the code names none); the nation is read in WIB;
 *   - the active indicators; the scope's maintained figures for the period (months and total) and the previous
 *     period's totals (figure_scope);
 *   - the scope's own targets, and the chapters' targets summed per indicator;
 *   - the chapters the viewer leads (to link their detail), unless an admin;
 *   - the number of chapters and one page of the ranking (figure_progress: progress, then events held, then name;
 *     a shared rank for the same whole percentage),
 *     the page clamped to the last one, with each chapter's province and its targets and figures;
 *   - national: the provinces that have a chapter.
 */
async function rollupSnapshot(db: Db, input: { provinceCode: string | null; period: Period; previous: Period; viewer: { id: string; isAdmin: boolean }; page: number }): Promise<Snapshot> {
  const { provinceCode, period, previous } = input;
  const scopeKey = provinceCode ? `province:${provinceCode}` : "national";
  const chapterWhere = provinceCode ? sql`where ${inProvince(provinceCode)}` : sql``;
  const requested = Math.max(1, Math.floor(input.page) || 1);
  const result = await db.execute(sql`
    with n as (select count(*)::int as chapters from chapter c ${chapterWhere}),
    pg as (select greatest(1, least(${requested}::int, ceil(n.chapters / ${RANKING_PAGE_SIZE}::numeric)::int)) as page from n),
    ranked as (
      select c.id, c.slug, c.name, c.region_code, fp.progress, coalesce(fp.with_targets, 0) as with_targets,
        coalesce(fp.events, 0)::float8 as events, coalesce(fp.participants, 0)::float8 as participants,
        coalesce(fp.target_values, '{}') as target_values, coalesce(fp.figure_values, '{}') as figure_values,
        -- place in the list (pages are cut on it) and rank: chapters showing the same whole percentage share a rank
        -- (1, 1, 3), as do the chapters without targets
        row_number() over (order by ${RANKING_PERCENT_SQL} desc nulls last, fp.progress desc nulls last, coalesce(fp.events, 0) desc, c.name, c.id)::int as pos,
        rank() over (order by ${RANKING_PERCENT_SQL} desc nulls last)::int as rank
      from chapter c
      left join figure_progress fp on fp.chapter_id = c.id and fp.year = ${period.year} and fp.semester = ${period.semester}
      ${chapterWhere}
    )
    select
      ${provinceCode ? sql`(select json_build_array(p.name, p.time_zone) from region p where p.code = ${provinceCode} and p.level = 1)` : sql`null::json`} as province,
      (select json_agg(json_build_array(i.id, i.key, i.name_id, i.name_en, i.definition_id, i.definition_en) order by i.position, i.id) from indicator i where i.active) as indicators,
      (select json_agg(json_build_array(f.key, f.month, f.value::float8)) from figure_scope f
        where f.scope_key = ${scopeKey} and f.year = ${period.year} and f.semester = ${period.semester}) as current,
      (select json_agg(json_build_array(f.key, f.value::float8)) from figure_scope f
        where f.scope_key = ${scopeKey} and f.year = ${previous.year} and f.semester = ${previous.semester} and f.month = 0) as previous,
      (select json_agg(json_build_array(t.indicator_id, t.value)) from target t
        where t.scope_key = ${scopeKey} and t.year = ${period.year} and t.semester = ${period.semester}) as own,
      (select json_agg(json_build_array(x.indicator_id, x.value)) from (
        select t.indicator_id, sum(t.value)::float8 as value from target t
        where t.scope = 'chapter' and t.year = ${period.year} and t.semester = ${period.semester}
          ${provinceCode ? sql`and t.chapter_id in (select c.id from chapter c where ${inProvince(provinceCode)})` : sql``}
        group by t.indicator_id) x) as summed,
      ${
        input.viewer.isAdmin
          ? sql`null::json`
          : sql`(select json_agg(m.chapter_id) from membership m where m.user_id = ${input.viewer.id} and m.role = 'lead' and m.status = 'active')`
      } as led,
      (select n.chapters from n) as chapter_count,
      (select pg.page from pg) as page,
      (select json_agg(json_build_array(s.id, s.slug, s.name, s.progress, s.with_targets, s.events, s.participants, s.rank, p.code, p.name, s.target_values, s.figure_values) order by s.pos)
        from ranked s
        left join lateral (select r.province_code from region r where r.code = s.region_code) r on true
        left join lateral (select p.code, p.name from region p where p.code = r.province_code) p on true
        where s.pos > ((select pg.page from pg) - 1) * ${RANKING_PAGE_SIZE}::int and s.pos <= (select pg.page from pg) * ${RANKING_PAGE_SIZE}::int) as ranking,
      ${
        provinceCode
          ? sql`null::json`
          : // the region of each chapter by its key (a join would read every desa to hash 500 chapters)
            sql`(select json_agg(json_build_array(p.code, p.name) order by p.code)
                from (select distinct (select r.province_code from region r where r.code = c.region_code) as code from chapter c) x
                cross join lateral (select p.code, p.name from region p where p.code = x.code offset 0) p)`
      } as provinces`);
  type Row = { province: unknown; indicators: unknown; current: unknown; previous: unknown; own: unknown; summed: unknown; led: unknown; chapter_count: number; page: number; ranking: unknown; provinces: unknown };
  const row = rowsOf<Row>(result)[0];
  if (!row) throw new Error("roll-up snapshot: no row");
  const province = jsonColumn<[string, string] | null>(row.province, null);
  type RankedJson = [number, string, string, number | null, number, number, number, number, string | null, string | null, (number | string)[], (number | string)[]];
  return {
    provinceName: province?.[0] ?? null,
    timeZone: province?.[1] ?? "Asia/Jakarta",
    indicators: jsonColumn<[number, string, string, string, string, string][]>(row.indicators, []).map(([id, key, nameId, nameEn, definitionId, definitionEn]) => ({ id, key, nameId, nameEn, definitionId, definitionEn })),
    current: jsonColumn<[string, number, number][]>(row.current, []).map(([key, month, value]) => ({ key, month, value })),
    previous: jsonColumn<[string, number][]>(row.previous, []).map(([key, value]) => ({ key, month: 0, value })),
    own: jsonColumn<[number, number][]>(row.own, []).map(([id, v]) => [Number(id), Number(v)]),
    summed: jsonColumn<[number, number][]>(row.summed, []).map(([id, v]) => [Number(id), Number(v)]),
    led: jsonColumn<number[]>(row.led, []).map(Number),
    chapterCount: Number(row.chapter_count),
    page: Number(row.page),
    ranked: jsonColumn<RankedJson[]>(row.ranking, []).map(([id, slug, name, progress, withTargets, events, participants, rank, code, pname, targets, figures]) => ({
      id: Number(id),
      rank: Number(rank),
      slug,
      name,
      provinceCode: code ?? "",
      provinceName: pname ?? "",
      progress: progress === null ? null : Number(progress),
      withTargets: Number(withTargets),
      events: Number(events),
      participants: Number(participants),
      targets: targets.map(Number),
      figures: figures.map(Number),
    })),
    provinces: jsonColumn<[string, string][]>(row.provinces, []).map(([code, name]) => ({ code, name })),
  };
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
  // "1 school", "2 schools": each counted phrase has a "…One" form for exactly 1 (the same words in Indonesian)
  const counted = (key: string, n: number, decimals = 0) => {
    const shown = Math.round(n * 10 ** decimals) / 10 ** decimals;
    return t(countKey(key, shown), { n: fmt(shown, input.locale, decimals) });
  };
  const parts: string[] = [];
  const reach: [string, string][] = [
    ["schools_internet_sehat", "reports.summary.schools"],
    ["pesantren_reached", "reports.summary.pesantren"],
    ["umkm_online", "reports.summary.umkm"],
    ["villages_online", "reports.summary.villages"],
    ["schools_online", "reports.summary.schoolsOnline"],
    ["communities_online", "reports.summary.communities"],
  ];
  for (const [k, msg] of reach) if (v(k) > 0) parts.push(counted(msg, v(k)));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} ${t("reports.summary.and")} ${parts[parts.length - 1]}` : (parts[0] ?? "");
  let s = t("reports.summary.intro", {
    period: periodLabel(input.period, input.locale).toLowerCase(),
    chapter: input.chapterName,
    events: counted("reports.summary.activities", v("events_held")),
    participants: counted("reports.summary.participants", v("participants")),
  });
  if (list) s += ` ${t("reports.summary.reach", { list })}`;
  if (v("tutoring_completed") > 0)
    s += ` ${t("reports.summary.tutoring", { requests: counted("reports.summary.requests", v("tutoring_completed")), learners: counted("reports.summary.learners", v("learners_helped")) })}`;
  s += ` ${t("reports.summary.volunteers", { volunteers: counted("reports.summary.activeVolunteers", v("active_volunteers")), hours: counted("reports.summary.hours", v("volunteer_hours"), 1) })}`;
  const withTarget = input.rows.filter((r) => r.target !== null);
  if (withTarget.length) {
    const count = (st: Status[]) => withTarget.filter((r) => st.includes(r.status)).length;
    s += ` ${t(input.elapsed >= 1 ? "reports.summary.targetsClosed" : "reports.summary.targetsOpen", {
      indicators: counted("reports.summary.indicators", withTarget.length),
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
    rows.push([r.name, r.value, r.target ?? "", r.percent === null ? "" : `${r.percent}%`, t(`reports.status.${r.status}`), r.previous, r.definition, recordsUrl(chapter.slug, r.key, period)]);
  rows.push([]);
  rows.push([t("reports.col.date"), t("reports.col.activity"), t("reports.col.program"), t("reports.col.place"), t("reports.col.participants"), t("reports.col.source")]);
  for (const a of report.activities) rows.push([a.date, a.title, a.program, [a.venue, a.region].filter(Boolean).join(", "), a.participants, `${env.APP_URL}/events/${a.eventId}/report`]);
  rows.push([]);
  rows.push([t("reports.col.volunteer"), t("reports.col.hours"), t("reports.col.events")]);
  for (const h of report.honour) rows.push([h.name, h.hours, h.events]);
  return spreadsheetCsv(rows, input.delimiter);
}
