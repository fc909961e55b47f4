// Candidate ranking at 50,000 volunteers on PostgreSQL. Usage: TEST_DATABASE_URL=… node --import tsx bench/tutoring.ts
import { sql } from "drizzle-orm";
import { rankCandidates } from "../app/models/matching.server";
import { createTutoringRequest, parseTutoringForm } from "../app/models/tutoring.server";
import { createChapter } from "../tests/factories";
import { createTestDatabase, prepareTemplates } from "../tests/support/db";

const N = Number(process.env.VOLUNTEERS ?? 50_000);
if (process.env.PREPARE !== "0") await prepareTemplates();
const t = await createTestDatabase();
try {
  const chapter = await createChapter(t.db, { name: "RTIK Bench", regionCode: "35.09" });
  const t0 = Date.now();
  await t.db.execute(sql`
    insert into app_user (id, email, name) select 'bench-' || g, 'relawan' || g || '@bench.test', 'Relawan ' || g from generate_series(1, ${N}::int) g`);
  await t.db.execute(sql`
    insert into membership (user_id, chapter_id, role, status)
    select 'bench-' || g, ${chapter.id}::int, 'volunteer', (array['active','active','active','pending'])[1 + g % 4] from generate_series(1, ${N}::int) g`);
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
  await t.db.execute(sql`analyze`);
  console.log(`inserted ${N} volunteers (75% active) and ${N / 2} requests in ${Date.now() - t0} ms`);

  const form = new FormData();
  for (const [k, v] of Object.entries({ name: "Bu Sri", whatsapp: "081211112222", topics: "marketplace", forWhom: "umkm", language: "jv", mode: "home", availability: "sabtu-pagi", consent: "yes" })) form.append(k, v);
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
  console.log(`rankCandidates over ${N} volunteers: median ${times[5]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms`);
} finally {
  await t.close();
}
