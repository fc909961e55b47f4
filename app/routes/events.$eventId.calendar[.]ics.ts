import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { eventIcs } from "~/models/events/calendar.server";

/** Public like the event page itself (drafts are never served); a signed-in volunteer gets only the days they hold. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = Number(params.eventId);
  const ics = Number.isInteger(id) && id > 0 ? await eventIcs(db, id, getUser(context)?.id) : null;
  if (!ics) throw new Response("Not Found", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="simpul-event-${id}.ics"`,
      "Cache-Control": "no-cache",
    },
  });
}
