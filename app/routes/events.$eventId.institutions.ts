import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, isChapterLead, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { getEvent } from "~/models/events/events.server";
import { canFileReport } from "~/models/events/outcomes.server";
import { suggestInstitutions } from "~/models/events/institutions.server";

/** The registry entries matching what the report's filer types (the report page fetches it; JSON). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event || event.status === "draft") notFound();
  const lead = await isChapterLead(db, user, event.chapterId);
  if (!(await canFileReport(db, event.id, user.id, lead))) forbidden();
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { suggestions: await suggestInstitutions(db, { chapterRegion: event.chapterRegion, q }) };
}
