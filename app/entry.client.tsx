import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nProvider, type I18nValue } from "~/i18n/react";

/**
 * The strings travel in the route modules' own chunks (see app/i18n/registry.ts). A key a page lacks is a bug: it
 * shows raw and is reported on the console (the end-to-end journeys fail on an "i18n:" error).
 */
const i18n: I18nValue = {
  locale: document.documentElement.lang === "en" ? "en" : "id",
  english: () => window.__simpulI18nEn?.messages,
  onMiss: (key, routeIds) => {
    // t() also passes through text that is not a key (a name, a message from elsewhere)
    if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(key)) console.error(`i18n: "${key}" is not among the strings of ${routeIds.join(" > ")}`);
  },
};

/**
 * Remix (single fetch) first reads the page's data from a stream in the HTML; until it has, RemixBrowser suspends, and
 * no Suspense boundary is above it. React hydrates in a transition, but a tap, a key or a list chosen on the page makes
 * it hydrate at once, and if that comes while the data is still being read, React 18 gives up (error 345, "Root did
 * not complete"): the page never comes alive, e.g. a province chosen on a slow phone never opened the kabupaten list.
 * So the data is read before React takes the page (DECISIONS 143): RemixBrowser, called once as a plain function,
 * starts that read and throws its promise before it touches any hook; the page hydrates when it settles. Until then the
 * page works as it does without JavaScript, as it already did until this script came.
 */
function pageDataRead(): Promise<void> {
  if (!window.__remixContext?.future?.v3_singleFetch || !window.__remixContext.stream) return Promise.resolve();
  try {
    (RemixBrowser as unknown as (props: object) => unknown)({});
  } catch (thrown) {
    if (thrown instanceof Promise) return thrown.then(noop, noop);
  }
  return Promise.resolve();
}
const noop = () => undefined;

void pageDataRead().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nProvider value={i18n}>
          <RemixBrowser />
        </I18nProvider>
      </StrictMode>,
    );
  }),
);

// once the page is interactive, in chunks of their own (not first-load): a client-side navigation's route code in one
// round trip; a form sent offline held back with its input (utils/offline-forms.client.ts)
void import("~/utils/after-hydration.client").then((m) => m.afterHydration());
