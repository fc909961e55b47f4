import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import express from "express";
import { expressServer } from "../../app/services/http.server";

describe("expressServer", () => {
  it("makes requests and responses with Express's prototypes, so Express never has to change them", async () => {
    const app = express();
    const seen: { request: boolean; response: boolean; beforeExpress: boolean }[] = [];
    let first = true;
    app.get("/x", (req, res) => {
      seen.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response, beforeExpress: first });
      // Express's own helpers work on them
      res.status(201).type("text/plain").send(`${req.get("x-test")} ${req.query.q} ${req.path}`);
    });
    const server = expressServer(app);
    // the raw request, before Express's first middleware has touched it
    server.prependListener("request", (req, res) => {
      first = Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response;
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/x?q=${i}`, { headers: { "x-test": "hai" } });
        assert.equal(res.status, 201);
        assert.equal(await res.text(), `hai ${i} /x`);
      }
      const missing = await fetch(`http://127.0.0.1:${port}/nothing`);
      assert.equal(missing.status, 404);
      await missing.text();
    } finally {
      await new Promise((r) => server.close(r));
    }
    assert.deepEqual(seen, Array.from({ length: 3 }, () => ({ request: true, response: true, beforeExpress: true })));
  });
});
