import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { personalFeed } from "~/models/events/calendar.server";

/** The secret link is the credential (calendar apps send no cookies); revoking it replaces the token. */
export async function loader({ params }: LoaderFunctionArgs) {
  const ics = await personalFeed(db, params.token ?? "");
  if (!ics) throw new Response("Not Found", { status: 404 });
  return new Response(ics, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex" },
  });
}
