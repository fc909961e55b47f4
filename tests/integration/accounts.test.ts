import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { passwordResets, passwords, sessions, users } from "../../db/schema/accounts";
import { outbox } from "../../db/schema/outbox";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../factories";
import {
  authenticateByPassword,
  changePassword,
  findValidResetToken,
  LIMITS,
  registerUser,
  repeatedChangeFrom,
  requestPasswordReset,
  resetPassword,
} from "../../app/models/accounts/accounts.server";
import { hasCalendarFeed, personalFeed, resetCalendarToken } from "../../app/models/events/calendar.server";
import { renderEmail } from "../../emails/index";
import type { Db } from "../../db/client";

const APP = "http://simpul.test";

let ipCounter = 0;
/** drizzle wraps driver errors; the database's own message is in the cause. */
function dbError(message: string) {
  return (e: unknown) => e instanceof Error && `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}`.includes(message);
}

/** Each test gets its own client address so per-IP counters of other tests never interfere. */
function freshIp(): string {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 250)}.${ipCounter % 250}.${Math.floor(Math.random() * 250)}`;
}

async function mails(db: Db, to: string, template?: string) {
  const rows = await db
    .select({ template: outbox.template, locale: outbox.locale, payload: outbox.payload, dedupKey: outbox.dedupKey })
    .from(outbox)
    .where(template ? and(eq(outbox.toEmail, to), eq(outbox.template, template)) : eq(outbox.toEmail, to));
  return rows;
}

function tokenFromUrl(url: unknown): string {
  assert.equal(typeof url, "string");
  const m = /\/reset-password\/([A-Za-z0-9_-]+)$/.exec(String(url));
  assert.ok(m?.[1], `no token in ${String(url)}`);
  return m[1];
}

async function resetToken(db: Db, email: string): Promise<string> {
  const r = await requestPasswordReset(db, { email, ip: freshIp(), appUrl: APP });
  assert.equal(r.ok, true);
  const rows = await mails(db, email.trim().toLowerCase(), "password-reset");
  const last = rows.at(-1);
  assert.ok(last);
  const payload = last.payload as { url: string };
  return tokenFromUrl(payload.url);
}

async function insertSessions(db: Db, userId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomBytes(20).toString("hex"));
  for (const id of ids) await db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 86400_000) });
  return ids;
}

async function sessionCount(db: Db, userId: string): Promise<number> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.length;
}

describe("accounts", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  describe("register", () => {
    it("creates the user with a lower-cased email and an argon2id hash, and refuses the same email again", async () => {
      const r = await registerUser(t.db, {
        name: " Siti Rahmawati ",
        email: "  Siti.Rahma@Contoh.ID ",
        password: "kopi tubruk pagi hari",
        locale: "id",
        ip: freshIp(),
      });
      assert.equal(r.ok, true);
      assert.ok(r.ok);
      const [u] = await t.db.select().from(users).where(eq(users.id, r.userId));
      assert.equal(u?.email, "siti.rahma@contoh.id");
      assert.equal(u?.name, "Siti Rahmawati");
      const [p] = await t.db.select({ hash: passwords.hash }).from(passwords).where(eq(passwords.userId, r.userId));
      assert.match(p?.hash ?? "", /^\$argon2id\$/);
      assert.ok(!p?.hash.includes("kopi"));

      const again = await registerUser(t.db, {
        name: "Orang Lain",
        email: "SITI.RAHMA@contoh.id",
        password: "password lain sekali",
        locale: "en",
        ip: freshIp(),
      });
      assert.deepEqual(again, { ok: false, reason: "fields", errors: { email: ["auth.error.emailTaken"] } });
      const rows = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "siti.rahma@contoh.id"));
      assert.equal(rows.length, 1);
    });

    it("refuses passwords that are too short, too long or equal to the email", async () => {
      const base = { name: "Budi", locale: "id" as const, ip: freshIp() };
      const short = await registerUser(t.db, { ...base, email: "budi1@contoh.id", password: "pendek123" });
      assert.deepEqual(short, { ok: false, reason: "fields", errors: { password: ["auth.error.passwordTooShort"] } });
      const long = await registerUser(t.db, { ...base, email: "budi2@contoh.id", password: "x".repeat(129) });
      assert.deepEqual(long, { ok: false, reason: "fields", errors: { password: ["auth.error.passwordTooLong"] } });
      const same = await registerUser(t.db, { ...base, email: "budi.santoso@contoh.id", password: "Budi.Santoso@contoh.id" });
      assert.deepEqual(same, { ok: false, reason: "fields", errors: { password: ["auth.error.passwordIsEmail"] } });
      const none = await t.db.select({ id: users.id }).from(users).where(sql`${users.email} like 'budi%'`);
      assert.equal(none.length, 0);
    });

    it("two simultaneous sign-ups with one email create one account", async () => {
      const input = { name: "Dewi", email: "dewi@contoh.id", password: "sepuluh karakter", locale: "id" as const };
      const results = await Promise.all([
        registerUser(t.db, { ...input, ip: freshIp() }),
        registerUser(t.db, { ...input, ip: freshIp() }),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1);
    });
  });

  describe("log-in", () => {
    it("accepts the right password and refuses a wrong one or an unknown email with the same answer", async () => {
      const u = await createUser(t.db, { email: "agus@contoh.id", password: "benar sekali 123" });
      const ip = freshIp();
      const ok = await authenticateByPassword(t.db, { email: " AGUS@contoh.id", password: "benar sekali 123", ip });
      assert.equal(ok.ok && ok.userId, u.id);
      const wrong = await authenticateByPassword(t.db, { email: "agus@contoh.id", password: "salah sekali 123", ip });
      const unknown = await authenticateByPassword(t.db, { email: "tidak.ada@contoh.id", password: "salah sekali 123", ip });
      assert.deepEqual(wrong, { ok: false, reason: "invalid" });
      assert.deepEqual(unknown, wrong);
    });

    it("spends about as long on an unknown email as on a wrong password", async () => {
      await createUser(t.db, { email: "waktu@contoh.id", password: "benar sekali 123" });
      const time = async (email: string) => {
        const started = performance.now();
        await authenticateByPassword(t.db, { email, password: "salah sekali 123", ip: freshIp() });
        return performance.now() - started;
      };
      await time("pemanasan@contoh.id");
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < LIMITS.loginPerAccount.limit; i++) {
        known.push(await time("waktu@contoh.id"));
        unknown.push(await time(`hantu${i}@contoh.id`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const k = median(known);
      const u = median(unknown);
      console.log(`# log-in time: wrong password ${k.toFixed(1)} ms, unknown email ${u.toFixed(1)} ms`);
      assert.ok(u > k * 0.4 && u < k * 2.5, `known ${k} ms vs unknown ${u} ms`);
    });

    it("a stranger's failures from anywhere never lock the owner out of a browser they used before (item 9)", async () => {
      await createUser(t.db, { email: "rina@contoh.id", password: "benar sekali 123" });
      const first = await authenticateByPassword(t.db, { email: "rina@contoh.id", password: "benar sekali 123", ip: freshIp() });
      assert.equal(first.ok, true);
      const device = first.ok ? first.deviceToken : "";
      // a spread-out attack: many addresses, a few guesses each, well past the account's limit
      for (let i = 0; i < LIMITS.loginPerAccount.limit + 5; i++)
        await authenticateByPassword(t.db, { email: "rina@contoh.id", password: `salah ${i} sekali`, ip: freshIp() });
      const owner = await authenticateByPassword(t.db, { email: "Rina@contoh.id", password: "benar sekali 123", ip: freshIp(), deviceToken: device });
      assert.equal(owner.ok, true, "the owner's known browser still logs in");
      // an unknown browser is slowed down while the account is under attack
      const stranger = await authenticateByPassword(t.db, { email: "rina@contoh.id", password: "benar sekali 123", ip: freshIp() });
      assert.equal(!stranger.ok && stranger.reason, "rateLimited");
      // unknown emails are limited exactly the same way, so the limit reveals nothing
      for (let i = 0; i < LIMITS.loginPerAccount.limit; i++)
        await authenticateByPassword(t.db, { email: "hantu@contoh.id", password: "apa saja sekali", ip: freshIp() });
      const ghost = await authenticateByPassword(t.db, { email: "hantu@contoh.id", password: "apa saja sekali", ip: freshIp() });
      assert.equal(!ghost.ok && ghost.reason, "rateLimited");
      // a device token of another account exempts nothing
      const other = await authenticateByPassword(t.db, { email: "rina@contoh.id", password: "benar sekali 123", ip: freshIp(), deviceToken: "x".repeat(43) });
      assert.equal(!other.ok && other.reason, "rateLimited");
    });

    it("five wrong passwords from one address stop that address only: the owner elsewhere logs in (item 9)", async () => {
      await createUser(t.db, { email: "dodi@contoh.id", password: "benar sekali 123" });
      const attacker = freshIp();
      for (let i = 0; i < LIMITS.loginPerAccountAndIp.limit; i++) {
        const r = await authenticateByPassword(t.db, { email: "dodi@contoh.id", password: `salah ${i} sekali`, ip: attacker });
        assert.deepEqual(r, { ok: false, reason: "invalid" });
      }
      const again = await authenticateByPassword(t.db, { email: "dodi@contoh.id", password: "benar sekali 123", ip: attacker });
      assert.equal(!again.ok && again.reason, "rateLimited");
      assert.ok(!again.ok && again.reason === "rateLimited" && again.retryAfterSeconds > 14 * 60);
      const owner = await authenticateByPassword(t.db, { email: "dodi@contoh.id", password: "benar sekali 123", ip: freshIp() });
      assert.equal(owner.ok, true);
    });

    it("a successful log-in clears the failures of its address", async () => {
      await createUser(t.db, { email: "joko@contoh.id", password: "benar sekali 123" });
      const ip = freshIp();
      const attempt = (password: string) => authenticateByPassword(t.db, { email: "joko@contoh.id", password, ip });
      for (let i = 0; i < 4; i++) await attempt("salah sekali 123");
      assert.equal((await attempt("benar sekali 123")).ok, true);
      for (let i = 0; i < 4; i++) assert.equal(!(await attempt("salah sekali 123")).ok, true);
      assert.equal((await attempt("benar sekali 123")).ok, true);
    });

    it("successful log-ins from many new browsers never lock the account; failures still do", async () => {
      await createUser(t.db, { email: "lead.banyak.hp@contoh.id", password: "benar sekali 123" });
      const login = (password: string) => authenticateByPassword(t.db, { email: "Lead.Banyak.HP@contoh.id", password, ip: freshIp() });
      // phones, a laptop, the shared office PC: each a fresh browser, all within the hour
      for (let i = 0; i < LIMITS.loginPerAccount.limit + 5; i++) assert.equal((await login("benar sekali 123")).ok, true, `log-in ${i + 1}`);
      for (let i = 0; i < LIMITS.loginPerAccount.limit; i++) assert.deepEqual(await login(`salah ${i} sekali`), { ok: false, reason: "invalid" }, `failure ${i + 1}`);
      const locked = await login("benar sekali 123");
      assert.equal(!locked.ok && locked.reason, "rateLimited");
    });

    it("twenty failures behind one school address do not lock the school out (item 9)", async () => {
      const ip = freshIp();
      const u = await createUser(t.db, { email: "warnet@contoh.id", password: "benar sekali 123" });
      for (let i = 0; i < 30; i++) {
        const r = await authenticateByPassword(t.db, { email: `tebak${i}@contoh.id`, password: "tebakan sekali", ip });
        assert.deepEqual(r, { ok: false, reason: "invalid" }, `attempt ${i + 1}`);
      }
      const pupil = await authenticateByPassword(t.db, { email: u.email, password: "benar sekali 123", ip });
      assert.equal(pupil.ok, true);
      const device = pupil.ok ? pupil.deviceToken : "";
      // a flood from that address is stopped at 100, but not for a browser its owner used before
      for (let i = 30; i < LIMITS.loginPerIp.limit; i++) await authenticateByPassword(t.db, { email: `tebak${i}@contoh.id`, password: "tebakan sekali", ip });
      const blocked = await authenticateByPassword(t.db, { email: u.email, password: "benar sekali 123", ip });
      assert.equal(!blocked.ok && blocked.reason, "rateLimited");
      const known = await authenticateByPassword(t.db, { email: u.email, password: "benar sekali 123", ip, deviceToken: device });
      assert.equal(known.ok, true);
    });
  });

  describe("password reset", () => {
    it("answers the same for an unknown email and queues nothing", async () => {
      const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(passwordResets);
      const r = await requestPasswordReset(t.db, { email: "siapa@contoh.id", ip: freshIp(), appUrl: APP });
      assert.deepEqual(r, { ok: true });
      assert.equal((await mails(t.db, "siapa@contoh.id")).length, 0);
      const afterRows = await t.db.select({ n: sql<number>`count(*)::int` }).from(passwordResets);
      assert.equal(afterRows[0]?.n, before[0]?.n);
    });

    it("stores only the sha-256 of the token, queues the link in the user's language, and the token works once", async () => {
      const u = await createUser(t.db, { email: "maya@contoh.id", password: "lama sekali 123", locale: "en" });
      const token = await resetToken(t.db, " MAYA@contoh.id ");
      const [mail] = await mails(t.db, u.email, "password-reset");
      assert.equal(mail?.locale, "en");
      assert.equal((mail?.payload as { url: string }).url, `${APP}/reset-password/${token}`);
      const stored = await t.db
        .select({ tokenHash: passwordResets.tokenHash, ttl: sql<number>`extract(epoch from ${passwordResets.expiresAt} - now())::int` })
        .from(passwordResets)
        .where(eq(passwordResets.userId, u.id));
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.tokenHash, createHash("sha256").update(token).digest("hex"));
      assert.ok((stored[0]?.ttl ?? 0) > 59 * 60 && (stored[0]?.ttl ?? 0) <= 3600);

      const other = await createUser(t.db, { email: "maya.tetangga@contoh.id" });
      await insertSessions(t.db, u.id, 2);
      await insertSessions(t.db, other.id, 1);
      assert.deepEqual(await findValidResetToken(t.db, token), { email: u.email });

      const done = await resetPassword(t.db, { token, password: "baru dan panjang 456", appUrl: APP });
      assert.deepEqual(done, { ok: true, userId: u.id, feedEnded: false });
      assert.equal(await sessionCount(t.db, u.id), 0);
      assert.equal(await sessionCount(t.db, other.id), 1);
      const changedMail = await mails(t.db, u.email, "password-changed");
      assert.equal(changedMail.length, 1);
      assert.equal((changedMail[0]?.payload as { via: string }).via, "reset");

      assert.equal(await findValidResetToken(t.db, token), null);
      assert.deepEqual(await resetPassword(t.db, { token, password: "ketiga kalinya 789" }), { ok: false, reason: "invalidToken" });
      const ip = freshIp();
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "baru dan panjang 456", ip })).ok, true);
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "lama sekali 123", ip })).ok, false);
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "ketiga kalinya 789", ip })).ok, false);
    });

    it("the form sent twice (a second tap, a resend on 3G) is the same reset, not 'link no longer valid'", async () => {
      const u = await createUser(t.db, { email: "dua.tap@contoh.id", password: "lama sekali 123" });
      const token = await resetToken(t.db, u.email);
      // at the same moment: one sets the password, the other answers as the same reset
      const both = await Promise.all([
        resetPassword(t.db, { token, password: "sandi baru dua kali" }),
        resetPassword(t.db, { token, password: "sandi baru dua kali" }),
      ]);
      assert.deepEqual(both.map((r) => r.ok && r.userId), [u.id, u.id]);
      // and a little later, as the browser resends it
      assert.equal((await resetPassword(t.db, { token, password: "sandi baru dua kali" })).ok, true);
      assert.equal((await mails(t.db, u.email, "password-changed")).length, 1);
      // another password on a spent link is still refused, and changes nothing
      assert.deepEqual(await resetPassword(t.db, { token, password: "sandi lain sama sekali" }), { ok: false, reason: "invalidToken" });
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "sandi baru dua kali", ip: freshIp() })).ok, true);
      // after the few minutes a resend may take, the spent link is simply spent
      await t.db.update(passwordResets).set({ usedAt: sql`now() - interval '11 minutes'` }).where(eq(passwordResets.userId, u.id));
      assert.deepEqual(await resetPassword(t.db, { token, password: "sandi baru dua kali" }), { ok: false, reason: "invalidToken" });
    });

    it("using one link invalidates every other link of the user", async () => {
      const u = await createUser(t.db, { email: "eko@contoh.id" });
      const first = await resetToken(t.db, u.email);
      const second = await resetToken(t.db, u.email);
      assert.notEqual(first, second);
      assert.equal((await resetPassword(t.db, { token: second, password: "yang kedua dipakai" })).ok, true);
      assert.equal(await findValidResetToken(t.db, first), null);
      assert.deepEqual(await resetPassword(t.db, { token: first, password: "yang pertama telat" }), { ok: false, reason: "invalidToken" });
    });

    it("refuses an expired link", async () => {
      const u = await createUser(t.db, { email: "lewat@contoh.id" });
      const token = await resetToken(t.db, u.email);
      await t.db
        .update(passwordResets)
        .set({ expiresAt: sql`now() - interval '1 minute'` })
        .where(eq(passwordResets.userId, u.id));
      assert.equal(await findValidResetToken(t.db, token), null);
      assert.deepEqual(await resetPassword(t.db, { token, password: "terlambat sekali" }), { ok: false, reason: "invalidToken" });
    });

    it("a refused new password leaves the link usable", async () => {
      const u = await createUser(t.db, { email: "sabar@contoh.id" });
      const token = await resetToken(t.db, u.email);
      assert.deepEqual(await resetPassword(t.db, { token, password: "pendek" }), {
        ok: false,
        reason: "fields",
        errors: { password: ["auth.error.passwordTooShort"] },
      });
      assert.deepEqual(await resetPassword(t.db, { token, password: "SABAR@contoh.id" }), {
        ok: false,
        reason: "fields",
        errors: { password: ["auth.error.passwordIsEmail"] },
      });
      assert.equal((await resetPassword(t.db, { token, password: "akhirnya benar juga" })).ok, true);
    });

    it("limits reset requests per account and per address, for unknown emails too", async () => {
      for (let i = 0; i < LIMITS.resetPerAccount.limit; i++)
        assert.deepEqual(await requestPasswordReset(t.db, { email: "banyak@contoh.id", ip: freshIp() }), { ok: true });
      const r = await requestPasswordReset(t.db, { email: "banyak@contoh.id", ip: freshIp() });
      assert.equal(!r.ok && r.reason, "rateLimited");

      const ip = freshIp();
      for (let i = 0; i < LIMITS.resetPerIp.limit; i++)
        assert.deepEqual(await requestPasswordReset(t.db, { email: `orang${i}@contoh.id`, ip }), { ok: true });
      const byIp = await requestPasswordReset(t.db, { email: "satu.lagi@contoh.id", ip });
      assert.equal(!byIp.ok && byIp.reason, "rateLimited");
    });

    it("writes the token and the email in one transaction: rolled back together", async () => {
      const u = await createUser(t.db, { email: "batal@contoh.id" });
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await requestPasswordReset(tx, { email: u.email, ip: freshIp() });
          assert.equal((await mails(tx, u.email)).length, 1);
          throw new Error("rollback");
        }),
        /rollback/,
      );
      assert.equal((await mails(t.db, u.email)).length, 0);
      const rows = await t.db.select({ h: passwordResets.tokenHash }).from(passwordResets).where(eq(passwordResets.userId, u.id));
      assert.equal(rows.length, 0);
    });

    it("when the email cannot be queued, no token is stored either", async () => {
      const u = await createUser(t.db, { email: "gagal@contoh.id" });
      await t.db.execute(sql.raw(`
        create function outbox_refuse() returns trigger language plpgsql as $$
        begin if new.to_email = 'gagal@contoh.id' then raise exception 'outbox down'; end if; return new; end $$`));
      await t.db.execute(sql.raw(`create trigger outbox_refuse before insert on outbox for each row execute function outbox_refuse()`));
      try {
        await assert.rejects(requestPasswordReset(t.db, { email: u.email, ip: freshIp() }), dbError("outbox down"));
        const rows = await t.db.select({ h: passwordResets.tokenHash }).from(passwordResets).where(eq(passwordResets.userId, u.id));
        assert.equal(rows.length, 0);

        await insertSessions(t.db, u.id, 2);
        await assert.rejects(
          changePassword(t.db, { userId: u.id, currentPassword: u.password, newPassword: "tidak akan tersimpan" }),
          dbError("outbox down"),
        );
        assert.equal(await sessionCount(t.db, u.id), 2);
        assert.equal((await authenticateByPassword(t.db, { email: u.email, password: u.password, ip: freshIp() })).ok, true);
      } finally {
        await t.db.execute(sql.raw(`drop trigger outbox_refuse on outbox`));
        await t.db.execute(sql.raw(`drop function outbox_refuse()`));
      }
    });
  });

  describe("change password", () => {
    it("needs the current password, then ends every session of the user and sends a notice", async () => {
      const u = await createUser(t.db, { email: "ganti@contoh.id", password: "lama sekali 123" });
      const other = await createUser(t.db, { email: "bukan.saya@contoh.id" });
      await insertSessions(t.db, u.id, 3);
      await insertSessions(t.db, other.id, 1);

      const wrong = await changePassword(t.db, { userId: u.id, currentPassword: "tebak tebak 1", newPassword: "baru sekali 456" });
      assert.deepEqual(wrong, { ok: false, reason: "fields", errors: { currentPassword: ["auth.error.currentPasswordWrong"] } });
      assert.equal(await sessionCount(t.db, u.id), 3);

      const weak = await changePassword(t.db, { userId: u.id, currentPassword: "lama sekali 123", newPassword: "ganti@contoh.id" });
      assert.deepEqual(weak, { ok: false, reason: "fields", errors: { newPassword: ["auth.error.passwordIsEmail"] } });

      const ok = await changePassword(t.db, { userId: u.id, currentPassword: "lama sekali 123", newPassword: "baru sekali 456" });
      assert.deepEqual(ok, { ok: true, feedEnded: false });
      assert.equal(await sessionCount(t.db, u.id), 0);
      assert.equal(await sessionCount(t.db, other.id), 1);
      const notice = await mails(t.db, u.email, "password-changed");
      assert.equal(notice.length, 1);
      assert.equal((notice[0]?.payload as { via: string }).via, "change");
      const ip = freshIp();
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "baru sekali 456", ip })).ok, true);
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "lama sekali 123", ip })).ok, false);
    });

    it("the same form sent twice (a double tap, a resend on 3G) arrives at the same change, once", async () => {
      const u = await createUser(t.db, { email: "dua.kali@contoh.id", password: "lama sekali 123" });
      const sessionId = createHash("sha256").update(randomBytes(25).toString("base64url")).digest("hex");
      const form = { userId: u.id, currentPassword: "lama sekali 123", newPassword: "baru sekali 456", sessionId };
      assert.deepEqual(await changePassword(t.db, form), { ok: true, feedEnded: false });
      // the second sending, while its session still counted: the current password is now the new one
      assert.deepEqual(await changePassword(t.db, form), { ok: true, feedEnded: false });
      assert.equal((await mails(t.db, u.email, "password-changed")).length, 1);
      // the second sending from the session the first ended: recognised by that session, with the new password only
      assert.equal(await repeatedChangeFrom(t.db, sessionId, "baru sekali 456"), u.id);
      assert.equal(await repeatedChangeFrom(t.db, sessionId, "lama sekali 123"), null);
      assert.equal(await repeatedChangeFrom(t.db, sessionId.replace(/^./, (c) => (c === "a" ? "b" : "a")), "baru sekali 456"), null);
      // a wrong current password with another new one is still refused
      const other = await changePassword(t.db, { ...form, newPassword: "lain lagi 789" });
      assert.equal(other.ok, false);
      // minutes later it is no longer that change
      await t.db.update(passwords).set({ updatedAt: sql`now() - interval '11 minutes'` }).where(eq(passwords.userId, u.id));
      assert.equal(await repeatedChangeFrom(t.db, sessionId, "baru sekali 456"), null);
      assert.equal((await changePassword(t.db, form)).ok, false);
    });

    it("spends a reset link asked for before the change: it cannot undo the new password", async () => {
      const u = await createUser(t.db, { email: "ingat.lagi@contoh.id", password: "lama sekali 123" });
      const token = await resetToken(t.db, u.email);
      assert.equal((await changePassword(t.db, { userId: u.id, currentPassword: "lama sekali 123", newPassword: "baru sekali 456" })).ok, true);
      assert.equal(await findValidResetToken(t.db, token), null);
      assert.deepEqual(await resetPassword(t.db, { token, password: "dari tautan lama 789" }), { ok: false, reason: "invalidToken" });
      assert.equal((await authenticateByPassword(t.db, { email: u.email, password: "baru sekali 456", ip: freshIp() })).ok, true);
      // a link asked for after the change works as usual
      const later = await resetToken(t.db, u.email);
      assert.equal((await resetPassword(t.db, { token: later, password: "dari tautan baru 789" })).ok, true);
    });

    it("limits guesses of the current password", async () => {
      const u = await createUser(t.db, { email: "curian@contoh.id", password: "lama sekali 123" });
      for (let i = 0; i < LIMITS.changePasswordPerUser.limit; i++)
        await changePassword(t.db, { userId: u.id, currentPassword: `tebak ${i}`, newPassword: "baru sekali 456" });
      const r = await changePassword(t.db, { userId: u.id, currentPassword: "lama sekali 123", newPassword: "baru sekali 456" });
      assert.equal(!r.ok && r.reason, "rateLimited");
    });
  });

  describe("the personal calendar feed", () => {
    it("a password change and a password reset end its secret link and the email says how to subscribe again", async () => {
      const u = await createUser(t.db, { email: "diambil.alih@contoh.id", password: "lama sekali 123", locale: "en" });
      const other = await createUser(t.db, { email: "tetangga.kalender@contoh.id" });
      const otherToken = await resetCalendarToken(t.db, other.id);
      // whoever took the account over copied the feed's link
      const copied = await resetCalendarToken(t.db, u.id);
      assert.notEqual(await personalFeed(t.db, copied), null);
      const changed = await changePassword(t.db, { userId: u.id, currentPassword: "lama sekali 123", newPassword: "baru sekali 456", appUrl: APP });
      assert.deepEqual(changed, { ok: true, feedEnded: true });
      assert.equal(await personalFeed(t.db, copied), null);
      assert.equal(await hasCalendarFeed(t.db, u.id), false);
      const mail = (await mails(t.db, u.email, "password-changed")).at(-1);
      assert.equal((mail?.payload as { feedEnded: boolean }).feedEnded, true);
      const text = renderEmail("password-changed", mail?.payload as Record<string, unknown>, "en").text;
      assert.ok(text.includes("calendar link has been stopped") && text.includes(`${APP}/events/mine`), text);
      const id = renderEmail("password-changed", mail?.payload as Record<string, unknown>, "id");
      assert.ok(id.html.includes("Tautan kalender pribadi Anda juga sudah dihentikan") && id.html.includes(`href="${APP}/events/mine"`), id.html);

      // a new link, then a reset from "lupa kata sandi": it ends too
      const again = await resetCalendarToken(t.db, u.id);
      const token = await resetToken(t.db, u.email);
      const reset = await resetPassword(t.db, { token, password: "ketiga kalinya 789", appUrl: APP });
      assert.deepEqual(reset, { ok: true, userId: u.id, feedEnded: true });
      assert.equal(await personalFeed(t.db, again), null);
      // nobody else's feed is touched; without a feed the email says nothing of calendars
      assert.notEqual(await personalFeed(t.db, otherToken), null);
      await changePassword(t.db, { userId: u.id, currentPassword: "ketiga kalinya 789", newPassword: "keempat kalinya 012", appUrl: APP });
      const plain = (await mails(t.db, u.email, "password-changed")).at(-1);
      assert.equal((plain?.payload as { feedEnded: boolean }).feedEnded, false);
      assert.ok(!renderEmail("password-changed", plain?.payload as Record<string, unknown>, "en").text.includes("calendar"));
    });
  });

  describe("account emails", () => {
    it("render the reset link and its expiry in Indonesian and English, HTML and text", () => {
      const payload = { name: "Siti <b>", url: `${APP}/reset-password/abc_DEF-123`, expiresInMinutes: 60 };
      const id = renderEmail("password-reset", payload, "id");
      assert.match(id.subject, /kata sandi/i);
      assert.ok(id.text.includes(payload.url) && id.text.includes("60 menit"));
      assert.ok(id.html.includes(`href="${payload.url}"`) && id.html.includes('lang="id"'));
      assert.ok(id.html.includes("Siti &lt;b&gt;") && !id.html.includes("Siti <b>"));
      const en = renderEmail("password-reset", payload, "en");
      assert.ok(en.text.includes("60 minutes") && en.subject.includes("password"));
      const changed = renderEmail("password-changed", { name: "Siti", forgotUrl: `${APP}/forgot-password`, via: "change" }, "id");
      assert.ok(changed.text.includes(`${APP}/forgot-password`));
      assert.match(changed.subject, /diganti/);
    });
  });
});
