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

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nProvider value={i18n}>
        <RemixBrowser />
      </I18nProvider>
    </StrictMode>,
  );
});

// once the page is interactive, in chunks of their own (not first-load): a client-side navigation's route code in one
// round trip; a form sent offline held back with its input (utils/offline-forms.client.ts)
void import("~/utils/after-hydration.client").then((m) => m.afterHydration());
