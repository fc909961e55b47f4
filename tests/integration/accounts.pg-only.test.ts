import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { openDatabase, type DbHandle } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../factories";
import { authenticateByPassword, LIMITS, requestPasswordReset, resetPassword } from "../../app/models/accounts/accounts.server";

/** Two app processes = two separate connection pools on one PostgreSQL database. */
describe("account limits shared by several app processes (PostgreSQL)", () => {
  let t: TestDatabase;
  let a: DbHandle;
  let b: DbHandle;
  before(async () => {
    t = await createTestDatabase();
    assert.ok(t.url, "needs TEST_DB=postgres");
    a = await openDatabase({ databaseUrl: t.url, pgliteDir: "", poolSize: 10 });
    b = await openDatabase({ databaseUrl: t.url, pgliteDir: "", poolSize: 10 });
  });
  after(async () => {
    await a.close();
    await b.close();
    await t.close();
  });

  it("per-account failures count together across processes", async () => {
    const u = await createUser(t.db, { email: "bersama@contoh.id", password: "benar sekali 123" });
    const attempt = (h: DbHandle, i: number) =>
      authenticateByPassword(h.db, { email: u.email, password: "salah sekali 123", ip: `192.0.2.${i}` });
    // a spread-out attack: every failure from another address, half through each process
    for (let i = 0; i < LIMITS.loginPerAccount.limit; i++) assert.equal((await attempt(i % 2 ? a : b, i)).ok, false);
    const sixth = await authenticateByPassword(a.db, { email: u.email, password: "benar sekali 123", ip: "192.0.2.99" });
    assert.equal(!sixth.ok && sixth.reason, "rateLimited");
    const seventh = await authenticateByPassword(b.db, { email: u.email, password: "benar sekali 123", ip: "192.0.2.98" });
    assert.equal(!seventh.ok && seventh.reason, "rateLimited");
  });

  it("a burst of simultaneous guesses at one account from many addresses, spread over both processes, gets exactly the account's tries", async () => {
    const u = await createUser(t.db, { email: "serbu@contoh.id", password: "benar sekali 123" });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticateByPassword((i % 2 ? a : b).db, { email: u.email, password: `tebakan ke ${i}`, ip: `198.51.100.${i}` }),
      ),
    );
    assert.equal(results.filter((r) => !r.ok && r.reason === "invalid").length, LIMITS.loginPerAccount.limit);
    assert.equal(results.filter((r) => !r.ok && r.reason === "rateLimited").length, 30 - LIMITS.loginPerAccount.limit);
  });

  it("a burst from one address over many emails, spread over both processes, gets exactly the address's tries", async () => {
    const n = LIMITS.loginPerIp.limit + 20;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        authenticateByPassword((i % 2 ? a : b).db, { email: `korban${i}@contoh.id`, password: "tebakan sekali", ip: "203.0.113.7" }),
      ),
    );
    assert.equal(results.filter((r) => !r.ok && r.reason === "invalid").length, LIMITS.loginPerIp.limit);
    assert.equal(results.filter((r) => !r.ok && r.reason === "rateLimited").length, n - LIMITS.loginPerIp.limit);
  });

  it("reset requests per account are counted across processes", async () => {
    const u = await createUser(t.db, { email: "minta@contoh.id" });
    await requestPasswordReset(a.db, { email: u.email, ip: "192.0.2.10" });
    await requestPasswordReset(b.db, { email: u.email, ip: "192.0.2.11" });
    await requestPasswordReset(a.db, { email: u.email, ip: "192.0.2.12" });
    const fourth = await requestPasswordReset(b.db, { email: u.email, ip: "192.0.2.13" });
    assert.equal(!fourth.ok && fourth.reason, "rateLimited");
    const queued = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.toEmail, u.email));
    assert.equal(queued.length, LIMITS.resetPerAccount.limit);
  });

  it("one reset link submitted twice at once, through both processes, works exactly once", async () => {
    const u = await createUser(t.db, { email: "dobel@contoh.id" });
    await requestPasswordReset(a.db, { email: u.email, ip: "192.0.2.20" });
    const [mail] = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, u.email));
    const url = (mail?.payload as { url?: string } | undefined)?.url ?? "";
    const token = url.split("/").at(-1) ?? "";
    const results = await Promise.all([
      resetPassword(a.db, { token, password: "dari proses pertama" }),
      resetPassword(b.db, { token, password: "dari proses kedua!" }),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.equal(results.filter((r) => !r.ok && r.reason === "invalidToken").length, 1);
    const changed = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.template, "password-changed"));
    assert.equal(changed.length, 1);
  });
});
