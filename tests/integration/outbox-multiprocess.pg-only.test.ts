import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { queueEmail } from "../../app/services/outbox.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startSmtp, type TestSmtp } from "../support/smtp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function startWorker(url: string, smtpUrl: string, expected: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/outbox-worker.ts", url, smtpUrl, String(expected)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes("ready\n") ? resolve() : undefined);
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`worker exited early (${code}): ${err}`)));
  });
  const finished = new Promise<{ pid: number; sent: number; rounds: number }>((resolve, reject) => {
    child.once("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code === 0) resolve(JSON.parse(last));
      else reject(new Error(`worker failed (${code}): ${err}`));
    });
  });
  return { child, ready, finished };
}

describe("outbox delivery from several processes at once (PostgreSQL)", () => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  const children: ChildProcess[] = [];

  before(async () => {
    t = await createTestDatabase();
    smtp = await startSmtp();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill();
    await smtp.stop();
    await t.close();
  });

  beforeEach(async () => {
    await t.db.delete(outbox);
    smtp.raw.length = 0;
    smtp.failing = false;
  });

  async function queue(n: number, tag: string) {
    // in a few commits, as real changes would queue them
    for (let chunk = 0; chunk < n / 50; chunk++) {
      await t.db.transaction(async (tx) => {
        for (let i = chunk * 50; i < (chunk + 1) * 50; i++) {
          await queueEmail(tx, {
            to: `relawan${i}@example.test`,
            template: "notice",
            locale: i % 2 ? "en" : "id",
            payload: { title: `Pesan ${tag} ${i}`, body: "Uji banyak proses." },
            dedupKey: `${tag}:${i}`,
          });
        }
      });
    }
  }

  async function startWorkers(n: number, expected: number) {
    const workers = Array.from({ length: n }, () => startWorker(t.url ?? "", smtp.url, expected));
    children.push(...workers.map((w) => w.child));
    await Promise.all(workers.map((w) => w.ready));
    return workers;
  }

  async function assertEachArrivedOnce(n: number) {
    const mails = await smtp.parsed();
    assert.equal(mails.length, n);
    assert.equal(new Set(mails.map((m) => m.messageId)).size, n, "no message arrived twice");
    assert.equal(new Set(mails.map((m) => m.subject)).size, n);
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, "sent"));
    assert.equal(row?.n, n);
  }

  it("3 worker processes deliver 200 queued mails: exactly 200 arrive, no duplicates", { timeout: 120_000 }, async () => {
    assert.ok(t.url, "needs PostgreSQL");
    const N = 200;
    const workers = await startWorkers(3, N);
    await queue(N, "multi");
    const reports = await Promise.all(workers.map((w) => w.finished));
    await assertEachArrivedOnce(N);
    assert.equal(reports.reduce((n, r) => n + r.sent, 0), N);
    assert.ok(reports.filter((r) => r.sent > 0).length >= 2, `work was shared: ${JSON.stringify(reports)}`);
    const [row] = await t.db.select({ maxAttempts: sql<number>`max(${outbox.attempts})::int` }).from(outbox);
    assert.equal(row?.maxAttempts, 1, "every mail was claimed exactly once");
  });

  it("3 worker processes through an SMTP outage: after it, every mail arrives exactly once", { timeout: 120_000 }, async () => {
    const N = 200;
    smtp.failing = true;
    const workers = await startWorkers(3, N);
    await queue(N, "outage");
    // every mail has been tried and refused at least once
    for (;;) {
      const [tried] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.attempts} >= 1 and ${outbox.lockedUntil} is null`);
      if (tried?.n === N) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(smtp.raw.length, 0);
    smtp.failing = false;
    await t.db.update(outbox).set({ nextAttemptAt: sql`now()` });
    const reports = await Promise.all(workers.map((w) => w.finished));
    await assertEachArrivedOnce(N);
    assert.equal(reports.reduce((n, r) => n + r.sent, 0), N);
    const [row] = await t.db.select({ maxAttempts: sql<number>`max(${outbox.attempts})::int`, minAttempts: sql<number>`min(${outbox.attempts})::int` }).from(outbox);
    assert.deepEqual([row?.minAttempts, row?.maxAttempts], [2, 2], "one refused attempt, one successful");
  });
});
