// The request path against its floor: a bare Remix route (app/routes/bench.bare.tsx) and the signed-in pages,
// served by one production process on the demo data, measured side by side in the same run.
// Reports req/s (and the ratio to the bare route), p50/p95 latency, peak RSS of the server under load, and the
// first-load JavaScript of each page (gzip bytes as served). Usage: node --import tsx bench/request-path.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Pool } from "undici";
import { sql } from "drizzle-orm";
import { seedDemo, DEMO_PASSWORD } from "../db/seed";
import { rowsOf } from "../db/rows";
import { createTestDatabase, prepareTemplates } from "../tests/support/db";
import { target } from "./targets";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3990);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const base = `http://127.0.0.1:${PORT}`;

if (process.env.PREPARE !== "0") await prepareTemplates();
const t = await createTestDatabase();
await seedDemo(t.db);
await t.db.execute(sql`analyze`);
const [jember] = rowsOf<{ slug: string }>(await t.db.execute(sql`select slug from chapter where name ilike '%jember%' limit 1`));
const [event] = rowsOf<{ id: number }>(await t.db.execute(sql`select id from event where status = 'published' and starts_at > now() order by starts_at limit 1`));

// BENCH_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it);
// BENCH_PAGES: a comma-separated subset of the page paths below (the bare route is always measured first).
// The server runs as `npm start` runs it: the compiled server.js of the build (bench/run.sh writes it).
const buildName = process.env.SIMPUL_BUILD_DIR;
const serverJs = buildName ? path.join(root, ".builds", path.basename(buildName), "server.js") : path.join(root, "build", "server.js");
const startScript = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
const startFlags = startScript.split(/\s+/).filter((a) => a.startsWith("--")); // the heap limits of `npm start`
const extraFlags = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
// BENCH_SERVER_ARGS replaces the whole command line (e.g. "--import tsx server.ts" for a tree without the compiled server)
const serverArgs = process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(/\s+/).filter(Boolean) : [...startFlags, ...extraFlags, serverJs];
const server = spawn(process.execPath, serverArgs, {
  cwd: root,
  env: { ...process.env, DATABASE_URL: t.url ?? "", PORT: String(PORT), NODE_ENV: "production", WORKER: "0", SIMPUL_BENCH_BARE: "1", DEV_MAILBOX: "0" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.stdout.on("data", (d: Buffer) => (d.toString().includes("ready at") ? resolve() : undefined));
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

function rssMb(): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, every thread) the server process has used so far, in ms. */
function cpuMs(): number {
  try {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // after "pid (comm) ": state is field 3, utime 14 and stime 15 → indexes 11 and 12
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU used so far by the PostgreSQL backends serving the app (same machine): the database's share of a request
 * counts against the same cores. Keyed by backend pid.
 */
async function databaseCpu(): Promise<Map<number, number>> {
  const rows = rowsOf<{ pid: number }>(
    await t.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and application_name = 'simpul'`),
  );
  return new Map(rows.map((r) => [Number(r.pid), cpuMsOf(Number(r.pid))]));
}

async function logIn(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`log-in failed for ${email}: ${res.status}`);
  return cookie;
}

const pool = new Pool(base, { connections: CONNECTIONS, pipelining: 1 });

type Run = { latencies: number[]; seconds: number; cpu: number; dbCpu: number; bad: number; peakRss: number };

/** CONNECTIONS requests in flight for `seconds`; brotli accepted like a browser. */
async function loadRun(p: string, cookie: string, seconds: number, warmUp: boolean): Promise<Run> {
  const headers = { cookie, "accept-encoding": "br, gzip", accept: "text/html" };
  if (warmUp) for (let i = 0; i < 20; i++) await (await pool.request({ path: p, method: "GET", headers })).body.dump();
  const latencies: number[] = [];
  let peak = rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
  const cpu0 = cpuMs();
  const db0 = await databaseCpu();
  const end = performance.now() + seconds * 1000;
  let bad = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        const r = await pool.request({ path: p, method: "GET", headers });
        await r.body.dump();
        if (r.statusCode !== 200) bad++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  clearInterval(sampler);
  const cpu = cpuMs() - cpu0;
  let dbCpu = 0;
  for (const [pid, ms] of await databaseCpu()) dbCpu += ms - (db0.get(pid) ?? 0);
  return { latencies, seconds, cpu, dbCpu, bad, peakRss: peak };
}

/** The runs of one path taken together: req/s, CPU per request (app, database), p50/p95, peak RSS. */
function summary(runs: Run[]) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const n = latencies.length;
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const q = (x: number) => latencies[Math.min(n - 1, Math.floor(x * n))] ?? 0;
  return {
    rps: n / seconds,
    cpuPerRequest: n ? runs.reduce((a, r) => a + r.cpu, 0) / n : 0,
    dbCpuPerRequest: n ? runs.reduce((a, r) => a + r.dbCpu, 0) / n : 0,
    p50: q(0.5),
    p95: q(0.95),
    bad: runs.reduce((a, r) => a + r.bad, 0),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
  };
}

/**
 * A page and the bare route measured in turns: ROUNDS × (bare route, page), SECONDS / ROUNDS each, so that what
 * else the machine runs weighs on both alike (one block of each, back to back, moved the ratio by ±7 points).
 */
async function sideBySide(p: string, cookie: string) {
  const bare: Run[] = [];
  const page: Run[] = [];
  const same = p === "/bench/bare" && !cookie;
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await loadRun("/bench/bare", "", SECONDS / ROUNDS, i === 0));
    if (!same) page.push(await loadRun(p, cookie, SECONDS / ROUNDS, i === 0));
  }
  const b = summary(bare);
  return { bare: b, page: same ? b : summary(page) };
}

async function servedBytes(p: string, encoding: "gzip" | "br"): Promise<number> {
  const r = await pool.request({ path: p, method: "GET", headers: { "accept-encoding": encoding } });
  const body = Buffer.from(await r.body.arrayBuffer());
  // files under 256 bytes are sent as they are (compressing them gains nothing)
  const sent = r.headers["content-encoding"];
  if (sent && sent !== encoding) throw new Error(`${p} was sent with ${String(sent)} to a client accepting ${encoding}`);
  return body.length;
}

/** First-load JavaScript as a browser gets it: every <script src> and modulepreload of the page, gzip bytes. */
async function firstLoadJs(p: string, cookie: string) {
  const res = await fetch(`${base}${p}`, { headers: { cookie } });
  const html = await res.text();
  const scripts = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g)) if (m[1]) scripts.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from\s*"([^"]+\.js)"/g)) {
    const s = m[1] ?? m[2];
    if (s) scripts.add(s);
  }
  // bytes as the server sends them to a browser that accepts only gzip (the .gz copies written at build time) and to
  // one that accepts brotli (every current browser)
  let gz = 0;
  let br = 0;
  for (const s of scripts) {
    gz += await servedBytes(s, "gzip");
    br += await servedBytes(s, "br");
  }
  return { files: scripts.size, gzKb: gz / 1024, brKb: br / 1024, htmlGzKb: gzipSync(Buffer.from(html)).length / 1024 };
}

try {
  const lead = await logIn("lead.jember@simpul.test");
  const slug = jember?.slug ?? "rtik-kabupaten-jember";
  const pages: [string, string, string][] = [
    ["bare Remix route", "/bench/bare", ""],
    // the floor of a signed-in page: the same route with the session checked (not judged, shown for reference)
    ["bare Remix route, signed in", "/bench/bare", lead],
    ["/events (list)", "/events", lead],
    ...(event ? ([["/events/:id (event page, lead)", `/events/${event.id}`, lead]] as [string, string, string][]) : []),
    ["/chapters/:slug (dashboard)", `/chapters/${slug}`, lead],
    ["/chapters/:slug/roster", `/chapters/${slug}/roster`, lead],
    ["/chapters/:slug/tutoring", `/chapters/${slug}/tutoring`, lead],
    ["/tutoring", "/tutoring", lead],
    ["/profile", "/profile", lead],
    ["/login (signed out)", "/login", ""],
  ];
  const only = (process.env.BENCH_PAGES ?? "").split(",").map((x) => x.trim()).filter(Boolean);
  const chosen = only.length ? pages.filter(([label, p]) => p === "/bench/bare" || only.some((o) => p.startsWith(o) || label.includes(o))) : pages;
  // The machine is shared: each page is measured in turns with the bare route (sideBySide), its ratio is to those runs.
  const results: { label: string; path: string; rps: number; ratio: number; cpuRatio: number; cpuPerRequest: number; dbCpuPerRequest: number; bareRps: number; gzKb: number }[] = [];
  const bareRuns: { rps: number; cpuPerRequest: number; dbCpuPerRequest: number }[] = [];
  let peakRss = 0;
  console.log(`| page | req/s | bare req/s in turns with it | vs bare | CPU ms/req: app + database | vs bare by CPU | p50 ms | p95 ms | first-load JS, gzip as served (brotli) | HTML gzip |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|`);
  for (const [label, p, cookie] of chosen) {
    const { bare, page: r } = await sideBySide(p, cookie);
    bareRuns.push(bare);
    const js = await firstLoadJs(p, cookie);
    peakRss = Math.max(peakRss, bare.peakRss, r.peakRss);
    const ratio = bare.rps ? r.rps / bare.rps : 0;
    // what the machine could serve if nothing else ran on it: both cores busy with the app and its database
    const cpuRatio = (bare.cpuPerRequest + bare.dbCpuPerRequest) / (r.cpuPerRequest + r.dbCpuPerRequest || Infinity);
    results.push({ label, path: p, ...r, ratio, cpuRatio, bareRps: bare.rps, ...js });
    console.log(
      `| ${label} | ${r.rps.toFixed(0)} | ${bare.rps.toFixed(0)} | ${(ratio * 100).toFixed(0)} % | ${r.cpuPerRequest.toFixed(2)} + ${r.dbCpuPerRequest.toFixed(2)} | ${(cpuRatio * 100).toFixed(0)} % | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${js.gzKb.toFixed(1)} KB (${js.brKb.toFixed(1)} KB) in ${js.files} files | ${js.htmlGzKb.toFixed(1)} KB |${r.bad ? ` ${r.bad} non-200!` : ""}`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const bareRps = median(bareRuns.map((b) => b.rps));
  const bareCpu = median(bareRuns.map((b) => b.cpuPerRequest));
  const bareDbCpu = median(bareRuns.map((b) => b.dbCpuPerRequest));
  const load1 = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`peak RSS of the server process under load: ${peakRss.toFixed(0)} MB (${CONNECTIONS} connections); load average ${load1}`);
  // Targets of issue 13. The bare route's baseline when the issue was filed: 8.5 ms CPU per request, ~165 req/s on
  // 2 cores. req/s depends on what else the machine runs; CPU per request much less, so both are shown.
  const verdict = (ok: boolean, text: string) => console.log(`${ok ? "PASS" : "FAIL"}  ${text}`);
  for (const r of results) {
    if (r.path === "/bench/bare" && r.label.includes("signed in")) continue;
    const isLogin = r.path === "/login";
    if (isLogin || r.path !== "/bench/bare")
      target("request-path", `first-load JS ${r.label}`, r.gzKb, "KB", "max", isLogin ? 0 : 90);
  }
  for (const r of results.filter((x) => x.path !== "/bench/bare" && x.path !== "/login"))
    target("request-path", `req/s ${r.label} vs the bare route (by CPU per request: ${(r.cpuRatio * 100).toFixed(0)} %)`, r.ratio * 100, "%", "min", 50);
  target("request-path", `bare route CPU per request: ${bareCpu.toFixed(2)} ms vs 8.5 ms when the issue was filed`, bareCpu > 0 ? 8.5 / bareCpu : 0, "×", "min", 2);
  target("request-path", "peak RSS of the server under load", peakRss, "MB", "max", 350);
  console.log(`bare route over ${bareRuns.length} runs: median ${bareRps.toFixed(0)} req/s, ${bareCpu.toFixed(2)} ms CPU per request in the app + ${bareDbCpu.toFixed(2)} ms in the database`);
  const signedIn = results.filter((r) => r.path !== "/bench/bare" && r.path !== "/login");
  // Measured req/s swing with the other load on the machine; the CPU ratio does not. Both must hold to pass.
  for (const r of signedIn)
    verdict(
      r.ratio >= 0.5 && r.cpuRatio >= 0.5,
      `${r.label}: ${(r.ratio * 100).toFixed(0)} % of the bare route's req/s measured, ${(r.cpuRatio * 100).toFixed(0)} % by CPU per request (app + database) (target ≥ 50 %)`,
    );
  verdict(
    bareCpu > 0 && bareCpu <= 8.5 / 2,
    `bare route: ${bareCpu.toFixed(2)} ms CPU per request, ${(8.5 / bareCpu).toFixed(1)}× the 8.5 ms when the issue was filed; ${bareRps.toFixed(0)} req/s = ${(bareRps / 165).toFixed(1)}× 165 (target ≥ 2×)`,
  );
  verdict(peakRss <= 350, `peak RSS under load ${peakRss.toFixed(0)} MB (target ≤ 350 MB)`);
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ results, peakRss }, null, 2));
} finally {
  await pool.close();
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
  await t.close();
}
