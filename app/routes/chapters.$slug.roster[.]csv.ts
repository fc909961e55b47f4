import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { getChapterBySlug } from "~/models/chapters.server";
import { filtersFromUrl } from "~/models/roster-query.server";
import { rosterCsv } from "~/models/roster.server";

/** The filtered roster (all pages) as CSV; personal data, so leads only and never cached. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  await requireChapterLead(db, context, request, chapter.id);
  const csv = await rosterCsv(db, chapter.id, filtersFromUrl(new URL(request.url)));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="relawan-${chapter.slug}-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
