// After `remix build`: writes a brotli (.br) and a gzip (.gz, zopfli) copy of every script and stylesheet of the build,
// which the server then sends as they are (see app/services/static-assets.server.ts). Part of `npm run build`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { precompressAssets } from "../app/services/static-assets.server";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.env.SIMPUL_BUILD_DIR;
const dir = name ? path.join(root, ".builds", path.basename(name), "assets") : path.join(root, "public/build");
const t0 = Date.now();
const n = await precompressAssets(dir, undefined, { zopfli: true });
console.log(`precompressed ${n} files in ${dir} (${Date.now() - t0} ms)`);
