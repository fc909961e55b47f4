import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { chapterFeed } from "~/models/events/calendar.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const ics = await chapterFeed(db, params.slug ?? "");
  if (!ics) throw new Response("Not Found", { status: 404 });
  return new Response(ics, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
