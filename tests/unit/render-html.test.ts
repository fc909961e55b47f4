import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { createElement as h, Suspense, type ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { renderHtml } from "../../app/services/render-html.server";

/** What the streaming renderer wrote once everything was ready (the entry's previous way). */
function streamed(element: ReactNode): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        // decoded once: a chunk may end inside a character
        resolve(Buffer.concat(chunks).toString("utf8"));
        done();
      },
    });
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

/** A part that suspends until `ms` have passed, as the hydration data's scripts do while the data is encoded. */
function later(ms: number, text: string) {
  let value: string | null = null;
  const ready = new Promise<void>((resolve) => setTimeout(() => ((value = text), resolve()), ms));
  return function Later() {
    if (value === null) throw ready;
    return h("p", { "data-x": `"${text}" & <more>` }, text, " ", 3, " items");
  };
}

function page(title: string, ...parts: ReactNode[]) {
  return h(
    "html",
    { lang: "id" },
    h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, title)),
    h("body", null, h("main", null, h("h1", null, title, " — ", "Simpul"), ...parts), h("script", { nonce: "n0nce", dangerouslySetInnerHTML: { __html: "window.x = 1 < 2;" } })),
  );
}

describe("renderHtml: the whole document as one string", () => {
  it("writes byte for byte what the streaming renderer writes, Suspense parts that resolve later included", async () => {
    const make = () =>
      page(
        "Kegiatan <Jember> & \"Sekitarnya\"",
        h("ul", null, ...Array.from({ length: 50 }, (_, i) => h("li", { key: i, className: i % 2 ? "odd" : undefined }, "Relawan ", i, h("input", { type: "checkbox", defaultChecked: i % 3 === 0, name: `r${i}` })))),
        h(Suspense, { fallback: h("p", null, "memuat…") }, h(later(15, "Siti Aminah"))),
        h(Suspense, { fallback: null }, h(later(5, "Budi"), null), h("select", { defaultValue: "b", name: "s" }, h("option", { value: "a" }, "A"), h("option", { value: "b" }, "B"))),
      );
    const ours = await renderHtml(make(), 5000);
    const theirs = await streamed(make());
    assert.equal(ours.partFailed, false);
    assert.ok(ours.html.startsWith("<!DOCTYPE html><html"), ours.html.slice(0, 40));
    assert.equal(ours.html, theirs);
    assert.match(ours.html, /Siti Aminah/);
    assert.doesNotMatch(ours.html, /memuat/);
  });

  it("sends what people type as the streaming renderer did: a marker-like name, a NUL byte, a lone surrogate", async () => {
    const typed = ["<!--$!--> Budi", "Siti\u0000Aminah", "Dewi \ud800 Lestari", "SMAN 2 & \"SMA Negeri 2\""];
    const make = () => page("Peserta", h("ul", null, ...typed.map((n, i) => h("li", { key: i, title: n }, n))), h(Suspense, { fallback: null }, h(later(3, typed[0]!))));
    const ours = await renderHtml(make(), 5000);
    // a typed marker is escaped text, not a failed part
    assert.equal(ours.partFailed, false);
    // bytes as sent: the lone surrogate becomes U+FFFD on both ways
    assert.deepEqual(Buffer.from(ours.html), Buffer.from(await streamed(make())));
  });

  it("answers a document that needs no waiting at once, and a fragment without a doctype", async () => {
    assert.equal((await renderHtml(h("p", null, "halo"), 100)).html, "<p>halo</p>");
  });

  it("keeps concurrent renders apart", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `Relawan nomor ${i}`);
    const results = await Promise.all(names.map((n, i) => renderHtml(page(n, h(Suspense, { fallback: null }, h(later(i % 7, n)))), 5000)));
    results.forEach((r, i) => {
      assert.equal(r.html.split(names[i]!).length - 1, 4, `render ${i} holds its own name (title, heading, the part's attribute and text)`);
      for (const other of names) if (other !== names[i] && !names[i]!.startsWith(other)) assert.ok(!r.html.includes(`${other}<`), `render ${i} holds ${other}`);
    });
  });

  it("rejects when the document itself fails, and tells a failed part (left to the browser)", async () => {
    const Broken = () => {
      throw new Error("boom");
    };
    await assert.rejects(renderHtml(page("x", h(Broken)), 1000), /boom/);
    const partly = await renderHtml(page("Laporan", h(Suspense, { fallback: h("p", null, "nanti") }, h(Broken))), 1000);
    assert.equal(partly.partFailed, true);
    assert.match(partly.html, /<h1>Laporan/);
    assert.match(partly.html, /<\/html>$/);
  });

  it("gives up on a part that never arrives", async () => {
    const Never = () => {
      throw new Promise(() => {});
    };
    const started = performance.now();
    const outcome = await renderHtml(page("x", h(Suspense, { fallback: null }, h(Never))), 50).then(
      (r) => (r.partFailed ? "part failed" : "rendered"),
      () => "rejected",
    );
    assert.notEqual(outcome, "rendered");
    assert.ok(performance.now() - started < 1000);
  });
});
