import { holdOfflineSubmits } from "~/utils/offline-forms.client";
import { preloadNavigationCode } from "~/utils/preload-navigation.client";

/** What the page does once it is interactive, fetched as one chunk after hydration (not first-load JavaScript). */
export function afterHydration() {
  preloadNavigationCode();
  holdOfflineSubmits();
}
