import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { lazyEncoding } from "../../app/services/lazy-handoff.server";
import { plainTurboText } from "../../app/services/plain-turbo.server";

type Encode = Parameters<typeof lazyEncoding>[0];
const singleFetch = createRequire(import.meta.url)("@remix-run/server-runtime/dist/single-fetch.js") as {
  encodeViaTurboStream: Encode;
  SingleFetchRedirectSymbol: symbol;
};
const original = singleFetch.encodeViaTurboStream;
const redirect = singleFetch.SingleFetchRedirectSymbol;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
/** What the server runtime's own encoder sends for `data`. */
const reference = (data: unknown) => text(original(data, new AbortController().signal, 4950, "production"));

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// what loader data holds on messy real data: repeated names, two spellings, empty strings, quotes and markup typed into
// a form, emoji, a lone surrogate from a cut-off paste, line separators, numeric-looking keys
const STRINGS = ["", "SMAN 2 Jember", "SMA Negeri 2 Jember", "Siti Nurhaliza", "siti", 'Toko "Berkah"', "</script><script>alert(1)</script>", "a\\b", "baris\nbaru", "\u2028\u2029", "Kopi ☕ Jember 🇮🇩", "\ud800", "0", "1", "true", "null", "-0", "_1"];
const NUMBERS = [0, -0, 1, -1, 1.5, 3e21, 1e-7, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, 2026];

function value(next: () => number, depth: number, shared: object[]): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const r = next();
  if (depth > 4 || r < 0.35) return pick<unknown>([...STRINGS, ...NUMBERS, true, false, null, undefined]);
  if (r < 0.42 && shared.length) return pick(shared); // the same object twice (turbo-stream refers back to it)
  if (r < 0.7) {
    const arr: unknown[] = Array.from({ length: Math.floor(next() * 6) }, () => value(next, depth + 1, shared));
    if (next() < 0.1) arr[arr.length + 2] = "after a hole"; // sparse
    shared.push(arr);
    return arr;
  }
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) obj[pick([...STRINGS, "id", "name", "status", "10", "2"])] = value(next, depth + 1, shared);
  shared.push(obj);
  return obj;
}

describe("turbo-stream's encoding of plain data", () => {
  it("is the server runtime's encoding, character for character, on 500 random values of messy data", async () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const data = { loaderData: { root: value(next, 0, []), "routes/x": value(next, 0, []) }, actionData: next() < 0.5 ? null : value(next, 2, []), errors: null };
      const got = plainTurboText(data, redirect);
      assert.notEqual(got, null, `seed ${seed}`);
      assert.equal(`${got}\n`, await reference(data), `seed ${seed}`);
    }
  });

  it("is the same for a page's loader data, hundreds of rows, and for values that are not objects", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, name: i % 2 ? "SMAN 2 Jember" : "SMA Negeri 2 Jember", kecamatan: ["Patrang", "Kaliwates", "Sumbersari"][i % 3], hours: i % 7 ? i / 4 : null, tags: i % 5 ? [] : ["umkm", "qris"] }));
    const page = { loaderData: { root: { user: { name: "Ahmad Fauzi", isAdmin: false }, i18n: { locale: "id", english: null }, mailbox: false }, "routes/chapters.$slug.roster._index": { rows, total: 300 } }, actionData: null, errors: null };
    for (const data of [page, "teks", 0, -0, NaN, null, undefined, true, [], {}, [[[]]]]) assert.equal(`${plainTurboText(data, redirect)}\n`, await reference(data));
    assert.equal(await text(lazyEncoding(original, redirect)(page, new AbortController().signal, 4950, "production")), await reference(page));
  });

  it("leaves anything else to turbo-stream, which gives the same bytes through the installed encoder", async () => {
    class Point {
      x = 1;
    }
    const redirected = { [redirect]: { redirect: "/login", status: 302 } };
    const others: unknown[] = [new Date(0), new Map([[1, 2]]), new Set(["a"]), Promise.resolve(1), new Error("boom"), new Point(), Object.create(null), () => 1, 10n, Symbol.for("x"), /a/g, new URL("https://simpul.test/"), redirected];
    for (const [i, other] of others.entries()) {
      const data = { loaderData: { root: { fine: "ya", deep: [{ other }] } }, actionData: null, errors: null };
      assert.equal(plainTurboText(data, redirect), null, `case ${i}`);
      const expected = await reference(data);
      assert.equal(await text(lazyEncoding(original, redirect)(data, new AbortController().signal, 4950, "production")), expected);
    }
    // and plain data through the installed encoder is the same as the runtime's too
    const plain = { loaderData: { root: { n: [1, 2, 3], s: "Jember" } }, actionData: null, errors: null };
    assert.equal(await text(lazyEncoding(original, redirect)(plain, new AbortController().signal, 4950, "production")), await reference(plain));
  });
});
