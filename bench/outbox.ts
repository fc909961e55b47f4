/**
 * Outbox throughput: queue 1,000 emails, then time deliverDueEmails sending them to a local SMTP server
 * (smtp-server on 127.0.0.1, every message parsed-free and counted). Runs on PGlite, and on PostgreSQL
 * when TEST_DATABASE_URL is set. Needs the test templates: `node --import tsx tests/support/db.ts`.
 *
 *   node --import tsx bench/outbox.ts [count]
 */
import { sql } from "drizzle-orm";
import { queueEmail } from "../app/models/outbox.server";
import { createSmtpTransport, deliverDueEmails, type DeliveryOptions } from "../app/models/outbox-delivery.server";
import { outbox } from "../db/schema/outbox";
import { createTestDatabase, testDbKind } from "../tests/support/db";
import { startSmtp } from "../tests/support/smtp";

const N = Number(process.argv[2] ?? 1000);

async function run(kind: "pglite" | "postgres") {
  process.env.TEST_DB = kind;
  if (testDbKind() !== kind) return;
  const t = await createTestDatabase();
  const smtp = await startSmtp();
  try {
    const rows = [];
    for (const [label, opts] of [
      ["SMTP, 1 connection, sequential", { concurrency: 1, pooled: false }],
      ["SMTP, pool of 5 (default)", { concurrency: 5, pooled: true }],
      ["dev mailbox (no SMTP)", { concurrency: 5, pooled: null }],
    ] as const) {
      await t.db.delete(outbox);
      smtp.raw.length = 0;
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
      const queueMs = performance.now() - q0;

      const transport = opts.pooled === null ? null : createSmtpTransport(opts.pooled ? smtp.url : `${smtp.url}?pool=false`);
      const delivery: DeliveryOptions = { transport, concurrency: opts.concurrency };
      const d0 = performance.now();
      let sent = 0;
      for (;;) {
        const r = await deliverDueEmails(t.db, delivery);
        sent += r.sent;
        if (r.sent + r.retried + r.dead === 0) break;
      }
      const deliverMs = performance.now() - d0;
      transport?.close();

      const [left] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.status} <> 'sent'`);
      const received = opts.pooled === null ? "-" : String(smtp.raw.length);
      if (sent !== N || (left?.n ?? 0) !== 0 || (opts.pooled !== null && smtp.raw.length !== N)) {
        throw new Error(`${label}: sent ${sent}, received ${received}, not sent ${left?.n}`);
      }
      rows.push({
        database: kind,
        mode: label,
        emails: N,
        "queue (ms)": Math.round(queueMs),
        "deliver (ms)": Math.round(deliverMs),
        "emails/s": Math.round((N / deliverMs) * 1000),
        received,
      });
    }
    console.table(rows);
  } finally {
    await smtp.stop();
    await t.close();
  }
}

console.log(`Outbox bench: ${N} emails, node ${process.version}`);
await run("pglite");
if (process.env.TEST_DATABASE_URL) await run("postgres");
else console.log("(set TEST_DATABASE_URL to also measure PostgreSQL)");
