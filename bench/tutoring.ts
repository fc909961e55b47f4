// Candidate ranking at 50,000 volunteers on PostgreSQL (75 % active, profiles, skills, languages; 25,000 requests of
// which a fifth tutored/rated, 5,000 pending offers). Median of 10 warm runs after one warm-up.
// CHAPTERS=1 (default, worst case): every volunteer in the request's chapter. CHAPTERS=50: spread over 50 chapters.
// Usage: TEST_DATABASE_URL=… TEST_TEMPLATE_DB=… [CHAPTERS=50] node --import tsx bench/tutoring.ts   (PREPARE=0 reuses the template)
import { sql } from "drizzle-orm";
import { rankCandidates, rankingQuery } from "../app/models/tutoring/matching.server";
import { rowsOf } from "../db/rows";
import { createTutoringRequest, parseTutoringForm } from "../app/models/tutoring/requests.server";
import { createChapter } from "../tests/factories";
import { createTestDatabase, prepareTemplates } from "../tests/support/db";

const N = Number(process.env.VOLUNTEERS ?? 50_000);
const CHAPTERS = Number(process.env.CHAPTERS ?? 1);
if (process.env.PREPARE !== "0") await prepareTemplates();
const t = await createTestDatabase();
try {
  const chapter = await createChapter(t.db, { name: "RTIK Bench", regionCode: "35.09" });
  for (let i = 1; i < CHAPTERS; i++) await createChapter(t.db, { name: `RTIK Bench ${i}`, regionCode: "35.09" });
  const t0 = Date.now();
  await t.db.execute(sql`
    insert into app_user (id, email, name) select 'bench-' || g, 'relawan' || g || '@bench.test', 'Relawan ' || g from generate_series(1, ${N}::int) g`);
  await t.db.execute(sql`
    insert into membership (user_id, chapter_id, role, status)
    select 'bench-' || g, ${chapter.id}::int + (g % ${CHAPTERS}::int), 'volunteer', (array['active','active','active','pending'])[1 + (g / ${CHAPTERS}::int) % 4] from generate_series(1, ${N}::int) g`);
  await t.db.execute(sql`
    with desa as (select code, row_number() over (order by code) as i, count(*) over () as n from region where code like '35.09.%' and level = 4)
    insert into volunteer_profile (user_id, region_code, kecamatan_code, kabupaten_code, availability)
    select 'bench-' || g, d.code, substr(d.code, 1, 8), '35.09', (g * 2654435761) % 2097152
    from generate_series(1, ${N}::int) g join desa d on d.i = 1 + g % d.n`);
  await t.db.execute(sql`insert into user_skill (user_id, skill_id) select 'bench-' || g, s.id from generate_series(1, ${N}::int) g join skill s on (s.id + g) % 4 = 0`);
  await t.db.execute(sql`insert into user_language (user_id, language_code) select 'bench-' || g, (array['id','jv','mad','en'])[1 + g % 4] from generate_series(1, ${N}::int) g`);
  // open requests in the chapter, so the tables have realistic sizes
  await t.db.execute(sql`
    insert into tutoring_request (token_hash, chapter_id, region_code, learner_name, whatsapp, topics, for_whom, language, mode, availability, consent_at, consent_version)
    select md5(g::text), ${chapter.id}::int, '35.09.01.2003', 'Pelajar ' || g, '+62812' || lpad(g::text, 7, '0'), '["marketplace"]', 'self', 'jv', 'home', 96, now(), 'bench'
    from generate_series(1, ${N / 2}::int) g`);
  // a realistic history: a fifth of the requests tutored (half still open, half completed and rated), some offers pending
  await t.db.execute(sql`
    update tutoring_request set tutor_id = 'bench-' || (1 + (id::bigint * 7919) % ${N}),
      status = (array['matched','in_progress','completed','completed'])[1 + id % 4],
      rating = case when id % 4 >= 2 then 1 + id % 5 end, rated_at = case when id % 4 >= 2 then now() end
    where id % 5 = 0`);
  await t.db.execute(sql`
    insert into tutoring_offer (request_id, volunteer_id, kind, status, expires_at)
    select id, 'bench-' || (1 + (id::bigint * 104729) % ${N}), 'auto', 'pending', now() + interval '2 days' from tutoring_request where id % 5 = 1`);
  await t.db.execute(sql`analyze`);
  console.log(`inserted ${N} volunteers (75% active) in ${CHAPTERS} chapter(s) and ${N / 2} requests in ${Date.now() - t0} ms`);

  const form = new FormData();
  for (const [k, v] of Object.entries({ name: "Bu Sri", whatsapp: "081211112222", topics: "marketplace", forWhom: "umkm", language: "jv", mode: "home", availability: "sabtu-pagi", consent: "yes", minor: "no" })) form.append(k, v);
  form.append("topics", "qris");
  const parsed = parseTutoringForm(form, "35.09.01.2003");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const created = await createTutoringRequest(t.db, parsed.data, { ip: "bench", locale: "id" });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const s = performance.now();
    const r = await rankCandidates(t.db, created.requestId);
    if (i > 0) times.push(performance.now() - s);
    if (i === 0) console.log(`top candidate: ${r[0]?.name} score ${r[0]?.score}`);
  }
  times.sort((a, b) => a - b);
  console.log(`rankCandidates (top 20) with ${N} volunteers, ${Math.round((0.75 * N) / CHAPTERS)} active in the chapter: median ${times[5]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms`);
  const next: number[] = [];
  for (let i = 0; i < 11; i++) {
    const s = performance.now();
    await rankCandidates(t.db, created.requestId, { limit: 1, excludeOffered: true });
    if (i > 0) next.push(performance.now() - s);
  }
  next.sort((a, b) => a - b);
  console.log(`next candidate (limit 1, excludeOffered): median ${next[5]?.toFixed(1)} ms, max ${next[9]?.toFixed(1)} ms`);
  if (process.env.EXPLAIN === "1") {
    const plan = rowsOf<Record<string, string>>(await t.db.execute(sql`explain (analyze, buffers) ${rankingQuery(created.requestId)}`));
    console.log(plan.map((r) => Object.values(r)[0]).join("\n"));
  }
} finally {
  await t.close();
}
