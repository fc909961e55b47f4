/**
 * Achievement indicators: the managed list (table `indicator`) and, for each key, its ONE implementation as SQL.
 *
 * Every implementation yields "facts" — (chapter, local time, item, weight) — from approved records only:
 *   - outreach facts come from events whose outcome report is approved, dated by the event's start;
 *   - tutoring facts from requests closed as completed, dated by their completion (sessions by the day held).
 * Times are bucketed in the chapter's zone (region.time_zone: WIB/WITA/WIT). A "distinct" indicator counts each
 * item (an institution, a learner, a volunteer) once per period, in the month it was first reached; a "sum"
 * indicator adds the weights. So the months of a period always add up to the period's figure.
 */
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { indicators } from "../../../db/schema/reports";
import type { Db } from "~/db.server";
import { catalogueNamesTaken, takenErrors } from "~/models/catalogue-names.server";
import { periodBounds, periodMonths, type Period } from "./period";
import { rowsOf } from "../../../db/rows";
import { typedNumber } from "~/utils/forms.server";

export type IndicatorKind = "distinct" | "sum";

type Implementation = { kind: IndicatorKind; decimals?: number; facts: (ev: SQL, tr: SQL) => SQL };

/**
 * `ev`: approved outreach events in the period (event_id, chapter_id, program_id, report_id, participants, title, at_local).
 * `tr`: completed tutoring requests of the chapters (request_id, chapter_id, tz, learner, at_local).
 * Columns of every fact: chapter_id, at_local, item, weight, event_id, request_id, label.
 */
// Shared inputs (CTEs in baseCtes, computed once per query however many indicators read them):
//   ri  — institutions reached by approved events;  onl — institutions brought online at approved events;
//   vw  — volunteer work: attendance at approved events, and tutoring sessions on completed requests.
const reached = (where: SQL) => () => sql`
  select ri.chapter_id, ri.at_local, ri.institution_id::text as item, 1::numeric as weight, ri.event_id, null::int as request_id, ri.name as label
  from ri where ${where}`;

const online = (types: string[]) => () => sql`
  select onl.chapter_id, onl.at_local, onl.institution_id::text as item, 1::numeric as weight, onl.event_id, null::int as request_id, onl.name as label
  from onl
  where onl.type in (${sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  )})`;

const volunteerWork = (itemOf: "record" | "user") => () => sql`
  select vw.chapter_id, vw.at_local, ${itemOf === "user" ? sql`vw.user_id` : sql`vw.record_kind || vw.record_id::text`} as item,
    ${itemOf === "user" ? sql`1::numeric` : sql`vw.hours`} as weight, vw.event_id, vw.request_id, vw.user_id as label
  from vw`;

export const IMPLEMENTATIONS: Record<string, Implementation> = {
  schools_internet_sehat: {
    kind: "distinct",
    facts: reached(sql`ri.type = 'school' and ri.program_id = (select id from program where slug = 'internet-sehat')`),
  },
  pesantren_reached: { kind: "distinct", facts: reached(sql`ri.type = 'pesantren'`) },
  umkm_online: { kind: "distinct", facts: online(["umkm"]) },
  villages_online: { kind: "distinct", facts: online(["village"]) },
  schools_online: { kind: "distinct", facts: online(["school", "other"]) },
  communities_online: { kind: "distinct", facts: online(["community"]) },
  participants: {
    kind: "sum",
    facts: (ev) => sql`
      select ev.chapter_id, ev.at_local, ev.report_id::text as item, ev.participants::numeric as weight, ev.event_id, null::int as request_id, ev.title as label
      from ${ev} ev`,
  },
  events_held: {
    kind: "sum",
    facts: (ev) => sql`
      select ev.chapter_id, ev.at_local, ev.event_id::text as item, 1::numeric as weight, ev.event_id, null::int as request_id, ev.title as label
      from ${ev} ev`,
  },
  tutoring_completed: {
    kind: "sum",
    facts: (_ev, tr) => sql`
      select tr.chapter_id, tr.at_local, tr.request_id::text as item, 1::numeric as weight, null::int as event_id, tr.request_id, null::text as label
      from ${tr} tr`,
  },
  learners_helped: {
    kind: "distinct",
    facts: (_ev, tr) => sql`
      select tr.chapter_id, tr.at_local, tr.learner as item, 1::numeric as weight, null::int as event_id, tr.request_id, null::text as label
      from ${tr} tr`,
  },
  volunteer_hours: { kind: "sum", decimals: 1, facts: volunteerWork("record") },
  active_volunteers: { kind: "distinct", facts: volunteerWork("user") },
};

export type IndicatorDef = {
  id: number;
  key: string;
  name: string;
  definition: string;
  kind: IndicatorKind;
  decimals: number;
};

/** Active indicators that have an implementation, in display order, in the reader's language. */
export async function listIndicators(db: Db, locale: "id" | "en"): Promise<IndicatorDef[]> {
  const rows = await db
    .select({ id: indicators.id, key: indicators.key, nameId: indicators.nameId, nameEn: indicators.nameEn, definitionId: indicators.definitionId, definitionEn: indicators.definitionEn })
    .from(indicators)
    .where(eq(indicators.active, true))
    .orderBy(asc(indicators.position), asc(indicators.id));
  return indicatorDefsOf(rows, locale);
}

/** Indicator rows (active, in display order) as definitions in the reader's language; keys without an implementation are left out. */
export function indicatorDefsOf(rows: { id: number; key: string; nameId: string; nameEn: string; definitionId: string; definitionEn: string }[], locale: "id" | "en"): IndicatorDef[] {
  return rows.flatMap((r) => {
    const impl = IMPLEMENTATIONS[r.key];
    if (!impl) return [];
    return [{ id: Number(r.id), key: r.key, name: locale === "en" ? r.nameEn : r.nameId, definition: locale === "en" ? r.definitionEn : r.definitionId, kind: impl.kind, decimals: impl.decimals ?? 0 }];
  });
}

type Scope = { chapterIds: number[] | null; provinceCode?: string | null; /** one chapter by its slug */ slug?: string };

function chapterScope(scope: Scope): SQL {
  const parts: SQL[] = [sql`true`];
  if (scope.chapterIds) parts.push(scope.chapterIds.length ? sql`c.id in (${sql.join(scope.chapterIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`);
  if (scope.provinceCode) parts.push(sql`r.province_code = ${scope.provinceCode}`);
  if (scope.slug !== undefined) parts.push(sql`c.slug = ${scope.slug}`);
  return sql.join(parts, sql` and `);
}

/** The CTEs every computation starts from: chapters in scope with their zone, approved events, completed requests. */
function baseCtes(scope: Scope, period: Period): SQL {
  const { from, to } = periodBounds(period);
  return sql`
    ch as (
      select c.id as chapter_id, r.time_zone as tz
      from chapter c join region r on r.code = c.region_code
      where ${chapterScope(scope)}
    ),
    ev as (
      select e.id as event_id, e.chapter_id, e.program_id, e.title, rep.id as report_id, rep.participants_total as participants,
             (e.starts_at at time zone ch.tz) as at_local
      from event e
      join ch on ch.chapter_id = e.chapter_id
      join outcome_report rep on rep.event_id = e.id and rep.status = 'approved'
      -- the widest UTC window (WIT starts earliest, WIB ends latest) lets the index narrow the scan first
      where e.starts_at >= (${from}::timestamp at time zone 'Asia/Jayapura') and e.starts_at < (${to}::timestamp at time zone 'Asia/Jakarta')
        and (e.starts_at at time zone ch.tz) >= ${from}::timestamp and (e.starts_at at time zone ch.tz) < ${to}::timestamp
    ),
    tr as (
      select t.id as request_id, t.chapter_id, ch.tz, coalesce(t.learner_key, t.whatsapp, lower(t.email), t.id::text) as learner,
             (coalesce(t.closed_at, t.updated_at) at time zone ch.tz) as at_local
      from tutoring_request t
      join ch on ch.chapter_id = t.chapter_id
      where t.status = 'completed'
    ),
    ri as (
      select ev.chapter_id, ev.at_local, ev.program_id, ev.event_id, i.id as institution_id, i.type, i.name
      from ev join outcome_institution oi on oi.report_id = ev.report_id join institution i on i.id = oi.institution_id
    ),
    onl as (
      select ev.chapter_id, ev.at_local, ev.event_id, i.id as institution_id, i.type, i.name
      from ev join onboarding o on o.report_id = ev.report_id join institution i on i.id = o.institution_id
    ),
    vw as (
      select ev.chapter_id, ev.at_local, s.id as record_id, 's' as record_kind, s.user_id, coalesce(s.hours_credited, 0)::numeric as hours, ev.event_id, null::int as request_id
      from ev join signup s on s.event_id = ev.event_id and s.status = 'confirmed' and s.attended_at is not null
      union all
      select tr.chapter_id, ts.held_on::timestamp, ts.id, 't', ts.tutor_id, (ts.minutes / 60.0)::numeric, null::int, tr.request_id
      from tr join tutoring_session ts on ts.request_id = tr.request_id
    )`;
}

function factsUnion(keys: string[], period: Period): SQL {
  const { from, to } = periodBounds(period);
  const parts = keys.map((key) => {
    const impl = IMPLEMENTATIONS[key];
    if (!impl) throw new Error(`no implementation for indicator ${key}`);
    return sql`select ${key}::text as key, f.* from (${impl.facts(sql`ev`, sql`tr`)}) f
      where f.at_local >= ${from}::timestamp and f.at_local < ${to}::timestamp`;
  });
  return sql.join(parts, sql` union all `);
}

export type IndicatorFigures = { total: number; months: number[] };
/** chapterId → indicator key → figures */
export type ChapterFigures = Map<number, Map<string, IndicatorFigures>>;

const round = (n: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
};

/**
 * Each indicator aggregated on its own branch (small integer-keyed groups): a "sum" straight by chapter and month,
 * a "distinct" first per (chapter, item) — the month it was first reached — then by month.
 */
function aggregatedUnion(keys: string[], period: Period): SQL {
  const { from, to } = periodBounds(period);
  const parts = keys.map((key) => {
    const impl = IMPLEMENTATIONS[key];
    if (!impl) throw new Error(`no implementation for indicator ${key}`);
    const facts = sql`select f.chapter_id, f.at_local, f.item, f.weight from (${impl.facts(sql`ev`, sql`tr`)}) f
      where f.at_local >= ${from}::timestamp and f.at_local < ${to}::timestamp`;
    if (impl.kind === "sum")
      return sql`select ${key}::text as key, chapter_id, date_trunc('month', at_local) as month, sum(weight) as value from (${facts}) x group by chapter_id, date_trunc('month', at_local)`;
    return sql`select ${key}::text as key, chapter_id, month, count(*) as value from (
        select chapter_id, date_trunc('month', min(at_local)) as month from (${facts}) x group by chapter_id, item
      ) y group by chapter_id, month`;
  });
  return sql.join(parts, sql` union all `);
}

/**
 * The reference computation: figures of every chapter in scope for one period, with the month-by-month split,
 * straight from the records (one query). Pages read the maintained figures (`computeIndicators`, `scopeFigures`);
 * this stays as their definition, checked against them by tests/integration/rollups-property.test.ts.
 */
export async function computeIndicatorsFromRecords(db: Db, input: Scope & { period: Period; keys?: string[] }): Promise<ChapterFigures> {
  const keys = input.keys ?? Object.keys(IMPLEMENTATIONS);
  const months = periodMonths(input.period);
  const result = await db.execute(sql`
    with ${baseCtes(input, input.period)}
    select key, chapter_id, to_char(month, 'YYYY-MM') as month, value::float8 as value from (${aggregatedUnion(keys, input.period)}) a`);
  const out: ChapterFigures = new Map();
  for (const r of rowsOf<{ key: string; chapter_id: number; month: string; value: number }>(result)) {
    const chapterId = Number(r.chapter_id);
    let byKey = out.get(chapterId);
    if (!byKey) out.set(chapterId, (byKey = new Map()));
    let f = byKey.get(r.key);
    if (!f) byKey.set(r.key, (f = { total: 0, months: months.map(() => 0) }));
    const i = months.indexOf(r.month);
    if (i >= 0) f.months[i] = (f.months[i] ?? 0) + Number(r.value);
    f.total += Number(r.value);
  }
  for (const byKey of out.values())
    for (const [key, f] of byKey) {
      const d = IMPLEMENTATIONS[key]?.decimals ?? 0;
      f.total = round(f.total, d);
      f.months = f.months.map((m) => round(m, d));
    }
  return out;
}

function figureFilter(input: Scope & { period: Period; keys?: string[] }): SQL {
  const parts: SQL[] = [sql`f.year = ${input.period.year}`, sql`f.semester = ${input.period.semester}`];
  if (input.chapterIds) parts.push(input.chapterIds.length ? sql`f.chapter_id in (${sql.join(input.chapterIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`);
  if (input.provinceCode) parts.push(sql`f.province_code = ${input.provinceCode}`);
  if (input.keys) parts.push(input.keys.length ? sql`f.key in (${sql.join(input.keys.map((k) => sql`${k}`), sql`, `)})` : sql`false`);
  return sql.join(parts, sql` and `);
}

/**
 * Figures of every chapter in scope for one period, with the month-by-month split, from the maintained figures
 * (figure_chapter: kept by the database in the transaction of every change to a record behind a figure).
 */
export async function computeIndicators(db: Db, input: Scope & { period: Period; keys?: string[] }): Promise<ChapterFigures> {
  const months = periodMonths(input.period);
  const result = await db.execute(sql`
    select f.chapter_id, f.key, f.month, f.value::float8 as value from figure_chapter f
    where ${figureFilter(input)} and f.month > 0`);
  const out: ChapterFigures = new Map();
  const first = input.period.semester === 2 ? 7 : 1;
  for (const r of rowsOf<{ key: string; chapter_id: number; month: number; value: number }>(result)) {
    const chapterId = Number(r.chapter_id);
    let byKey = out.get(chapterId);
    if (!byKey) out.set(chapterId, (byKey = new Map()));
    let f = byKey.get(r.key);
    if (!f) byKey.set(r.key, (f = { total: 0, months: months.map(() => 0) }));
    const i = Number(r.month) - first;
    if (i >= 0 && i < months.length) f.months[i] = (f.months[i] ?? 0) + Number(r.value);
    f.total += Number(r.value);
  }
  for (const byKey of out.values())
    for (const [key, f] of byKey) {
      const d = IMPLEMENTATIONS[key]?.decimals ?? 0;
      f.total = round(f.total, d);
      f.months = f.months.map((m) => round(m, d));
    }
  return out;
}

/** Each chapter's period totals (chapterId → key → figure) from the maintained figures: what a ranking needs. */
export async function chapterTotals(db: Db, input: Scope & { period: Period; keys?: string[] }): Promise<Map<number, Map<string, number>>> {
  const result = await db.execute(sql`
    select f.chapter_id, f.key, f.value::float8 as value from figure_chapter f
    where ${figureFilter(input)} and f.month = 0`);
  const out = new Map<number, Map<string, number>>();
  for (const r of rowsOf<{ key: string; chapter_id: number; value: number }>(result)) {
    const chapterId = Number(r.chapter_id);
    let byKey = out.get(chapterId);
    if (!byKey) out.set(chapterId, (byKey = new Map()));
    byKey.set(r.key, round(Number(r.value), IMPLEMENTATIONS[r.key]?.decimals ?? 0));
  }
  return out;
}

/**
 * A province's or the nation's figures (key → figures) from figure_scope: the sum of its chapters' figures,
 * kept by the same transaction as the chapters'.
 */
export async function scopeFigures(db: Db, input: { provinceCode: string | null; period: Period; totalsOnly?: boolean }): Promise<Map<string, IndicatorFigures>> {
  const result = await db.execute(sql`
    select f.key, f.month, f.value::float8 as value from figure_scope f
    where f.scope_key = ${input.provinceCode ? `province:${input.provinceCode}` : "national"} and f.year = ${input.period.year} and f.semester = ${input.period.semester}
    ${input.totalsOnly ? sql`and f.month = 0` : sql``}`);
  return scopeFiguresOf(rowsOf<{ key: string; month: number; value: number }>(result), input.period);
}

/** figure_scope rows (key, month 0 = the period's total or 1–12, value) of one scope and period as figures per key. */
export function scopeFiguresOf(rows: Iterable<{ key: string; month: number; value: number }>, period: Period): Map<string, IndicatorFigures> {
  const months = periodMonths(period);
  const first = period.semester === 2 ? 7 : 1;
  const out = new Map<string, IndicatorFigures>();
  for (const r of rows) {
    let f = out.get(r.key);
    if (!f) out.set(r.key, (f = { total: 0, months: months.map(() => 0) }));
    const d = IMPLEMENTATIONS[r.key]?.decimals ?? 0;
    const m = Number(r.month);
    if (m === 0) f.total = round(Number(r.value), d);
    else if (m - first >= 0 && m - first < months.length) f.months[m - first] = round(Number(r.value), d);
  }
  return out;
}

export function figuresOf(all: ChapterFigures, chapterId: number, key: string, monthCount: number): IndicatorFigures {
  return all.get(chapterId)?.get(key) ?? { total: 0, months: Array.from({ length: monthCount }, () => 0) };
}

/** Sum of chapters' figures (roll-ups sum chapters, as the issue asks). */
export function sumFigures(all: ChapterFigures, key: string, monthCount: number, chapterIds?: Iterable<number>): IndicatorFigures {
  const out = { total: 0, months: Array.from({ length: monthCount }, () => 0) };
  const ids = chapterIds ? [...chapterIds] : [...all.keys()];
  for (const id of ids) {
    const f = all.get(id)?.get(key);
    if (!f) continue;
    out.total += f.total;
    f.months.forEach((m, i) => (out.months[i] = (out.months[i] ?? 0) + m));
  }
  const d = IMPLEMENTATIONS[key]?.decimals ?? 0;
  return { total: round(out.total, d), months: out.months.map((m) => round(m, d)) };
}

export type IndicatorRecord = {
  item: string;
  label: string;
  firstAt: string;
  value: number;
  events: { id: number; title: string; date: string }[];
  requestIds: number[];
};

/** The records behind one chapter's figure (auditability): each item once, with every event/request it came from. */
export async function indicatorRecords(db: Db, input: { chapterId: number; key: string; period: Period }): Promise<IndicatorRecord[]> {
  const impl = IMPLEMENTATIONS[input.key];
  if (!impl) return [];
  const result = await db.execute(sql`
    with ${baseCtes({ chapterIds: [input.chapterId] }, input.period)},
    facts as (${factsUnion([input.key], input.period)})
    select f.item, f.at_local, f.weight::float8 as weight, f.event_id, f.request_id,
      coalesce(u.name, f.label) as label, e.title as event_title, to_char(e.starts_at at time zone ch.tz, 'YYYY-MM-DD') as event_date
    from facts f
    join ch on ch.chapter_id = f.chapter_id
    left join app_user u on u.id = f.label
    left join event e on e.id = f.event_id
    order by f.at_local, f.item`);
  const byItem = new Map<string, IndicatorRecord>();
  for (const r of rowsOf<{ item: string; at_local: string | Date; weight: number; event_id: number | null; request_id: number | null; label: string | null; event_title: string | null; event_date: string | null }>(result)) {
    let rec = byItem.get(r.item);
    const at = typeof r.at_local === "string" ? r.at_local.slice(0, 10) : r.at_local.toISOString().slice(0, 10);
    if (!rec) byItem.set(r.item, (rec = { item: r.item, label: r.label ?? "", firstAt: at, value: 0, events: [], requestIds: [] }));
    rec.value = impl.kind === "distinct" ? 1 : rec.value + Number(r.weight);
    if (r.event_id !== null && r.event_title && !rec.events.some((e) => e.id === Number(r.event_id)))
      rec.events.push({ id: Number(r.event_id), title: r.event_title, date: r.event_date ?? at });
    if (r.request_id !== null && !rec.requestIds.includes(Number(r.request_id))) rec.requestIds.push(Number(r.request_id));
  }
  return [...byItem.values()].map((r) => ({ ...r, value: round(r.value, impl.decimals ?? 0) }));
}

/** Schools reached by Internet Sehat by level (SD/MI, SMP/MTs, SMA/SMK/MA, other): "20 SMP/MTs dan SMA". Each school once. */
export async function schoolsByLevel(db: Db, input: { chapterId: number; period: Period }) {
  const result = await db.execute(sql`
    with ${baseCtes({ chapterIds: [input.chapterId] }, input.period)},
    facts as (${factsUnion(["schools_internet_sehat"], input.period)})
    select coalesce(i.level, 'other') as level, count(distinct f.item)::int as n
    from facts f join institution i on i.id::text = f.item
    group by 1`);
  const order = ["sd", "smp", "sma", "other"];
  return rowsOf<{ level: string; n: number }>(result)
    .map((r) => ({ level: r.level, n: Number(r.n) }))
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
}

/** Approved events of the period for one chapter, per program (the breakdown of `events_held`). */
export async function eventsPerProgram(db: Db, input: { chapterId: number; period: Period; locale: "id" | "en" }) {
  const result = await db.execute(sql`
    with ${baseCtes({ chapterIds: [input.chapterId] }, input.period)}
    select p.slug, ${input.locale === "en" ? sql`p.name_en` : sql`p.name_id`} as name, count(*)::int as n
    from ev join program p on p.id = ev.program_id
    group by p.slug, p.name_id, p.name_en order by n desc, name`);
  return rowsOf<{ slug: string; name: string; n: number }>(result).map((r) => ({ ...r, n: Number(r.n) }));
}

/** Approved activities of the period for one chapter: date, place, program, participants and one photo. */
export async function approvedActivities(db: Db, input: { chapterId: number; period: Period; locale: "id" | "en" }) {
  const result = await db.execute(sql`
    with ${baseCtes({ chapterIds: [input.chapterId] }, input.period)}
    select ev.event_id, ev.title, ev.participants, to_char(ev.at_local, 'YYYY-MM-DD') as date,
      ${input.locale === "en" ? sql`p.name_en` : sql`p.name_id`} as program,
      coalesce(i.name, '') as venue, rg.name as region,
      (select ph.id from outcome_photo ph where ph.report_id = ev.report_id order by ph.id limit 1) as photo_id,
      (select ph.file_name from outcome_photo ph where ph.report_id = ev.report_id order by ph.id limit 1) as photo_file
    from ev
    join event e on e.id = ev.event_id
    join program p on p.id = ev.program_id
    left join institution i on i.id = e.venue_id
    join region rg on rg.code = e.region_code
    order by ev.at_local, ev.event_id`);
  return rowsOf<{ event_id: number; title: string; participants: number; date: string; program: string; venue: string; region: string; photo_id: number | null; photo_file: string | null }>(result).map((r) => ({
    eventId: Number(r.event_id),
    title: r.title,
    participants: Number(r.participants),
    date: r.date,
    program: r.program,
    venue: r.venue,
    region: r.region,
    photoId: r.photo_id === null ? null : Number(r.photo_id),
    photoFile: r.photo_file,
  }));
}

/**
 * The approved activities of `approvedActivities` (event id, title, participants, local date, program) as one json
 * column — [[eventId, title, participants, "YYYY-MM-DD", program], …] in the same order, null when none — for a
 * page that reads everything it shows in one statement.
 */
export function approvedActivitiesJson(input: { scope: Scope; period: Period; locale: "id" | "en" }): SQL {
  return sql`(select json_agg(json_build_array(a.event_id, a.title, a.participants, a.date, a.program) order by a.at_local, a.event_id) from (
    with ${baseCtes(input.scope, input.period)}
    select ev.event_id, ev.title, ev.participants, ev.at_local, to_char(ev.at_local, 'YYYY-MM-DD') as date,
      ${input.locale === "en" ? sql`p.name_en` : sql`p.name_id`} as program
    from ev join program p on p.id = ev.program_id) a)`;
}

/**
 * One chapter's maintained monthly figures (figure_chapter rows with month 1–12) as figures per key, summed and
 * rounded exactly as `computeIndicators` does.
 */
export function monthFiguresOf(rows: Iterable<{ key: string; month: number; value: number }>, period: Period): Map<string, IndicatorFigures> {
  const months = periodMonths(period);
  const first = period.semester === 2 ? 7 : 1;
  const out = new Map<string, IndicatorFigures>();
  for (const r of rows) {
    let f = out.get(r.key);
    if (!f) out.set(r.key, (f = { total: 0, months: months.map(() => 0) }));
    const i = Number(r.month) - first;
    if (i >= 0 && i < months.length) f.months[i] = (f.months[i] ?? 0) + Number(r.value);
    f.total += Number(r.value);
  }
  for (const [key, f] of out) {
    const d = IMPLEMENTATIONS[key]?.decimals ?? 0;
    f.total = round(f.total, d);
    f.months = f.months.map((m) => round(m, d));
  }
  return out;
}

/** Volunteer honour roll: each volunteer's credited hours in the period, most first (or one volunteer's, with userId). */
export async function volunteerHoursByPerson(db: Db, input: { chapterId: number; period: Period; limit?: number; userId?: string }) {
  const result = await db.execute(sql`
    with ${baseCtes({ chapterIds: [input.chapterId] }, input.period)},
    facts as (${factsUnion(["volunteer_hours"], input.period)})
    select u.id, u.name, sum(f.weight)::float8 as hours, count(distinct f.event_id)::int as events
    from facts f join app_user u on u.id = f.label
    ${input.userId ? sql`where f.label = ${input.userId}` : sql``}
    group by u.id, u.name
    having sum(f.weight) > 0
    order by hours desc, u.name
    limit ${input.limit ?? 50}`);
  return rowsOf<{ id: string; name: string; hours: number; events: number }>(result).map((r) => ({ userId: r.id, name: r.name, hours: round(Number(r.hours), 1), events: Number(r.events) }));
}

export const indicatorTextSchema = z.object({
  nameId: z.string().trim().min(3, "reports.admin.nameRequired").max(120, "errors.tooLongMax?max=120"),
  nameEn: z.string().trim().min(3, "reports.admin.nameRequired").max(120, "errors.tooLongMax?max=120"),
  definitionId: z.string().trim().min(20, "reports.admin.definitionRequired").max(1000, "errors.tooLongMax?max=1000"),
  definitionEn: z.string().trim().min(20, "reports.admin.definitionRequired").max(1000, "errors.tooLongMax?max=1000"),
  position: typedNumber({ integer: true, min: 0, max: 999 }),
  active: z.literal("1").optional(),
});

/** Every indicator with both languages, for the admins' managed list; `implemented` tells whether code exists. */
export async function listIndicatorsForAdmin(db: Db) {
  const rows = await db.select().from(indicators).orderBy(asc(indicators.position), asc(indicators.id));
  return rows.map((r) => ({ ...r, implemented: r.key in IMPLEMENTATIONS }));
}

const INDICATOR_LIST = { table: indicators, id: indicators.id, nameId: indicators.nameId, nameEn: indicators.nameEn, lock: "indicator" };

/**
 * Names, definition, order and visibility are managed; the key (and so the computation) is fixed in code. A name
 * another indicator has, however it is written, is refused; null when the indicator does not exist.
 */
export async function updateIndicator(
  db: Db,
  id: number,
  v: z.infer<typeof indicatorTextSchema>,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> } | null> {
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.id, id));
    if (!exists) return null;
    const taken = takenErrors(await catalogueNamesTaken(tx, INDICATOR_LIST, v, id), "reports.admin.nameTaken");
    if (taken) return { ok: false as const, errors: taken };
    await tx
      .update(indicators)
      .set({ nameId: v.nameId, nameEn: v.nameEn, definitionId: v.definitionId, definitionEn: v.definitionEn, position: v.position, active: v.active === "1" })
      .where(eq(indicators.id, id));
    return { ok: true as const };
  });
}
