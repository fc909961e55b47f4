import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";

export const LOCALE_COOKIE = "simpul_lang";

/** A signed-in user's saved choice wins; visitors keep theirs in a cookie; Indonesian by default. */
export function localeFor(user: { locale: string } | null, cookieHeader: string | undefined): Locale {
  if (user && isLocale(user.locale)) return user.locale;
  const match = /(?:^|;\s*)simpul_lang=(id|en)\b/.exec(cookieHeader ?? "");
  return match && isLocale(match[1]) ? match[1] : DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
