import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { chapterOgImage } from "~/models/chapters/public-page.server";

/** The chapter page's link-preview card, 1200×630 PNG (WhatsApp, Facebook, Telegram). */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const png = /^[a-z0-9-]{1,80}$/.test(slug) ? await chapterOgImage(db, slug) : null;
  if (!png) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "public, max-age=600" } });
}
