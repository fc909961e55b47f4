import { createContext, useContext } from "react";
import { useNonce } from "./nonce";

/**
 * The site's own stylesheet, written into the page's <head> instead of linked: on a phone on 3G a linked stylesheet
 * is one more round trip (150 ms and more) before anything is painted. It is 1.6 KB gzip; route stylesheets stay
 * linked. The server reads the built file once (server.ts); in the browser, hydration keeps the text the server wrote.
 */
const InlineStyleContext = createContext<((href: string) => string | null) | undefined>(undefined);

export const InlineStyleProvider = InlineStyleContext.Provider;

export function SiteStyles({ href }: { href: string }) {
  const read = useContext(InlineStyleContext);
  const nonce = useNonce();
  const css = typeof document === "undefined" ? (read?.(href) ?? null) : (document.getElementById("site-css")?.textContent ?? null);
  if (css !== null) return <style id="site-css" nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />;
  return <link rel="stylesheet" href={href} />;
}
