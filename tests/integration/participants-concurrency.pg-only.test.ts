import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { asc, eq } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { setParticipantCapacity } from "../../app/models/events/participants.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/**
 * 300 members of the public press "Daftar" at the same moment for a 250-place hall, through two app processes on one
 * PostgreSQL (behind a proxy: each from its own address). Needs `npx remix build` first.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORTS = [3300 + Math.floor(Math.random() * 300), 3700 + Math.floor(Math.random() * 200)];
const N = 300;
const CAPACITY = 250;

function startServer(url: string, port: number): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), WORKER: "0", NODE_ENV: "test", APP_URL: `http://127.0.0.1:${port}`, DB_POOL_SIZE: "10", TRUST_PROXY: "1" },
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
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${out}`);
  })();
  return { child, ready };
}

describe("participant capacity under concurrency (two processes, PostgreSQL)", () => {
  let t: TestDatabase;
  const servers: ReturnType<typeof startServer>[] = [];
  let eventId = 0;

  before(async () => {
    assert.ok(fs.existsSync(path.join(process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : path.join(root, "build"), "index.js")), "run `npx remix build` first");
    t = await createTestDatabase();
    assert.equal(t.kind, "postgres");
    const chapter = await createChapter(t.db, { regionCode: "13.10" });
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "13.10.01", date, title: "Sosialisasi Smart City" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId: chapter.id, capacity: CAPACITY }));
    for (const port of PORTS) servers.push(startServer(t.url ?? "", port));
    await Promise.all(servers.map((s) => s.ready));
    for (const port of PORTS) for (let k = 0; k < 3; k++) await fetch(`http://127.0.0.1:${port}/e/${eventId}/daftar`);
  });

  after(async () => {
    for (const s of servers) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))));
    await t?.close();
  });

  it("confirms exactly 250, waitlists the other 50 in arrival order, every answer a redirect to a confirmation", async () => {
    const t0 = performance.now();
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const port = PORTS[i % PORTS.length] ?? 0;
        return fetch(`http://127.0.0.1:${port}/e/${eventId}/daftar`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}`, "X-Forwarded-For": `10.${Math.floor(i / 250)}.${i % 250}.7` },
          body: new URLSearchParams({ name: `Warga Serentak ${i}`, institutionName: `Nagari ${i % 40}`, phone: `0813${String(5000000 + i)}`, minor: "no" }).toString(),
        });
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [302], `unexpected statuses: ${statuses.join(",")}`);
    assert.ok(responses.every((r) => /\/e\/\d+\/tiket\/[A-Za-z0-9_-]{20,}$/.test(r.headers.get("location") ?? "")));
    console.log(`participant registration throughput: ${N} requests in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} registrations/s over ${PORTS.length} processes`);
    const rows = await t.db
      .select({ status: eventParticipants.status, pos: eventParticipants.waitlistPosition })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId))
      .orderBy(asc(eventParticipants.id));
    assert.equal(rows.length, N);
    assert.equal(rows.filter((r) => r.status === "confirmed").length, CAPACITY);
    const waiting = rows.filter((r) => r.status === "waitlisted");
    assert.equal(waiting.length, N - CAPACITY);
    // ids are handed out under the event's lock: arrival order; the first 250 hold the places
    assert.ok(rows.slice(0, CAPACITY).every((r) => r.status === "confirmed"));
    assert.deepEqual(waiting.map((w) => w.pos), Array.from({ length: N - CAPACITY }, (_, i) => i + 1));
    // a ticket page of a waitlisted person says so
    const last = responses[responses.length - 1]?.headers.get("location") ?? "";
    const page = await (await fetch(`http://127.0.0.1:${PORTS[0]}${last}`)).text();
    assert.match(page, /Anda (terdaftar|di daftar tunggu, nomor \d+)/);
  });

  it("families sharing a phone, each pressing \"Daftar\" three times at once on two processes: one row per person, the rest repeats", async () => {
    const chapter = await createChapter(t.db, { regionCode: "13.10" });
    const lead = await createUser(t.db);
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 9 * 86400_000).toISOString().slice(0, 10);
    const familyEvent = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "13.10.01", date, title: "Keamanan Digital Keluarga" });
    const FAMILIES = 15;
    const MEMBERS = ["Hasan", "Siti", "Ahmad", "Zahra"];
    const PRESSES = 3;
    const forms = Array.from({ length: FAMILIES }, (_, f) => MEMBERS.map((m) => ({
        name: `${m} Basri ${f}`,
        phone: `0857${String(3000000 + f)}`,
        // the children register on their father's phone, with his consent
        ...(m === "Ahmad" || m === "Zahra" ? { minor: "yes", guardianName: `Hasan Basri ${f}`, guardianContact: `0857${String(3000000 + f)}`, guardianConsent: "yes" } : { minor: "no" }),
      })))
      .flat()
      .flatMap((form) => Array.from({ length: PRESSES }, () => form));
    const responses = await Promise.all(
      forms.map((form, i) => {
        const port = PORTS[i % PORTS.length] ?? 0;
        return fetch(`http://127.0.0.1:${port}/e/${familyEvent}/daftar`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}`, "X-Forwarded-For": `10.9.${Math.floor(i / 250)}.${i % 250}` },
          body: new URLSearchParams(form).toString(),
        });
      }),
    );
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [302], `unexpected statuses: ${statuses.join(",")}`);
    // a first registration lands on its ticket; a repeat is told it is already registered, without a link
    const places = responses.map((r) => r.headers.get("location") ?? "");
    assert.equal(places.filter((l) => /\/tiket\/[A-Za-z0-9_-]{20,}$/.test(l)).length, FAMILIES * MEMBERS.length);
    assert.equal(places.filter((l) => l.endsWith("/daftar?sudah=1")).length, FAMILIES * MEMBERS.length * (PRESSES - 1));
    const rows = await t.db
      .select({ name: eventParticipants.name, phone: eventParticipants.phone, repeats: eventParticipants.repeats })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, familyEvent))
      .orderBy(asc(eventParticipants.name));
    assert.equal(rows.length, FAMILIES * MEMBERS.length, "one row per person, four per phone");
    assert.equal(new Set(rows.map((r) => r.name)).size, rows.length);
    assert.ok(rows.every((r) => r.repeats === PRESSES - 1), "every other press is counted as a repeat");
    assert.equal(new Set(rows.map((r) => r.phone)).size, FAMILIES);
  });
});
