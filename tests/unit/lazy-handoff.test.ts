import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { installLazyHandoff, lazyEncoding } from "../../app/services/lazy-handoff.server";

type Encode = Parameters<typeof lazyEncoding>[0];
const singleFetch = createRequire(import.meta.url)("@remix-run/server-runtime/dist/single-fetch.js") as { encodeViaTurboStream: Encode & { lazy?: true } };
const original = singleFetch.encodeViaTurboStream;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** Loader data as a page has it: nested objects, dates, a Map, undefined, and a deferred value. */
function loaderData(reads: { n: number }) {
  const data = {
    loaderData: {
      root: { user: { id: "u1", name: "Siti Aminah" }, locale: "id", at: new Date("2026-12-02T10:00:00Z") },
      "routes/capaian": {
        rows: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: i * 1.5, months: [1, 2, 3, 4, 5, 6], note: i % 3 ? null : undefined })),
        targets: new Map([[1, "own"]]),
        later: new Promise((resolve) => setTimeout(() => resolve({ done: true }), 20)),
      },
    },
    actionData: null,
    errors: null,
  };
  // counts every time the encoder walks into the route's data
  const route = data.loaderData["routes/capaian"];
  return Object.defineProperty(data.loaderData, "routes/capaian", {
    enumerable: true,
    get: () => {
      reads.n++;
      return route;
    },
  });
}

describe("lazy turbo-stream encoding of the hydration data", () => {
  it("gives the same bytes as the server runtime's encoder, deferred values included", async () => {
    const signal = new AbortController().signal;
    const expected = await text(original({ loaderData: loaderData({ n: 0 }), actionData: null, errors: null }, signal, 4950, "production"));
    const got = await text(lazyEncoding(original)({ loaderData: loaderData({ n: 0 }), actionData: null, errors: null }, signal, 4950, "production"));
    assert.ok(expected.includes("Siti Aminah") && expected.includes("done"), expected.slice(0, 200));
    assert.equal(got, expected);
  });

  it("does not encode a stream nobody reads (a page without JavaScript)", async () => {
    const reads = { n: 0 };
    const signal = new AbortController().signal;
    const eager = { n: 0 };
    original({ loaderData: loaderData(eager), actionData: null, errors: null }, signal, 4950, "production");
    assert.ok(eager.n > 0, "the runtime's own encoder starts at once");
    lazyEncoding(original)({ loaderData: loaderData(reads), actionData: null, errors: null }, signal, 4950, "production");
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(reads.n, 0);
  });

  it("reads the same bytes through getReader(), as <Scripts> reads it, plain data and deferred alike", async () => {
    const signal = new AbortController().signal;
    const plain = { loaderData: { root: { user: { id: "u1", name: "Siti Aminah" }, n: [1, 2, 3] } }, actionData: null, errors: null };
    for (const data of [plain, { loaderData: loaderData({ n: 0 }), actionData: null, errors: null }]) {
      const expected = await text(original(data, signal, 4950, "production"));
      const reader = lazyEncoding(original)(data, signal, 4950, "production").getReader();
      const decoder = new TextDecoder();
      let got = "";
      for (let r = await reader.read(); !r.done; r = await reader.read()) got += decoder.decode(r.value, { stream: true });
      assert.equal(got, expected);
      assert.equal((await reader.read()).done, true, "stays done");
    }
  });

  it("stops the encoding when the answer's body is cancelled before its end", async () => {
    const cancelled: unknown[] = [];
    const encode: Encode = (...args) => {
      const stream = original(...args);
      const reader = stream.getReader();
      return new ReadableStream<Uint8Array>({
        pull: async (c) => {
          const r = await reader.read();
          if (r.done) c.close();
          else c.enqueue(r.value);
        },
        cancel: (reason) => {
          cancelled.push(reason);
          return reader.cancel(reason);
        },
      });
    };
    // a Date makes the data not plain, so the runtime's encoder runs; the deferred value keeps it open
    const data = { loaderData: { root: { at: new Date(0), later: new Promise(() => {}) } }, actionData: null, errors: null };
    const body = new Response(lazyEncoding(encode)(data, new AbortController().signal, 4950, "production")).body!;
    const reader = body.getReader();
    assert.equal((await reader.read()).done, false);
    await reader.cancel("gone");
    assert.equal(cancelled.length, 1);
  });

  it("makes no web stream, so nothing of the page outlives a young-generation collection through one", () => {
    const made = lazyEncoding(original)({ loaderData: {}, actionData: null, errors: null }, new AbortController().signal, 4950, "production");
    assert.equal(made instanceof ReadableStream, false);
    assert.equal(typeof made.getReader, "function");
  });

  it("is installed once into the module the server runtime calls through", () => {
    installLazyHandoff();
    const installed = singleFetch.encodeViaTurboStream;
    assert.notEqual(installed, original);
    assert.equal(installed.lazy, true);
    installLazyHandoff();
    assert.equal(singleFetch.encodeViaTurboStream, installed);
    singleFetch.encodeViaTurboStream = original;
  });
});
