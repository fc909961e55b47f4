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
// ".<value>" brings every key starting with its fixed part (and that dot); a key brings its form for exactly 1
// ("roster.countOne", picked by countKey in app/i18n/plural.ts). The root also gets
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

/** Adds to `out` the dictionary keys `node` names, and to `specifiers` the modules it loads code from. */
function collect(node: ts.Node, keys: readonly string[], keySet: ReadonlySet<string>, out: Set<string>, specifiers: string[]) {
  const addPrefixTo = (prefix: string) => addPrefix(keys, out, prefix);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      // type-only imports bring no code (and no strings) into the page
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
      return;
    }
    // import("~/components/x.lazy"): code the page loads later (see app/components/lazy-part.tsx)
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const s = node.text;
      const bare = s.split("?")[0] ?? s; // "errors.tooLongMax?max=1000"
      if (keySet.has(bare)) {
        out.add(bare);
        // a counted phrase's form for exactly 1 (app/i18n/plural.ts: countKey) goes with it
        if (keySet.has(`${bare}One`)) out.add(`${bare}One`);
      }
      // a namespace handed to a helper that appends ".<value>": radio("mode", MODES, …, "tutoring.mode", …)
      if (/^[a-z]\w*(\.\w+)+$/.test(s)) addPrefixTo(`${s}.`);
      // const PREFIX = "reports.status." (a bare domain like "events." is a test, startsWith("events."), not a key)
      else if (s.endsWith(".") && s.indexOf(".") < s.length - 1) addPrefixTo(s);
      // "status." + s (and "a.b" + x): the literal on the left is a prefix
      const parent = node.parent;
      if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken && parent.left === node) addPrefixTo(s);
    } else if (ts.isTemplateExpression(node)) {
      addPrefixTo(node.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(node);
}

const parse = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

/** The dictionary keys a module's source can use, and the import specifiers it loads code from. */
export function scanSource(file: string, text: string, keys: readonly string[], keySet: ReadonlySet<string> = new Set(keys)): { keys: Set<string>; specifiers: string[] } {
  const result = { keys: new Set<string>(), specifiers: [] as string[] };
  collect(parse(file, text), keys, keySet, result.keys, result.specifiers);
  return result;
}

/** A top-level statement of a module: the keys it names, the names it refers to, the modules it import()s. */
type Statement = { keys: Set<string>; names: Set<string>; loads: string[] };
/**
 * A module read statement by statement, so that a page takes the keys of only what it uses of a module: the
 * functions it imports and what they use, not every other function beside them (a model's `getEvent` without the
 * event form's messages of `createEvent` in the same file). A module's statements that are not declarations run
 * whenever it is imported.
 */
export type ModuleScan = {
  always: Statement[];
  /** a top-level declared name → the statements declaring it */
  locals: Map<string, Statement[]>;
  /** an exported name → the local name it exports */
  exported: Map<string, string>;
  /** an exported name → the module and the name it comes from (`export { a as b } from "./x"`; "*": `export * as ns`) */
  reexported: Map<string, { spec: string; name: string }>;
  /** `export * from "./x"` */
  stars: string[];
  /** a local binding → the module and the name it imports ("default", "*" for a namespace) */
  imported: Map<string, { spec: string; name: string }>;
  /** `import "./x"`: run for its effects */
  bare: string[];
};

const ALL = "*";
const EFFECTS = "";

export function scanModule(file: string, text: string, keys: readonly string[], keySet: ReadonlySet<string> = new Set(keys)): ModuleScan {
  const sf = parse(file, text);
  const scan: ModuleScan = { always: [], locals: new Map(), exported: new Map(), reexported: new Map(), stars: [], imported: new Map(), bare: [] };
  const statementOf = (node: ts.Node): Statement => {
    const st: Statement = { keys: new Set(), names: new Set(), loads: [] };
    collect(node, keys, keySet, st.keys, st.loads);
    const names = (n: ts.Node) => {
      if (ts.isIdentifier(n)) st.names.add(n.text);
      ts.forEachChild(n, names);
    };
    names(node);
    return st;
  };
  const declare = (name: string, st: Statement) => scan.locals.set(name, [...(scan.locals.get(name) ?? []), st]);
  const bindingNames = (n: ts.BindingName): string[] =>
    ts.isIdentifier(n) ? [n.text] : n.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
  for (const node of sf.statements) {
    const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
    const isExported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isImportDeclaration(node)) {
      if (!ts.isStringLiteral(node.moduleSpecifier)) continue;
      const spec = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (!clause) {
        scan.bare.push(spec);
        continue;
      }
      if (clause.isTypeOnly) continue;
      if (clause.name) scan.imported.set(clause.name.text, { spec, name: "default" });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) scan.imported.set(bindings.name.text, { spec, name: ALL });
      else if (bindings) for (const el of bindings.elements) if (!el.isTypeOnly) scan.imported.set(el.name.text, { spec, name: (el.propertyName ?? el.name).text });
    } else if (ts.isExportDeclaration(node)) {
      if (node.isTypeOnly) continue;
      const clause = node.exportClause;
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const spec = node.moduleSpecifier.text;
        if (!clause) scan.stars.push(spec);
        else if (ts.isNamespaceExport(clause)) scan.reexported.set(clause.name.text, { spec, name: ALL });
        else for (const el of clause.elements) if (!el.isTypeOnly) scan.reexported.set(el.name.text, { spec, name: (el.propertyName ?? el.name).text });
      } else if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) scan.exported.set(el.name.text, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isExportAssignment(node)) {
      declare("default", statementOf(node.expression));
      scan.exported.set("default", "default");
    } else if (ts.isVariableStatement(node)) {
      const st = statementOf(node);
      for (const d of node.declarationList.declarations) {
        for (const name of bindingNames(d.name)) {
          declare(name, st);
          if (isExported) scan.exported.set(name, name);
        }
      }
    } else if (
      (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) &&
      (node.name || isDefault)
    ) {
      const name = node.name?.text ?? "default";
      declare(name, statementOf(node));
      if (isExported) scan.exported.set(isDefault ? "default" : name, name);
    } else {
      scan.always.push(statementOf(node));
    }
  }
  return scan;
}

const modules = new Map<string, ModuleScan>();
function moduleOf(file: string): ModuleScan {
  let known = modules.get(file);
  if (!known) {
    known = scanModule(file, fs.readFileSync(file, "utf8"), keys, keySet);
    modules.set(file, known);
  }
  return known;
}

const isServerModule = (file: string) => /\.server\.tsx?$/.test(file);

/** A part of a page whose code the browser loads apart from the page's (app/components/lazy-part.tsx). */
const isLazyPart = (file: string) => /\.lazy\.tsx?$/.test(file);

/**
 * Every key the module can use: all of its own statements, and of each module it imports (inside app/) what it
 * imports from it, followed name by name, as a bundler's tree-shaking would (a name that is used somewhere in a
 * statement counts as used). A `*.lazy.tsx` part it reaches is not followed (its strings come with its own chunk):
 * it is added to `lazyParts`. `shownByClient` gets the keys named outside `*.server` modules (code the browser has).
 */
function keysOf(entry: string, lazyParts?: Set<string>, shownByClient?: Set<string>): Set<string> {
  const out = new Set<string>();
  const asked = new Map<string, Set<string>>();
  const included = new Set<Statement>();
  const queue: [string, string][] = [[entry, ALL]];
  const follow = (from: string, spec: string, name: string) => {
    const file = resolveImport(from, spec);
    if (file) queue.push([file, name]);
  };
  while (queue.length) {
    const [file, name] = queue.pop()!;
    if (skipped(file)) continue;
    if (file !== entry && isLazyPart(file) && lazyParts) {
      lazyParts.add(file);
      continue;
    }
    const names = asked.get(file) ?? new Set<string>();
    const first = !asked.has(file);
    asked.set(file, names);
    if (names.has(ALL) || names.has(name)) continue;
    names.add(name);
    const mod = moduleOf(file);
    const include = (st: Statement) => {
      if (included.has(st)) return;
      included.add(st);
      for (const k of st.keys) out.add(k);
      if (shownByClient && !isServerModule(file)) for (const k of st.keys) shownByClient.add(k);
      for (const spec of st.loads) follow(file, spec, ALL);
      for (const n of st.names) followLocal(n);
    };
    const followLocal = (n: string) => {
      const declared = mod.locals.get(n);
      if (declared) for (const st of declared) include(st);
      else {
        const imp = mod.imported.get(n);
        if (imp) follow(file, imp.spec, imp.name);
      }
    };
    if (first) {
      for (const st of mod.always) include(st);
      for (const spec of mod.bare) follow(file, spec, EFFECTS);
    }
    if (name === EFFECTS) continue;
    if (name === ALL) {
      for (const sts of mod.locals.values()) for (const st of sts) include(st);
      for (const [, imp] of mod.imported) follow(file, imp.spec, imp.name);
      for (const [, re] of mod.reexported) follow(file, re.spec, re.name);
      for (const spec of mod.stars) follow(file, spec, ALL);
      continue;
    }
    const local = mod.exported.get(name);
    const re = mod.reexported.get(name);
    if (local !== undefined) followLocal(local);
    else if (re) follow(file, re.spec, re.name);
    else for (const spec of mod.stars) follow(file, spec, name);
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
    const shownByClient = new Set<string>();
    const all = keysOf(file, parts, shownByClient);
    // a part may bring further parts; each joins the route's strings when its code has loaded
    const partKeys = new Set<string>();
    const queue = [...parts];
    while (queue.length) {
      const part = queue.pop()!;
      const users = lazyUsers.get(part) ?? new Set<string>();
      if (users.has(routeId)) continue;
      users.add(routeId);
      lazyUsers.set(part, users);
      const nested = new Set<string>();
      for (const k of keysOf(part, nested)) partKeys.add(k);
      queue.push(...nested);
    }
    // A key that only server code names (an action's error) and a part names too is shown by that part: it comes
    // with the part's strings (OnlineFieldset.lazy.tsx names the go-online list's problems the action returns).
    const own = [...all].filter((k) => !rootKeys.has(k) && (shownByClient.has(k) || !partKeys.has(k)));
    files.set(`${routeId}.ts`, moduleText(routeId, own));
    if (!fs.readFileSync(file, "utf8").includes(importLine(routeId))) missingImports.push(`app/${routeId}${path.extname(file)}: ${importLine(routeId)}`);
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
