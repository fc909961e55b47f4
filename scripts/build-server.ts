// After `remix build`: compiles server.ts (and the app modules it imports itself) to one JavaScript file,
// build/server.js (.builds/<SIMPUL_BUILD_DIR>/server.js), so `npm start` runs plain node. Part of `npm run build`.
// Running the server through the tsx loader costs ~190 MB of RSS: its hooks see every module the Remix build loads.
// Packages stay external (resolved from node_modules at run time), as in the Remix server build.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.env.SIMPUL_BUILD_DIR;
const outfile = name ? path.join(root, ".builds", path.basename(name), "server.js") : path.join(root, "build", "server.js");
const t0 = Date.now();
await build({
  entryPoints: [path.join(root, "server.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
console.log(`server compiled to ${path.relative(root, outfile)} (${Date.now() - t0} ms)`);
