import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";
import { isLocale, type Locale } from "./locale";
import { stringsOf, type RouteStrings } from "./registry";

export type I18nValue = {
  /** the language before the root loader's data is there (the document's, or the request's on the server) */
  locale: Locale;
  /** a key the matched routes' strings lack (a bug: the key is shown raw) */
  onMiss?: (key: string, routeIds: string[]) => void;
  /** the whole English dictionary: the server's, or the browser's once /i18n/en.<version>.js has run */
  english?: () => Readonly<Record<string, string>> | undefined;
};

const I18nContext = createContext<I18nValue>({ locale: "id" });

/** Wraps the app in entry.server.tsx and entry.client.tsx. */
export const I18nProvider = I18nContext.Provider;

function interpolate(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The active language: the root loader's (it follows a switch or a log-in with a saved language without a reload). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { i18n?: { locale?: unknown } } | undefined;
  const fallback = useContext(I18nContext).locale;
  const locale = data?.i18n?.locale;
  return isLocale(locale) ? locale : fallback;
}

/**
 * Translates with the strings of the matched routes (root first: the header, footer and error keys). Each route
 * ships only the keys it can use (scripts/route-strings.ts), in its own chunk, on the server and in the browser alike.
 */
export function useT() {
  const locale = useLocale();
  const { onMiss, english } = useContext(I18nContext);
  const matches = useMatches();
  const tables: RouteStrings[] = [];
  for (const m of matches) {
    const s = stringsOf(m.id);
    if (s) tables.push(s);
  }
  // English: the whole dictionary (until it has loaded after a switch, the page shows Indonesian and reloads: root.tsx)
  const en = locale === "en" ? english?.() : undefined;
  const lookup = (key: string): string | undefined => {
    if (en) return en[key];
    for (const table of tables) {
      const s = table[key];
      if (s !== undefined) return s;
    }
    return undefined;
  };
  return (key: string, params?: Record<string, string | number>) => {
    const found = lookup(key);
    if (found !== undefined) return interpolate(found, params);
    // an error key may carry its figures: "errors.tooLongMax?max=1000" → "… Maksimal 1000 karakter."
    const q = key.indexOf("?");
    if (q > 0) {
      const base = lookup(key.slice(0, q));
      if (base !== undefined) return interpolate(base, { ...Object.fromEntries(new URLSearchParams(key.slice(q + 1))), ...params });
    }
    onMiss?.(q > 0 ? key.slice(0, q) : key, matches.map((m) => m.id));
    return interpolate(key, params);
  };
}
