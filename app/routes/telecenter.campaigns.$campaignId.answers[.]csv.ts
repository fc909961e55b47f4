import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { logDataAccess } from "~/models/privacy/access-log.server";
import { csvDelimiterFrom, csvFileName } from "~/services/csv.server";
import { campaignCsv } from "~/models/telecenters/campaign-csv.server";
import { getCampaign } from "~/models/telecenters/campaigns.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = Number(params.campaignId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const campaign = await getCampaign(db, id);
  if (!campaign) notFound();
  const user = await requireChapterLead(db, context, request, campaign.chapterId);
  const delimiter = csvDelimiterFrom(new URL(request.url));
  // only the campaign chapter's leads get here, and they may open the photos: the file links them
  const csv = await campaignCsv(db, campaign.id, { delimiter, locale: context.locale, photoLinks: true });
  await logDataAccess(db, user.id, { kind: "answers_export", chapterId: campaign.chapterId, detail: `campaign:${campaign.id}` });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(`survei-telecenter-${campaign.id}`, delimiter)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
