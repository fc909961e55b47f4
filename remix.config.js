import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Every build first writes each page route's interface strings (app/i18n/strings/, git-ignored; see
// scripts/route-strings.ts), so `remix build` however it is started never bundles stale or missing ones.
const projectDir = path.dirname(fileURLToPath(import.meta.url));
execFileSync(process.execPath, ["--import", "tsx", "scripts/route-strings.ts"], { cwd: projectDir, stdio: "inherit" });

// The browser build stands every `*.server` module (and @remix-run/node) in for an empty CommonJS module, one per
// import path: esbuild keeps each (a CommonJS module may have side effects) and puts it in its own ~100-byte shared
// chunk, 5–8 of them on every page, imported only by the loaders and actions it has just tree-shaken away. Marked
// free of side effects, an empty module nothing uses is left out. The classic compiler takes no esbuild plugins, so
// its plugin is wrapped here (this file runs in the compiler's process, before the build); if its shape ever
// changes, the build goes on as before and says so.
function emptyServerModulesHaveNoSideEffects() {
  const require = createRequire(import.meta.url);
  let plugins;
  try {
    const dev = path.dirname(require.resolve("@remix-run/dev/package.json"));
    plugins = require(path.join(dev, "dist/compiler/plugins/emptyModules.js"));
  } catch {
    plugins = null;
  }
  if (typeof plugins?.emptyModulesPlugin !== "function") {
    process.emitWarning("remix.config.js: @remix-run/dev has no emptyModulesPlugin any more; empty server modules keep their chunks");
    return;
  }
  if (plugins.emptyModulesPlugin.sideEffectFree) return;
  const original = plugins.emptyModulesPlugin;
  const wrapped = (...args) => {
    const plugin = original(...args);
    return {
      ...plugin,
      setup(build) {
        // only the browser build (the one that splits chunks); the server and CSS builds are left alone
        if (!build.initialOptions.splitting) return plugin.setup(build);
        const proxy = Object.create(build);
        proxy.onResolve = (options, callback) =>
          build.onResolve(options, async (resolveArgs) => {
            const result = await callback(resolveArgs);
            return result && result.namespace === "empty-module" ? { ...result, sideEffects: false } : result;
          });
        return plugin.setup(proxy);
      },
    };
  };
  wrapped.sideEffectFree = true;
  plugins.emptyModulesPlugin = wrapped;
}
emptyServerModulesHaveNoSideEffects();

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
