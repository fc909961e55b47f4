import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { hitRateLimit } from "../../app/services/rate-limit.server";

describe("rate limit counters in the database", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("counts concurrent hits exactly and refuses past the limit", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(t.db, "login:ip:1.2.3.4", 10, 60)));
    const counts = results.map((r) => r.count).sort((a, b) => a - b);
    assert.deepEqual(counts, Array.from({ length: 12 }, (_, i) => i + 1));
    assert.equal(results.filter((r) => !r.allowed).length, 2);
  });

  it("starts a new window once the old one has passed", async () => {
    await hitRateLimit(t.db, "k:window", 1, 1);
    const second = await hitRateLimit(t.db, "k:window", 1, 1);
    assert.equal(second.allowed, false);
    await new Promise((r) => setTimeout(r, 1100));
    const third = await hitRateLimit(t.db, "k:window", 1, 1);
    assert.equal(third.allowed, true);
    assert.equal(third.count, 1);
  });
});
