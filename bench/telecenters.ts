// A city's yearly survey: 200 telecenters, the demo instrument (20 questions, 5 sections), last year's and this
// year's campaign fully submitted, in a chapter of 300 more active members (MEMBERS) who could be sent. Times the lead's campaign page, the CSV export, the public list and the
// surveyor's field form over HTTP, and their weight.
// Usage: TEST_DATABASE_URL=postgres://… node --import tsx bench/telecenters.ts   (after `npx remix build`)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { asc, eq, sql } from "drizzle-orm";
import { sessions } from "../db/schema/accounts";
import { sessionIdOf } from "../app/auth/session-token.server";
import { regions } from "../db/schema/regions";
import { surveyAssignments } from "../db/schema/telecenters";
import { createDemoInstrument, fillDemoResponse } from "../db/seed-telecenters";
import { assignSurveyors, createCampaign } from "../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../tests/factories";
import { createTestDatabase } from "../tests/support/db";

const N = Number(process.env.TELECENTERS ?? 200);
const port = Number(process.env.BENCH_PORT ?? 3398);
const base = `http://127.0.0.1:${port}`;
const t = await createTestDatabase();
if (t.kind !== "postgres") throw new Error("set TEST_DATABASE_URL: the server runs in its own process");
const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
const lead = await createUser(t.db, { name: "Lead Jember" });
await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
const surveyors: { id: string }[] = [];
for (let i = 0; i < 10; i++) {
  const u = await createUser(t.db, { name: `Pendamping ${i + 1}` });
  await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
  surveyors.push(u);
}
// the rest of the chapter, as a roster import writes it
const MEMBERS = Number(process.env.MEMBERS ?? 300);
await t.db.execute(sql`insert into app_user (id, email, name)
  select 'bench-member-' || g, 'anggota' || g || '@bench.test', (array['Siti', 'Budi', 'Dewi', 'Agus', 'Rina'])[1 + g % 5] || ' Anggota ' || g
  from generate_series(1, ${MEMBERS}::int) g`);
await t.db.execute(sql`insert into membership (user_id, chapter_id, role, status)
  select 'bench-member-' || g, ${chapter.id}::int, 'volunteer', 'active' from generate_series(1, ${MEMBERS}::int) g`);
const kecs = await t.db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, "35.09")).orderBy(asc(regions.code));
const ids: number[] = [];
let started = Date.now();
for (let i = 0; i < N; i++) {
  const r = await createTelecenter(t.db, {
    chapterId: chapter.id,
    userId: lead.id,
    form: { name: `Telecenter ${i + 1}`, regionCode: kecs[i % kecs.length]?.code ?? "35.09.01", services: i % 2 ? ["internet", "printing"] : ["typing", "social-ict-mentoring"] },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  ids.push(r.id);
}
console.log(`${N} telecenters registered in ${Date.now() - started} ms`);
const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
let campaignId = 0;
let fillMs = 0;
for (const year of [2025, 2026]) {
  const c = await createCampaign(t.db, { name: `Survei ${year}`, chapterId: chapter.id, versionId, telecenterIds: ids, userId: lead.id });
  if (!c.ok) throw new Error(c.error);
  campaignId = c.campaignId;
  const rows = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId)).orderBy(asc(surveyAssignments.id));
  const assigning = performance.now();
  await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: rows.map((r, i) => ({ assignmentId: r.id, surveyorId: surveyors[i % surveyors.length]?.id ?? null })) });
  console.log(`${year}: every one of the ${rows.length} telecenters assigned in one save (in-process, with the surveyors' emails queued): ${(performance.now() - assigning).toFixed(0)} ms`);
  started = Date.now();
  // this year's first telecenter is left for the field-form measurement
  for (const [i, r] of rows.entries())
    if (year === 2025 || i > 0) await fillDemoResponse(t.db, { assignmentId: r.id, userId: surveyors[i % surveyors.length]?.id ?? "", versionId, level: ((i * 37 + year) % 100) / 100 });
  fillMs = Date.now() - started;
}
console.log(`a response (5 section saves with a photo + submit, in-process): ${(fillMs / N).toFixed(0)} ms on average`);
const [open] = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, campaignId)).orderBy(asc(surveyAssignments.id)).limit(1);
const session = async (userId: string) => {
  const id = randomBytes(20).toString("hex");
  await t.db.insert(sessions).values({ id: sessionIdOf(id), userId, expiresAt: new Date(Date.now() + 3600_000) });
  return id;
};
const leadSession = await session(lead.id);
const surveyorSession = await session(surveyors[0]?.id ?? "");

const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: { ...process.env, DATABASE_URL: t.url ?? "", PORT: String(port), WORKER: "0", NODE_ENV: "production", APP_URL: base },
  stdio: ["ignore", "ignore", "pipe"],
});
let serverErrors = "";
child.stderr?.on("data", (d: Buffer) => (serverErrors += d.toString()));
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 300) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log("| request | status | median of 5 | raw | gzip |");
  console.log("|---|---|---|---|---|");
  for (const [label, p, cookie] of [
    [`public list, ${N} telecenters`, "/telecenter", undefined],
    ["public list filtered by service", "/telecenter?service=internet", undefined],
    [`campaign page (lead): progress, ${N} assignments, results, comparison, by kecamatan; ${MEMBERS + 11} members`, `/telecenter/campaigns/${campaignId}`, leadSession],
    [`CSV of all answers (${N} rows × 20 questions)`, `/telecenter/campaigns/${campaignId}/answers.csv`, leadSession],
    ["surveyor's field form, section 1 (no JavaScript shipped)", `/telecenter/survey/${open?.id}?s=1`, surveyorSession],
  ] as const) {
    const times: number[] = [];
    let status = 0;
    let body = Buffer.alloc(0);
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const res = await fetch(base + p, { headers: cookie ? { cookie: `simpul_session=${cookie}` } : {}, redirect: "manual" });
      body = Buffer.from(await res.arrayBuffer());
      status = res.status;
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${status} | ${times[2]?.toFixed(0)} ms | ${kb(body.length)} | ${kb(gzipSync(body).length)} |`);
  }
  if (serverErrors) console.error(serverErrors.slice(0, 2000));
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await t.close();
}
