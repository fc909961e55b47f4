import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { leadQrSvg } from "~/models/events/event-page.server";

/**
 * The lead's QR codes as images (/events/<id>/qr/checkin, /events/<id>/qr/door): shown on the event page, and a lead
 * can save one, share it or open it full size to show at the door. Only a lead of the event's chapter gets them (the
 * check-in code is in them). The browser keeps a copy and asks again each time (ETag): a new code is seen at once.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const eventId = Number(params.eventId);
  requireUser(context, request);
  if (!Number.isInteger(eventId) || eventId <= 0) notFound();
  const qr = await leadQrSvg(db, eventId, params.kind ?? "");
  if (!qr) notFound();
  await requireChapterLead(db, context, request, qr.chapterId);
  const etag = `"${createHash("sha256").update(qr.svg).digest("base64url").slice(0, 16)}"`;
  const headers = { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, no-cache", ETag: etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(qr.svg, { headers });
}
