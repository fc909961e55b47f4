import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { memoizedMatchRoutes } from "../../app/services/route-match-cache.server";

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
});
