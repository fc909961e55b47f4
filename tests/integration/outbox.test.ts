import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { queueEmail } from "../../app/services/outbox.server";
import {
  createSmtpTransport,
  deliverDueEmails,
  retryDeadEmail,
  type DeliveryOptions,
} from "../../app/services/outbox-delivery.server";
import { passwordResets } from "../../db/schema/accounts";
import { requestPasswordReset } from "../../app/models/accounts/accounts.server";
import { outboxOverview } from "../../app/services/mailbox.server";
import { createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startSmtp, type TestSmtp } from "../support/smtp";

describe("email outbox delivery over SMTP", () => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let transport: ReturnType<typeof createSmtpTransport>;
  let opts: DeliveryOptions;

  before(async () => {
    t = await createTestDatabase();
    smtp = await startSmtp();
    transport = createSmtpTransport(smtp.url);
    opts = { transport, from: "Simpul Test <no-reply@simpul.test>" };
  });
  after(async () => {
    transport.close();
    await smtp.stop();
    await t.close();
  });
  beforeEach(async () => {
    await t.db.delete(outbox);
    smtp.raw.length = 0;
    smtp.failing = false;
    smtp.rejectRecipients.clear();
    smtp.delayMs = 0;
  });

  async function queueNotices(n: number, prefix: string) {
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await queueEmail(tx, {
          to: `${prefix}${i}@example.test`,
          template: "notice",
          locale: "id",
          payload: { title: `Pesan ${prefix} ${i}`, body: "Isi pesan." },
          dedupKey: `${prefix}:${i}`,
        });
      }
    });
  }

  /** Time passes: everything pending is due now (instead of sleeping through the backoff). */
  async function makeDue() {
    await t.db.update(outbox).set({ nextAttemptAt: sql`now()` }).where(eq(outbox.status, "pending"));
  }

  async function rows() {
    return t.db
      .select({
        id: outbox.id,
        toEmail: outbox.toEmail,
        status: outbox.status,
        attempts: outbox.attempts,
        subject: outbox.subject,
        sentAt: outbox.sentAt,
        lastError: outbox.lastError,
        lockedUntil: outbox.lockedUntil,
        nextAttemptAt: outbox.nextAttemptAt,
        secondsToNext: sql<number>`extract(epoch from ${outbox.nextAttemptAt} - now())::float8`,
      })
      .from(outbox)
      .orderBy(outbox.id);
  }

  it("sends payload.attachments (e.g. a reminder's .ics) as real attachments", async () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, {
        to: "ayu@example.test",
        template: "notice",
        locale: "id",
        payload: {
          title: "Pengingat",
          body: "Besok.",
          attachments: [{ filename: "kegiatan.ics", content: ics, contentType: "text/calendar; charset=utf-8" }, { bogus: true }],
        },
        dedupKey: "attach:1",
      });
    });
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 1, retried: 0, dead: 0 });
    const [mail] = await smtp.parsed();
    assert.ok(mail);
    assert.equal(mail.attachments.length, 1);
    assert.equal(mail.attachments[0]?.filename, "kegiatan.ics");
    assert.match(mail.attachments[0]?.contentType ?? "", /^text\/calendar/);
    assert.equal(mail.attachments[0]?.content.toString("utf8"), ics);
  });

  it("renders HTML and text in the recipient's language and sends it", async () => {
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, {
        to: "siti@example.test",
        template: "notice",
        locale: "id",
        payload: { title: "Pendaftaran diterima", body: "Halo Siti,\n\nSelamat bergabung <di> RTIK.", link: "http://localhost:3000/chapters/1" },
        dedupKey: "lang:id",
      });
      await queueEmail(tx, {
        to: "john@example.test",
        template: "notice",
        locale: "en",
        payload: { title: "Application accepted", body: "Hello John,\n\nWelcome to RTIK.", link: "http://localhost:3000/chapters/1" },
        dedupKey: "lang:en",
      });
    });
    const result = await deliverDueEmails(t.db, opts);
    assert.deepEqual(result, { sent: 2, retried: 0, dead: 0 });

    const mails = await smtp.parsed();
    assert.equal(mails.length, 2);
    const id = mails.find((m) => m.subject === "Pendaftaran diterima");
    const en = mails.find((m) => m.subject === "Application accepted");
    assert.ok(id && en);
    assert.equal(id.from?.text, '"Simpul Test" <no-reply@simpul.test>');
    assert.deepEqual(id.to && !Array.isArray(id.to) ? id.to.value.map((a) => a.address) : [], ["siti@example.test"]);
    assert.match(String(id.html), /<html lang="id">/);
    assert.match(String(id.html), /Selamat bergabung &lt;di&gt; RTIK\./);
    assert.match(String(id.html), /Buka Simpul/);
    assert.match(String(id.html), /Email ini dikirim oleh Simpul/);
    assert.match(id.text ?? "", /Selamat bergabung <di> RTIK\./);
    assert.match(id.text ?? "", /Buka Simpul: http:\/\/localhost:3000\/chapters\/1/);
    assert.equal(id.headers.get("content-language"), "id");
    assert.match(String(en.html), /<html lang="en">/);
    assert.match(String(en.html), /Open Simpul/);
    assert.match(String(en.html), /This email was sent by Simpul/);
    assert.match(en.text ?? "", /Open Simpul: http:\/\/localhost:3000\/chapters\/1/);
    assert.equal(en.headers.get("content-language"), "en");
    assert.match(en.messageId ?? "", /^<outbox\.\d+\.\d+@/);
    assert.notEqual(en.messageId, id.messageId);

    const stored = await rows();
    for (const r of stored) {
      assert.equal(r.status, "sent");
      assert.equal(r.attempts, 1);
      assert.ok(r.sentAt);
      assert.equal(r.lockedUntil, null);
    }
    assert.deepEqual(stored.map((r) => r.subject).sort(), ["Application accepted", "Pendaftaran diterima"]);
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 });
  });

  it("survives an SMTP outage with backoff and then delivers every message exactly once", async () => {
    await queueNotices(6, "outage");

    await smtp.stop();
    const down = await deliverDueEmails(t.db, opts);
    assert.deepEqual(down, { sent: 0, retried: 6, dead: 0 });
    for (const r of await rows()) {
      assert.equal(r.status, "pending");
      assert.equal(r.attempts, 1);
      assert.equal(r.lockedUntil, null);
      assert.ok(r.lastError);
      // first retry after 30 s ± 20 %
      assert.ok(r.secondsToNext > 20 && r.secondsToNext <= 36, `next try in ${r.secondsToNext}s`);
    }
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 }, "nothing is due during the backoff");

    // back up, but refusing everything (451)
    await smtp.start();
    smtp.failing = true;
    await makeDue();
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 6, dead: 0 });
    for (const r of await rows()) {
      assert.equal(r.attempts, 2);
      assert.match(r.lastError ?? "", /451/);
      assert.ok(r.secondsToNext > 90 && r.secondsToNext <= 145, `second retry after ~2 min, got ${r.secondsToNext}s`);
    }
    assert.equal(smtp.raw.length, 0);

    smtp.failing = false;
    await makeDue();
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 6, retried: 0, dead: 0 });
    await makeDue();
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 });

    const mails = await smtp.parsed();
    const recipients = mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : "")).sort();
    assert.deepEqual(recipients, Array.from({ length: 6 }, (_, i) => `outage${i}@example.test`).sort());
    assert.equal(new Set(mails.map((m) => m.messageId)).size, 6);
    for (const r of await rows()) {
      assert.equal(r.status, "sent");
      assert.equal(r.attempts, 3);
      assert.equal(r.lastError, null);
    }
  });

  it("marks a dead letter after the last attempt, and an admin can send it again", async () => {
    await queueNotices(1, "dead");
    smtp.failing = true;
    const results = [];
    for (let i = 0; i < 3; i++) {
      await makeDue();
      results.push(await deliverDueEmails(t.db, { ...opts, maxAttempts: 3 }));
    }
    assert.deepEqual(results, [
      { sent: 0, retried: 1, dead: 0 },
      { sent: 0, retried: 1, dead: 0 },
      { sent: 0, retried: 0, dead: 1 },
    ]);
    const [row] = await rows();
    assert.ok(row);
    assert.equal(row.status, "dead");
    assert.equal(row.attempts, 3);
    assert.match(row.lastError ?? "", /451/);
    await makeDue();
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 }, "dead letters are left alone");

    smtp.failing = false;
    assert.equal(await retryDeadEmail(t.db, row.id), "retried");
    assert.equal(await retryDeadEmail(t.db, row.id), "notDead", "only a dead letter can be retried");
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 1, retried: 0, dead: 0 });
    assert.equal(smtp.raw.length, 1);
    assert.equal(await retryDeadEmail(t.db, row.id), "notDead");
  });

  it("gives up at once when the server refuses the address itself (550)", async () => {
    await queueNotices(2, "refused");
    smtp.rejectRecipients.add("refused0@example.test");
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 1, retried: 0, dead: 1 });
    const [refused, ok] = await rows();
    assert.equal(refused?.status, "dead");
    assert.equal(refused?.attempts, 1);
    assert.match(refused?.lastError ?? "", /550/);
    assert.equal(ok?.status, "sent");
  });

  it("queues the same dedup key once", async () => {
    for (let i = 0; i < 3; i++) {
      await t.db.transaction(async (tx) => {
        await queueEmail(tx, { to: "a@example.test", template: "notice", locale: "id", payload: { title: "Sekali", body: "x" }, dedupKey: "once:1" });
      });
    }
    assert.equal((await rows()).length, 1);
    await deliverDueEmails(t.db, opts);
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "a@example.test", template: "notice", locale: "id", payload: { title: "Sekali", body: "x" }, dedupKey: "once:1" });
    });
    await makeDue();
    await deliverDueEmails(t.db, opts);
    assert.equal(smtp.raw.length, 1);
  });

  it("sends nothing when the change that queued the mail rolls back", async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await queueEmail(tx, { to: "b@example.test", template: "notice", locale: "id", payload: { title: "Batal", body: "x" }, dedupKey: "rollback:1" });
        throw new Error("the change failed");
      }),
      /the change failed/,
    );
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 });
    assert.equal(smtp.raw.length, 0);
  });

  it("leaves a row leased by another worker alone until the lease runs out", async () => {
    await queueNotices(1, "leased");
    await t.db.update(outbox).set({ lockedUntil: sql`now() + interval '1 minute'`, attempts: 1 });
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 0 });
    await t.db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 1, retried: 0, dead: 0 });
    const [row] = await rows();
    assert.equal(row?.attempts, 2);
  });

  it("does not start a send its lease might not cover; the row goes back unclaimed", async () => {
    await queueNotices(3, "slow");
    smtp.delayMs = 600;
    // lease 2 s: no send starts later than 1 s after the claim, so the third (at ~1.2 s) is handed back
    const first = await deliverDueEmails(t.db, { ...opts, concurrency: 1, batchSize: 3, leaseSeconds: 2, maxBatches: 1 });
    assert.deepEqual(first, { sent: 2, retried: 0, dead: 0 });
    const handedBack = (await rows()).filter((r) => r.status === "pending");
    assert.equal(handedBack.length, 1);
    assert.equal(handedBack[0]?.attempts, 0);
    assert.equal(handedBack[0]?.lockedUntil, null);
    smtp.delayMs = 0;
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 1, retried: 0, dead: 0 });
    assert.equal(smtp.raw.length, 3);
    assert.deepEqual((await rows()).map((r) => r.attempts), [1, 1, 1]);
  });

  it("sends each message once when several workers run at the same time", async () => {
    await queueNotices(60, "parallel");
    const results = await Promise.all(Array.from({ length: 4 }, () => deliverDueEmails(t.db, { ...opts, batchSize: 7 })));
    assert.equal(results.reduce((n, r) => n + r.sent, 0), 60);
    assert.equal(smtp.raw.length, 60);
    const ids = (await smtp.parsed()).map((m) => m.messageId);
    assert.equal(new Set(ids).size, 60);
  });

  it("dead-letters a mail whose template cannot be rendered", async () => {
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "c@example.test", template: "no-such-template", locale: "id", payload: {}, dedupKey: "bad:1" });
    });
    assert.deepEqual(await deliverDueEmails(t.db, opts), { sent: 0, retried: 0, dead: 1 });
    const [row] = await rows();
    assert.match(row?.lastError ?? "", /render: Unknown email template/);
  });

  it("without SMTP keeps the mail in the development mailbox, rendered subject stored", async () => {
    await queueNotices(2, "mailbox");
    assert.deepEqual(await deliverDueEmails(t.db, { transport: null }), { sent: 2, retried: 0, dead: 0 });
    const stored = await rows();
    assert.deepEqual(stored.map((r) => [r.status, r.subject]), [
      ["sent", "Pesan mailbox 0"],
      ["sent", "Pesan mailbox 1"],
    ]);
    assert.equal(smtp.raw.length, 0);
  });

  it("a dead letter whose link has expired or been used is not sent again, and the admin's list says so", async () => {
    const u = await createUser(t.db, { name: "Lupa Sandi" });
    for (let i = 0; i < 2; i++) assert.deepEqual(await requestPasswordReset(t.db, { email: u.email, ip: `10.9.0.${i}` }), { ok: true });
    await t.db.update(outbox).set({ status: "dead", attempts: 8, lastError: "550 mailbox unavailable" });
    const [stale, fresh] = await t.db.select().from(outbox).orderBy(outbox.id);
    assert.ok(stale && fresh);
    // the first link's hour is over
    await t.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(passwordResets.tokenHash, stale.dedupKey.slice("password-reset:".length)));
    await queueNotices(1, "plain");
    await t.db.update(outbox).set({ status: "dead", attempts: 8 }).where(eq(outbox.status, "pending"));
    const plain = (await rows()).find((r) => r.toEmail === "plain0@example.test");
    assert.ok(plain);

    const overview = await outboxOverview(t.db);
    assert.deepEqual(
      overview.dead.map((m) => [m.id, m.linkExpired]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [stale.id, true],
        [fresh.id, false],
        [plain.id, false],
      ],
    );
    assert.equal(await retryDeadEmail(t.db, stale.id), "linkExpired");
    assert.equal((await rows()).find((r) => r.id === stale.id)?.status, "dead", "left dead: the person asks again");
    assert.equal(await retryDeadEmail(t.db, fresh.id), "retried");
    assert.equal(await retryDeadEmail(t.db, plain.id), "retried", "a mail without an expiring link is sent again as before");
    // a link used meanwhile is spent too
    await t.db.update(outbox).set({ status: "dead" }).where(eq(outbox.id, fresh.id));
    await t.db.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.tokenHash, fresh.dedupKey.slice("password-reset:".length)));
    assert.equal(await retryDeadEmail(t.db, fresh.id), "linkExpired");
  });
});
