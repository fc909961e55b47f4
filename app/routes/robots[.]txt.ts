import { env } from "~/env.server";

/** Visitor pages are open to search engines; accounts, leads' pages and personal links are not. */
export function loader() {
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /login",
    "Disallow: /register",
    "Disallow: /profile",
    "Disallow: /admin",
    "Disallow: /dev/",
    "Disallow: /lacak/",
    "Disallow: /calendar/",
    "Disallow: /tutoring",
    "Disallow: /e/*/hadir",
    "Disallow: /e/*/tiket/",
    "Disallow: /*.csv",
    `Sitemap: ${env.APP_URL}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
