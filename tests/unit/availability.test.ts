import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  allSlots,
  coversAll,
  dayPartMask,
  dayPartOfHour,
  FULL_MASK,
  hasSlot,
  isAvailabilityMask,
  keysOfMask,
  maskFromKeys,
  maskFromSlots,
  overlaps,
  parseSlotKey,
  slotBit,
  slotKey,
  slotsOfMask,
  weekdayMask,
} from "../../app/models/accounts/availability";
import { slotAt } from "../../app/models/accounts/slot-at";

describe("availability bitmask", () => {
  it("follows the documented layout: bit weekday*3 + part, Senin = 0, pagi = 0", () => {
    assert.equal(slotBit(0, 0), 1); // Senin pagi
    assert.equal(slotBit(0, 2), 4); // Senin malam
    assert.equal(slotBit(1, 0), 8); // Selasa pagi
    assert.equal(slotBit(6, 2), 2 ** 20); // Minggu malam
    assert.equal(FULL_MASK, 2 ** 21 - 1);
    assert.equal(allSlots().length, 21);
    assert.equal(maskFromSlots(allSlots()), FULL_MASK);
  });

  it("round-trips form keys and slots", () => {
    assert.equal(slotKey(4, 1), "jumat-siang");
    assert.deepEqual(parseSlotKey("minggu-malam"), { weekday: 6, part: 2 });
    assert.equal(parseSlotKey("sunday-night"), null);
    assert.equal(parseSlotKey("senin-pagi-x"), null);
    const { mask, unknown } = maskFromKeys(["senin-pagi", "sabtu-malam", "sabtu-malam", "libur"]);
    assert.equal(mask, slotBit(0, 0) | slotBit(5, 2));
    assert.deepEqual(unknown, ["libur"]);
    assert.deepEqual(keysOfMask(mask), ["senin-pagi", "sabtu-malam"]);
    assert.deepEqual(slotsOfMask(mask), [
      { weekday: 0, part: 0 },
      { weekday: 5, part: 2 },
    ]);
    for (const s of allSlots()) assert.deepEqual(slotsOfMask(slotBit(s.weekday, s.part)), [s]);
  });

  it("answers the questions roster filters and matching ask", () => {
    const mask = maskFromKeys(["sabtu-pagi", "sabtu-siang", "rabu-malam"]).mask;
    assert.ok(hasSlot(mask, 5, 0));
    assert.ok(!hasSlot(mask, 5, 2));
    assert.ok(overlaps(mask, weekdayMask(5)));
    assert.ok(!overlaps(mask, weekdayMask(6)));
    assert.ok(overlaps(mask, dayPartMask(2)));
    assert.ok(!coversAll(mask, weekdayMask(5)));
    assert.ok(coversAll(mask, slotBit(5, 0) | slotBit(5, 1)));
    assert.equal(weekdayMask(6), slotBit(6, 0) | slotBit(6, 1) | slotBit(6, 2));
    assert.equal(keysOfMask(dayPartMask(0)).length, 7);
  });

  it("checks masks coming from outside", () => {
    assert.ok(isAvailabilityMask(0));
    assert.ok(isAvailabilityMask(FULL_MASK));
    assert.ok(!isAvailabilityMask(FULL_MASK + 1));
    assert.ok(!isAvailabilityMask(-1));
    assert.ok(!isAvailabilityMask(1.5));
    assert.ok(!isAvailabilityMask("3"));
  });

  it("places an instant in the slot of its local time zone", () => {
    assert.deepEqual([10, 11, 16, 17, 23].map(dayPartOfHour), [0, 1, 1, 2, 2]);
    // Saturday 2026-11-28 02:00 UTC = 09:00 WIB (pagi), 10:00 WITA (pagi), 11:00 WIT (siang)
    const t = new Date("2026-11-28T02:00:00Z");
    assert.deepEqual(slotAt(t, "Asia/Jakarta"), { weekday: 5, part: 0 });
    assert.deepEqual(slotAt(t, "Asia/Jayapura"), { weekday: 5, part: 1 });
    // Sunday 2026-11-29 16:30 UTC = Sunday 23:30 WIB, already Monday 00:30 WITA
    const late = new Date("2026-11-29T16:30:00Z");
    assert.deepEqual(slotAt(late, "Asia/Jakarta"), { weekday: 6, part: 2 });
    assert.deepEqual(slotAt(late, "Asia/Makassar"), { weekday: 0, part: 0 });
  });
});
