/**
 * The interface strings of the route modules loaded so far, by route id: [Indonesian, English] per key.
 * Each page route imports its generated app/i18n/strings/<route id>.ts (see scripts/route-strings.ts), which
 * registers here when the route's chunk loads — before Remix renders the route, also on a client-side navigation.
 * The server loads every route module, so it has them all; useT only looks in the matched routes' strings, the same
 * ones the browser has, so a key a route lacks shows raw on the server too.
 */
export type RouteStrings = Readonly<Record<string, readonly [string, string]>>;

const byRoute = new Map<string, RouteStrings>();

export function registerStrings(routeId: string, strings: RouteStrings): void {
  byRoute.set(routeId, strings);
}

export function stringsOf(routeId: string): RouteStrings | undefined {
  return byRoute.get(routeId);
}
