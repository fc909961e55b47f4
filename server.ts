import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import zlib from "node:zlib";
import { migrateDatabase } from "./db/migrate";
import { closeSharedDatabase } from "./db/client";
import { env } from "./app/env.server";

const root = path.dirname(fileURLToPath(import.meta.url));

// Migrations run before the app opens its own connection (PGlite: one process, one handle at a time).
const t0 = Date.now();
await migrateDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });

const { authenticate, isSameOrigin } = await import("./app/auth/session.server");
const { localeFor } = await import("./app/i18n/locale.server");
const { startWorker } = await import("./app/worker.server");
const { precompressedAssets } = await import("./app/services/static-assets.server");
// SIMPUL_BUILD_DIR: see remix.config.js
const buildDir = process.env.SIMPUL_BUILD_DIR ? path.join(root, ".builds", path.basename(process.env.SIMPUL_BUILD_DIR)) : null;
const build = (await import(pathToFileURL(path.join(buildDir ?? path.join(root, "build"), "index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (env.TRUST_PROXY === "1") app.set("trust proxy", true);
// Dynamic responses (HTML, data, CSV): brotli at quality 4 with a 256 KB window (BROTLI_PARAM_LGWIN 18). The
// default 4 MB window costs as much CPU and memory as rendering the page, for the same size on pages of a few
// dozen KB. Build assets are compressed once, at build time, at the best quality (below).
app.use(
  compression({
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
  }),
);
const assetsDir = buildDir ? path.join(buildDir, "assets") : path.join(root, "public/build");
app.use("/build", precompressedAssets(assetsDir, { precompressMissing: true }));
app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

app.get("/healthz", async (_req, res) => {
  const { checkDatabase } = await import("./app/services/health.server");
  try {
    await checkDatabase();
    res.status(200).type("text/plain").send("ok");
  } catch {
    res.status(503).type("text/plain").send("database unavailable");
  }
});

app.use((req, res, next) => {
  if (!isSameOrigin(req.method, req.get("origin"), req.get("host"))) {
    res.status(403).type("text/plain").send("Cross-origin request refused");
    return;
  }
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: async (req, res) => {
      const auth = await authenticate(req.get("cookie"));
      if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
      return { auth, locale: localeFor(auth.user, req.get("cookie")), clientIp: req.ip ?? "unknown" };
    },
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Simpul ready at http://localhost:${env.PORT} (${env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.PGLITE_DIR}`}, started in ${Date.now() - t0} ms)`);
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
