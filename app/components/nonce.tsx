import { createContext, useContext } from "react";

/**
 * The CSP nonce of the response being rendered (server only). In the browser it is empty: browsers hide the
 * nonce attribute from scripts, and hydration leaves the attribute alone.
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
