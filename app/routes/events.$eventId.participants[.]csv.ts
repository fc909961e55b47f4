import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { eventScope } from "~/models/events/events.server";
import { participantsCsv } from "~/models/events/participants.server";
import { csvDelimiterFrom, csvFileName } from "~/services/csv.server";

/** The participant list as CSV; personal data, so the event's leads only, never cached, and logged (participantsCsv). */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const scope = await eventScope(db, id);
  if (!scope) notFound();
  const user = await requireChapterLead(db, context, request, scope.chapterId);
  const delimiter = csvDelimiterFrom(new URL(request.url));
  const csv = await participantsCsv(db, { eventId: id, actorId: user.id, locale: context.locale, delimiter });
  if (csv === null) notFound();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(`peserta-kegiatan-${id}`, delimiter)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
