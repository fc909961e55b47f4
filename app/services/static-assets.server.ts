/**
 * Precompressed build assets. `npm run build` writes <file>.br (brotli, best quality) and <file>.gz (gzip -9) next
 * to every script and stylesheet of the Remix build; the server sends those bytes as they are, with the right
 * Content-Encoding and `Vary: Accept-Encoding`, instead of compressing the same immutable file on every request.
 * A build made with plain `remix build` (tests) gets its compressed copies written in the background at start-up;
 * until a copy exists the request falls through to express.static and on-the-fly compression.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const COMPRESSIBLE = /\.(js|css|map|svg|json|txt)$/;
const CONTENT_TYPE: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
type Encoding = "br" | "gzip";
const SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

async function* filesUnder(dir: string): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

async function zopfliGzip(): Promise<(source: Buffer) => Promise<Buffer>> {
  const z = (await import("@gfx/zopfli")) as unknown as {
    gzip: (b: Buffer, o: { numiterations: number }, cb: (e: Error | null, out: Uint8Array) => void) => void;
  };
  const gz = (z as { default?: typeof z }).default?.gzip ?? z.gzip;
  return (source) =>
    new Promise((resolve, reject) => gz(source, { numiterations: 1 }, (e, out) => (e ? reject(e) : resolve(Buffer.from(out)))));
}

/**
 * Writes the missing .br/.gz copies of every compressible file under `dir`; returns how many it wrote.
 * `zopfli: true` (the build script) writes the gzip copies with zopfli: about 3 % fewer bytes than gzip -9 (one iteration: more gain nothing here) for
 * clients without brotli, at a second or two per large chunk — build time only, never at start-up.
 */
export async function precompressAssets(
  dir: string,
  onFile?: (file: string, encoding: Encoding) => void,
  opts: { zopfli?: boolean } = {},
): Promise<number> {
  let written = 0;
  const zopfli = opts.zopfli ? await zopfliGzip() : null;
  for await (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    // a build compressed at build time: nothing to read (the server checks at every start)
    if (fs.existsSync(file + SUFFIX.br) && fs.existsSync(file + SUFFIX.gzip)) {
      onFile?.(file, "br");
      onFile?.(file, "gzip");
      continue;
    }
    const source = await fsp.readFile(file);
    if (source.length < 256) continue;
    for (const encoding of ["br", "gzip"] as const) {
      const target = file + SUFFIX[encoding];
      if (fs.existsSync(target)) {
        onFile?.(file, encoding);
        continue;
      }
      const bytes =
        encoding === "br"
          ? await brotli(source, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            })
          : zopfli
            ? await zopfli(source)
            : await gzip(source, { level: 9 });
      // write to a temporary name, then rename: a request never sees half a file
      const tmp = `${target}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, bytes);
      await fsp.rename(tmp, target);
      written++;
      onFile?.(file, encoding);
    }
  }
  return written;
}

/**
 * Express middleware for a directory of immutable build assets: answers with the precompressed copy the browser
 * accepts (brotli first, then gzip), or passes the request on. Only files known to exist are served (a map filled
 * from the directory), so no request path ever reaches the file system.
 */
export function precompressedAssets(dir: string, opts: { precompressMissing?: boolean } = {}) {
  const available = new Map<string, Set<Encoding>>(); // "/_shared/x.js" → encodings on disk
  const remember = (file: string, encoding: Encoding) => {
    const key = "/" + path.relative(dir, file).split(path.sep).join("/");
    let set = available.get(key);
    if (!set) available.set(key, (set = new Set()));
    set.add(encoding);
  };
  const ready = (async () => {
    for await (const file of filesUnder(dir)) {
      for (const encoding of ["br", "gzip"] as const) if (file.endsWith(SUFFIX[encoding])) remember(file.slice(0, -SUFFIX[encoding].length), encoding);
    }
    if (opts.precompressMissing) await precompressAssets(dir, remember);
  })().catch((e: unknown) => console.error("precompressing assets failed", e));

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const encodings = available.get(req.path);
    if (!encodings) return next();
    res.vary("Accept-Encoding");
    const offered = (["br", "gzip"] as const).filter((e) => encodings.has(e));
    const chosen = req.acceptsEncodings(...offered, "identity");
    if (chosen !== "br" && chosen !== "gzip") return next();
    const file = req.path.slice(1) + SUFFIX[chosen]; // relative to `root`: the dot-file rule sees only this part
    res.setHeader("Content-Encoding", chosen);
    res.setHeader("Content-Type", CONTENT_TYPE[path.extname(req.path)] ?? "application/octet-stream");
    res.sendFile(file, { root: dir, maxAge: "1y", immutable: true, dotfiles: "deny" }, (err) => {
      if (!err) return;
      // the copy vanished (a new build in place): forget it and serve the plain file
      available.get(req.path)?.delete(chosen);
      if (res.headersSent) return;
      res.removeHeader("Content-Encoding");
      res.removeHeader("Content-Type");
      next();
    });
  }
  return Object.assign(middleware, { ready });
}
