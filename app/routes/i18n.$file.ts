import type { LoaderFunctionArgs } from "@remix-run/node";
import { dictionaryScript } from "~/i18n/dictionaries.server";
import { isLocale } from "~/i18n/locale";

/** /i18n/<locale>.<version>.js — the interface strings of one language; public, immutable for a version. */
export async function loader({ params }: LoaderFunctionArgs) {
  const [locale, version, ext] = (params.file ?? "").split(".");
  if (!isLocale(locale) || ext !== "js") throw new Response("Not Found", { status: 404 });
  const { version: current, body } = dictionaryScript(locale);
  // an old version (a page from before a release) still gets today's strings, just not cached for long
  const cache = version === current ? "public, max-age=31536000, immutable" : "public, max-age=60";
  return new Response(body, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": cache } });
}
