import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { db } from "~/db.server";
import { logDataAccess } from "~/models/privacy/access-log.server";
import { currentPeriod, parsePeriod, periodKey } from "~/models/reports/period";
import { reportPdf } from "~/models/reports/pdf.server";
import { chapterReport, signerName } from "~/models/reports/reports.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter, user } = await requireLeadOfChapter(context, request, params.slug);
  const url = new URL(request.url);
  const locale = url.searchParams.get("lang") === "en" ? "en" : "id";
  const period = parsePeriod(url.searchParams.get("period")) ?? currentPeriod(new Date(), chapter.timeZone);
  const [report, signer] = await Promise.all([chapterReport(db, { chapter, period, locale }), signerName(db, chapter.id, user.id)]);
  await logDataAccess(db, user.id, { kind: "report_export", chapterId: chapter.id, detail: `pdf:${periodKey(period)}` });
  const pdf = await reportPdf({ chapter, period, report, locale, signer });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="laporan-capaian-${chapter.slug}-${periodKey(period)}${locale === "en" ? "-en" : ""}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
