import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import { sessions } from "../../db/schema/accounts";
import { sessionIdOf } from "../../app/auth/session-token.server";
import { signups } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { getEvent } from "../../app/models/events/events.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/**
 * 200 volunteers press "Daftar" at the same moment, through two app processes on one PostgreSQL.
 * Needs `npx remix build` first (the servers run the real build).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORTS = [3300 + Math.floor(Math.random() * 300), 3700 + Math.floor(Math.random() * 200)];
const N = 200;
const CAPACITY = 20;

function startServer(url: string, port: number): { child: ChildProcess; ready: Promise<void>; log: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), WORKER: "0", NODE_ENV: "test", APP_URL: `http://127.0.0.1:${port}`, DB_POOL_SIZE: "10" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${out}`);
  })();
  return { child, ready, log: () => out };
}

describe("sign-up capacity under concurrency (two processes, PostgreSQL)", () => {
  let t: TestDatabase;
  const servers: ReturnType<typeof startServer>[] = [];
  let eventId = 0;
  let roleId = 0;
  const volunteers: { id: string; session: string }[] = [];

  before(async () => {
    assert.ok(fs.existsSync(path.join(process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : path.join(root, "build"), "index.js")), "run `npx remix build` first");
    t = await createTestDatabase();
    assert.equal(t.kind, "postgres");
    const chapter = await createChapter(t.db, { regionCode: "35.09" });
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date, roles: [{ name: "Fasilitator", capacity: CAPACITY }] });
    roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
    for (let i = 0; i < N; i++) {
      const u = await createUser(t.db, { name: `Relawan Serentak ${i}` });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      const session = randomBytes(20).toString("hex");
      volunteers.push({ id: u.id, session });
    }
    await t.db.insert(sessions).values(volunteers.map((v) => ({ id: sessionIdOf(v.session), userId: v.id, expiresAt: new Date(Date.now() + 86400_000) })));
    for (const port of PORTS) servers.push(startServer(t.url ?? "", port));
    await Promise.all(servers.map((s) => s.ready));
    // warm both processes (first-request compilation) so the figure measures sign-ups, not start-up
    for (const port of PORTS) for (let k = 0; k < 3; k++) await fetch(`http://127.0.0.1:${port}/e/${eventId}`);
  });

  after(async () => {
    for (const s of servers) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))));
    await t?.close();
  });

  function post(i: number, body: Record<string, string>) {
    const port = PORTS[i % PORTS.length] ?? 0;
    const v = volunteers[i];
    return fetch(`http://127.0.0.1:${port}/events/${eventId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}`, Cookie: `simpul_session=${v?.session}` },
      body: new URLSearchParams(body).toString(),
    });
  }

  it("confirms exactly 20, waitlists 180 in arrival order, with no error responses", async () => {
    const t0 = performance.now();
    const responses = await Promise.all(volunteers.map((_, i) => post(i, { intent: "signup", roleId: String(roleId) })));
    const seconds = (performance.now() - t0) / 1000;
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [302], `unexpected statuses: ${statuses.join(",")}`);
    const locations = responses.map((r) => r.headers.get("location") ?? "");
    assert.equal(locations.filter((l) => l.endsWith("n=confirmed")).length, CAPACITY);
    assert.equal(locations.filter((l) => l.endsWith("n=waitlisted")).length, N - CAPACITY);
    console.log(`sign-up throughput: ${N} requests in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} req/s over ${PORTS.length} processes`);

    const rows = await t.db
      .select({ userId: signups.userId, status: signups.status, pos: signups.waitlistPosition, queuedAt: signups.queuedAt })
      .from(signups)
      .where(eq(signups.roleId, roleId))
      .orderBy(asc(signups.queuedAt), asc(signups.id));
    assert.equal(rows.filter((r) => r.status === "confirmed").length, CAPACITY);
    const waiting = rows.filter((r) => r.status === "waitlisted");
    assert.equal(waiting.length, N - CAPACITY);
    // the first 20 to arrive (under the lock) are the confirmed ones; positions follow arrival
    assert.ok(rows.slice(0, CAPACITY).every((r) => r.status === "confirmed"));
    assert.deepEqual(waiting.map((w) => w.pos), Array.from({ length: N - CAPACITY }, (_, i) => i + 1));
    const confirmations = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.template, "event-signup"));
    assert.equal(confirmations.length, N);
  });

  it("a cancellation promotes exactly the first on the waitlist", async () => {
    const [firstConfirmed] = await t.db.select({ userId: signups.userId }).from(signups).where(and(eq(signups.roleId, roleId), eq(signups.status, "confirmed"))).limit(1);
    const [firstWaiting] = await t.db.select({ userId: signups.userId }).from(signups).where(and(eq(signups.roleId, roleId), eq(signups.waitlistPosition, 1)));
    const [secondWaiting] = await t.db.select({ userId: signups.userId }).from(signups).where(and(eq(signups.roleId, roleId), eq(signups.waitlistPosition, 2)));
    const i = volunteers.findIndex((v) => v.id === firstConfirmed?.userId);
    const r = await post(i, { intent: "cancel" });
    assert.equal(r.status, 302);
    const rows = await t.db.select({ userId: signups.userId, status: signups.status, pos: signups.waitlistPosition }).from(signups).where(eq(signups.roleId, roleId));
    const by = new Map(rows.map((x) => [x.userId, x]));
    assert.equal(by.get(firstConfirmed?.userId ?? "")?.status, "cancelled");
    assert.equal(by.get(firstWaiting?.userId ?? "")?.status, "confirmed");
    assert.equal(by.get(secondWaiting?.userId ?? "")?.pos, 1);
    assert.equal(rows.filter((x) => x.status === "confirmed").length, CAPACITY);
    assert.equal(rows.filter((x) => x.status === "waitlisted").length, N - CAPACITY - 1);
    const promoted = await t.db.select({ to: outbox.toEmail }).from(outbox).where(eq(outbox.template, "event-promoted"));
    assert.equal(promoted.length, 1);
  });
});
