import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { normalisePersonName, personKey } from "../../app/models/events/participants.server";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";

/** The rule before names of every script counted: its non-empty keys are stored in event_participant.person_key. */
function asciiOnly(name: string): string {
  let s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  while (/^(bapak|bpk|pak|ibu|bu|sdr|sdri|saudara|saudari|kak|mas|mbak)\s+/.test(s)) s = s.replace(/^(bapak|bpk|pak|ibu|bu|sdr|sdri|saudara|saudari|kak|mas|mbak)\s+/, "");
  return s;
}

/** Since DECISIONS 146 a title before the name and a degree after it go too: only such names got a new key. */
function withoutTitles(key: string): string {
  const title = /^(bapak|bpk|pak|ibu|bu|sdr|sdri|saudara|saudari|kak|mas|mbak|hj|h|haji|hajah|hajjah|kh|ust|ustad|ustadz|ustaz|ustadzah|ustazah|dr|drs|dra|ir|prof|ny|nyonya|tn|tuan)\s+/;
  let s = key;
  while (title.test(s)) s = s.replace(title, "");
  const part = "pd|kom|e|h|t|sos|ag|si|ip|kep|ked|farm|psi|km|tr|sn|hum|kes|th|gz|ak|stat|mat|ds|sy|pt|pi|hi|p|ikom|ft|kel|hut|ars|ikes|gz";
  const degrees = new RegExp(`(?: (?:(?:s|m) (?:${part})(?: i)?|s i kom|m m|m a|m sc|a md(?: [a-z]{1,4})?|amd(?: [a-z]{1,4})?|ph d|phd|spd|spdi|skom|se|sh|st|mm|mh|mt|msi|mpd|mkom|mba|msc|lc|ns|apt))+$`);
  const bare = s.replace(degrees, "");
  return bare === "" ? s : bare;
}

describe("normalisePersonName", () => {
  it("keeps the letters and digits of every script", () => {
    assert.equal(normalisePersonName("محمد"), "محمد");
    assert.notEqual(normalisePersonName("محمد"), normalisePersonName("فاطمة"));
    assert.notEqual(normalisePersonName("王小明"), normalisePersonName("李华"));
    assert.equal(normalisePersonName("  王小明 "), "王小明");
    // Arabic vowel points and tatweel are optional spelling: the same name
    assert.equal(normalisePersonName("مُحَمَّد"), "محمد");
    assert.equal(normalisePersonName("محـمد"), "محمد");
    // marks that spell a different name stay: Ram and Rama, Nagata and Nakata
    assert.notEqual(normalisePersonName("राम"), normalisePersonName("रमा"));
    assert.notEqual(normalisePersonName("ながた"), normalisePersonName("なかた"));
    assert.equal(normalisePersonName("Muhammad محمد"), "muhammad محمد");
  });

  it("gives emoji and punctuation no name at all", () => {
    for (const name of ["😀😀", "🙏", "❤️", "☺️", "👍🏽", "👨‍👩‍👧", "...", "-", "?!"]) assert.equal(normalisePersonName(name), "", name);
  });

  it("keeps the Latin rules: honorifics, apostrophes, spacing, case and accents", () => {
    assert.equal(normalisePersonName("Ma'ruf Amin"), "ma ruf amin");
    assert.equal(normalisePersonName("ma'ruf  AMIN"), "ma ruf amin");
    assert.equal(normalisePersonName("Bu Siti Aminah"), normalisePersonName("Siti Aminah"));
    assert.equal(normalisePersonName("Bpk. Ahmad  Fauzi"), "ahmad fauzi");
    assert.equal(normalisePersonName("Ibu Bapak Siti"), "siti");
    assert.equal(normalisePersonName("José Núñez"), "jose nunez");
    assert.equal(personKey("Bpk. Ahmad  Fauzi", "SMP Negeri 1 Jember"), "ahmad fauzi|smpn1jember");
  });

  it("drops a title before the name and degrees after it: the same teacher signs with them once and not the next time", () => {
    for (const name of ["Hj. Siti Aminah", "Siti Aminah, S.Pd.", "HJ SITI AMINAH, S.Pd.I", "Ibu Hj. Siti Aminah S.Pd., M.Pd.", "Dra. Siti Aminah", "Ustadzah Siti Aminah"]) assert.equal(normalisePersonName(name), "siti aminah", name);
    for (const name of ["H. Ahmad Fauzi", "Drs. H. Ahmad Fauzi, M.Si.", "Ir. Ahmad Fauzi S.T., M.T.", "KH Ahmad Fauzi Lc", "Ahmad Fauzi SE MM", "Ahmad Fauzi, A.Md.Kep", "Ahmad Fauzi, Ph.D"])
      assert.equal(normalisePersonName(name), "ahmad fauzi", name);
    // letters that are part of a name stay
    assert.equal(normalisePersonName("Rudi M. Ali"), "rudi m ali");
    assert.equal(normalisePersonName("M. Ali"), "m ali");
    assert.equal(normalisePersonName("Santi Ma"), "santi ma");
    assert.equal(normalisePersonName("Pak Haji"), "haji");
    assert.equal(normalisePersonName("S.Pd"), "s pd");
    assert.equal(personKey("Hj. Siti Aminah, S.Pd.", "SD Negeri 3 Ajung"), personKey("siti aminah", "SDN 3 Ajung"));
  });

  it("gives every name that is Latin after dropping accents the key stored before", () => {
    const chars = Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-_/()@#!?\t\u00a0\u2019\u2013éÉñÑüÜçàÀôÖ²½ﬁ✓😀\u200b\u200d");
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      let s = "";
      for (let j = 1 + Math.floor(next() * 14); j > 0; j--) s += chars[Math.floor(next() * chars.length)];
      assert.equal(normalisePersonName(s), withoutTitles(asciiOnly(s)), JSON.stringify(s));
      if (!/^(hj|h|haji|hajah|hajjah|kh|ust\w*|dr|drs|dra|ir|prof|ny|nyonya|tn|tuan) | (s|m|a|d|ph|amd|se|sh|st|mm|mh|mt|msi|mpd|mkom|mba|msc|lc|ns|apt|spd|spdi|skom|phd)( [a-z]{1,4}){0,2}$/.test(asciiOnly(s)))
        assert.equal(normalisePersonName(s), asciiOnly(s), JSON.stringify(s));
    }
  });
});

describe("e-mail field messages in app/models", () => {
  it("are keys of both dictionaries", () => {
    const root = path.resolve(import.meta.dirname, "../../app/models");
    const files = fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    let seen = 0;
    for (const f of files) {
      for (const m of fs.readFileSync(path.join(root, f), "utf8").matchAll(/\.email\("([^"]+)"\)/g)) {
        seen++;
        for (const locale of ["id", "en"] as const) assert.ok(dictionaryFor(locale)[m[1] ?? ""], `${f}: ${m[1]} (${locale})`);
      }
    }
    assert.ok(seen > 0);
  });
});
