import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { dictionaryFor } from "~/i18n/dictionaries.server";
import { NonceProvider } from "~/components/nonce";
import { InlineStyleProvider } from "~/components/site-styles";
import { I18nProvider } from "~/i18n/react";
import { pageResponse } from "~/services/page-response.server";
import { renderHtml } from "~/services/render-html.server";

const ABORT_DELAY = 5_000;
const englishDictionary = () => dictionaryFor("en");

const reported = new Set<string>();
/** A dictionary key missing from the matched routes' strings: scripts/route-strings.ts did not find it. */
function onMiss(key: string, routeIds: string[]) {
  if (!(key in dictionaryFor("id"))) return; // not a key (a name or a message passed through t)
  const what = `${key} @ ${routeIds.join(" > ")}`;
  if (reported.has(what)) return;
  if (reported.size < 1000) reported.add(what);
  console.error(`i18n: "${key}" is not among the strings of ${routeIds.join(" > ")} (see scripts/route-strings.ts)`);
}

/**
 * The page's JavaScript (the entry and the matched routes' modules with their chunks) as `Link: rel=modulepreload`
 * headers: the browser starts fetching it as soon as the answer's headers arrive, instead of once it has read the
 * page down to <Scripts> (on a throttled phone, a few hundred milliseconds of parsing later). The same list as the
 * modulepreload tags <Scripts> writes, so nothing more is fetched than before.
 */
function modulePreloadLinks({ manifest, staticHandlerContext, routeModules }: EntryContext): string {
  // a page that ships no JavaScript (root.tsx: `handle = { hydrate: false }`) preloads none either
  const ids = staticHandlerContext.matches.map((m) => m.route.id);
  if (ids.some((id) => (routeModules[id]?.handle as { hydrate?: boolean } | undefined)?.hydrate === false)) return "";
  const hrefs = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ids) {
    const route = manifest.routes[id];
    if (!route) continue;
    for (const href of route.imports ?? []) hrefs.add(href);
    hrefs.add(route.module);
  }
  return [...hrefs].map((href) => `<${href}>; rel=modulepreload`).join(", ");
}

/**
 * Remix's default node entry, plus the request's language in a React context. The page renders with the strings of
 * its matched routes only, exactly those the browser gets in the routes' chunks (app/i18n/registry.ts): a key a
 * route lacks shows raw here too, and is logged.
 * The document is rendered whole, to one string (app/services/render-html.server.ts): server.ts compresses and sends
 * every page in one piece, so streaming it bought nothing and its byte encoding cost a fifth of a page's CPU.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = loadContext.locale ?? "id";
  const nonce = loadContext.nonce;
  const { html, partFailed } = await renderHtml(
    <NonceProvider value={nonce}>
      <InlineStyleProvider value={loadContext.inlineStyle}>
        <I18nProvider value={{ locale, onMiss, english: englishDictionary }}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nProvider>
      </InlineStyleProvider>
    </NonceProvider>,
    ABORT_DELAY,
  );
  if (partFailed) {
    // never the message or stack in the page (it may quote SQL); React's string renderer does not hand it over. The
    // log names the route, not the address: an address may carry a tracking token (/lacak/…, /e/…/tiket/…)
    const route = remixContext.staticHandlerContext.matches.at(-1)?.route.id ?? "?";
    console.error(`a part of the page of ${route} failed to render on the server; the browser renders it`);
    responseStatusCode = 500;
  }
  responseHeaders.set("Content-Type", "text/html");
  // crawlers (WhatsApp link previews) fetch no scripts
  if (!isbot(request.headers.get("user-agent") ?? "") && !remixContext.isSpaMode) {
    const preload = modulePreloadLinks(remixContext);
    if (preload) responseHeaders.append("Link", preload);
  }
  // bytes, not the string (a string body is first checked for lone surrogates, character by character), handed over
  // without a body stream (app/services/page-response.server.ts)
  return pageResponse(Buffer.from(html), { headers: responseHeaders, status: responseStatusCode });
}
