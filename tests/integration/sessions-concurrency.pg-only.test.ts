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
 * A 3-day bimtek: for each day, 200 volunteers press "Daftar" for that day at the same moment (600 requests in
 * all, interleaved), through two app processes on one PostgreSQL. Capacity and arrival order must hold per day.
 * Needs `npx remix build` first (the servers run the real build).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORTS = [4300 + Math.floor(Math.random() * 300), 4700 + Math.floor(Math.random() * 200)];
const N = 200;
const CAPACITY = 20;
const DAYS = 3;

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

describe("per-session sign-up capacity under concurrency (two processes, PostgreSQL)", () => {
  let t: TestDatabase;
  const servers: ReturnType<typeof startServer>[] = [];
  let eventId = 0;
  let roleId = 0;
  let days: number[] = [];
  const volunteers: { id: string; session: string }[] = [];

  before(async () => {
    assert.ok(fs.existsSync(path.join(process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : path.join(root, "build"), "index.js")), "run `npx remix build` first");
    t = await createTestDatabase();
    assert.equal(t.kind, "postgres");
    const chapter = await createChapter(t.db, { regionCode: "33.75" });
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    eventId = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "33.75.01",
      date,
      days: DAYS,
      startTime: "08:00",
      endTime: "16:00",
      sessionLabels: "Angkatan 1\nAngkatan 2\nAngkatan 3",
      roles: [{ name: "Teknisi", capacity: CAPACITY }],
    });
    const e = await getEvent(t.db, eventId);
    roleId = e?.roles[0]?.id ?? 0;
    days = e?.sessions.map((s) => s.id) ?? [];
    assert.equal(days.length, DAYS);
    for (let i = 0; i < N; i++) {
      const u = await createUser(t.db, { name: `Teknisi Serentak ${i}` });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      volunteers.push({ id: u.id, session: randomBytes(20).toString("hex") });
    }
    await t.db.insert(sessions).values(volunteers.map((v) => ({ id: sessionIdOf(v.session), userId: v.id, expiresAt: new Date(Date.now() + 86400_000) })));
    for (const port of PORTS) servers.push(startServer(t.url ?? "", port));
    await Promise.all(servers.map((s) => s.ready));
    for (const port of PORTS) for (let k = 0; k < 3; k++) await fetch(`http://127.0.0.1:${port}/e/${eventId}`);
  });

  after(async () => {
    for (const s of servers) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))));
    await t?.close();
  });

  function post(i: number, k: number, body: Record<string, string>) {
    const port = PORTS[(i + k) % PORTS.length] ?? 0;
    const v = volunteers[i];
    return fetch(`http://127.0.0.1:${port}/events/${eventId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}`, Cookie: `simpul_session=${v?.session}` },
      body: new URLSearchParams(body).toString(),
    });
  }

  it("confirms exactly 20 per day and waitlists 180 per day in arrival order, with no error responses", async () => {
    // every volunteer asks for every day separately; requests for the three days are interleaved
    const calls = volunteers.flatMap((_, i) => days.map((d, k) => ({ i, k, d })));
    const t0 = performance.now();
    const responses = await Promise.all(calls.map((c) => post(c.i, c.k, { intent: "signup", roleId: String(roleId), sessionId: String(c.d) })));
    const seconds = (performance.now() - t0) / 1000;
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [302], `unexpected statuses: ${statuses.join(",")}\nserver logs:\n${servers.map((s) => s.log().slice(-4000)).join("\n---\n")}`);
    const locations = responses.map((r) => r.headers.get("location") ?? "");
    assert.equal(locations.filter((l) => l.endsWith("n=confirmed")).length, CAPACITY * DAYS);
    assert.equal(locations.filter((l) => l.endsWith("n=waitlisted")).length, (N - CAPACITY) * DAYS);
    console.log(`per-session sign-up throughput: ${calls.length} requests (${N} per session × ${DAYS}) in ${seconds.toFixed(2)} s = ${(calls.length / seconds).toFixed(0)} sign-ups/s over ${PORTS.length} processes`);

    for (const d of days) {
      const rows = await t.db
        .select({ userId: signups.userId, status: signups.status, pos: signups.waitlistPosition })
        .from(signups)
        .where(and(eq(signups.sessionId, d), eq(signups.roleId, roleId)))
        .orderBy(asc(signups.queuedAt), asc(signups.id));
      assert.equal(rows.length, N);
      assert.equal(rows.filter((r) => r.status === "confirmed").length, CAPACITY, `day ${d}`);
      assert.ok(rows.slice(0, CAPACITY).every((r) => r.status === "confirmed"), "the first to arrive on that day are the confirmed ones");
      assert.deepEqual(rows.filter((r) => r.status === "waitlisted").map((w) => w.pos), Array.from({ length: N - CAPACITY }, (_, i) => i + 1));
    }
    assert.equal((await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.template, "event-signup"))).length, N * DAYS);
  });

  it("a day's cancellations promote that day's waitlist only, even when they come at once", async () => {
    const [d1, d2] = days;
    const confirmedOn = async (d: number) =>
      t.db.select({ userId: signups.userId }).from(signups).where(and(eq(signups.sessionId, d), eq(signups.status, "confirmed"))).orderBy(asc(signups.queuedAt)).limit(5);
    const leaving = await confirmedOn(d2 ?? 0);
    const beforeDay1 = await t.db.select({ userId: signups.userId, status: signups.status }).from(signups).where(eq(signups.sessionId, d1 ?? 0));
    const responses = await Promise.all(leaving.map((l, k) => post(volunteers.findIndex((v) => v.id === l.userId), k, { intent: "cancel", sessionId: String(d2) })));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [302]);
    const day2 = await t.db.select({ userId: signups.userId, status: signups.status, pos: signups.waitlistPosition }).from(signups).where(eq(signups.sessionId, d2 ?? 0));
    assert.equal(day2.filter((x) => x.status === "confirmed").length, CAPACITY);
    assert.equal(day2.filter((x) => x.status === "cancelled").length, leaving.length);
    assert.deepEqual(
      day2.filter((x) => x.status === "waitlisted").map((x) => x.pos).sort((a, b) => (a ?? 0) - (b ?? 0)),
      Array.from({ length: N - CAPACITY - leaving.length }, (_, i) => i + 1),
    );
    // those who left day 2 keep day 1, and day 1 is untouched
    const afterDay1 = await t.db.select({ userId: signups.userId, status: signups.status }).from(signups).where(eq(signups.sessionId, d1 ?? 0));
    assert.deepEqual(new Map(afterDay1.map((r) => [r.userId, r.status])), new Map(beforeDay1.map((r) => [r.userId, r.status])));
    assert.equal((await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.template, "event-promoted"))).length, leaving.length);
  });
});
