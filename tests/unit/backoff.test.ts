import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffMs } from "../../app/services/backoff";

describe("retry backoff", () => {
  it("grows from 30 s to 12 h and stays there", () => {
    const mid = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMs(n, mid)),
      [30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 43_200_000, 43_200_000],
    );
  });

  it("adds ±20 % jitter", () => {
    assert.equal(backoffMs(1, () => 0), 24_000);
    assert.equal(backoffMs(1, () => 0.999999), 36_000);
    for (let i = 0; i < 100; i++) {
      const ms = backoffMs(2);
      assert.ok(ms >= 96_000 && ms <= 144_000);
    }
  });
});
