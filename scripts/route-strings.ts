// Run by remix.config.js before every `remix build` (so `npm run build`, tests/run-all.sh, bench/run.sh, the
// README's `npx remix build` all get it); by hand: `node --import tsx scripts/route-strings.ts`.
//
// Writes app/i18n/strings/<route id>.ts (git-ignored): for every page route (and root) the interface strings it can
// use, in both languages, registered under its route id. Each route module imports its own file with one line
// (`import "~/i18n/strings/routes/<file>";`), so the strings travel in the route's own chunk and are there before a
// client-side navigation renders the page; useT looks keys up in the strings of the matched routes.
//
// Which keys a route can use: every string literal that is a key of the dictionary, in the route file and in
// everything it imports inside app/ (components, *.server.ts models whose actions and loaders return error keys the
// page shows), found with the TypeScript parser; a template literal `events.inst.${x}`, a concatenation
// "status." + s, a constant "reports.status." or a namespace "tutoring.mode" handed to a helper that appends
// ".<value>" brings every key starting with its fixed part (and that dot). The root also gets
// every `errors.*` key (error boundaries, field errors). Keys the root has are left out of the routes' files.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { dictionaryFor } from "../app/i18n/dictionaries.server";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const app = path.join(root, "app");
const outDir = path.join(app, "i18n", "strings");

const id = dictionaryFor("id");
const keys = Object.keys(id).sort();
const keySet = new Set(keys);

// the dictionaries themselves (every key is a literal there) and the generated files are not scanned
const skipped = (file: string) => file.startsWith(path.join(app, "i18n", "messages") + path.sep) || file.startsWith(outDir + path.sep) || file === path.join(app, "i18n", "dictionaries.server.ts");

type Scan = { keys: Set<string>; imports: string[] };
const scans = new Map<string, Scan>();

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(app, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package: not ours
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile() && /\.tsx?$/.test(cand)) return cand;
  }
  return null; // a stylesheet, an image, or not there
}

function addPrefix(keys: readonly string[], out: Set<string>, prefix: string) {
  const p = prefix.split("?")[0] ?? "";
  if (p.length < 3 || !p.includes(".")) return;
  for (const k of keys) if (k.startsWith(p)) out.add(k);
}

/** The dictionary keys a module's source can use, and the import specifiers it loads code from. */
export function scanSource(file: string, text: string, keys: readonly string[], keySet: ReadonlySet<string> = new Set(keys)): { keys: Set<string>; specifiers: string[] } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const result = { keys: new Set<string>(), specifiers: [] as string[] };
  const addPrefixTo = (out: Set<string>, prefix: string) => addPrefix(keys, out, prefix);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      // type-only imports bring no code (and no strings) into the page
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      if (!typeOnly) result.specifiers.push(node.moduleSpecifier.text);
      return;
    }
    // import("~/components/x.lazy"): code the page loads later (see app/components/lazy-part.tsx)
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      result.specifiers.push(node.arguments[0].text);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const s = node.text;
      const bare = s.split("?")[0] ?? s; // "errors.tooLongMax?max=1000"
      if (keySet.has(bare)) result.keys.add(bare);
      // a namespace handed to a helper that appends ".<value>": radio("mode", MODES, …, "tutoring.mode", …)
      if (/^[a-z]\w*(\.\w+)+$/.test(s)) addPrefixTo(result.keys, `${s}.`);
      // const PREFIX = "reports.status." (a bare domain like "events." is a test, startsWith("events."), not a key)
      else if (s.endsWith(".") && s.indexOf(".") < s.length - 1) addPrefixTo(result.keys, s);
      // "status." + s (and "a.b" + x): the literal on the left is a prefix
      const parent = node.parent;
      if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken && parent.left === node) addPrefixTo(result.keys, s);
    } else if (ts.isTemplateExpression(node)) {
      addPrefixTo(result.keys, node.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return result;
}

function scan(file: string): Scan {
  const known = scans.get(file);
  if (known) return known;
  const { keys: found, specifiers } = scanSource(file, fs.readFileSync(file, "utf8"), keys, keySet);
  const result: Scan = { keys: found, imports: specifiers.map((spec) => resolveImport(file, spec)).filter((f): f is string => f !== null) };
  scans.set(file, result);
  return result;
}

/** A part of a page whose code the browser loads apart from the page's (app/components/lazy-part.tsx). */
const isLazyPart = (file: string) => /\.lazy\.tsx?$/.test(file);

/**
 * Every key the module and what it imports (inside app/) can use. A `*.lazy.tsx` part it reaches is not followed
 * (its strings come with its own chunk): it is added to `lazyParts`.
 */
function keysOf(entry: string, lazyParts?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const out = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || skipped(file)) continue;
    if (file !== entry && isLazyPart(file) && lazyParts) {
      lazyParts.add(file);
      continue;
    }
    seen.add(file);
    const s = scan(file);
    for (const k of s.keys) out.add(k);
    stack.push(...s.imports);
  }
  return out;
}

function moduleText(routeId: string | string[], routeKeys: Iterable<string>): string {
  // Indonesian only: the default language. English pages load the whole English dictionary once (app/i18n/registry.ts).
  const entries = [...routeKeys].sort().map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(id[k])},`);
  const head = "// Generated by scripts/route-strings.ts (run by every `remix build`) from app/i18n/messages: do not edit.";
  if (Array.isArray(routeId)) {
    // a lazily loaded part: its strings join those of every route that uses it
    return [head, 'import { registerStrings } from "~/i18n/registry";', "", "const strings = {", ...entries, "};", `for (const id of ${JSON.stringify(routeId)}) registerStrings(id, strings);`, ""].join("\n");
  }
  return [head, 'import { registerStrings } from "~/i18n/registry";', "", `registerStrings(${JSON.stringify(routeId)}, {`, ...entries, "});", ""].join("\n");
}

const importLine = (routeId: string) => `import "~/i18n/strings/${routeId}";`;
/** app/components/events/LeadSection.lazy.tsx → "lazy/components/events/LeadSection.lazy" */
const lazyId = (file: string) => `lazy/${path.relative(app, file).replace(/\.tsx?$/, "").split(path.sep).join("/")}`;

/** Every page route's (and the root's) strings module: file name under app/i18n/strings → its text. */
export function routeStringModules(): { files: Map<string, string>; missingImports: string[] } {
  // page routes: route files with a default export (resource routes render nothing)
  const routesDir = path.join(app, "routes");
  const routeFiles = fs
    .readdirSync(routesDir)
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith(".") && !/\.test\./.test(f))
    .map((f) => path.join(routesDir, f))
    .filter((f) => /^export default /m.test(fs.readFileSync(f, "utf8")));

  const rootFile = path.join(app, "root.tsx");
  const rootKeys = keysOf(rootFile);
  for (const k of keys) if (k.startsWith("errors.")) rootKeys.add(k);

  const files = new Map<string, string>();
  files.set("root.ts", moduleText("root", rootKeys));
  const missingImports: string[] = [];
  if (!fs.readFileSync(rootFile, "utf8").includes(importLine("root"))) missingImports.push(`app/root.tsx: ${importLine("root")}`);
  // lazily loaded part → the routes that use it
  const lazyUsers = new Map<string, Set<string>>();
  for (const file of routeFiles) {
    const routeId = `routes/${path.basename(file).replace(/\.tsx?$/, "")}`;
    const parts = new Set<string>();
    const own = [...keysOf(file, parts)].filter((k) => !rootKeys.has(k));
    files.set(`${routeId}.ts`, moduleText(routeId, own));
    if (!fs.readFileSync(file, "utf8").includes(importLine(routeId))) missingImports.push(`app/${routeId}${path.extname(file)}: ${importLine(routeId)}`);
    // a part may bring further parts; each joins the route's strings when its code has loaded
    const queue = [...parts];
    while (queue.length) {
      const part = queue.pop()!;
      const users = lazyUsers.get(part) ?? new Set<string>();
      if (users.has(routeId)) continue;
      users.add(routeId);
      lazyUsers.set(part, users);
      const nested = new Set<string>();
      keysOf(part, nested);
      queue.push(...nested);
    }
  }
  for (const [part, users] of [...lazyUsers].sort(([a], [b]) => a.localeCompare(b))) {
    const own = [...keysOf(part, new Set())].filter((k) => !rootKeys.has(k));
    files.set(`${lazyId(part)}.ts`, moduleText([...users].sort(), own));
    if (!fs.readFileSync(part, "utf8").includes(importLine(lazyId(part)))) missingImports.push(`app/${path.relative(app, part)}: ${importLine(lazyId(part))}`);
  }
  return { files, missingImports };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { files, missingImports } = routeStringModules();
  if (missingImports.length) {
    console.error(`route-strings: these page modules do not import their strings (add the line):\n  ${missingImports.join("\n  ")}`);
    process.exit(1);
  }

  // unchanged files are left alone (their times too)
  const wanted = new Set(files.keys());
  for (const [rel, text] of files) {
    const target = path.join(outDir, rel);
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  // files of routes that are gone
  const walk = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)])) : []);
  for (const f of walk(outDir)) if (!wanted.has(path.relative(outDir, f))) fs.rmSync(f);
  if (process.env.ROUTE_STRINGS_VERBOSE) {
    for (const [rel, text] of files) console.log(`${rel}: ${(text.match(/\n {2}"/g) ?? []).length} keys, ${text.length} bytes`);
  }
}
