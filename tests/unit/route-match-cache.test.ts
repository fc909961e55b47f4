import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { installRouteMatchCache, memoizedDataRoutes, memoizedMatchRoutes, memoizedServerRoutes } from "../../app/services/route-match-cache.server";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as {
  matchRoutes: (routes: Route[], location: string | { pathname: string }, basename?: string) => { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route }[] | null;
};

/** A tree shaped like the app's: layouts, index routes, dynamic and optional segments, splats, dotted file names. */
function tree(): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/events._index", path: "events", index: true },
        { id: "routes/events.mine", path: "events/mine" },
        { id: "routes/events.$eventId", path: "events/:eventId", children: [{ id: "routes/events.$eventId._index", index: true }, { id: "routes/events.$eventId.edit", path: "edit" }] },
        { id: "routes/chapters.$slug.roster._index", path: "chapters/:slug/roster" },
        { id: "routes/chapters.$slug._index", path: "chapters/:slug" },
        { id: "routes/sitemap[.]xml", path: "sitemap.xml" },
        { id: "routes/i18n.$file", path: "i18n/:file" },
        { id: "routes/lang.($locale).about", path: ":locale?/about" },
        { id: "routes/CaseSensitive", path: "Kasus", caseSensitive: true },
        { id: "routes/files.$", path: "files/*" },
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}

const paths = [
  "/", "/events", "/events/", "/events/mine", "/events/12", "/events/12/", "/events/12/edit", "/events/abc%20def", "/events/%E2%9C%93",
  "/chapters/rtik-jember", "/chapters/rtik-jember/roster", "/sitemap.xml", "/sitemapXxml", "/i18n/id.abc123.js", "/about", "/en/about",
  "/Kasus", "/kasus", "/files/a/b/c.txt", "/files", "/nowhere/at/all", "/events/12/edit?x=1#y", "//events//12",
];

function plain(m: ReturnType<typeof matchRoutes>) {
  return m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, pathnameBase: x.pathnameBase })) ?? null;
}

describe("route matching cache", () => {
  it("answers exactly as @remix-run/router does, first call and cached, with and without a basename", () => {
    const cached = memoizedMatchRoutes(matchRoutes as never) as unknown as typeof matchRoutes;
    for (const basename of ["/", "/app"]) {
      for (const p of paths) {
        const path = basename === "/" ? p : `/app${p}`;
        const want = plain(matchRoutes(tree(), path, basename));
        for (let round = 0; round < 3; round++) {
          assert.deepEqual(plain(cached(tree(), path, basename)), want, `${path} (basename ${basename}, round ${round})`);
          assert.deepEqual(plain(cached(tree(), { pathname: path.split(/[?#]/)[0] ?? path }, basename)), plain(matchRoutes(tree(), { pathname: path.split(/[?#]/)[0] ?? path }, basename)));
        }
      }
    }
  });

  it("returns the route objects of the tree it is given, and a params object of its own each time", () => {
    const cached = memoizedMatchRoutes(matchRoutes as never) as unknown as typeof matchRoutes;
    const a = tree();
    const b = tree();
    const first = cached(a, "/events/7/edit");
    const second = cached(b, "/events/7/edit");
    assert.ok(first && second);
    assert.equal(second.at(-1)?.route, b[0]?.children?.[3]?.children?.[1]);
    assert.equal(second[0]?.route, b[0]);
    assert.deepEqual(second.at(-1)?.params, { eventId: "7" });
    (second[0] as { params: Record<string, string> }).params.eventId = "changed";
    assert.deepEqual(cached(b, "/events/7/edit")?.at(-1)?.params, { eventId: "7" });
    // all matches of one answer share one params object, as in @remix-run/router
    assert.equal(second[0]?.params, second.at(-1)?.params);
  });

  it("tells trees of different shapes apart", () => {
    const cached = memoizedMatchRoutes(matchRoutes as never) as unknown as typeof matchRoutes;
    const withoutMine = tree();
    withoutMine[0]!.children = withoutMine[0]!.children!.filter((r) => r.id !== "routes/events.mine");
    assert.equal(cached(tree(), "/events/mine")?.at(-1)?.route.id, "routes/events.mine");
    assert.equal(cached(withoutMine, "/events/mine")?.at(-1)?.route.id, "routes/events.$eventId._index");
  });

  it("falls back to the library for routes without ids", () => {
    const cached = memoizedMatchRoutes(matchRoutes as never) as unknown as typeof matchRoutes;
    const anonymous = [{ path: "x/:y" }] as unknown as Route[];
    assert.deepEqual(plain(cached(anonymous, "/x/1")), plain(matchRoutes(anonymous, "/x/1")));
  });

  it("serves the server runtime's static handler too (patches/@remix-run+router: its query matches through the exports)", async () => {
    const router = createRequire(import.meta.url)("@remix-run/router") as {
      matchRoutes: typeof matchRoutes & { memoized?: true };
      createStaticHandler: (routes: unknown[]) => { query: (r: Request) => Promise<{ matches: { route: { id: string } }[] } | Response> };
    };
    const before = router.matchRoutes;
    installRouteMatchCache();
    const installed = router.matchRoutes;
    let calls = 0;
    router.matchRoutes = Object.assign((...args: Parameters<typeof matchRoutes>) => (calls++, installed(...args)), { memoized: true as const });
    try {
      const handler = router.createStaticHandler([{ id: "root", path: "/", children: [{ id: "events", path: "events/:id", loader: () => null }] }]);
      const context = await handler.query(new Request("http://localhost/events/7"));
      assert.ok(!(context instanceof Response));
      assert.deepEqual(context.matches.map((m) => m.route.id), ["root", "events"]);
      assert.equal(calls, 1, "the static handler's query did not call the exported matchRoutes: is the patch applied (npm ci runs patch-package)?");
    } finally {
      router.matchRoutes = before;
    }
  });
});

describe("route trees built once per build", () => {
  const require = createRequire(import.meta.url);
  const remixRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: Parameters<typeof memoizedServerRoutes>[0] };
  const router = require("@remix-run/router") as { UNSAFE_convertRoutesToDataRoutes: Parameters<typeof memoizedDataRoutes>[0] };
  const reactRouter = require("react-router") as { UNSAFE_mapRouteProperties: unknown };
  // a build's manifest and modules, shaped as Remix has them
  const manifest = {
    root: { id: "root", path: "", hasLoader: true, module: "/build/root.js" },
    "routes/_index": { id: "routes/_index", parentId: "root", index: true, hasLoader: true, module: "/build/i.js" },
    "routes/events.$id": { id: "routes/events.$id", parentId: "root", path: "events/:id", hasLoader: true, module: "/build/e.js" },
  };
  const modules = () => ({ root: { default: () => null }, "routes/_index": { default: () => null }, "routes/events.$id": { default: () => null, handle: { hydrate: false } } });
  type Built = { id?: string; path?: string; index?: boolean; children?: Built[] };
  const shape = (routes: Built[]): unknown => routes.map((r) => ({ id: r.id, path: r.path, index: r.index, children: r.children ? shape(r.children) : undefined }));

  it("gives the library's tree, the same object for the same build, a new one when a module changes", () => {
    const built = memoizedServerRoutes(remixRoutes.createServerRoutes);
    const m = modules();
    const first = built(manifest, m, {}, false);
    assert.deepEqual(shape(first), shape(remixRoutes.createServerRoutes(manifest, m, {}, false)));
    assert.equal(built(manifest, { ...m }, undefined, false), built(manifest, { ...m }, undefined, false), "a per-request copy of the same modules");
    const changed = built(manifest, { ...m, "routes/_index": { default: () => null } }, undefined, false);
    assert.notEqual(changed, built(manifest, m, {}, true));
    assert.deepEqual(shape(changed), shape(first));
  });

  it("copies into data routes once per tree, filling each caller's manifest", () => {
    const convert = memoizedDataRoutes(router.UNSAFE_convertRoutesToDataRoutes);
    const tree = memoizedServerRoutes(remixRoutes.createServerRoutes)(manifest, modules(), {}, false);
    const want: Record<string, unknown> = {};
    const expected = router.UNSAFE_convertRoutesToDataRoutes(tree, reactRouter.UNSAFE_mapRouteProperties, undefined, want);
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = {};
    const first = convert(tree, reactRouter.UNSAFE_mapRouteProperties, undefined, a);
    const second = convert(tree, reactRouter.UNSAFE_mapRouteProperties, undefined, b);
    assert.equal(second, first);
    assert.deepEqual(shape(first), shape(expected));
    assert.deepEqual(Object.keys(b).sort(), Object.keys(want).sort());
    assert.equal(b["routes/events.$id"], a["routes/events.$id"]);
    assert.notEqual(convert(tree, () => ({}), undefined, {}), first, "another property mapper");
  });
});
