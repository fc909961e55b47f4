import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nProvider, type I18nValue } from "~/i18n/react";

declare global {
  interface Window {
    /** set by /i18n/<locale>.<version>.js, which the root layout loads before the app's modules */
    __simpulI18n?: I18nValue;
  }
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nProvider value={window.__simpulI18n ?? { locale: "id", messages: {} }}>
        <RemixBrowser />
      </I18nProvider>
    </StrictMode>,
  );
});
