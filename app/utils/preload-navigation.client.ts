/**
 * A client-side navigation imports the next page's route module, and the browser asks for the shared chunks that
 * module imports only once it has arrived and been parsed: a second round trip (150 ms on 3G) whenever one of them is
 * not loaded yet. When a navigation starts, the code of the routes its path matches is named in modulepreload links,
 * so a route's chunks come in one round trip. Links on the page are discovered ahead by Remix (their routes are in the
 * manifest when the tap comes); a route not discovered yet loads as before. The match here is deliberately simple
 * (static and `:param` segments, best by static segments): it picks code to fetch early, the router decides the page.
 */
export function preloadNavigationCode(attempt = 0) {
  const router = window.__remixRouter;
  const manifest = window.__remixManifest;
  if (!router || !manifest) {
    if (attempt < 100) setTimeout(() => preloadNavigationCode(attempt + 1), 100);
    return;
  }
  const requested = new Set<string>();
  for (const el of document.querySelectorAll("link[href],script[src]")) requested.add(new URL(el.getAttribute("href") ?? el.getAttribute("src")!, location.href).pathname);
  const segments = (id: string | undefined): string[] => {
    const r = id ? manifest.routes[id] : undefined;
    return r ? [...segments(r.parentId), ...(r.path ?? "").split("/").filter(Boolean)] : [];
  };
  router.subscribe(({ navigation }) => {
    const parts = navigation.location?.pathname.split("/").filter(Boolean);
    if (!parts) return;
    let best: { id: string; score: number } | null = null;
    for (const id in manifest.routes) {
      const pattern = segments(id);
      if (pattern.length !== parts.length || !pattern.every((p, i) => p[0] === ":" || p === decodeURIComponent(parts[i]!))) continue;
      const score = pattern.filter((p) => p[0] !== ":").length * 2 + (manifest.routes[id]!.index ? 1 : 0);
      if (!best || score > best.score) best = { id, score };
    }
    for (let r = best ? manifest.routes[best.id] : undefined; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
      for (const href of [r.module, ...(r.imports ?? [])]) {
        if (requested.has(href)) continue;
        requested.add(href);
        document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));
      }
    }
  });
}
