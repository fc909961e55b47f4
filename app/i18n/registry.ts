/**
 * The interface strings of the route modules loaded so far, by route id, in Indonesian (the default language).
 * Each page route imports its generated app/i18n/strings/<route id>.ts (see scripts/route-strings.ts), which
 * registers here when the route's chunk loads — before Remix renders the route, also on a client-side navigation.
 * The server loads every route module, so it has them all; useT only looks in the matched routes' strings, the same
 * ones the browser has, so a key a route lacks shows raw on the server too.
 *
 * English, the second language, is not split per route: an English page loads the whole English dictionary once as
 * a cached script (/i18n/en.<version>.js, see app/routes/i18n.$file.ts), so Indonesian pages carry no English at all.
 */
export type RouteStrings = Readonly<Record<string, string>>;

const byRoute = new Map<string, RouteStrings>();

/**
 * Adds strings to a route's: its own module's, and those of a part of the page loaded later (a `*.lazy.tsx`
 * component, see app/components/lazy-part.tsx), whose generated strings module registers under the routes using it.
 */
export function registerStrings(routeId: string, strings: RouteStrings): void {
  const known = byRoute.get(routeId);
  byRoute.set(routeId, known ? { ...known, ...strings } : strings);
}

export function stringsOf(routeId: string): RouteStrings | undefined {
  return byRoute.get(routeId);
}

declare global {
  interface Window {
    /** set by /i18n/en.<version>.js on English pages */
    __simpulI18nEn?: { version: string; messages: Record<string, string> };
  }
}
