import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { eventOgImage } from "~/models/events/public.server";

/** The event's link-preview card, 1200×630 PNG (WhatsApp, Facebook, Telegram). */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = Number(params.eventId);
  const png = Number.isInteger(id) && id > 0 ? await eventOgImage(db, id) : null;
  if (!png) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "public, max-age=600" } });
}
