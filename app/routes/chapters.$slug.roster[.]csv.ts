import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { logDataAccess } from "~/models/privacy/access-log.server";
import { getChapterBySlug } from "~/models/chapters/chapters.server";
import { filtersFromUrl } from "~/models/chapters/roster-query.server";
import { csvDelimiterFrom, csvFileName } from "~/services/csv.server";
import { rosterCsv } from "~/models/chapters/roster.server";

/** The filtered roster (all pages) as CSV; personal data, so leads only and never cached. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const user = await requireChapterLead(db, context, request, chapter.id);
  const url = new URL(request.url);
  const delimiter = csvDelimiterFrom(url);
  const csv = await rosterCsv(db, chapter.id, filtersFromUrl(url), delimiter, context.locale);
  await logDataAccess(db, user.id, { kind: "roster_export", chapterId: chapter.id });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(`relawan-${chapter.slug}-${date}`, delimiter)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
