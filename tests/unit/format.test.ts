import { test } from "node:test";
import assert from "node:assert/strict";
import { dateTimeFormat, formatDateTime, formatDay, formatNumber, numberFormat } from "../../app/i18n/format";
import { formatDate, formatDateTimeRange } from "../../app/i18n/format-date";

// The cached formatters must give exactly what a freshly built Intl formatter gives, for every language, zone and
// style mixed in any order — a cache keyed too loosely would hand a WIT date to a WIB caller.
test("cached formatters equal fresh Intl formatters across languages, zones and styles in any order", () => {
  const instants = [new Date("2026-12-31T16:30:00Z"), new Date("2027-01-10T01:00:00Z"), new Date("2026-06-01T23:59:00Z")];
  const zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];
  for (let round = 0; round < 3; round++) {
    for (const zone of round % 2 ? [...zones].reverse() : zones) {
      for (const locale of ["id", "en"] as const) {
        const tag = locale === "id" ? "id-ID" : "en-GB";
        for (const d of instants) {
          assert.equal(formatDate(d, locale, zone), new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone }).format(d));
          assert.equal(formatDateTime(d, locale, zone).replace(/ (WIB|WITA|WIT)$/, ""), new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(d));
          assert.equal(
            formatDateTimeRange(d, new Date(d.getTime() + 3 * 3600_000), locale, zone).replace(/ (WIB|WITA|WIT)$/, ""),
            new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone }).formatRange(d, new Date(d.getTime() + 3 * 3600_000)),
          );
        }
        for (const n of [0, 7, 1234.5, 1_234_567, -42.25]) assert.equal(formatNumber(n, locale), new Intl.NumberFormat(tag).format(n));
      }
    }
  }
  // the zone decides the local day: the same instant is 31 December in Jakarta and 1 January in Jayapura
  assert.match(formatDate(instants[0]!, "id", "Asia/Jakarta"), /31 Desember 2026/);
  assert.match(formatDate(instants[0]!, "id", "Asia/Jayapura"), /1 Januari 2027/);
  assert.match(formatDateTime(instants[0]!, "id", "Asia/Makassar"), /WITA$/);
});

test("a date is written as people write it: the day without a leading zero", () => {
  const friday = new Date("2026-12-04T02:00:00Z");
  assert.equal(formatDate(friday, "id", "Asia/Jakarta"), "Jumat, 4 Desember 2026");
  assert.equal(formatDate(friday, "en", "Asia/Jakarta"), "Friday, 4 December 2026");
  assert.equal(formatDateTimeRange(friday, new Date("2026-12-04T05:00:00Z"), "id", "Asia/Jakarta"), "Jumat, 4 Desember 2026 09.00–12.00 WIB");
  assert.equal(formatDateTimeRange(friday, new Date("2026-12-04T05:00:00Z"), "en", "Asia/Jakarta"), "Friday, 4 December 2026, 09:00–12:00 WIB");
  // over several days Intl puts thin spaces around the dash
  assert.match(formatDateTimeRange(friday, new Date("2026-12-06T05:00:00Z"), "id", "Asia/Makassar"), /^Jumat, 4 Desember 2026 pukul 10\.00\s–\sMinggu, 6 Desember 2026 pukul 13\.00 WITA$/);
  assert.equal(formatDay("2026-12-04", "id"), "4 Des 2026");
  // days 10–31 keep both digits
  assert.equal(formatDate(new Date("2026-12-24T02:00:00Z"), "id"), "Kamis, 24 Desember 2026");
});

test("one formatter per tag + options, whatever the order of the options; different options never share one", () => {
  const a = dateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" });
  const b = dateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "long" });
  assert.equal(a, b);
  assert.notEqual(a, dateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jayapura" }));
  assert.notEqual(a, dateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Asia/Jakarta" }));
  assert.notEqual(a, dateTimeFormat("id-ID", { dateStyle: "full", timeZone: "Asia/Jakarta" }));
  assert.equal(numberFormat("id-ID"), numberFormat("id-ID", {}));
  assert.notEqual(numberFormat("id-ID"), numberFormat("id-ID", { maximumFractionDigits: 0 }));
  assert.equal(numberFormat("id-ID", { maximumFractionDigits: 0 }).format(1234.6), "1.235");
  assert.equal(numberFormat("id-ID").format(1234.5), "1.234,5");
  // a cached formatter used in between by another caller still formats the next call correctly
  const x = new Date("2026-08-17T03:00:00Z");
  assert.equal(a.format(x), "17 Agustus 2026");
});

test("formatting a number with the cached formatter is much cheaper than building one each time", () => {
  const n = 20_000;
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) formatNumber(i, "id");
  const cached = Number(process.hrtime.bigint() - t);
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) new Intl.NumberFormat("id-ID").format(i);
  const fresh = Number(process.hrtime.bigint() - t);
  assert.ok(cached * 3 < fresh, `cached ${cached / n} ns/call vs fresh ${fresh / n} ns/call`);
});

test("a stored calendar day reads as a day in either language, whatever the server's zone", () => {
  assert.equal(formatDay("2026-02-07", "id"), "7 Feb 2026");
  assert.equal(formatDay("2026-08-17", "id"), "17 Agu 2026");
  assert.equal(formatDay("2026-02-07", "en"), "7 Feb 2026");
  assert.equal(formatDay("2026-12-31", "id"), "31 Des 2026");
  assert.equal(formatDay("not a day", "id"), "not a day");
});
