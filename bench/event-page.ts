// Weight of the public event page (what a WhatsApp link opens on a phone): HTML and the JavaScript it references,
// gzip-compressed, plus the signed-in event page for comparison.
// Usage: TEST_DATABASE_URL=postgres://… node --import tsx bench/event-page.ts   (after `npx remix build`)
// It makes its own database from the test template, plans one event and starts server.ts on it.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sessions } from "../db/schema/accounts";
import { sessionIdOf } from "../app/auth/session-token.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../tests/factories";
import { createTestDatabase } from "../tests/support/db";

const port = Number(process.env.BENCH_PORT ?? 3399);
const base = `http://127.0.0.1:${port}`;
const t = await createTestDatabase();
if (t.kind !== "postgres") throw new Error("set TEST_DATABASE_URL: the server runs in its own process");
const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
const lead = await createUser(t.db, { name: "Dewi Lestari" });
await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
const eventId = await createOutreachEvent(t.db, {
  chapterId: chapter.id,
  leadId: lead.id,
  venueRegion: "35.09.01",
  title: "Internet Sehat untuk Siswa SMP Negeri 1 Jember",
  date,
  roles: [
    { name: "Narasumber", capacity: 2 },
    { name: "Fasilitator", capacity: 6 },
    { name: "Dokumentasi", capacity: 1 },
  ],
});
const session = randomBytes(20).toString("hex");
await t.db.insert(sessions).values({ id: sessionIdOf(session), userId: lead.id, expiresAt: new Date(Date.now() + 3600_000) });

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
  async function get(url: string, cookie?: string) {
    const res = await fetch(url, { headers: cookie ? { cookie: `simpul_session=${cookie}` } : {}, redirect: "manual" });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }
  console.log("| page | status | HTML raw | HTML gzip | JS files | JS gzip | CSS gzip |");
  console.log("|---|---|---|---|---|---|---|");
  for (const [label, p, cookie] of [
    ["public event page (no log-in)", `/e/${eventId}`, undefined],
    ["event page (lead, signed in)", `/events/${eventId}`, session],
  ] as const) {
    const page = await get(base + p, cookie);
    const html = page.body.toString("utf8");
    const scripts = new Set<string>();
    for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)) if (m[1]) scripts.add(m[1]);
    for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from\s*"([^"]+\.js)"/g)) {
      const s = m[1] ?? m[2];
      if (s) scripts.add(s);
    }
    let js = 0;
    for (const s of scripts) js += gzipSync((await get(new URL(s, base).toString())).body).length;
    let css = 0;
    for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) if (m[1]) css += gzipSync((await get(new URL(m[1], base).toString())).body).length;
    const og = /property="og:title"/.test(html) ? " (Open Graph ✓)" : "";
    console.log(`| ${label}${og} | ${page.status} | ${kb(page.body.length)} | ${kb(gzipSync(page.body).length)} | ${scripts.size} | ${kb(js)} | ${kb(css)} |`);
  }
  if (serverErrors) console.error(serverErrors.slice(0, 2000));
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await t.close();
}
