// First-load JavaScript of every page of the app, not only the pages the other benchmarks open: from the build's
// manifest, each page route's entry, root, its own and its parents' modules and the chunks they import (what the
// document names as modulepreload), gzip bytes as served (the precompressed .gz files). A page whose route, or a
// parent's, says `handle = { hydrate: false }` ships none; resource routes (no default export) are not pages.
// Usage: node --import tsx bench/first-load-js.ts   (after `npm run build`, or with SIMPUL_BUILD_DIR as bench/run.sh)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { target } from "./targets";

type ManifestRoute = { id: string; parentId?: string; path?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT_KB = 90;
const buildName = process.env.SIMPUL_BUILD_DIR;
const assets = buildName ? path.join(root, ".builds", path.basename(buildName), "assets") : path.join(root, "public", "build");
const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-[\w]+\.js$/.test(f));
if (!manifestFile) throw new Error(`no manifest in ${assets}: build first`);
const text = fs.readFileSync(path.join(assets, manifestFile), "utf8");
const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;

const sizes = new Map<string, number>();
function servedGzip(url: string): number {
  let n = sizes.get(url);
  if (n === undefined) {
    const file = path.join(assets, url.replace(/^\/build\//, ""));
    n = fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : gzipSync(fs.readFileSync(file)).length;
    sizes.set(url, n);
  }
  return n;
}

function sourceOf(id: string): string | null {
  for (const ext of [".tsx", ".ts"]) {
    const file = path.join(root, "app", `${id}${ext}`);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return null;
}
const isPage = (id: string) => /^export default\b/m.test(sourceOf(id) ?? "");
const hydrates = (id: string) => !/^export const handle\s*=\s*\{[^}]*hydrate:\s*false/m.test(sourceOf(id) ?? "");

const rows: { id: string; path: string; kb: number; files: number }[] = [];
for (const route of Object.values(manifest.routes)) {
  if (route.id === "root" || !isPage(route.id)) continue;
  const chain: ManifestRoute[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.unshift(r);
  const pathOf = `/${chain.map((r) => r.path ?? "").filter(Boolean).join("/")}`;
  if (!chain.every((r) => hydrates(r.id))) {
    rows.push({ id: route.id, path: pathOf, kb: 0, files: 0 });
    continue;
  }
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const r of chain) for (const f of [r.module, ...(r.imports ?? [])]) files.add(f);
  const bytes = [...files].reduce((n, f) => n + servedGzip(f), 0);
  rows.push({ id: route.id, path: pathOf, kb: bytes / 1024, files: files.size });
}
rows.sort((a, b) => b.kb - a.kb);
const hydrating = rows.filter((r) => r.kb > 0);
console.log(`first-load JavaScript of every page (${rows.length} pages, ${hydrating.length} hydrate; gzip as served), the ten largest:`);
console.log("| page | route | JS gzip | files |\n|---|---|---|---|");
for (const r of rows.slice(0, 10)) console.log(`| ${r.path} | ${r.id} | ${r.kb.toFixed(1)} KB | ${r.files} |`);
const over = hydrating.filter((r) => r.kb > LIMIT_KB);
console.log(over.length ? `over ${LIMIT_KB} KB: ${over.map((r) => r.path).join(", ")}` : `every page ≤ ${LIMIT_KB} KB; ${rows.length - hydrating.length} pages ship none`);
target("first-load-js", `first-load JS, the largest of all ${hydrating.length} pages that hydrate (${hydrating[0]?.path ?? "—"})`, hydrating[0]?.kb ?? 0, "KB", "max", LIMIT_KB);
