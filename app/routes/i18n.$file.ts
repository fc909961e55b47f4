import type { LoaderFunctionArgs } from "@remix-run/node";
import { englishScript } from "~/i18n/dictionaries.server";

/** /i18n/en.<version>.js — the English interface strings (English pages only); public, immutable for a version. */
export async function loader({ params }: LoaderFunctionArgs) {
  const [locale, version, ext] = (params.file ?? "").split(".");
  if (locale !== "en" || ext !== "js") throw new Response("Not Found", { status: 404 });
  const { version: current, body } = englishScript();
  // an old version (a page from before a release) still gets today's strings, just not cached for long
  const cache = version === current ? "public, max-age=31536000, immutable" : "public, max-age=60";
  return new Response(body, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": cache } });
}
