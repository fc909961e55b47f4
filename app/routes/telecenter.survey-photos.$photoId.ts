import type { LoaderFunctionArgs } from "@remix-run/node";
import { isChapterLead, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { getSurveyPhoto, readSurveyPhoto } from "~/models/telecenters/responses.server";

/** Survey photos are for their surveyor and the campaign chapter's leads only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const id = Number(params.photoId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const photo = await getSurveyPhoto(db, id);
  if (!photo) notFound();
  if (photo.surveyorId !== user.id && !(await isChapterLead(db, user, photo.chapterId))) notFound();
  const bytes = await readSurveyPhoto(photo.fileName);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": "image/jpeg", "Cache-Control": "private, max-age=86400" } });
}
