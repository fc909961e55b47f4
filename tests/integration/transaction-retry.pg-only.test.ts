import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { isRetryable } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { createTestDatabase, type TestDatabase } from "../support/db";

/**
 * DECISIONS 81: a transaction PostgreSQL breaks off for another one runs again; any other error is not retried.
 * Two transactions lock the same two rows in opposite orders, each waiting until the other holds its first row, so
 * PostgreSQL must break one of them off (deadlock_detected).
 */
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table retry_probe (id int primary key, n int not null default 0)`);
  await t.db.execute(sql`insert into retry_probe (id) values (1), (2)`);
});
after(async () => {
  await t.close();
});

describe("transactions broken off by PostgreSQL", () => {
  it("a deadlock: both transactions commit, the broken-off one after running again from the start", async () => {
    let attempts = 0;
    let firstLocks = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => (release = r));
    const crossing = (first: number, second: number) =>
      t.db.transaction(async (tx) => {
        attempts++;
        await tx.execute(sql`update retry_probe set n = n + 1 where id = ${first}`);
        if (++firstLocks === 2) release();
        await bothHoldOne; // resolved once both hold their first row: the retry passes straight through
        await tx.execute(sql`update retry_probe set n = n + 1 where id = ${second}`);
        return first;
      });
    assert.deepEqual(await Promise.all([crossing(1, 2), crossing(2, 1)]), [1, 2]);
    assert.equal(attempts, 3, "one of the two ran twice");
    // each committed once: the broken-off attempt left nothing behind
    const rows = rowsOf<{ id: number; n: number }>(await t.db.execute(sql`select id, n from retry_probe order by id`));
    assert.deepEqual(rows.map((r) => [Number(r.id), Number(r.n)]), [[1, 2], [2, 2]]);
  });

  it("any other error is thrown at once, the transaction run only once", async () => {
    let attempts = 0;
    await assert.rejects(
      t.db.transaction(async (tx) => {
        attempts++;
        await tx.execute(sql`update retry_probe set n = n + 1 where id = 1`);
        await tx.execute(sql`insert into retry_probe (id) values (2)`); // duplicate key
      }),
    );
    assert.equal(attempts, 1);
    const [row] = rowsOf<{ n: number }>(await t.db.execute(sql`select n from retry_probe where id = 1`));
    assert.equal(Number(row?.n), 2, "rolled back");
  });

  it("recognises the codes through drizzle's wrapping of the driver's error", () => {
    assert.equal(isRetryable({ message: "Failed query", cause: { code: "40P01" } }), true);
    assert.equal(isRetryable({ code: "40001" }), true);
    assert.equal(isRetryable({ cause: { code: "23505" } }), false);
    assert.equal(isRetryable(new Error("x")), false);
    assert.equal(isRetryable(null), false);
  });
});
