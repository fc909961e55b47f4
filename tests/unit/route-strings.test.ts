import { test } from "node:test";
import assert from "node:assert/strict";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { routeStringModules, scanModule, scanSource } from "../../scripts/route-strings";

const keys = ["events.inst.school", "events.inst.umkm", "events.status.draft", "events.status.published", "tutoring.mode.home", "tutoring.mode.online", "errors.tooLongMax", "events.title", "reports.nav"];

// The build step finds the keys a page can use by reading its code (scripts/route-strings.ts); the page ships only
// those. Each way the code names keys must be found, and nothing the code does not name may be dragged in.
test("every way the code names a key is found, and nothing else", () => {
  const found = (src: string) => [...scanSource("x.tsx", src, keys).keys].sort();
  assert.deepEqual(found('t("events.title")'), ["events.title"]);
  assert.deepEqual(found("<Field label=\"reports.nav\" />"), ["reports.nav"]);
  assert.deepEqual(found("t(`events.inst.${x}`)"), ["events.inst.school", "events.inst.umkm"]);
  assert.deepEqual(found('t("events.status." + s)'), ["events.status.draft", "events.status.published"]);
  assert.deepEqual(found('const P = "events.status."; t(P + s)'), ["events.status.draft", "events.status.published"]);
  assert.deepEqual(found('radio("mode", MODES, "home", "tutoring.mode", label)'), ["tutoring.mode.home", "tutoring.mode.online"]);
  assert.deepEqual(found("return `errors.tooLongMax?max=${n}`"), ["errors.tooLongMax"]);
  assert.deepEqual(found('fail("errors.tooLongMax?max=1000")'), ["errors.tooLongMax"]);
  // a counted phrase brings its form for 1 (countKey picks it in the browser)
  const counted = ["roster.count", "roster.countOne", "roster.title"];
  assert.deepEqual([...scanSource("x.tsx", 't(countKey("roster.count", n), { total: n })', counted).keys].sort(), ["roster.count", "roster.countOne"]);
  assert.deepEqual([...scanSource("x.tsx", 't("roster.title")', counted).keys], ["roster.title"]);
  // a domain test is not a key prefix; text that merely looks like a key is not one
  assert.deepEqual(found('if (m.startsWith("events.")) x = m; t("events.nope"); t("Events")'), []);
  // imports: code is followed, types are not
  const scanned = scanSource("x.ts", 'import type { A } from "~/a"; import { b } from "~/b"; export { c } from "./c"; import "./d.css";', keys);
  assert.deepEqual(scanned.specifiers, ["~/b", "./c", "./d.css"]);
});

test("each page route gets its own keys, far fewer than the dictionary, and the root the error keys", () => {
  const all = Object.keys(dictionaryFor("id"));
  const { files, missingImports } = routeStringModules();
  assert.deepEqual(missingImports, [], "page modules without their strings import");
  const keysIn = (text: string) => [...text.matchAll(/^ {2}("[^"]+"): "/gm)].map((m) => JSON.parse(m[1]!) as string);
  const root = keysIn(files.get("root.ts")!);
  for (const k of all.filter((k) => k.startsWith("errors."))) assert.ok(root.includes(k), `root lacks ${k}`);
  assert.ok(root.includes("nav.skip") && root.includes("lang.switch"), "the header's strings are the root's");
  // known pages carry what they show
  assert.ok(keysIn(files.get("routes/events._index.ts")!).includes("events.list.title"));
  assert.ok(keysIn(files.get("routes/bantu._index.ts")!).includes("tutoring.mode.online"));
  // the applications page names its two notices, not every "chapters." string (the admin's included)
  const applications = keysIn(files.get("routes/chapters.$slug.applications.ts")!);
  assert.ok(applications.includes("chapters.approved") && applications.includes("chapters.declined"));
  assert.deepEqual(applications.filter((k) => k.startsWith("chapters.admin.")), []);
  // the admin chapter page carries the lead invitations' strings; the invitation page (no JavaScript) ships none
  assert.ok(keysIn(files.get("routes/admin.chapters.$chapterId.ts")!).includes("chapters.admin.withdraw"));
  for (const [file, text] of files) {
    const own = keysIn(text);
    assert.ok(own.length < all.length / 6, `${file} ships ${own.length} of ${all.length} keys`);
    if (file !== "root.ts") for (const k of own) assert.ok(!root.includes(k), `${file} repeats the root's ${k}`);
    for (const k of own) assert.ok(all.includes(k));
  }
});

test("a part loaded apart (*.lazy.tsx) ships its own strings, registered for the routes that use it, and the page's own do not repeat them", () => {
  const { files, missingImports } = routeStringModules();
  assert.deepEqual(missingImports, []);
  const keysIn = (text: string) => [...text.matchAll(/^ {2}("[^"]+"): "/gm)].map((m) => JSON.parse(m[1]!) as string);
  const part = files.get("lazy/components/events/LeadSection.lazy.ts");
  assert.ok(part, "the lead's part of the event page has its strings module");
  assert.match(part, /for \(const id of \["routes\/events\.\$eventId\._index"\]\) registerStrings\(id, strings\);/);
  const partKeys = keysIn(part);
  const page = keysIn(files.get("routes/events.$eventId._index.ts")!);
  // the lead's panels' own strings travel with the part, not with the page every volunteer loads
  for (const k of ["events.lead.title", "events.lead.addRole", "events.lead.missing"]) {
    assert.ok(partKeys.includes(k), `part lacks ${k}`);
    assert.ok(!page.includes(k), `the page still ships ${k}`);
  }
  // what the page itself shows stays in the page
  assert.ok(page.includes("events.page.signup") && page.includes("events.page.roles"));
  // the profile's region picker is such a part too; pages that import the picker directly keep its strings
  assert.ok(keysIn(files.get("lazy/components/RegionPicker.lazy.ts")!).includes("regions.level.1"));
  assert.ok(!keysIn(files.get("routes/profile.ts")!).includes("regions.choose"));
  assert.ok(keysIn(files.get("routes/bantu._index.ts")!).includes("regions.choose"));
});

test("a dynamic import() is code the page loads: it is followed", () => {
  const scanned = scanSource("x.tsx", 'const P = lazy(() => import("~/components/x.lazy")); const n = await import("./y");', keys);
  assert.deepEqual(scanned.specifiers, ["~/components/x.lazy", "./y"]);
});

// A page takes from a module only what it imports from it (and what that uses), as the bundler does: the event
// report page imports getEvent from events.server.ts, not the event form's messages of createEvent beside it.
test("a page takes the keys of what it uses of a module, not of every function beside it", () => {
  const { files } = routeStringModules();
  const keysIn = (text: string) => [...text.matchAll(/^ {2}("[^"]+"): "/gm)].map((m) => JSON.parse(m[1]!) as string);
  const report = keysIn(files.get("routes/events.$eventId.report.ts")!);
  for (const k of ["events.roleNameRequired", "events.venueRequired", "profile.whatsappInvalid"]) assert.ok(!report.includes(k), `the report page ships ${k}`);
  // what its own form and its action's errors need stays
  for (const k of ["events.report.total", "events.report.genderTooMany", "events.report.photoType", "events.report.searchSubmit"]) assert.ok(report.includes(k), `the report page lacks ${k}`);
  // the go-online list's problems, returned by the action and shown only by the part loaded apart, come with the part
  const part = keysIn(files.get("lazy/components/events/OnlineFieldset.lazy.ts")!);
  for (const k of ["events.report.onlineList.err.name", "events.report.onlineList.fixRows", "events.report.onlineKindRequired"]) {
    assert.ok(part.includes(k), `the part lacks ${k}`);
    assert.ok(!report.includes(k), `the page still ships ${k}`);
  }
  // a key the page's own browser code names stays with the page even when a part names it too
  assert.ok(report.includes("events.form.venueType") && part.includes("events.form.venueType"));
});

test("a module is followed name by name: imports, re-exports, namespaces, statements that run on import", () => {
  const mod = scanModule(
    "m.ts",
    [
      'import { a } from "./a"; import * as ns from "./ns"; import d from "./d"; import "./effects";',
      'export { r } from "./r"; export * from "./star";',
      'const PREFIX = "events.status."; register("reports.nav");',
      'export function used() { return t("events.title") + a() + PREFIX; }',
      'export function unused() { return t("events.inst.school") + ns.x + d; }',
    ].join("\n"),
    keys,
  );
  assert.deepEqual([...mod.locals.keys()].sort(), ["PREFIX", "unused", "used"]);
  assert.deepEqual([...mod.locals.get("used")![0]!.keys], ["events.title"]);
  assert.ok(mod.locals.get("used")![0]!.names.has("PREFIX") && mod.locals.get("used")![0]!.names.has("a"));
  assert.deepEqual([...mod.locals.get("PREFIX")![0]!.keys].sort(), ["events.status.draft", "events.status.published"]);
  assert.deepEqual(mod.always.map((s) => [...s.keys]), [["reports.nav"]]);
  assert.deepEqual(Object.fromEntries(mod.imported), { a: { spec: "./a", name: "a" }, ns: { spec: "./ns", name: "*" }, d: { spec: "./d", name: "default" } });
  assert.deepEqual(mod.bare, ["./effects"]);
  assert.deepEqual(Object.fromEntries(mod.reexported), { r: { spec: "./r", name: "r" } });
  assert.deepEqual(mod.stars, ["./star"]);
  assert.deepEqual([...mod.exported.keys()].sort(), ["unused", "used"]);
});

// An email is written on the server (emails/): a page's strings hold none of a letter's texts, which the browser
// would download on every visit (/akun/data shipped the email-change letters' subjects and bodies).
test("no page ships an email's text: no greeting, no letter's paragraphs", () => {
  const { files } = routeStringModules();
  const valuesIn = (text: string) => [...text.matchAll(/^ {2}"[^"]+": (".*"),?$/gm)].map((m) => JSON.parse(m[1]!) as string);
  for (const [file, text] of files) {
    const letters = valuesIn(text).filter((v) => /^(Halo|Hello) \{/.test(v) || v.includes("\n\n"));
    assert.deepEqual(letters, [], `${file} ships an email's text`);
  }
  const page = valuesIn(files.get("routes/akun.data._index.ts")!);
  assert.ok(page.includes("Ganti email") && !page.some((v) => v.includes("Konfirmasi email baru Simpul Anda")));
});
