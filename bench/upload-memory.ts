// Memory of one server process while surveyors send large telecenter survey sections at the same time: PARALLEL
// (default 4) posts of a section with PHOTOS (default 7) JPEGs just under the 8 MB limit each (~56 MB a post).
// Prints the server's resident memory (VmRSS) before, its peak during the uploads (sampled every 20 ms), and after.
// A question takes at most 4 photos, so with PHOTOS > 4 each post is refused after its photos were processed: the
// server has done the work of a save (PHOTOS=4 for saves that go through).
// Usage: TEST_DATABASE_URL=postgres://… SIMPUL_BUILD_DIR=… node --import tsx bench/upload-memory.ts   (after `npx remix build`)
import { spawn } from "node:child_process";
import { randomBytes, randomFillSync } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { sessions } from "../db/schema/accounts";
import { surveyAssignments } from "../db/schema/telecenters";
import { sessionIdOf } from "../app/auth/session-token.server";
import { getVersion } from "../app/models/telecenters/instruments.server";
import { assignSurveyors, createCampaign } from "../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../app/models/telecenters/registry.server";
import { answerField } from "../app/models/telecenters/telecenter-form";
import { PHOTO_MAX_BYTES } from "../app/services/photos.server";
import { createDemoInstrument } from "../db/seed-telecenters";
import { addMembership, createChapter, createUser } from "../tests/factories";
import { createTestDatabase } from "../tests/support/db";

const PARALLEL = Number(process.env.PARALLEL ?? 4);
const PHOTOS = Number(process.env.PHOTOS ?? 7);
const port = Number(process.env.BENCH_PORT ?? 3397);
const base = `http://127.0.0.1:${port}`;
const t = await createTestDatabase();
if (t.kind !== "postgres") throw new Error("set TEST_DATABASE_URL: the server runs in its own process");

const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
const lead = await createUser(t.db, { name: "Lead Jember" });
await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
const version = await getVersion(t.db, versionId);
const section = version?.sections.find((s) => s.questions.some((q) => q.kind === "photo"));
const photoQuestion = section?.questions.find((q) => q.kind === "photo");
if (!section || !photoQuestion) throw new Error("no photo question in the demo instrument");
const tcIds: number[] = [];
const surveyors: string[] = [];
// one surveyor and one telecenter per upload, plus one for the warm-up
for (let i = 0; i <= PARALLEL; i++) {
  const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name: `Telecenter Unggah ${i + 1}`, regionCode: "35.09.01", services: ["internet"] } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  tcIds.push(r.id);
  const u = await createUser(t.db, { name: `Pendamping ${i + 1}` });
  await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
  surveyors.push(u.id);
}
const c = await createCampaign(t.db, { name: "Survei Unggah", chapterId: chapter.id, versionId, telecenterIds: tcIds, userId: lead.id });
if (!c.ok) throw new Error(c.error);
const rows = await t.db.select({ id: surveyAssignments.id, telecenterId: surveyAssignments.telecenterId }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId)).orderBy(asc(surveyAssignments.id));
await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: rows.map((r, i) => ({ assignmentId: r.id, surveyorId: surveyors[i] ?? null })) });
const cookies: string[] = [];
for (const userId of surveyors) {
  const id = randomBytes(20).toString("hex");
  await t.db.insert(sessions).values({ id: sessionIdOf(id), userId, expiresAt: new Date(Date.now() + 3600_000) });
  cookies.push(`simpul_session=${id}`);
}

// camera-sized JPEGs of noise, just under the limit (noise does not compress: the size is what a phone sends)
async function photoUnderLimit(): Promise<Buffer> {
  let width = 2600;
  for (;;) {
    const height = Math.round(width * 0.75);
    const raw = randomFillSync(Buffer.alloc(width * height * 3));
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 100 }).toBuffer();
    if (jpeg.length <= PHOTO_MAX_BYTES && jpeg.length > PHOTO_MAX_BYTES * 0.9) return jpeg;
    width = Math.round(width * Math.sqrt((PHOTO_MAX_BYTES * 0.96) / jpeg.length));
  }
}
const photos = await Promise.all(Array.from({ length: PHOTOS }, () => photoUnderLimit()));
const body = (n: number) => {
  const f = new FormData();
  f.set("intent", "save");
  f.set("sectionId", String(section.id));
  f.set("go", "stay");
  for (const [i, p] of photos.slice(0, n).entries()) f.append(answerField(photoQuestion.id), new File([new Uint8Array(p)], `IMG_${i + 1}.jpg`, { type: "image/jpeg" }));
  return f;
};
const post = async (i: number, n: number) => {
  const res = await fetch(`${base}/telecenter/survey/${rows[i]?.id}`, { method: "POST", body: body(n), headers: { cookie: cookies[i] ?? "", origin: base }, redirect: "manual" });
  const page = await res.text();
  // 7 photos for one question: all are resized and stored, then the save is refused (at most 4 per question)
  return page.includes("Terlalu banyak foto") ? `${res.status} (too many photos)` : String(res.status);
};

const uploads = await fs.mkdtemp(path.join(os.tmpdir(), "simpul-bench-uploads-"));
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: { ...process.env, DATABASE_URL: t.url ?? "", PORT: String(port), WORKER: "0", NODE_ENV: "production", APP_URL: base, UPLOADS_DIR: uploads },
  stdio: ["ignore", "ignore", "pipe"],
});
let serverErrors = "";
child.stderr?.on("data", (d: Buffer) => (serverErrors += d.toString()));
const rssMb = async () => {
  const status = await fs.readFile(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};
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
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  // warm-up: one small upload loads sharp and the route
  console.log(`warm-up upload (1 photo): ${await post(PARALLEL, 1)}`);
  await new Promise((r) => setTimeout(r, 1000));
  const before = await rssMb();
  let peak = before;
  const sampler = setInterval(() => {
    rssMb().then(
      (v) => (peak = Math.max(peak, v)),
      () => {},
    );
  }, 20);
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => post(i, PHOTOS)));
  const took = performance.now() - started;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 2000));
  const sent = photos.reduce((a, p) => a + p.length, 0) / 1024 / 1024;
  console.log(`${PARALLEL} parallel posts of ${PHOTOS} photos (${sent.toFixed(1)} MB each): statuses ${statuses.join(", ")}, ${(took / 1000).toFixed(1)} s`);
  console.log(`server RSS: before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}), 2 s after ${mb(await rssMb())}`);
  if (serverErrors) console.error(serverErrors.slice(0, 2000));
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await fs.rm(uploads, { recursive: true, force: true });
  await t.close();
}
