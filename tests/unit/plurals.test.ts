import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { dictionaryFor, translator } from "../../app/i18n/dictionaries.server";
import { countKey } from "../../app/i18n/plural";
import { OFFER_RESPONSE_HOURS } from "../../app/models/tutoring/tutoring-form";

const en = dictionaryFor("en");
const id = dictionaryFor("id");

// A count followed by the noun it counts, perhaps after one word ("{n} open requests", "{h} volunteer hours"):
// the noun ends in "s" ("(s)" included) and is not "is", "as", "progress", … A preposition before it means the
// count belongs elsewhere ("{n} in progress").
const COUNTED = /\{(\w+)\}\)?\s+(?:(?!(?:in|of|on|at|to|by|as|for)\s)[a-z-]+\s+)?([A-Za-z]+(?:s|\(s\)))(?=[\s,.:;)]|$)/g;
const NOT_A_NOUN = /(?:ss|is|as|us)$/;
// placeholders that hold a name, not a number ("{province} achievements")
const NOT_A_COUNT = new Set(["name", "province", "chapter", "region", "code", "title", "subject", "role"]);

/** The placeholders of an English string that stand next to a plural noun. */
function countedPlaceholders(s: string): string[] {
  return [...s.matchAll(COUNTED)].filter((m) => !NOT_A_COUNT.has(m[1]!) && !NOT_A_NOUN.test(m[2]!)).map((m) => m[1]!);
}

// Counts that are the app's own fixed limits, never 1: an error's "At most {max} characters", a list cut at its
// size ("the first {n} names", shown only when there are more), a setting written in the code.
const FIXED: Record<string, number | "limit"> = {
  "errors.tooLongMax": "limit",
  "errors.lineTooLong": "limit",
  "events.tooManyRoles": "limit",
  "events.report.onlineList.hint": "limit",
  "events.report.onlineList.tooManyRows": "limit",
  "tutoring.session.durationHint": "limit",
  "surveys.fill.photoHint": "limit",
  "events.form.venueFoundMore": "limit",
  "events.lead.assignFirst": "limit",
  "events.lead.assignFoundMore": "limit",
  "surveys.assign.first": "limit",
  "surveys.assign.foundMore": "limit",
  "tutoring.stats.title": 90,
  "tutoring.volunteer.offerText": OFFER_RESPONSE_HOURS,
};

describe("English counts and their nouns", () => {
  it("picks the …One key for exactly 1 and the key itself for any other count", () => {
    assert.equal(countKey("roster.count", 1), "roster.countOne");
    for (const n of [0, 2, 11, 21, 1.5, 0.5, 1000]) assert.equal(countKey("roster.count", n), "roster.count");
  });

  it("every English string with a count next to a plural noun has a form for exactly 1", () => {
    const missing: string[] = [];
    const twoCounts: string[] = [];
    for (const [key, s] of Object.entries(en)) {
      if (key.endsWith("One") || key in FIXED) continue;
      const counted = countedPlaceholders(s);
      if (counted.length === 0) continue;
      // one "…One" form serves one count: two counted nouns in a string are written as labels ("Rows ready: {valid}")
      if (new Set(counted).size > 1) twoCounts.push(`${key}: ${s}`);
      else if (!(`${key}One` in en)) missing.push(`${key}: ${s}`);
    }
    assert.deepEqual(missing, [], "English strings without a form for 1");
    assert.deepEqual(twoCounts, [], "English strings counting two nouns");
  });

  it("writes no noun as “(s)” or “(es)”", () => {
    const found = Object.entries(en).filter(([, s]) => /\w\((?:s|es)\)/.test(s));
    assert.deepEqual(found, []);
  });

  it("each form for 1 is the singular of its key: the same placeholders, English different, Indonesian the same", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const ones = Object.keys(en).filter((k) => k.endsWith("One") && k.slice(0, -3) in en);
    assert.ok(ones.length >= 50, `${ones.length} forms for 1`);
    for (const k of ones) {
      const base = k.slice(0, -3);
      assert.deepEqual(placeholders(en[k]!), placeholders(en[base]!), k);
      // "{n} pesantren", "{n} UMKM": words English does not inflect keep their form
      if (countedPlaceholders(en[base]!).length) assert.notEqual(en[k], en[base], `${k} is the same as ${base} in English`);
      assert.deepEqual(placeholders(id[k]!), placeholders(id[base]!), k);
      // one school *or* foundation ("sekolah atau yayasan"): the only Indonesian form for 1 with other words
      if (k !== "reports.summary.schoolsOnlineOne") assert.equal(id[k], id[base], `${k} differs from ${base} in Indonesian, which has no plural`);
    }
  });

  it("the fixed counts left without a form for 1 are more than 1", () => {
    for (const [key, v] of Object.entries(FIXED)) {
      assert.ok(key in en, `${key} is no longer a key`);
      if (v !== "limit") assert.ok(v > 1, key);
      if (v !== "limit") assert.ok(countedPlaceholders(en[key]!).length > 0, `${key} no longer counts a noun`);
    }
    const tutoringPage = fs.readFileSync(path.join("app", "routes", "chapters.$slug.tutoring._index.tsx"), "utf8");
    assert.match(tutoringPage, /const STATS_DAYS = 90;/);
  });

  it("the code names every key that has a form for 1 through countKey", () => {
    const ones = new Set(Object.keys(en).filter((k) => k.endsWith("One")).map((k) => k.slice(0, -3)));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (p !== path.join("app", "i18n", "messages") && p !== path.join("app", "i18n", "strings")) walk(p);
        } else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk("app");
    walk("emails");
    const bare: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/"([a-z]\w*(?:\.\w+)+)"/g)) {
        if (!ones.has(m[1]!)) continue;
        // countKey("…", n); the Laporan's summary's counted("…", n), which calls it; its list of counted phrases
        const before = text.slice(Math.max(0, m.index - 40), m.index);
        if (!/(?:countKey|counted)\($/.test(before) && !/\["\w+", $/.test(before)) bare.push(`${f}: ${m[1]}`);
      }
    }
    assert.deepEqual(bare, [], "keys with a form for 1 used without countKey");
  });

  it("reads right in English for 1 and for 2, and the same in Indonesian", () => {
    const t = translator("en");
    const ti = translator("id");
    assert.equal(t(countKey("roster.count", 1), { total: 1 }), "1 volunteer found");
    assert.equal(t(countKey("roster.count", 2), { total: 2 }), "2 volunteers found");
    assert.equal(t(countKey("tutoring.lead.days", 0), { n: 0 }), "0 days");
    assert.equal(t(countKey("tutoring.lead.days", 1), { n: 1 }), "1 day");
    assert.equal(t(countKey("tutoring.stats.ratingValue", 1), { avg: "5", n: 1 }), "5 of 5 (1 rating)");
    assert.equal(t(countKey("reports.cert.hoursN", 1), { n: 1 }), "1 hour");
    assert.equal(t(countKey("reports.cert.list.count", 1), { n: 1 }), "1 certificate");
    assert.match(t(countKey("reports.report.tutoringText", 1), { hours: "1" }), /\(1 hour\)\.$/);
    assert.equal(ti(countKey("roster.count", 1), { total: 1 }), ti("roster.count", { total: 1 }));
  });
});
