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
    /** this response's CSP nonce, for the scripts Remix writes into the page */
    nonce: string;
    /** the text of a stylesheet of the build by its URL (/build/…), to write it into the page (app/components/site-styles.tsx) */
    inlineStyle?: (href: string) => string | null;
    /** the request comes straight from this machine (no proxy configured): the development mailbox allows it */
    directLoopback: boolean;
    /**
     * A Remix data request (`….data`: a navigation, form or fetcher of a page running JavaScript), not a document
     * request: an action may then answer with data instead of redirecting (see app/utils/page-answer.ts).
     */
    dataRequest?: boolean;
  }
}

export {};
