import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { pageBytesOf, pageResponse } from "../../app/services/page-response.server";

describe("a rendered page handed to the server without a body stream", () => {
  it("carries the page's bytes, its status and headers, and no body", () => {
    const bytes = Buffer.from("<!DOCTYPE html><html lang=\"id\"><body>Halo, Siti — 1.234</body></html>");
    const response = pageResponse(bytes, { status: 404, headers: { "Content-Type": "text/html" } });
    assert.equal(response.body, null);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("content-type"), "text/html");
    assert.equal(pageBytesOf(response), bytes);
  });

  it("is found on the response whichever copy of the module made it (the app build and server.ts are bundled apart)", () => {
    const response = pageResponse(Buffer.from("x"), {});
    assert.ok(Object.getOwnPropertySymbols(response).includes(Symbol.for("simpul.pageBytes")));
    assert.equal((response as unknown as Record<symbol, Uint8Array>)[Symbol.for("simpul.pageBytes")]?.toString(), "x");
  });

  it("leaves any other response to be read from its body", async () => {
    const other = new Response("Terjadi kesalahan", { status: 500 });
    assert.equal(pageBytesOf(other), null);
    assert.equal(await other.text(), "Terjadi kesalahan");
  });
});

type LoaderArgs = { request: Request };
const data = createRequire(import.meta.url)("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (o: { loadContext: unknown; loader: (a: LoaderArgs) => unknown; params: object; request: Request; routeId: string; singleFetch: boolean }) => Promise<unknown>;
};

describe("the server runtime hands loaders the request itself when there is nothing to strip (patches/)", () => {
  async function seen(url: string): Promise<{ same: boolean; url: string }> {
    const request = new Request(url);
    let got: Request | null = null;
    await data.callRouteLoader({ loadContext: {}, params: {}, request, routeId: "r", singleFetch: true, loader: ({ request: r }) => ((got = r), {}) });
    return { same: got === request, url: (got as Request | null)?.url ?? "" };
  }

  it("no copy of a plain page's request", async () => {
    assert.deepEqual(await seen("http://localhost/events?page=2"), { same: true, url: "http://localhost/events?page=2" });
  });

  it("still strips ?index and ?_routes when they are there", async () => {
    assert.deepEqual(await seen("http://localhost/events?index&page=2"), { same: false, url: "http://localhost/events?page=2" });
    assert.deepEqual(await seen("http://localhost/events?_routes=root&q=siti"), { same: false, url: "http://localhost/events?q=siti" });
  });
});
