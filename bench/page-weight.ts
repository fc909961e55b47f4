// Page weight as a low-end phone on 3G would download it: HTML and first-load JavaScript, gzip-compressed.
// Usage: node --import tsx bench/page-weight.ts BASE_URL PATH [PATH…]   (SESSION=<cookie value> for signed-in pages)
import { gzipSync } from "node:zlib";

const [base, ...paths] = process.argv.slice(2);
if (!base || !paths.length) {
  console.error("usage: bench/page-weight.ts http://localhost:3000 /login /chapters/x/roster");
  process.exit(2);
}
const headers: Record<string, string> = process.env.SESSION ? { cookie: `simpul_session=${process.env.SESSION}` } : {};

async function get(url: string) {
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log("| page | status | HTML gzip | JS files | JS gzip | CSS gzip |");
console.log("|---|---|---|---|---|---|");
for (const p of paths) {
  const page = await get(new URL(p, base).toString());
  const html = page.body.toString("utf8");
  const scripts = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)) if (m[1]) scripts.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from\s*"([^"]+\.js)"/g)) {
    const s = m[1] ?? m[2];
    if (s) scripts.add(s);
  }
  const css = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) if (m[1]) css.add(m[1]);
  let js = 0;
  for (const s of scripts) js += gzipSync((await get(new URL(s, base).toString())).body).length;
  let cssBytes = 0;
  for (const s of css) cssBytes += gzipSync((await get(new URL(s, base).toString())).body).length;
  console.log(`| ${p} | ${page.status} | ${kb(gzipSync(page.body).length)} | ${scripts.size} | ${kb(js)} | ${kb(cssBytes)} |`);
}
