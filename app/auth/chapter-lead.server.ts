import type { AppLoadContext } from "@remix-run/node";
import { db } from "~/db.server";
import { getChapterRef, type ChapterRef } from "~/models/reports/reports.server";
import { notFound, requireChapterLead } from "./guards.server";
import type { SessionUser } from "./session.server";

/**
 * The chapter named in the URL (404 when there is none) and the signed-in user, who must lead it (or be an admin).
 * Every Capaian, targets and certificates route of a chapter starts here, in its loader and in its action.
 */
export async function requireLeadOfChapter(context: AppLoadContext, request: Request, slug: string | undefined): Promise<{ chapter: ChapterRef; user: SessionUser }> {
  const chapter = await getChapterRef(db, slug ?? "");
  if (!chapter) notFound();
  const user = await requireChapterLead(db, context, request, chapter.id);
  return { chapter, user };
}
