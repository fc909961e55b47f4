import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nProvider, type I18nValue } from "~/i18n/react";

/**
 * The strings travel in the route modules' own chunks (see app/i18n/registry.ts). A key a page lacks is a bug: it is
 * announced as a `simpul:i18n-miss` event (the end-to-end journeys fail on it) besides showing raw.
 */
const i18n: I18nValue = {
  locale: document.documentElement.lang === "en" ? "en" : "id",
  onMiss: (key, routeIds) => window.dispatchEvent(new CustomEvent("simpul:i18n-miss", { detail: { key, routeIds } })),
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
