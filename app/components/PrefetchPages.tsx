import { UNSAFE_RemixContext, useMatches } from "@remix-run/react";
import { useContext, useEffect } from "react";

export type PrefetchedPage = {
  /** the page's path, e.g. /events/42 */
  path: string;
  /** the id of the route module that renders it, e.g. "routes/events.$eventId._index" */
  routeId: string;
};

const ELEMENT_ID = "page-prefetch";

/**
 * Fetches, while this page loads, everything a client-side navigation to the given pages waits for, so a tap on
 * one of them (the first events of the list) finds it all in the browser's cache instead of making three round trips
 * one after the other on a phone:
 *   1. the route discovery answer (`/__manifest?p=<path>&version=…`, the very URL Remix asks for on the tap, which the
 *      server marks immutable: lazy route discovery knows only the routes of this page);
 *   2. the route's module and every chunk it imports (in one round trip, not the module and then its imports).
 * Not the page's data: pages and data requests are sent `Cache-Control: private, no-store` (personal data on shared
 * computers), so a prefetched answer could not be used; the tap fetches it, one round trip.
 * All as `rel="prefetch"`: the lowest priority, after this page's own scripts, and not part of its first-load
 * JavaScript. Remix's `<Link prefetch>` does the same only after hydration and route discovery, too late for a tap
 * made as soon as the list is usable.
 *
 * Only the server knows the whole route manifest (the browser's is partial until discovery), so the hints are written
 * into the server's HTML, and hydration keeps that HTML as it is (read back from the document); after a client-side
 * navigation to the page they are made from what the browser's manifest knows by then.
 */
export function PrefetchPages({ pages }: { pages: PrefetchedPage[] }) {
  const manifest = useContext(UNSAFE_RemixContext)?.manifest;
  const matches = useMatches();
  useEffect(() => {
    hydrated = true;
  }, []);
  // hydrating: the server's hints as they are (the browser's manifest may not know the routes yet)
  const served = typeof document !== "undefined" && !hydrated ? document.getElementById(ELEMENT_ID)?.innerHTML : undefined;
  const html = served ?? hintsFor(manifest, pages, matches.map((m) => m.id));
  if (!html) return null;
  return <div id={ELEMENT_ID} hidden dangerouslySetInnerHTML={{ __html: html }} />;
}

let hydrated = false;

type ManifestRoutes = Record<string, { module: string; imports?: string[] } | undefined>;

function hintsFor(manifest: { version: string; routes: ManifestRoutes; entry: { module: string; imports: string[] } } | undefined, pages: PrefetchedPage[], pageRouteIds: string[]): string {
  if (!manifest) return "";
  const hints: string[] = [];
  // this page's own code (the entry's and its routes' modules and chunks) comes with it as modulepreload: a hint for
  // one of its files would be a second request for it, competing with the page's own scripts on the phone's link
  const seen = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of pageRouteIds) {
    const route = manifest.routes[id];
    if (route) for (const href of [route.module, ...(route.imports ?? [])]) seen.add(href);
  }
  const add = (as: "fetch" | "script", href: string) => {
    if (seen.has(href)) return;
    seen.add(href);
    hints.push(`<link rel="prefetch" as="${as}" href="${escapeAttribute(href)}">`);
  };
  for (const page of pages) {
    // the URL Remix asks for on the tap (fog-of-war.js: the path as `p`, then `version`)
    const discovery = new URLSearchParams();
    discovery.append("p", page.path);
    discovery.set("version", manifest.version);
    add("fetch", `/__manifest?${discovery.toString()}`);
    const route = manifest.routes[page.routeId];
    if (!route) continue; // in the browser, a route not discovered yet
    add("script", route.module);
    for (const chunk of route.imports ?? []) add("script", chunk);
  }
  return hints.join("");
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
