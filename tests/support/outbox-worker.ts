/**
 * One worker process for the multi-process outbox test: runs deliverDueEmails in a loop against a shared
 * PostgreSQL database and SMTP server until `expected` mails are no longer pending, then prints what it sent.
 * Usage: node --import tsx tests/support/outbox-worker.ts <databaseUrl> <smtpUrl> <expected> [batchSize] [concurrency]
 */
import { ne, sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { outbox } from "../../db/schema/outbox";
import { createSmtpTransport, deliverDueEmails } from "../../app/services/outbox-delivery.server";

const [databaseUrl, smtpUrl, expectedArg, batchArg, concurrencyArg] = process.argv.slice(2);
if (!databaseUrl || !smtpUrl || !expectedArg) throw new Error("usage: outbox-worker.ts <databaseUrl> <smtpUrl> <expected>");
const expected = Number(expectedArg);

const handle = await openDatabase({ databaseUrl, pgliteDir: "", poolSize: 4 });
const transport = createSmtpTransport(smtpUrl);
process.stdout.write("ready\n");

let sent = 0;
let rounds = 0;
for (;;) {
  const r = await deliverDueEmails(handle.db, { transport, batchSize: Number(batchArg ?? 5), concurrency: Number(concurrencyArg ?? 2) });
  sent += r.sent;
  if (r.sent + r.retried + r.dead > 0) {
    rounds++;
    continue;
  }
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(ne(outbox.status, "pending"));
  if ((row?.n ?? 0) >= expected) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
transport.close();
await handle.close();
process.stdout.write(JSON.stringify({ pid: process.pid, sent, rounds }) + "\n");
