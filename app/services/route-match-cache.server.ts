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

type CreateServerRoutes = (manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: boolean, ...rest: unknown[]) => Route[];

/**
 * Remix's server render rebuilds React Router's route tree from the manifest and the route modules for every document
 * (`createServerRoutes`, 4 % of /profile's CPU). The tree depends only on the build: the same manifest object, the
 * same module objects (a per-request copy of the map holds the same modules), the same flags. So it is built once per
 * build and shared: React Router only reads it (it copies the routes into its own data routes, below).
 */
export function memoizedServerRoutes(original: CreateServerRoutes): CreateServerRoutes {
  const built = new WeakMap<object, { routeModules: Record<string, unknown>; future: unknown; isSpaMode: boolean; routes: Route[] }>();
  const sameModules = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const keys = Object.keys(b);
    if (keys.length !== Object.keys(a).length) return false;
    for (const k of keys) if (a[k] !== b[k]) return false;
    return true;
  };
  return function createServerRoutes(manifest, routeModules, future, isSpaMode, ...rest) {
    // the recursive calls (a parent id and the grouped routes) stay inside the module; only the top call comes here
    if (rest.some((x) => x !== undefined)) return original(manifest, routeModules, future, isSpaMode, ...rest);
    const hit = built.get(manifest);
    if (hit && hit.future === future && hit.isSpaMode === isSpaMode && sameModules(hit.routeModules, routeModules)) return hit.routes;
    const routes = original(manifest, routeModules, future, isSpaMode);
    built.set(manifest, { routeModules: { ...routeModules }, future, isSpaMode, routes });
    return routes;
  };
}

type ConvertRoutes = (routes: Route[], mapRouteProperties?: unknown, parentPath?: string[], manifest?: Record<string, unknown>) => Route[];

/**
 * The static router of each server render copies that tree into data routes (`convertRoutesToDataRoutes`, filling
 * a manifest by id as it goes). For the same tree and the same property mapper the answer is the same: kept, and the
 * manifest filled from the kept one.
 */
export function memoizedDataRoutes(original: ConvertRoutes): ConvertRoutes {
  const converted = new WeakMap<Route[], { mapRouteProperties: unknown; routes: Route[]; manifest: Record<string, unknown> }>();
  return function convertRoutesToDataRoutes(routes, mapRouteProperties, parentPath, manifest) {
    if (parentPath !== undefined && parentPath.length > 0) return original(routes, mapRouteProperties, parentPath, manifest);
    const hit = converted.get(routes);
    if (hit && hit.mapRouteProperties === mapRouteProperties) {
      if (manifest) Object.assign(manifest, hit.manifest);
      return hit.routes;
    }
    const own: Record<string, unknown> = {};
    const result = original(routes, mapRouteProperties, undefined, own);
    converted.set(routes, { mapRouteProperties, routes: result, manifest: own });
    if (manifest) Object.assign(manifest, own);
    return result;
  };
}

/**
 * Replaces, for every module that calls them through their package's exports (all CommonJS, looked up at each call):
 * matchRoutes of @remix-run/router (the server runtime, React Router, Remix's lazy route discovery, and the static
 * handler's own query: patches/@remix-run+router+*.patch makes it call through the exports too),
 * convertRoutesToDataRoutes of @remix-run/router (React Router's static router), and createServerRoutes of
 * @remix-run/react (the server render). Idempotent.
 */
export function installRouteMatchCache(): void {
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes & { memoized?: true }; UNSAFE_convertRoutesToDataRoutes: ConvertRoutes & { memoized?: true } };
  const remixRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: CreateServerRoutes & { memoized?: true } };
  if (typeof router.UNSAFE_convertRoutesToDataRoutes !== "function" || typeof remixRoutes.createServerRoutes !== "function") {
    throw new Error("@remix-run/router or @remix-run/react changed: convertRoutesToDataRoutes or createServerRoutes not found");
  }
  if (!router.matchRoutes.memoized) router.matchRoutes = Object.assign(memoizedMatchRoutes(router.matchRoutes), { memoized: true as const });
  if (!router.UNSAFE_convertRoutesToDataRoutes.memoized) {
    router.UNSAFE_convertRoutesToDataRoutes = Object.assign(memoizedDataRoutes(router.UNSAFE_convertRoutesToDataRoutes), { memoized: true as const });
  }
  if (!remixRoutes.createServerRoutes.memoized) remixRoutes.createServerRoutes = Object.assign(memoizedServerRoutes(remixRoutes.createServerRoutes), { memoized: true as const });
}
