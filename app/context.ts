import type { AuthState } from "~/auth/session.server";
import type { Locale } from "~/i18n/locale";

declare module "@remix-run/node" {
  // single fetch typings: useLoaderData<typeof loader>() infers the plain objects loaders return
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    auth: AuthState;
    locale: Locale;
    clientIp: string;
  }
}

export {};
