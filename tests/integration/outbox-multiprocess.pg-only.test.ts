import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { queueEmail } from "../../app/models/outbox.server";
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

  it("3 worker processes deliver 200 queued mails: exactly 200 arrive, no duplicates", { timeout: 120_000 }, async () => {
    assert.ok(t.url, "needs PostgreSQL");
    const N = 200;
    const workers = [0, 1, 2].map(() => startWorker(t.url ?? "", smtp.url, N));
    children.push(...workers.map((w) => w.child));
    await Promise.all(workers.map((w) => w.ready));

    // queued after every worker is polling, in a few commits as real changes would be
    for (let chunk = 0; chunk < 4; chunk++) {
      await t.db.transaction(async (tx) => {
        for (let i = chunk * 50; i < (chunk + 1) * 50; i++) {
          await queueEmail(tx, {
            to: `relawan${i}@example.test`,
            template: "notice",
            locale: i % 2 ? "en" : "id",
            payload: { title: `Pesan ${i}`, body: "Uji banyak proses." },
            dedupKey: `multi:${i}`,
          });
        }
      });
    }

    const reports = await Promise.all(workers.map((w) => w.finished));
    const mails = await smtp.parsed();
    assert.equal(mails.length, N);
    assert.equal(new Set(mails.map((m) => m.messageId)).size, N, "no message arrived twice");
    assert.equal(new Set(mails.map((m) => m.subject)).size, N);
    assert.equal(reports.reduce((n, r) => n + r.sent, 0), N);
    assert.ok(reports.filter((r) => r.sent > 0).length >= 2, `work was shared: ${JSON.stringify(reports)}`);

    const [row] = await t.db
      .select({ n: sql<number>`count(*)::int`, maxAttempts: sql<number>`max(${outbox.attempts})::int` })
      .from(outbox)
      .where(eq(outbox.status, "sent"));
    assert.equal(row?.n, N);
    assert.equal(row?.maxAttempts, 1, "every mail was claimed exactly once");
  });
});
