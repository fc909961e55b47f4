import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { parseTypedNumber } from "../../app/utils/numbers";
import { parseForm, typedNumber } from "../../app/utils/forms.server";

describe("numbers as people type them", () => {
  it("reads rupiah and thousands separators the way Indonesians and English readers write them", () => {
    const cases: [string, number][] = [
      ["Rp 275.000", 275000],
      ["Rp275.000", 275000],
      ["rp. 275.000", 275000],
      ["IDR 275.000", 275000],
      ["Rp 275.000,-", 275000],
      ["Rp 275.000,00", 275000],
      ["275.000", 275000],
      ["275,000", 275000],
      ["275 000", 275000],
      ["275\u00a0000", 275000],
      ["1.250.000", 1250000],
      ["1,250,000", 1250000],
      ["Rp 1.250.000,00", 1250000],
      ["1,250,000.00", 1250000],
      ["275000", 275000],
      ["  60 ", 60],
      ["0", 0],
    ];
    for (const [typed, n] of cases) assert.equal(parseTypedNumber(typed, { integer: true }), n, typed);
  });

  it("reads a decimal comma or point where decimals are allowed", () => {
    assert.equal(parseTypedNumber("2,5"), 2.5);
    assert.equal(parseTypedNumber("2.5"), 2.5);
    assert.equal(parseTypedNumber("0,750"), 0.75);
    assert.equal(parseTypedNumber("1.250.000,75"), 1250000.75);
    assert.equal(parseTypedNumber("1,250,000.75"), 1250000.75);
    // coordinates: a single separator is always the decimal mark, and may be negative
    assert.equal(parseTypedNumber("-8,172", { grouping: false, negative: true }), -8.172);
    assert.equal(parseTypedNumber("113.700", { grouping: false, negative: true }), 113.7);
  });

  it("refuses what is not a number or not a whole one", () => {
    for (const typed of ["", "abc", "275 ribu", "Rp", "2,5,0", "27.50.00", "1.2,3.4", "12.", "-5", "1 2", "275.000,50"])
      assert.equal(parseTypedNumber(typed, { integer: true }), null, typed);
    assert.equal(parseTypedNumber("2,5", { integer: true }), null);
  });

  it("one zod field for forms: the typed forms are accepted, bad input gets a clear key next to the field", () => {
    const schema = z.object({ income: typedNumber({ integer: true, min: 0, max: 1e12 }).default(0), minutes: typedNumber({ integer: true, min: 5, max: 480, rangeMessage: "tutoring.session.minutesRange" }) });
    const form = (v: Record<string, string>) => {
      const f = new FormData();
      for (const [k, x] of Object.entries(v)) f.set(k, x);
      return f;
    };
    assert.deepEqual(parseForm(schema, form({ income: "Rp 275.000", minutes: "1.5" })), { ok: false, errors: { minutes: ["errors.notNumber"] }, values: { income: "Rp 275.000", minutes: "1.5" } });
    assert.deepEqual(parseForm(schema, form({ income: "Rp 275.000", minutes: "90" })), { ok: true, data: { income: 275000, minutes: 90 } });
    assert.deepEqual(parseForm(schema, form({ income: "", minutes: "2.000" })), { ok: false, errors: { minutes: ["tutoring.session.minutesRange"] }, values: { income: "", minutes: "2.000" } });
  });

  it("out of range says which end, with its bound; a negative number is below the minimum, not 'not a number'", () => {
    const schema = z.object({ days: typedNumber({ integer: true, min: 1, max: 14 }), capacity: typedNumber({ integer: true, min: 1, max: 1000, minMessage: "events.capacityMin" }) });
    const errorsOf = (days: string, capacity: string) => {
      const f = new FormData();
      f.set("days", days);
      f.set("capacity", capacity);
      const r = parseForm(schema, f);
      return r.ok ? null : r.errors;
    };
    assert.deepEqual(errorsOf("0", "0"), { days: ["errors.tooSmall?min=1"], capacity: ["events.capacityMin"] });
    assert.deepEqual(errorsOf("15", "100.000"), { days: ["errors.tooLarge?max=14"], capacity: ["errors.tooLarge?max=1000"] });
    assert.deepEqual(errorsOf("-5", "− 2"), { days: ["errors.tooSmall?min=1"], capacity: ["events.capacityMin"] });
    assert.deepEqual(errorsOf("-lima", "-2,5"), { days: ["errors.notNumber"], capacity: ["errors.notNumber"] });
    assert.equal(errorsOf("3", "40"), null);
  });
});
