import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Every build first writes each page route's interface strings (app/i18n/strings/, git-ignored; see
// scripts/route-strings.ts), so `remix build` however it is started never bundles stale or missing ones.
const projectDir = path.dirname(fileURLToPath(import.meta.url));
execFileSync(process.execPath, ["--import", "tsx", "scripts/route-strings.ts"], { cwd: projectDir, stdio: "inherit" });

// SIMPUL_BUILD_DIR=<name> puts a build in .builds/<name> (inside the project, so the server build resolves
// node_modules and is ESM) for parallel test runs; only its last path segment counts. Default: build/ + public/build/.
const buildDir = process.env.SIMPUL_BUILD_DIR ? `.builds/${path.basename(process.env.SIMPUL_BUILD_DIR)}` : null;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: buildDir ? `${buildDir}/index.js` : "build/index.js",
  assetsBuildDirectory: buildDir ? `${buildDir}/assets` : "public/build",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Server-only packages stay external; the browser bundle never sees them.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
