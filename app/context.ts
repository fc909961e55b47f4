import type { AuthState } from "~/auth/session.server";
import type { Locale } from "~/i18n/locale";

declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: AuthState;
    locale: Locale;
    clientIp: string;
  }
}

export {};
