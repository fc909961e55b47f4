import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "./locale";

type RootI18n = { locale: Locale; messages: Record<string, string> };

function interpolate(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Strings come from the root loader (only the active language travels to the browser). */
export function useT() {
  const data = useRouteLoaderData<{ i18n: RootI18n }>("root");
  const messages = data?.i18n.messages ?? {};
  return (key: string, params?: Record<string, string | number>) => interpolate(messages[key] ?? key, params);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ i18n: RootI18n }>("root");
  return data?.i18n.locale ?? "id";
}
