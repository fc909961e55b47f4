// National achievement dashboard with 500 chapters and two years of data on PostgreSQL.
// Usage: TEST_DATABASE_URL=… [PREPARE=0] [CHAPTERS=500] node --import tsx bench/national-dashboard.ts
// Generates its own database (a copy of the migrated template), fills it in SQL, then times the computation.
import { sql } from "drizzle-orm";
import { computeIndicators } from "../app/models/reports/indicators.server";
import { currentPeriod } from "../app/models/reports/period";
import { chapterDashboard, getChapterRef, rollupDashboard } from "../app/models/reports/reports.server";
import { createTestDatabase, prepareTemplates, testDbKind } from "../tests/support/db";

const CHAPTERS = Number(process.env.CHAPTERS ?? 500);
const EVENTS_PER_CHAPTER = 96; // two a month for two years
if (testDbKind() !== "postgres") throw new Error("set TEST_DATABASE_URL: this benchmark is for PostgreSQL");
if (process.env.PREPARE !== "0") await prepareTemplates();
const t = await createTestDatabase();
const count = async (table: string) => Number(((await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { n: number }[])[0]?.n);

try {
  const t0 = Date.now();
  await t.db.execute(sql`
    create temporary table bench_ch as
    select row_number() over (order by r.code)::int as i, r.code as region_code, r.time_zone from region r
    where r.level = 2 order by r.code limit ${CHAPTERS}`);
  await t.db.execute(sql`insert into chapter (slug, name, region_code) select 'bench-' || i, 'RTIK Bench ' || i, region_code from bench_ch`);
  await t.db.execute(sql`alter table bench_ch add column id int; update bench_ch b set id = c.id from chapter c where c.slug = 'bench-' || b.i`);
  // 20 volunteers per chapter, one lead
  await t.db.execute(sql`insert into app_user (id, email, name) select 'bench-u-' || g, 'u' || g || '@bench.test', 'Relawan ' || g from generate_series(1, ${CHAPTERS * 21}::int) g`);
  await t.db.execute(sql`
    insert into membership (user_id, chapter_id, role, status)
    select 'bench-u-' || g, b.id, case when g > ${CHAPTERS * 20}::int then 'lead' else 'volunteer' end, 'active'
    from generate_series(1, ${CHAPTERS * 21}::int) g join bench_ch b on b.i = 1 + (g - 1) % ${CHAPTERS}::int`);
  // 60 institutions per chapter: school, pesantren, umkm, village, community, other in turn
  await t.db.execute(sql`
    insert into institution (type, name, region_code, dedup_key)
    select (array['school','pesantren','umkm','village','community','other'])[1 + k % 6], 'Lembaga ' || b.i || '-' || k, b.region_code, 'bench|' || b.i || '|' || k
    from bench_ch b cross join generate_series(0, 59) k`);
  // two events a month for two years, spread over the programs
  await t.db.execute(sql`
    insert into event (chapter_id, program_id, region_code, title, status, time_zone, starts_at, ends_at, checkin_code)
    select b.id, p.id, b.region_code, 'Kegiatan ' || b.i || '-' || g, 'completed', b.time_zone,
      now() - make_interval(hours => (g * 7 * 24 + (b.i * 13) % 100)::int),
      now() - make_interval(hours => (g * 7 * 24 + (b.i * 13) % 100)::int) + interval '3 hours', 'B' || g
    from bench_ch b cross join generate_series(1, ${EVENTS_PER_CHAPTER}::int) g
    join (select id, row_number() over (order by id) - 1 as k, count(*) over () as n from program) p on p.k = (g + b.i) % p.n`);
  await t.db.execute(sql`
    create temporary table bench_ev as
    select e.id, e.starts_at, b.i, b.id as chapter_id from event e join bench_ch b on b.id = e.chapter_id`);
  await t.db.execute(sql`insert into event_role (event_id, name, capacity) select id, 'Narasumber', 10 from bench_ev`);
  // nine in ten reports approved
  await t.db.execute(sql`
    insert into outcome_report (event_id, status, participants_total, approved_at)
    select id, case when id % 10 = 0 then 'submitted' else 'approved' end, 20 + id % 80, starts_at + interval '2 days' from bench_ev`);
  await t.db.execute(sql`
    insert into outcome_institution (report_id, institution_id)
    select distinct r.id, i.id from bench_ev e join outcome_report r on r.event_id = e.id cross join generate_series(0, 2) j
    join institution i on i.dedup_key = 'bench|' || e.i || '|' || ((e.id + j * 7) % 60)`);
  await t.db.execute(sql`
    insert into onboarding (report_id, institution_id, kinds)
    select r.id, i.id, '["marketplace","qris"]'::jsonb from bench_ev e join outcome_report r on r.event_id = e.id
    join institution i on i.dedup_key = 'bench|' || e.i || '|' || ((e.id % 10) * 6 + 2) where e.id % 3 = 0`);
  // six attended sign-ups per event
  await t.db.execute(sql`
    insert into signup (event_id, role_id, user_id, status, queued_at, attended_at, hours_credited)
    select e.id, er.id, 'bench-u-' || (e.i + ${CHAPTERS}::int * ((e.id + j) % 20)), 'confirmed', e.starts_at - interval '3 days', e.starts_at, 3
    from bench_ev e join event_role er on er.event_id = e.id cross join generate_series(0, 5) j`);
  // 40 tutoring requests per chapter, seven in ten completed, two sessions each
  await t.db.execute(sql`
    insert into tutoring_request (token_hash, chapter_id, region_code, learner_name, whatsapp, for_whom, language, mode, consent_at, consent_version, status, closed_at, created_at)
    select 'bench-' || b.i || '-' || g, b.id, b.region_code, 'Warga ' || g, '+62813' || lpad((b.i * 100 + g)::text, 8, '0'), 'self', 'id', 'home', now(), 'v1',
      case when g % 10 < 7 then 'completed' else 'new' end,
      case when g % 10 < 7 then now() - make_interval(days => (g * 18)::int) end, now() - make_interval(days => (g * 18 + 10)::int)
    from bench_ch b cross join generate_series(1, 40) g`);
  await t.db.execute(sql`
    insert into tutoring_session (request_id, tutor_id, held_on, minutes, topic)
    select r.id, 'bench-u-' || (b.i + ${CHAPTERS}::int * (r.id % 20)), (r.closed_at - make_interval(days => j))::date, 60, 'WhatsApp'
    from tutoring_request r join bench_ch b on b.id = r.chapter_id cross join generate_series(1, 2) j where r.status = 'completed'`);
  // every chapter sets this year's targets for ten indicators
  const period = currentPeriod(new Date(), "Asia/Jakarta");
  await t.db.execute(sql`
    insert into target (scope, scope_key, chapter_id, indicator_id, year, semester, value)
    select 'chapter', 'chapter:' || b.id, b.id, i.id, ${period.year}::int, 0, 10 + (b.i * i.id) % 200
    from bench_ch b cross join indicator i where i.key not in ('learners_helped', 'tutoring_completed')`);
  await t.db.execute(sql`analyze`);
  console.log(`generated in ${Date.now() - t0} ms: ${await count("chapter")} chapters, ${await count("event")} events, ${await count("outcome_report")} reports, ${await count("outcome_institution")} institutions reached, ${await count("onboarding")} onboardings, ${await count("signup")} sign-ups, ${await count("tutoring_request")} tutoring requests, ${await count("tutoring_session")} sessions, ${await count("target")} targets`);

  const viewer = { id: "bench-u-1", isAdmin: false };
  const cases: [string, () => Promise<unknown>][] = [
    ["national dashboard (this year + previous, targets, ranking of all chapters)", () => rollupDashboard(t.db, { provinceCode: null, period, locale: "id", viewer })],
    ["indicator computation only, all chapters, one year", () => computeIndicators(t.db, { chapterIds: null, period })],
    ["province dashboard (Jawa Timur)", () => rollupDashboard(t.db, { provinceCode: "35", period, locale: "id", viewer })],
  ];
  const chapter = await getChapterRef(t.db, "bench-1");
  if (chapter) cases.push(["one chapter's dashboard", () => chapterDashboard(t.db, { chapter, period, locale: "id" })]);
  console.log("| computation | runs | median ms | p95 ms | max ms |\n|---|---|---|---|---|");
  for (const [label, fn] of cases) {
    const times: number[] = [];
    const runs = Number(process.env.RUNS ?? 11);
    for (let i = 0; i < runs + 1; i++) {
      const s = performance.now();
      await fn();
      if (i > 0) times.push(performance.now() - s); // the first run warms the cache
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(0);
    console.log(`| ${label} | ${runs} | ${q(0.5)} | ${q(0.95)} | ${q(1)} |`);
  }
  const r = await rollupDashboard(t.db, { provinceCode: null, period, locale: "id", viewer });
  console.log(`check: ${r.chapterCount} chapters ranked; participants this year ${r.rows.find((x) => x.key === "participants")?.value}`);
} finally {
  // KEEP=1 leaves the generated database for EXPLAIN ANALYZE (its name is printed)
  if (process.env.KEEP === "1") {
    console.log(`kept database ${t.name}`);
    process.exit(0);
  }
  await t.close();
}
