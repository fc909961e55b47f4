/**
 * Outbox throughput: queue 1,000 emails, then time how long the worker takes to deliver them to a local SMTP
 * server (smtp-server on 127.0.0.1; every message counted, duplicates would fail the run). PGlite always,
 * PostgreSQL too when TEST_DATABASE_URL is set (plus a run with 3 worker processes sharing the queue).
 * Needs the test templates: `node --import tsx tests/support/db.ts`.
 *
 *   node --import tsx bench/outbox.ts [count]
 */
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { queueEmail } from "../app/services/outbox.server";
import { createSmtpTransport, deliverDueEmails } from "../app/services/outbox-delivery.server";
import { outbox } from "../db/schema/outbox";
import { createTestDatabase, testDbKind, type TestDatabase } from "../tests/support/db";
import { startSmtp, type TestSmtp } from "../tests/support/smtp";

const N = Number(process.argv[2] ?? 1000);
type Row = Record<string, string | number>;

async function queue(t: TestDatabase) {
  const q0 = performance.now();
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < N; i++) {
      await queueEmail(tx, {
        to: `relawan${i}@example.test`,
        template: "notice",
        locale: i % 2 ? "en" : "id",
        payload: { title: `Pengingat kegiatan ${i}`, body: "Halo,\n\nKegiatan literasi digital besok pukul 09.00 WIB.", link: "https://simpul.example/events/1" },
        dedupKey: `bench:${i}`,
      });
    }
  });
  return performance.now() - q0;
}

async function check(t: TestDatabase, smtp: TestSmtp | null, label: string) {
  const [left] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.status} <> 'sent'`);
  const ids = smtp ? new Set((await smtp.parsed()).map((m) => m.messageId)).size : N;
  if ((left?.n ?? 0) !== 0 || (smtp && smtp.raw.length !== N) || ids !== N) {
    throw new Error(`${label}: not sent ${left?.n}, received ${smtp?.raw.length}, distinct ${ids}`);
  }
  return smtp ? String(smtp.raw.length) : "-";
}

function row(database: string, mode: string, queueMs: number, deliverMs: number, received: string): Row {
  return { database, mode, emails: N, "queue (ms)": Math.round(queueMs), "deliver (ms)": Math.round(deliverMs), "emails/s": Math.round((N / deliverMs) * 1000), received };
}

async function inProcess(kind: "pglite" | "postgres", rows: Row[]) {
  process.env.TEST_DB = kind;
  if (testDbKind() !== kind) return;
  const t = await createTestDatabase();
  const smtp = await startSmtp();
  try {
    for (const [label, concurrency, useSmtp] of [
      ["1 process, SMTP pool of 5 (default)", 5, true],
      ["1 process, SMTP one at a time", 1, true],
      ["1 process, dev mailbox (no SMTP)", 5, false],
    ] as const) {
      await t.db.delete(outbox);
      smtp.raw.length = 0;
      const queueMs = await queue(t);
      const transport = useSmtp ? createSmtpTransport(smtp.url) : null;
      const d0 = performance.now();
      for (;;) {
        const r = await deliverDueEmails(t.db, { transport, concurrency });
        if (r.sent + r.retried + r.dead === 0) break;
      }
      const deliverMs = performance.now() - d0;
      transport?.close();
      rows.push(row(kind, label, queueMs, deliverMs, await check(t, useSmtp ? smtp : null, label)));
    }
  } finally {
    await smtp.stop();
    await t.close();
  }
}

async function multiProcess(rows: Row[], processes: number) {
  process.env.TEST_DB = "postgres";
  const t = await createTestDatabase();
  const smtp = await startSmtp();
  try {
    const children = Array.from({ length: processes }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/outbox-worker.ts", t.url ?? "", smtp.url, String(N), "50", "5"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => (out += d.toString()).includes("ready") && resolve()));
      const done = new Promise<void>((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`)))));
      return { ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    const d0 = performance.now();
    const queueMs = await queue(t);
    await Promise.all(children.map((c) => c.done));
    const totalMs = performance.now() - d0;
    rows.push(row("postgres", `${processes} processes, SMTP pool of 5 each`, queueMs, totalMs - queueMs, await check(t, smtp, "multi")));
  } finally {
    await smtp.stop();
    await t.close();
  }
}

console.log(`Outbox bench: ${N} emails, Node ${process.version}. (smtp-server waits 100 ms before greeting each new connection.)`);
const rows: Row[] = [];
await inProcess("pglite", rows);
if (process.env.TEST_DATABASE_URL) {
  await inProcess("postgres", rows);
  await multiProcess(rows, 3);
} else console.log("(set TEST_DATABASE_URL to measure PostgreSQL too)");
console.table(rows);
