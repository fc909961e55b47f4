import { createContext, useContext } from "react";
import type { Locale } from "./locale";

export type I18nValue = { locale: Locale; messages: Record<string, string> };

const I18nContext = createContext<I18nValue>({ locale: "id", messages: {} });

/** Wraps the app in entry.server.tsx (strings from the dictionary) and entry.client.tsx (from the cached script). */
export const I18nProvider = I18nContext.Provider;

function interpolate(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The active language's strings (only that language travels to the browser, once, as a cached script). */
export function useT() {
  const { messages } = useContext(I18nContext);
  return (key: string, params?: Record<string, string | number>) => {
    // an error key may carry its figures: "errors.tooLongMax?max=1000" → "… Maksimal 1000 karakter."
    const q = key.indexOf("?");
    if (q > 0 && !(key in messages)) return interpolate(messages[key.slice(0, q)] ?? key, { ...Object.fromEntries(new URLSearchParams(key.slice(q + 1))), ...params });
    return interpolate(messages[key] ?? key, params);
  };
}

export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}
