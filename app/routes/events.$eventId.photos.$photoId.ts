import type { LoaderFunctionArgs } from "@remix-run/node";
import { isChapterLead, notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { getEvent, isActiveMember } from "~/models/events/events.server";
import { getPhoto, readPhoto } from "~/models/events/outcomes.server";

/** Approved reports' photos are public with the event; before approval only the chapter sees them. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const eventId = Number(params.eventId);
  const photoId = Number(params.photoId);
  if (!Number.isInteger(eventId) || !Number.isInteger(photoId)) notFound();
  const event = await getEvent(db, eventId);
  const photo = event ? await getPhoto(db, eventId, photoId) : null;
  if (!event || !photo) notFound();
  if (photo.reportStatus !== "approved") {
    const user = context.auth.user;
    const allowed = user && ((await isChapterLead(db, user, event.chapterId)) || (await isActiveMember(db, user.id, event.chapterId)));
    if (!allowed) notFound();
  }
  const bytes = await readPhoto(photo.fileName);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=86400" } });
}
