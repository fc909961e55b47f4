/**
 * Remix 2 (@remix-run/router 1.x) matches a URL by flattening the whole route tree, scoring and sorting every
 * branch and compiling a RegExp per candidate route, on every call: with the app's ~100 routes that is the most
 * expensive single thing a request does (≈ 15 % of the CPU of a page, three calls per document request: the
 * server runtime, React Router's <Routes> and the lazy-route-discovery manifest).
 *
 * `memoizedMatchRoutes` gives the same answer from a cache keyed by the shape of the route tree (ids, paths,
 * index and case-sensitivity flags, nesting) and the pathname. The route objects of the answer are the ones of the
 * tree passed in (each request builds its own copy of the tree), the params object is fresh per call. The cache
 * holds only data derived from the code's routes and the URL, nothing a second process would need.
 */
import { createRequire } from "node:module";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type MatchRoutes = (routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null;
type Stored = { ids: string[]; params: Record<string, string | undefined>; pathnames: string[]; pathnameBases: string[] } | null;

const MAX_PATHS = 2000; // per route tree; then the cache starts over
const MAX_TREES = 16;

type Tree = { signature: string; byId: Map<string, Route> } | null;

/** The shape of a route tree and its routes by id; null when a route has no id (then the cache is not used). */
function describe(routes: Route[]): Tree {
  const byId = new Map<string, Route>();
  const parts: string[] = [];
  const walk = (list: Route[]): boolean => {
    parts.push("[");
    for (const r of list) {
      if (typeof r.id !== "string" || byId.has(r.id)) return false;
      byId.set(r.id, r);
      parts.push(r.id, "\u0001", r.path ?? "\u0002", r.index ? "\u0003i" : "", r.caseSensitive ? "\u0003c" : "", "\u0004");
      if (r.children?.length && !walk(r.children)) return false;
    }
    parts.push("]");
    return true;
  };
  return walk(routes) ? { signature: parts.join(""), byId } : null;
}

export function memoizedMatchRoutes(original: MatchRoutes): MatchRoutes {
  const trees = new WeakMap<Route[], Tree>(); // a tree that stays the same object (the server runtime's) is described once
  const caches = new Map<string, Map<string, Stored>>();
  return function matchRoutes(routes, location, basename = "/") {
    let tree = trees.get(routes);
    if (tree === undefined) {
      tree = describe(routes);
      trees.set(routes, tree);
    }
    const pathname = typeof location === "string" ? location : location.pathname;
    if (!tree || typeof pathname !== "string") return original(routes, location, basename);
    let cache = caches.get(tree.signature);
    if (!cache) {
      if (caches.size >= MAX_TREES) caches.clear();
      caches.set(tree.signature, (cache = new Map()));
    }
    const key = `${basename}\u0000${pathname}`;
    let stored = cache.get(key);
    if (stored === undefined) {
      const matches = original(routes, location, basename);
      stored = matches
        ? {
            ids: matches.map((m) => m.route.id as string),
            params: { ...(matches[0]?.params ?? {}) },
            pathnames: matches.map((m) => m.pathname),
            pathnameBases: matches.map((m) => m.pathnameBase),
          }
        : null;
      if (cache.size >= MAX_PATHS) cache.clear();
      cache.set(key, stored);
      return matches;
    }
    if (stored === null) return null;
    const params = { ...stored.params };
    const byId = tree.byId;
    return stored.ids.map((id, i) => ({ params, pathname: stored.pathnames[i] as string, pathnameBase: stored.pathnameBases[i] as string, route: byId.get(id) as Route }));
  };
}

/**
 * Replaces matchRoutes of @remix-run/router for every module that calls it through the package's exports (the server
 * runtime, React Router, Remix's lazy route discovery: all CommonJS, looked up at each call). Idempotent.
 */
export function installRouteMatchCache(): void {
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes & { memoized?: true } };
  if (router.matchRoutes.memoized) return;
  router.matchRoutes = Object.assign(memoizedMatchRoutes(router.matchRoutes), { memoized: true as const });
}
