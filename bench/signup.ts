// Sign-up throughput through the real HTTP app on PostgreSQL: N volunteers press "Daftar" at the same moment,
// spread over P app processes (server.ts on the current build) sharing one database; E events are filled one
// after another, so the figure is the sustained rate, not one burst. Also prints the model-only rate.
// With days > 1 the event has that many sessions and every volunteer signs up for each day in its own request
// (N per session, interleaved), so the figure is the per-session sign-up rate.
// Usage: TEST_DATABASE_URL=postgres://… node --import tsx bench/signup.ts [N=200] [capacity=20] [processes=2] [events=3] [days=1]
// (after `npx remix build`; SIMPUL_BUILD_DIR is honoured by server.ts)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { sessions } from "../db/schema/accounts";
import { sessionIdOf } from "../app/auth/session-token.server";
import { getEvent } from "../app/models/events/events.server";
import { signUp } from "../app/models/events/signups.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../tests/factories";
import { createTestDatabase } from "../tests/support/db";

const n = Number(process.argv[2] ?? 200);
const capacity = Number(process.argv[3] ?? 20);
const processes = Number(process.argv[4] ?? 2);
const rounds = Number(process.argv[5] ?? 3);
const days = Number(process.argv[6] ?? 1);
const basePort = Number(process.env.BENCH_PORT ?? 3390);
const t = await createTestDatabase();
if (t.kind !== "postgres" || !t.url) throw new Error("set TEST_DATABASE_URL: the servers run in their own processes");
const children: ChildProcess[] = [];
try {
  const chapter = await createChapter(t.db, { regionCode: "35.09" });
  const lead = await createUser(t.db);
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
  const plan = async () => {
    const eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date, days, roles: [{ name: "Fasilitator", capacity }] });
    const e = await getEvent(t.db, eventId);
    return { eventId, roleId: e?.roles[0]?.id ?? 0, sessionIds: e?.sessions.map((x) => x.id) ?? [] };
  };
  const vols: { id: string; session: string }[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(t.db);
    await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    vols.push({ id: u.id, session: randomBytes(20).toString("hex") });
  }
  await t.db.insert(sessions).values(vols.map((v) => ({ id: sessionIdOf(v.session), userId: v.id, expiresAt: new Date(Date.now() + 86400_000) })));

  const ports = Array.from({ length: processes }, (_, i) => basePort + i);
  for (const port of ports) {
    children.push(
      spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        env: { ...process.env, DATABASE_URL: t.url, PORT: String(port), WORKER: "0", NODE_ENV: "production", APP_URL: `http://127.0.0.1:${port}`, DB_POOL_SIZE: "10" },
        stdio: "ignore",
      }),
    );
  }
  for (const port of ports) {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const warm = await plan();
  for (const port of ports) for (let k = 0; k < 5; k++) await fetch(`http://127.0.0.1:${port}/e/${warm.eventId}`);

  let total = 0;
  let seconds = 0;
  const statuses = new Map<number, number>();
  // round 0 warms the processes' JIT and connection pools and is not counted
  for (let r = 0; r <= rounds; r++) {
    const { eventId, roleId, sessionIds } = await plan();
    const calls = vols.flatMap((v, i) => (days > 1 ? sessionIds.map((sessionId, k) => ({ v, i: i + k, sessionId })) : [{ v, i, sessionId: 0 }]));
    const t0 = performance.now();
    const res = await Promise.all(
      calls.map(({ v, i, sessionId }) => {
        const port = ports[i % ports.length] ?? basePort;
        return fetch(`http://127.0.0.1:${port}/events/${eventId}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}`, Cookie: `simpul_session=${v.session}` },
          body: new URLSearchParams({ intent: "signup", roleId: String(roleId), ...(sessionId ? { sessionId: String(sessionId) } : {}) }).toString(),
        });
      }),
    );
    const s = (performance.now() - t0) / 1000;
    if (r > 0) for (const x of res) statuses.set(x.status, (statuses.get(x.status) ?? 0) + 1);
    const confirmed = res.filter((x) => (x.headers.get("location") ?? "").endsWith("n=confirmed")).length;
    console.log(`${r === 0 ? "warm-up" : `round ${r}`}: ${calls.length} sign-ups (${days} session(s)) in ${s.toFixed(2)} s = ${(calls.length / s).toFixed(0)}/s (${confirmed} confirmed)`);
    if (r === 0) continue;
    total += calls.length;
    seconds += s;
  }
  console.log(`HTTP, ${processes} processes, PostgreSQL: ${total} sign-ups in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)} sign-ups/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

  const { eventId, roleId } = await plan();
  const t0 = performance.now();
  // model only: "all days" in one call per volunteer
  await Promise.all(vols.map((v) => signUp(t.db, { eventId, roleId, userId: v.id })));
  const s = (performance.now() - t0) / 1000;
  console.log(`model only (one pool, no HTTP): ${n} sign-ups in ${s.toFixed(2)} s = ${(n / s).toFixed(0)}/s`);
} finally {
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  await t.close();
}
