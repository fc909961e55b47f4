import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import zlib from "node:zlib";
import { migrateDatabase } from "./db/migrate";
import { installRouteMatchCache } from "./app/services/route-match-cache.server";
import { installLazyHandoff } from "./app/services/lazy-handoff.server";
import { pageBytesOf } from "./app/services/page-response.server";
import { closeSharedDatabase, PgliteFolderLockedError } from "./db/client";
import { env } from "./app/env.server";
import {
  BodyRejected,
  bufferBody,
  checkFormBody,
  countedStream,
  expressServer,
  isDatabaseUnavailable,
  isLoopback,
  newNonce,
  plainErrorPage,
  securityHeaderWriter,
  trustProxySetting,
  cleanedUrl,
} from "./app/services/http.server";

// The project folder: where this file is (node --import tsx server.ts) or above its compiled copy
// (build/server.js or .builds/<name>/server.js, written by `npm run build`).
// before the Remix build is loaded: see the module
installRouteMatchCache();
installLazyHandoff();

const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
function projectRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "package.json"))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

// Migrations run before the app opens its own connection (PGlite: one process, one handle at a time).
const t0 = Date.now();
try {
  await migrateDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, migrationsFolder: path.join(root, "db/migrations") });
} catch (err) {
  if (err instanceof PgliteFolderLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const { authenticate, isSameOrigin } = await import("./app/auth/session.server");
const { localeFor } = await import("./app/i18n/locale.server");
const { translator } = await import("./app/i18n/dictionaries.server");
const { bodyLimitFor } = await import("./app/request-limits.server");
const { startWorker } = await import("./app/worker.server");
const { precompressedAssets } = await import("./app/services/static-assets.server");
// SIMPUL_BUILD_DIR: see remix.config.js
const buildDir = process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : null;
const build = (await import(pathToFileURL(path.join(buildDir ?? path.join(root, "build"), "index.js")).href)) as ServerBuild;
// Always the production mode: development mode puts error messages and stacks (with SQL) into the page.
const handleRemix = createRequestHandler(build, "production");

const app = express();
app.disable("x-powered-by");
const trustProxy = trustProxySetting(env.TRUST_PROXY);
app.set("trust proxy", trustProxy);

// Security headers on everything, static files included; pages get a fresh CSP nonce each.
const writeSecurityHeaders = securityHeaderWriter(env.isProduction);
app.use((req, res, next) => {
  const nonce = newNonce();
  res.locals.nonce = nonce;
  writeSecurityHeaders(res, nonce);
  next();
});
// Pages and data requests are compressed in one go below (renderedBody); what is left for this middleware is the
// rest of the dynamic responses (CSV, calendar feeds, JSON): brotli at quality 4 with a 256 KB window
// (BROTLI_PARAM_LGWIN 18). The default 4 MB window costs as much CPU and memory as rendering the page, for the same
// size on pages of a few dozen KB. Build assets are compressed once, at build time, at the best quality (below).
app.use(
  compression({
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
  }),
);
const assetsDir = buildDir ? path.join(buildDir, "assets") : path.join(root, "public/build");
app.use("/build", precompressedAssets(assetsDir, { precompressMissing: true }));
// The site's stylesheet is written into every page (app/components/site-styles.tsx): read once per file of the build.
const inlineStyles = new Map<string, string | null>();
function inlineStyle(href: string): string | null {
  if (!inlineStyles.has(href)) {
    const rel = href.startsWith("/build/") ? path.normalize(href.slice("/build/".length)) : "";
    let text: string | null = null;
    if (rel.endsWith(".css") && !rel.startsWith("..")) {
      try {
        text = fs.readFileSync(path.join(assetsDir, rel), "utf8");
      } catch {
        text = null; // not built (a test server without assets): the page links it instead
      }
    }
    inlineStyles.set(href, text);
  }
  return inlineStyles.get(href) ?? null;
}
app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
// public/ holds a few files that come with the code (favicon, Open Graph fallback): they are listed once at start-up,
// so a page request never asks the disk whether it is a file.
const publicDir = path.join(root, "public");
const publicFiles = new Set(
  fs
    .readdirSync(publicDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => "/" + path.relative(publicDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((p) => !p.startsWith("/build/")),
);
const servePublic = express.static(publicDir, { maxAge: "1h", index: false, redirect: false });
app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));

app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

app.get("/healthz", async (_req, res) => {
  const { checkDatabase } = await import("./app/services/health.server");
  res.setHeader("Cache-Control", "no-store");
  try {
    await checkDatabase();
    res.status(200).type("text/plain").send("ok");
  } catch {
    res.status(503).type("text/plain").send("database unavailable");
  }
});

type ErrorKind = "unavailable" | "tooLarge" | "badRequest" | "badAddress" | "generic";

function sendErrorPage(req: ExpressRequest, res: ExpressResponse, status: number, kind: ErrorKind) {
  if (res.headersSent) return;
  const locale = localeFor(null, req.get("cookie"));
  const t = translator(locale);
  // only this page, written here, says so: not an "errors." key, which every page's root chunk carries
  const keyBase = kind === "badAddress" ? "plainPage.badAddress" : `errors.${kind}`;
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  if (status === 503) res.setHeader("Retry-After", "30");
  res.type("html").send(
    plainErrorPage({ locale, title: t(`${keyBase}.title`), body: t(`${keyBase}.body`), back: t("errors.back"), nonce: String(res.locals.nonce) }),
  );
}

/** A refused body: answer now and close the connection so the rest of an oversized upload is never read. */
function refuse(req: ExpressRequest, res: ExpressResponse, status: 400 | 413) {
  sendErrorPage(req, res, status, status === 413 ? "tooLarge" : "badRequest");
  // Closing a socket with unread request bytes makes the kernel send a reset, which can reach the client before it
  // has read the answer. So what the client still sends is read and thrown away (nothing is kept), and the
  // connection is cut a second after the answer: a client that stops sending on the answer, as browsers do, reads it.
  req.resume();
  res.once("finish", () => setTimeout(() => req.socket.destroy(), 1000).unref());
}

app.use((req, res, next) => {
  if (!isSameOrigin(req.method, req.get("origin"), req.get("host"))) {
    res.status(403).type("text/plain").send("Cross-origin request refused");
    return;
  }
  // a control character typed in a search box is taken out before the app reads the query (http.server.ts)
  const cleaned = cleanedUrl(req.originalUrl);
  if (cleaned === "refuse") {
    refuse(req, res, 400);
    return;
  }
  if (cleaned !== null) req.url = req.originalUrl = cleaned;
  next();
});

/**
 * Pages (text/html) and Remix data requests (text/x-script): no route defers data, so React has the whole
 * document as soon as the shell is ready. The chunks are collected and compressed once, synchronously, with the
 * encoding the browser accepts: brotli quality 2 costs a fifth of the CPU of quality 4 for ~5 % more bytes on a
 * 30 KB page, and one compression of the whole body instead of one per streamed chunk saves the thread-pool round
 * trips and many small socket writes. The answer carries its Content-Length.
 */
const RENDERED = /^text\/(html|x-script)\b/i;
const BROTLI_RENDERED: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } };
const MIN_COMPRESSED = 1024;

async function renderedBody(req: ExpressRequest, response: Response): Promise<{ bytes: Buffer; encoding: "br" | "gzip" | null }> {
  let raw: Buffer;
  const page = pageBytesOf(response);
  if (page) raw = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  else {
    const chunks: Uint8Array[] = [];
    const reader = response.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    raw = Buffer.concat(chunks);
  }
  const length = raw.length;
  if (length < MIN_COMPRESSED) return { bytes: raw, encoding: null };
  const encoding = req.acceptsEncodings("br", "gzip", "identity");
  if (encoding === "br") {
    const params = { ...BROTLI_RENDERED.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length };
    return { bytes: zlib.brotliCompressSync(raw, { params }), encoding };
  }
  if (encoding === "gzip") return { bytes: zlib.gzipSync(raw, { level: 6 }), encoding };
  return { bytes: raw, encoding: null };
}

app.all("*", async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
  try {
    let body: BodyInit | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const limit = bodyLimitFor(req.path);
      if (limit.stream) {
        body = countedStream(req, limit.bytes, () => refuse(req, res, 413));
      } else {
        try {
          const buffered = await bufferBody(req, limit.bytes);
          // a control character pasted into a field is taken out, so the form is read and checked as usual
          const cleaned = await checkFormBody(buffered, req.get("content-type") ?? "");
          if (cleaned) {
            req.headers["content-type"] = cleaned.contentType;
            req.headers["content-length"] = String(cleaned.body.length);
          }
          body = new Uint8Array(cleaned?.body ?? buffered);
        } catch (err) {
          if (err instanceof BodyRejected) return refuse(req, res, err.status);
          throw err;
        }
      }
    }
    const auth = await authenticate(req.get("cookie"));
    if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
    const loadContext = {
      auth,
      locale: localeFor(auth.user, req.get("cookie")),
      clientIp: req.ip ?? "unknown",
      nonce: String(res.locals.nonce),
      inlineStyle,
      // a request straight from this machine, not through a proxy (the development mailbox allows those)
      directLoopback: trustProxy === false && isLoopback(req.socket.remoteAddress),
      // a Remix data request (`….data`), not a document: see AppLoadContext in app/context.ts
      dataRequest: req.path.endsWith(".data"),
    };
    const host = req.get("host") ?? "localhost";
    const url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
    const headers = new Headers();
    for (const [key, values] of Object.entries(req.headers)) {
      if (!values) continue;
      for (const v of Array.isArray(values) ? values : [values]) headers.append(key, v);
    }
    // No abort signal: Node's Request keeps a signal handed to it through a weak reference and a finalization
    // registry, which hold the request's objects through every young-generation collection until a full one
    // (measured: 5–12 ms collections every few hundred requests instead of ~1 ms, and a full one each second). No
    // route streams or defers data, and a loader or action that has started is better finished than cut off when the
    // browser goes away; an upload that stops arriving still fails, by its body.
    const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
    if (body !== undefined) {
      init.body = body;
      init.duplex = "half";
    }
    const response = await handleRemix(new Request(url, init), loadContext);
    // a 413 already went out while an upload was being read: the route's own answer is dropped
    if (res.headersSent) return;
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) {
      if (key.toLowerCase() !== "set-cookie") res.append(key, value);
    }
    for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
    // pages and data requests may carry personal data: shared computers (warnet, school) must not keep them
    if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
    const contentType = response.headers.get("Content-Type") ?? "";
    if ((response.body || pageBytesOf(response)) && req.method !== "HEAD" && RENDERED.test(contentType) && !response.headers.has("Content-Encoding")) {
      const sent = await renderedBody(req, response);
      if (res.headersSent) return;
      if (sent.encoding) res.setHeader("Content-Encoding", sent.encoding);
      res.vary("Accept-Encoding");
      res.setHeader("Content-Length", sent.bytes.length);
      res.end(sent.bytes);
      return;
    }
    if (/text\/event-stream/i.test(contentType)) res.flushHeaders();
    const page = req.method === "HEAD" ? null : pageBytesOf(response);
    if (page) res.end(page);
    else if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (err) {
    next(err);
  }
});

// Last resort (the database is down while the session is checked, …): the app's own page in the user's language.
app.use((err: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Express refuses an address it cannot decode ("/e/%E0%A4%A", a link cut short in a chat) with a 400 of its own:
  // the sender's mistake, not ours: a 400 page, and no stack in the log
  const status = Number((err as { status?: unknown } | null)?.status);
  if (status >= 400 && status < 500) {
    sendErrorPage(req, res, 400, err instanceof URIError ? "badAddress" : "badRequest");
    return;
  }
  const down = isDatabaseUnavailable(err);
  console.error(down ? `database unavailable: ${err instanceof Error ? err.message : String(err)}` : err);
  sendErrorPage(req, res, down ? 503 : 500, down ? "unavailable" : "generic");
});

// Express's own `app.listen` would make requests that outlive their young generation (expressServer, http.server.ts)
const server = expressServer(app).listen(env.PORT, env.HOST, () => {
  const shown = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  console.log(`Simpul ready at http://${shown}:${env.PORT} (${env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.PGLITE_DIR}`}, started in ${Date.now() - t0} ms)`);
});
const worker = env.WORKER === "1" ? startWorker() : null;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await worker?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSharedDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
