// National and provincial achievement dashboards at national scale on PostgreSQL: 500 chapters × 4 years,
// 100,000 volunteers, 2 million sign-ups (CHAPTERS / YEARS scale it down). Generated set-based in SQL.
// Usage: TEST_DATABASE_URL=… [PREPARE=0] [CHAPTERS=500] [YEARS=4] [REQUESTS=200] node --import tsx bench/national-dashboard.ts
//   (after `npx remix build`: the pages are timed over HTTP on a production server started on the generated data,
//   next to a bare Remix route — the anonymous home page, no query — in the same run)
// KEEP=1 leaves the generated database (its name is printed) for EXPLAIN ANALYZE.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sessions } from "../db/schema/accounts";
import { sessionIdOf } from "../app/auth/session-token.server";
import { computeIndicatorsFromRecords } from "../app/models/reports/indicators.server";
import { currentPeriod, previousPeriod } from "../app/models/reports/period";
import { chapterDashboard, getChapterRef, rollupDashboard } from "../app/models/reports/reports.server";
import { rowsOf } from "../db/rows";
import { createTestDatabase, prepareTemplates, testDbKind } from "../tests/support/db";
import { target } from "./targets";

const CHAPTERS = Number(process.env.CHAPTERS ?? 500);
const YEARS = Number(process.env.YEARS ?? 4);
const VOLUNTEERS_PER_CHAPTER = 200; // 100,000 at 500 chapters
const EVENTS_PER_YEAR = 100; // per chapter: two a week
const SIGNUPS_PER_EVENT = 10; // 2,000,000 at 500 chapters × 4 years
// sequential requests per page: the p95 of 40 would be their second slowest, decided by one garbage collection or one
// burst of a neighbour on the machine; of 200, the eleventh slowest
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const RUNS = Number(process.env.RUNS ?? 11);
const RAW_RUNS = Number(process.env.RAW_RUNS ?? 3);
if (testDbKind() !== "postgres") throw new Error("set TEST_DATABASE_URL: this benchmark is for PostgreSQL");
if (process.env.PREPARE !== "0") await prepareTemplates();
const t = await createTestDatabase();
const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(q))[0];
const count = async (table: string) => Number((await one<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))?.n);
const q = (times: number[], p: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);

const dialect = new PgDialect();
const generationSteps: string[] = [];

async function generate() {
  const events = EVENTS_PER_YEAR * YEARS;
  const hoursBetween = (YEARS * 365 * 24) / events;
  // One transaction on one connection with row triggers off (session_replication_role = replica): a bulk load
  // bypasses the figure triggers, so the figures are rebuilt from the records once at the end (figure_rebuild).
  await t.db.transaction(async (tx) => {
    const x = async (q: ReturnType<typeof sql>) => {
      const s0 = performance.now();
      const r = await tx.execute(q);
      const what = /(insert into \w+|create temporary table \w+|update \w+|alter table \w+|create (?:unique )?index \w*|drop index|set local|select indexname)/i.exec(dialect.sqlToQuery(q).sql)?.[1] ?? "?";
      generationSteps.push(`${what.replace(/^create temporary table /i, "temp ").replace(/^insert into /i, "")} ${((performance.now() - s0) / 1000).toFixed(1)} s`);
      return r;
    };
    await x(sql`set local session_replication_role = replica`);
    await x(sql`
      create temporary table bench_ch on commit drop as
      select row_number() over (order by r.code)::int as i, r.code as region_code, r.time_zone from region r
      where r.level = 2 order by r.code limit ${CHAPTERS}`);
    await x(sql`insert into chapter (slug, name, region_code) select 'bench-' || i, 'RTIK Bench ' || i, region_code from bench_ch`);
    await x(sql`alter table bench_ch add column id int; update bench_ch b set id = c.id from chapter c where c.slug = 'bench-' || b.i`);
    await x(sql`create index on bench_ch (i)`);
    // volunteer g belongs to chapter 1 + (g - 1) % CHAPTERS (sort_name and search_text written here: triggers are off
    // during the load; no profiles, so kecamatan_code and availability keep their defaults)
    await x(sql`insert into app_user (id, email, name) select 'bench-u-' || g, 'u' || g || '@bench.test', 'Relawan ' || g from generate_series(1, ${CHAPTERS * VOLUNTEERS_PER_CHAPTER}::int) g`);
    await x(sql`
      insert into membership (user_id, chapter_id, role, status, sort_name, search_text)
      select 'bench-u-' || g, b.id, 'volunteer', 'active', 'Relawan ' || g, ' relawan ' || g || chr(31) || 'u' || g || '@bench.test'
      from generate_series(1, ${CHAPTERS * VOLUNTEERS_PER_CHAPTER}::int) g join bench_ch b on b.i = 1 + (g - 1) % ${CHAPTERS}::int`);
    // 60 institutions per chapter: school, pesantren, umkm, village, community, other in turn
    await x(sql`
      insert into institution (type, name, region_code, dedup_key)
      select (array['school','pesantren','umkm','village','community','other'])[1 + k % 6], 'Lembaga ' || b.i || '-' || k, b.region_code, 'bench|' || b.i || '|' || k
      from bench_ch b cross join generate_series(0, 59) k`);
    await x(sql`
      create temporary table bench_inst on commit drop as
      select i.id, split_part(i.dedup_key, '|', 2)::int as ci, split_part(i.dedup_key, '|', 3)::int as k from institution i where i.dedup_key like 'bench|%'`);
    await x(sql`create index on bench_inst (ci, k)`);
    // two events a week for YEARS years, spread over the programs
    await x(sql`
      insert into event (chapter_id, program_id, region_code, title, status, time_zone, starts_at, ends_at, checkin_code)
      select b.id, p.id, b.region_code, 'Kegiatan ' || b.i || '-' || g, 'completed', b.time_zone,
        now() - make_interval(hours => (g * ${hoursBetween}::float8 + (b.i * 13) % 100)::int),
        now() - make_interval(hours => (g * ${hoursBetween}::float8 + (b.i * 13) % 100)::int) + interval '3 hours', 'B' || g
      from bench_ch b cross join generate_series(1, ${events}::int) g
      join (select id, row_number() over (order by id) - 1 as k, count(*) over () as n from program) p on p.k = (g + b.i) % p.n`);
    // one session (day) per event, one role with its places in that session: a sign-up holds a place in a session
    await x(sql`
      insert into event_session (event_id, starts_at, ends_at)
      select e.id, e.starts_at, e.ends_at from event e join bench_ch b on b.id = e.chapter_id`);
    await x(sql`insert into event_role (event_id, name, capacity) select s.event_id, 'Fasilitator', ${SIGNUPS_PER_EVENT}::int from event_session s join event e on e.id = s.event_id join bench_ch b on b.id = e.chapter_id`);
    await x(sql`
      create temporary table bench_ev on commit drop as
      select e.id, e.starts_at, b.i, b.id as chapter_id, er.id as role_id, s.id as session_id, row_number() over (partition by b.i order by e.id)::int as g
      from event e join bench_ch b on b.id = e.chapter_id join event_role er on er.event_id = e.id join event_session s on s.event_id = e.id`);
    await x(sql`insert into event_session_role (session_id, role_id, event_id, capacity) select session_id, role_id, id, ${SIGNUPS_PER_EVENT}::int from bench_ev`);
    // nine in ten reports approved
    await x(sql`
      insert into outcome_report (event_id, status, participants_total, approved_at)
      select id, case when id % 10 = 0 then 'submitted' else 'approved' end, 20 + id % 80, starts_at + interval '2 days' from bench_ev`);
    await x(sql`
      insert into outcome_institution (report_id, institution_id)
      select distinct r.id, bi.id from bench_ev e join outcome_report r on r.event_id = e.id cross join generate_series(0, 2) j
      join bench_inst bi on bi.ci = e.i and bi.k = (e.id + j * 7) % 60`);
    await x(sql`
      insert into onboarding (report_id, institution_id, kinds)
      select r.id, bi.id, '["marketplace","qris"]'::jsonb from bench_ev e join outcome_report r on r.event_id = e.id
      join bench_inst bi on bi.ci = e.i and bi.k = (e.id % 10) * 6 + 2 where e.id % 3 = 0`);
    // ten sign-ups per event from the chapter's own volunteers (distinct per event), four in five attended; the
    // table's secondary indexes are built once after the load (sorted) instead of updated row by row
    const signupIndexes = rowsOf<{ name: string; def: string }>(
      await x(sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'signup' and indexname not in (select conname from pg_constraint)`),
    );
    for (const i of signupIndexes) await x(sql.raw(`drop index ${i.name}`));
    await x(sql`set local maintenance_work_mem = '256MB'`);
    await x(sql`
      insert into signup (event_id, role_id, session_id, user_id, status, queued_at, attended_at, hours_credited)
      select e.id, e.role_id, e.session_id, 'bench-u-' || (e.i + ${CHAPTERS}::int * ((e.g * 7 + j * 13) % ${VOLUNTEERS_PER_CHAPTER}::int)), 'confirmed', e.starts_at - interval '3 days',
        case when (e.id + j) % 5 <> 0 then e.starts_at end, case when (e.id + j) % 5 <> 0 then 3 end
      from bench_ev e cross join generate_series(0, ${SIGNUPS_PER_EVENT - 1}::int) j`);
    for (const i of signupIndexes) await x(sql.raw(i.def));
    // 40 tutoring requests per chapter and year, seven in ten completed, two sessions each
    await x(sql`
      insert into tutoring_request (token_hash, chapter_id, region_code, learner_name, whatsapp, for_whom, language, mode, consent_at, consent_version, status, closed_at, created_at)
      select 'bench-' || b.i || '-' || g, b.id, b.region_code, 'Warga ' || g, '+62813' || lpad((b.i * 1000 + g % 150)::text, 8, '0'), 'self', 'id', 'home', now(), 'v1',
        case when g % 10 < 7 then 'completed' else 'new' end,
        case when g % 10 < 7 then now() - make_interval(hours => (g * ${(365 * 24) / 40}::float8)::int) end, now() - make_interval(hours => (g * ${(365 * 24) / 40}::float8)::int + 240)
      from bench_ch b cross join generate_series(1, ${40 * YEARS}::int) g`);
    await x(sql`
      insert into tutoring_session (request_id, tutor_id, held_on, minutes, topic)
      select r.id, 'bench-u-' || (b.i + ${CHAPTERS}::int * (r.id % ${VOLUNTEERS_PER_CHAPTER}::int)), (r.closed_at - make_interval(days => j))::date, 45 + 15 * j, 'WhatsApp'
      from tutoring_request r join bench_ch b on b.id = r.chapter_id cross join generate_series(1, 2) j where r.status = 'completed'`);
    // every chapter sets this year's targets for ten indicators
    await x(sql`
      insert into target (scope, scope_key, chapter_id, indicator_id, year, semester, value)
      select 'chapter', 'chapter:' || b.id, b.id, i.id, ${period.year}::int, 0, 10 + (b.i * i.id) % 200
      from bench_ch b cross join indicator i where i.key not in ('learners_helped', 'tutoring_completed')`);
    await x(sql`insert into app_user (id, email, name, is_admin) values ('bench-admin', 'admin@bench.test', 'Admin Nasional', true)`);
  });
}

const period = currentPeriod(new Date(), "Asia/Jakarta");
let server: ReturnType<typeof spawn> | null = null;
try {
  const t0 = Date.now();
  await generate();
  const t1 = Date.now();
  await t.db.execute(sql`select figure_rebuild()`);
  const t2 = Date.now();
  await t.db.execute(sql`vacuum analyze`); // what autovacuum keeps up in production: statistics and the visibility map
  const t3 = Date.now();
  console.log(
    `generated in ${((t1 - t0) / 1000).toFixed(0)} s, figures rebuilt from the records in ${((t2 - t1) / 1000).toFixed(1)} s, vacuum analyze ${((t3 - t2) / 1000).toFixed(1)} s (steps: ${generationSteps.join(", ")}): ${await count("chapter")} chapters, ${await count("app_user")} users, ${await count("event")} events, ${await count("outcome_report")} reports, ${await count("outcome_institution")} institutions reached, ${await count("onboarding")} onboardings, ${await count("signup")} sign-ups, ${await count("tutoring_request")} tutoring requests, ${await count("tutoring_session")} sessions, ${await count("figure_chapter")} chapter figure rows, ${await count("figure_scope")} roll-up rows`,
  );

  // one approval on the full data set: what keeping the figures costs the transaction that moves them
  const approve = await one<{ id: number; event_id: number }>(sql`select id, event_id from outcome_report where status = 'submitted' order by id desc limit 1`);
  const a0 = performance.now();
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`update outcome_report set status = 'approved', approved_at = now() where id = ${approve?.id ?? 0}`);
  });
  const approvalMs = performance.now() - a0;

  const viewer = { id: "bench-admin", isAdmin: true };
  const cases: [string, number, () => Promise<unknown>][] = [
    ["national dashboard model (maintained roll-ups)", RUNS, () => rollupDashboard(t.db, { provinceCode: null, period, locale: "id", viewer })],
    ["province dashboard model (Jawa Timur)", RUNS, () => rollupDashboard(t.db, { provinceCode: "35", period, locale: "id", viewer })],
    [
      "reference: national figures from the raw records (this year + previous, what every view computed before)",
      RAW_RUNS,
      () => Promise.all([computeIndicatorsFromRecords(t.db, { chapterIds: null, period }), computeIndicatorsFromRecords(t.db, { chapterIds: null, period: previousPeriod(period) })]),
    ],
    [
      "reference: province figures from the raw records (Jawa Timur, this year + previous)",
      RAW_RUNS,
      () => Promise.all([computeIndicatorsFromRecords(t.db, { chapterIds: null, provinceCode: "35", period }), computeIndicatorsFromRecords(t.db, { chapterIds: null, provinceCode: "35", period: previousPeriod(period) })]),
    ],
  ];
  const chapter = await getChapterRef(t.db, "bench-1");
  if (chapter) cases.push(["one chapter's dashboard model", RUNS, () => chapterDashboard(t.db, { chapter, period, locale: "id" })]);
  console.log(`\napproving one report (figures of its chapter-year recomputed at commit): ${ms(approvalMs)} ms\n`);
  console.log("| computation (in process) | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
  for (const [label, runs, fn] of cases) {
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const s = performance.now();
      await fn();
      if (i > 0) times.push(performance.now() - s); // the first run warms the cache
    }
    console.log(`| ${label} | ${runs} | ${ms(q(times, 0.5))} | ${ms(q(times, 0.95))} | ${ms(q(times, 1))} |`);
  }

  // over HTTP: a production server on the generated data
  const port = Number(process.env.BENCH_PORT ?? 3398);
  const base = `http://127.0.0.1:${port}`;
  const session = randomBytes(20).toString("hex"); // the cookie's token; the table keeps its hash
  await t.db.insert(sessions).values({ id: sessionIdOf(session), userId: "bench-admin", expiresAt: new Date(Date.now() + 3600_000) });
  // the server as `npm start` runs it: the compiled server.js of the build (bench/run.sh writes it), with its heap flags
  const buildName = process.env.SIMPUL_BUILD_DIR;
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
  const serverJs = buildName ? path.join(root, ".builds", path.basename(buildName), "server.js") : path.join(root, "build", "server.js");
  const startScript = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const startFlags = startScript.split(/\s+/).filter((a) => a.startsWith("--"));
  server = spawn(process.execPath, fs.existsSync(serverJs) ? [...startFlags, serverJs] : ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.url ?? "", PORT: String(port), WORKER: "0", NODE_ENV: "production", APP_URL: base },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let serverErrors = "";
  server.stderr?.on("data", (d: Buffer) => (serverErrors += d.toString()));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* starting */
    }
    if (i > 300) throw new Error(`server did not start: ${serverErrors.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // label, path, signed in, the single-fetch URL of the data the page hydrates (root + route loaders)
  const pages: [string, string, boolean, string][] = [
    ["bare Remix route (anonymous home page)", "/", false, "/_root.data"],
    ["national dashboard /capaian", "/capaian", true, "/capaian.data"],
    ["province dashboard /capaian/provinsi/35", "/capaian/provinsi/35", true, "/capaian/provinsi/35.data"],
  ];
  const times = new Map<string, number[]>(pages.map(([l]) => [l, []]));
  const sizes = new Map<string, { html: number; data: number; rows: number }>();
  async function get(path: string, signedIn: boolean) {
    const res = await fetch(base + path, { headers: { ...(signedIn ? { cookie: `simpul_session=${session}` } : {}), "accept-encoding": "identity" }, redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
    return body;
  }
  for (const [label, path, signedIn, dataPath] of pages) {
    const html = await get(path, signedIn); // warm-up
    await get(path, signedIn);
    const data = await get(dataPath, signedIn);
    sizes.set(label, { html: html.length, data: data.length, rows: (html.match(/<tr>/g) ?? []).length });
  }
  // interleaved, so the shared machine's noise falls on every page alike
  for (let i = 0; i < REQUESTS; i++)
    for (const [label, path, signedIn] of pages) {
      const s = performance.now();
      await get(path, signedIn);
      times.get(label)!.push(performance.now() - s);
    }
  // the server process's CPU per request (user + system, from /proc; Linux), page by page: on a shared machine the
  // wall-clock times above carry the other processes' load, this much less so
  const cpuMs = new Map<string, number>();
  const procStat = `/proc/${server.pid}/stat`;
  if (fs.existsSync(procStat)) {
    const ticks = 100; // USER_HZ
    const cpu = () => {
      const f = fs.readFileSync(procStat, "utf8").split(") ")[1]!.split(" ");
      return ((Number(f[11]) + Number(f[12])) * 1000) / ticks;
    };
    const n = Math.max(REQUESTS, 100);
    for (const [label, path, signedIn] of pages) {
      const c0 = cpu();
      for (let i = 0; i < n; i++) await get(path, signedIn);
      cpuMs.set(label, (cpu() - c0) / n);
    }
  }
  const bare = times.get(pages[0]![0])!;
  console.log(
    `\n| page over HTTP (${REQUESTS} requests each, sequential) | p50 ms | p95 ms | p50 ÷ bare p50 | p95 ÷ bare p95 | server CPU ms per request | HTML KB | hydration data KB (root + route) | table rows |\n|---|---|---|---|---|---|---|---|---|`,
  );
  for (const [label] of pages) {
    const ts = times.get(label)!;
    const s = sizes.get(label)!;
    const c = cpuMs.get(label);
    console.log(
      `| ${label} | ${ms(q(ts, 0.5))} | ${ms(q(ts, 0.95))} | ${(q(ts, 0.5) / q(bare, 0.5)).toFixed(1)}× | ${(q(ts, 0.95) / q(bare, 0.95)).toFixed(1)}× | ${c === undefined ? "—" : ms(c)} | ${(s.html / 1024).toFixed(1)} | ${(s.data / 1024).toFixed(1)} | ${s.rows} |`,
    );
  }
  // the targets at 500 chapters × 4 years (p95 over HTTP)
  const targets: [string, number][] = [
    [pages[1]![0], 50],
    [pages[2]![0], 20],
  ];
  const [l1, l5] = os.loadavg();
  console.log(`\nconcurrency: one request at a time (sequential, the three pages interleaved); load average ${l1?.toFixed(1)} / ${l5?.toFixed(1)} on ${os.cpus().length} CPUs`);
  for (const [label, limit] of targets) {
    const p95 = q(times.get(label)!, 0.95);
    console.log(`target ${label}: p95 ${ms(p95)} ms ≤ ${limit} ms — ${p95 <= limit ? "HOLDS" : "MISSED"}${CHAPTERS === 500 && YEARS === 4 ? "" : " (not at full scale)"}`);
    if (CHAPTERS === 500 && YEARS === 4) target("national-dashboard", `${label} at 500 chapters × 4 years: p95 over HTTP`, p95, "ms", "max", limit);
  }
  const r = await rollupDashboard(t.db, { provinceCode: null, period, locale: "id", viewer });
  console.log(`\ncheck: ${r.chapterCount} chapters, ranking page ${r.rankingPage.page}/${r.rankingPage.pageCount} sends ${r.ranking.length}; participants this year ${r.rows.find((x) => x.key === "participants")?.value}`);
  if (serverErrors) console.error(serverErrors.slice(0, 2000));
} finally {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  if (process.env.KEEP === "1") {
    console.log(`kept database ${t.name}`);
    process.exit(0);
  }
  await t.close();
}
