import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { sessions } from "../../db/schema/accounts";
import { signups } from "../../db/schema/events";
import { and, eq } from "drizzle-orm";
import { sessionIdOf } from "../../app/auth/session-token.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const basePort = Number(process.env.E2E_PORT ?? 3210) + 500;

/** The real server.ts in its own process, as a deployer starts it (only the variables given here). */
function startServer(env: Record<string, string>, port: number, args: string[] = ["--import", "tsx", "server.ts"]) {
  // a server started with only these variables (NODE_ENV, DEV_MAILBOX, TRUST_PROXY, HOST absent unless given)
  const childEnv: Record<string, string | undefined> = { ...process.env, PORT: String(port), WORKER: "0", APP_URL: `http://127.0.0.1:${port}`, DB_POOL_SIZE: "3", ...env };
  for (const k of ["DEV_MAILBOX", "TRUST_PROXY", "HOST", "NODE_ENV"]) if (!(k in env)) delete childEnv[k];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: Object.assign(Object.create(null), childEnv),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const ready = (async () => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${out}`);
  })();
  return { child, ready, log: () => out, stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once("exit", () => r()), child.kill("SIGTERM")))) };
}

/** A TCP relay between the app and PostgreSQL that the test can cut: the database "goes down". */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop);
    upstream.on("error", drop);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A POST whose body is streamed in chunks with no Content-Length (what a Content-Length check never sees). */
function chunkedPost(port: number, pathname: string, totalBytes: number, contentType = "application/x-www-form-urlencoded") {
  return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
    let sent = 0;
    let status = 0;
    let body = "";
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "POST", headers: { "Content-Type": contentType, Origin: `http://127.0.0.1:${port}`, "Transfer-Encoding": "chunked" } }, (res) => {
      status = res.statusCode ?? 0;
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status, sent, body }));
      res.on("error", () => resolve({ status, sent, body }));
    });
    // once the server has answered (or closed the connection), a browser stops sending: so does this client
    req.on("error", (e) => (status ? resolve({ status, sent, body }) : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (sent < totalBytes && !answered && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.once("response", () => {
      answered = true;
      sent = Math.max(sent, 1);
    });
    pump();
  });
}

function cookieFor(token: string) {
  return `simpul_session=${token}`;
}

describe("the server as deployed (real HTTP, PostgreSQL)", () => {
  let t: TestDatabase;
  let adminToken = "";
  let userToken = "";
  before(async () => {
    const buildDir = process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : path.join(root, "build");
    assert.ok(fs.existsSync(path.join(buildDir, "index.js")), "run `npx remix build` first");
    t = await createTestDatabase();
    const admin = await createUser(t.db, { isAdmin: true, locale: "en" });
    const user = await createUser(t.db, { locale: "en" });
    adminToken = `admin-${Date.now()}-abcdefghijklmnopqrstuvwxyz`;
    userToken = `user-${Date.now()}-abcdefghijklmnopqrstuvwxyz`;
    await t.db.insert(sessions).values([
      { id: sessionIdOf(adminToken), userId: admin.id, expiresAt: new Date(Date.now() + 86400_000) },
      { id: sessionIdOf(userToken), userId: user.id, expiresAt: new Date(Date.now() + 86400_000) },
    ]);
  });
  after(async () => {
    await t.close();
  });

  it("started without NODE_ENV or DEV_MAILBOX: no mailbox, listens on 127.0.0.1 only (item 2)", async () => {
    const port = basePort;
    const s = startServer({ DATABASE_URL: t.url ?? "" }, port);
    try {
      await s.ready;
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev/mailbox`)).status, 404);
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev/mailbox`, { headers: { cookie: cookieFor(adminToken) } })).status, 404);
      const outside = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
      if (outside) {
        await assert.rejects(fetch(`http://${outside}:${port}/healthz`), "not reachable from another machine");
      }
    } finally {
      await s.stop();
    }
  });

  it("with DEV_MAILBOX=1 behind a proxy: only a signed-in admin opens the mailbox (item 2)", async () => {
    const port = basePort + 1;
    const s = startServer({ DATABASE_URL: t.url ?? "", DEV_MAILBOX: "1", TRUST_PROXY: "1" }, port);
    try {
      await s.ready;
      const headers = { "X-Forwarded-For": "203.0.113.50" };
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev/mailbox`, { headers })).status, 404);
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev/mailbox`, { headers: { ...headers, cookie: cookieFor(userToken) } })).status, 404);
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev/mailbox`, { headers: { ...headers, cookie: cookieFor(adminToken) } })).status, 200);
    } finally {
      await s.stop();
    }
  });

  it("refuses oversized and unreadable bodies early with 413/400, no stack or SQL; the database going down shows the app's own page (items 3, 13, 15)", { timeout: 180_000 }, async () => {
    const port = basePort + 2;
    const pg = new URL(t.url ?? "");
    const r = await relay(pg);
    const viaRelay = new URL(pg.href);
    viaRelay.port = String(r.port);
    const s = startServer({ DATABASE_URL: viaRelay.href, NODE_ENV: "production" }, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      await s.ready;
      // item 3: 200 MB streamed without Content-Length is cut off near the form limit, not read to the end
      for (const p of ["/login", "/bantu"]) {
        const big = await chunkedPost(port, p, 200 * 1024 * 1024);
        assert.equal(big.status, 413, `${p}: ${big.body.slice(0, 200)}`);
        assert.ok(big.sent < 50 * 1024 * 1024, `${p}: ${big.sent} bytes were sent before the answer`);
      }
      const declared = await fetch(`${base}/login`, { method: "POST", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=".padEnd(300 * 1024, "b") });
      assert.equal(declared.status, 413);
      assert.match(await declared.text(), /Kiriman terlalu besar/);
      // item 13: a NUL in an address's path and a broken multipart body are a clear 400, never a 500 with SQL (a NUL
      // in a form field or a search is taken out: see the test below)
      const nulPath = await fetch(`${base}/telecenter%00`);
      assert.equal(nulPath.status, 400);
      assert.match(await nulPath.text(), /Permintaan tidak dapat dibaca/);
      const broken = await fetch(`${base}/login`, {
        method: "POST",
        headers: { Origin: base, "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nsiti@example.test',
      });
      assert.equal(broken.status, 400);
      const brokenUpload = await fetch(`${base}/events/1/report`, {
        method: "POST",
        headers: { Origin: base, cookie: cookieFor(userToken), "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: "--XYZ\r\nContent-Disposition: form-data; name=",
      });
      assert.ok([400, 403, 404].includes(brokenUpload.status), String(brokenUpload.status));
      for (const res of [broken, brokenUpload]) {
        const text = await res.text();
        assert.doesNotMatch(text, /at [\w.<>]+ \(|node_modules|select |insert into/i);
      }

      // item 15: the database goes away; a signed-in English user gets the app's page in English, 503
      r.cut();
      const down = await fetch(`${base}/profile`, { headers: { cookie: `${cookieFor(userToken)}; simpul_lang=en` } });
      const html = await down.text();
      assert.equal(down.status, 503, html.slice(0, 300));
      assert.match(html, /Service temporarily unavailable/);
      assert.doesNotMatch(html, /Internal Server Error|ECONNREFUSED|at [\w.<>]+ \(/);
      const downId = await fetch(`${base}/profile`, { headers: { cookie: cookieFor(userToken) } });
      assert.match(await downId.text(), /Layanan sedang terganggu/);
      assert.equal((await fetch(`${base}/healthz`)).status, 503);
    } finally {
      await s.stop();
      await r.close();
    }
  });
  it("a NUL or another control character pasted into a form field or a search is taken out, and the form is read as usual", { timeout: 120_000 }, async () => {
    const port = basePort + 11;
    const s = startServer({ DATABASE_URL: t.url ?? "", NODE_ENV: "production" }, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      await s.ready;
      // a search: the page, not the 400 page
      const search = await fetch(`${base}/telecenter?q=warnet%00%01+desa&page=1`);
      assert.equal(search.status, 200);
      assert.doesNotMatch(await search.text(), /tidak dapat dibaca/);
      // what the page reads from its query arrives less the control characters
      const query = await fetch(`${base}/login?redirectTo=%2Fakun%00%01%2Fdata`);
      assert.equal(query.status, 200);
      assert.match(await query.text(), /name="redirectTo" value="\/akun\/data"/);
      // a log-in form with a NUL inside the address: the usual refusal, the address kept as typed less the NUL
      const form = (body: BodyInit, type?: string) =>
        fetch(`${base}/login`, { method: "POST", headers: { Origin: base, ...(type ? { "Content-Type": type } : {}) }, body });
      const plain = await form("email=siti%00.rahayu%40contoh.id&password=salah+sekali%0B", "application/x-www-form-urlencoded");
      assert.equal(plain.status, 400);
      const plainPage = await plain.text();
      assert.match(plainPage, /value="siti\.rahayu@contoh\.id"/);
      assert.match(plainPage, /Email atau kata sandi salah/);
      // the same typed into a form sent as multipart (raw NUL and escape bytes in the field)
      const multi = new FormData();
      multi.append("email", "siti\u0000.rahayu@contoh.id\u001b");
      multi.append("password", "salah sekali");
      const multipart = await form(multi);
      assert.equal(multipart.status, 400);
      assert.match(await multipart.text(), /value="siti\.rahayu@contoh\.id"/);
      // tab, CR and LF are what people type: kept (a newline in a redirect target is still no 500)
      const newline = await fetch(`${base}/login?redirectTo=%2F%0A%2Fevil.example`);
      assert.equal(newline.status, 200);
    } finally {
      await s.stop();
    }
  });

  it("as `npm start` runs it (compiled build/server.js): pages compressed whole in the accepted encoding with their length, public files, 404s", { timeout: 180_000 }, async () => {
    const compiled = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-server.ts"], { cwd: root, encoding: "utf8" });
    assert.equal(compiled.status, 0, compiled.stderr);
    const name = process.env.SIMPUL_BUILD_DIR;
    const serverJs = name ? path.join(".builds", path.basename(name), "server.js") : path.join("build", "server.js");
    const port = basePort + 7;
    const s = startServer({ DATABASE_URL: t.url ?? "", NODE_ENV: "production" }, port, ["--max-old-space-size=256", "--max-semi-space-size=32", serverJs]);
    const base = `http://127.0.0.1:${port}`;
    try {
      await s.ready;
      const get = (p: string, headers: Record<string, string>) =>
        new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
          http
            .get(`${base}${p}`, { headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
            })
            .on("error", reject);
        });
      const signedIn = { cookie: cookieFor(userToken), accept: "text/html" };
      for (const [accept, encoding, decode] of [
        ["br, gzip", "br", (b: Buffer) => zlib.brotliDecompressSync(b)],
        ["gzip", "gzip", (b: Buffer) => zlib.gunzipSync(b)],
        ["identity", undefined, (b: Buffer) => b],
      ] as const) {
        const res = await get("/profile", { ...signedIn, "accept-encoding": accept });
        assert.equal(res.status, 200);
        assert.equal(res.headers["content-encoding"], encoding, accept);
        assert.equal(Number(res.headers["content-length"]), res.body.length);
        assert.match(String(res.headers.vary), /Accept-Encoding/i);
        assert.equal(res.headers["cache-control"], "private, no-store");
        assert.match(String(res.headers["content-security-policy"]), /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
        const html = decode(res.body).toString("utf8");
        assert.match(html, /^<!DOCTYPE html>/);
        // the whole document: React's and, after it, Remix's streamed loader data
        assert.match(html, /<\/html>/);
        assert.match(html, /window\.__remixContext/);
      }
      // every page gets its own nonce
      const [a, b] = await Promise.all([get("/login", {}), get("/login", {})]);
      assert.notEqual(a.headers["content-security-policy"], b.headers["content-security-policy"]);
      // the files of public/ are still served (with the security headers), other paths reach the app
      const icon = await get("/favicon.svg", {});
      assert.equal(icon.status, 200);
      assert.equal(icon.headers["x-content-type-options"], "nosniff");
      assert.equal((await get("/favicon.svg/x", {})).status, 404);
      assert.equal((await get("/no-such-page", { accept: "text/html" })).status, 404);
      // Remix data requests go the same way
      const data = await get("/profile.data", { ...signedIn, "accept-encoding": "br" });
      assert.equal(data.status, 200);
      assert.equal(Number(data.headers["content-length"]), data.body.length);
    } finally {
      await s.stop();
    }
  });

  it("signing up for an event: a plain form post is redirected to the page; a post from the page's JavaScript is answered with the page itself (no-store)", { timeout: 120_000 }, async () => {
    const port = basePort + 9;
    const s = startServer({ DATABASE_URL: t.url ?? "", NODE_ENV: "production" }, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      const chapter = await createChapter(t.db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
      const lead = await createUser(t.db, { name: "Dewi Lestari" });
      await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
      const a = await createUser(t.db, { name: "Budi Santoso" });
      const b = await createUser(t.db, { name: "Siti Aminah" });
      const tokens: string[] = [];
      for (const u of [a, b]) {
        await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
        const token = `${u.id}-${Date.now()}-abcdefghijklmnopqrstuvwxyz`;
        await t.db.insert(sessions).values({ id: sessionIdOf(token), userId: u.id, expiresAt: new Date(Date.now() + 86400_000) });
        tokens.push(token);
      }
      const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date, roles: [{ name: "Narasumber", capacity: 3 }] });
      const { getEvent } = await import("../../app/models/events/events.server");
      const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
      await s.ready;
      const post = (pathname: string, token: string) =>
        fetch(`${base}${pathname}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: cookieFor(token ?? ""), origin: base, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "signup", roleId: String(roleId) }),
        });

      // without JavaScript: the form's own URL, a redirect to the page with its notice
      const plain = await post(`/events/${eventId}?index`, tokens[0] ?? "");
      assert.equal(plain.status, 302);
      assert.equal(plain.headers.get("location"), `/events/${eventId}?n=confirmed`);

      // with JavaScript (Remix's data URL): the page as it now is, both sign-ups counted, nothing to fetch after it
      const data = await post(`/events/${eventId}.data?index`, tokens[1] ?? "");
      assert.equal(data.status, 200);
      assert.equal(data.headers.get("cache-control"), "private, no-store");
      const { decode } = await import("turbo-stream");
      const decoded = await decode(data.body!);
      await decoded.done;
      // an action's answer: { data: <what the action returned> }
      const answer = decoded.value as { data?: { page?: { notice: string; mine: { status: string }[]; event: { roles: { confirmed: number; capacity: number }[] } } } };
      const page = answer.data?.page;
      assert.ok(page, `no page in the answer: ${JSON.stringify(answer).slice(0, 300)}`);
      assert.equal(page.notice, "events.notice.confirmed");
      assert.deepEqual(page.mine.map((m) => m.status), ["confirmed"]);
      assert.deepEqual(page.event.roles.map((r) => [r.confirmed, r.capacity]), [[2, 3]]);
      const rows = await t.db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.status, "confirmed")));
      assert.equal(rows.length, 2);
    } finally {
      await s.stop();
    }
  });
});
