/** The campaign's answers as a spreadsheet file; apart from campaigns.server.ts so its headings stay out of the campaign page. */
import { asc, eq, inArray } from "drizzle-orm";
import { surveyAnswers, surveyAssignments, surveyPhotos, surveyResponses } from "../../../db/schema/telecenters";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import { campaignRows, getCampaign } from "~/models/telecenters/campaigns.server";
import { getVersion, type VersionDetail } from "~/models/telecenters/instruments.server";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";
import { spreadsheetCsv, type CsvDelimiter } from "~/services/csv.server";

type Question = VersionDetail["questions"][number];

export type CampaignCsvOptions = { delimiter?: CsvDelimiter; locale?: Locale; photoLinks?: boolean };

/**
 * One row per telecenter, one column per question, scores per section; headings, statuses and yes/no in the
 * reader's language. Photo questions: links to the photos when `photoLinks` (the reader may see them — the
 * campaign chapter's leads), otherwise how many there are.
 */
export async function campaignCsv(db: Db, campaignId: number, opts: CampaignCsvOptions = {}): Promise<string> {
  const { delimiter = ",", locale = "id", photoLinks = false } = opts;
  const t = translator(locale);
  const c = await getCampaign(db, campaignId);
  if (!c) throw new Response("Not Found", { status: 404 });
  const version = await getVersion(db, c.versionId);
  if (!version) throw new Response("Not Found", { status: 404 });
  const zone = timeZoneOfRegionCode(c.chapterRegion);
  const rows = await campaignRows(db, campaignId);
  const responseIds = await db
    .select({ assignmentId: surveyResponses.assignmentId, id: surveyResponses.id })
    .from(surveyResponses)
    .innerJoin(surveyAssignments, eq(surveyAssignments.id, surveyResponses.assignmentId))
    .where(eq(surveyAssignments.campaignId, campaignId));
  const ids = responseIds.map((r) => r.id);
  const answers = ids.length ? await db.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, ids)) : [];
  const photos = ids.length
    ? await db
        .select({ id: surveyPhotos.id, responseId: surveyPhotos.responseId, questionId: surveyPhotos.questionId })
        .from(surveyPhotos)
        .where(inArray(surveyPhotos.responseId, ids))
        .orderBy(asc(surveyPhotos.id))
    : [];
  const responseOf = new Map(responseIds.map((r) => [r.assignmentId, r.id]));
  const answerOf = new Map(answers.map((a) => [`${a.responseId}:${a.questionId}`, a.value]));
  const photosOf = new Map<string, number[]>();
  for (const p of photos) photosOf.set(`${p.responseId}:${p.questionId}`, [...(photosOf.get(`${p.responseId}:${p.questionId}`) ?? []), p.id]);
  const header = [
    t("surveys.csv.telecenterId"),
    t("surveys.results.telecenter"),
    t("surveys.csv.regionCode"),
    t("surveys.csv.kecamatan"),
    t("surveys.csv.surveyor"),
    t("surveys.results.status"),
    t("surveys.csv.submittedAt"),
    t("surveys.results.score"),
    t("surveys.results.class"),
    ...version.sections.map((s) => `S${s.position} ${s.title} (%)`),
    ...version.sections.flatMap((s) => s.questions.map((q) => `S${s.position}.${q.position} ${q.prompt}`)),
  ];
  const shown = (q: Question, v: string | undefined): string | number => {
    if (v === undefined || v === "") return "";
    // stored as text; written as numbers so the semicolon flavour gives "2,5" like every other figure
    if ((q.kind === "number" || q.kind === "scale") && Number.isFinite(Number(v))) return Number(v);
    if (q.kind === "yesno") return v === "yes" ? t("surveys.fill.yes") : v === "no" ? t("surveys.fill.no") : v;
    if (q.kind === "choice") return q.config.options?.find((o) => o.value === v)?.label ?? v;
    return v;
  };
  const body = rows.map((r) => {
    const rid = responseOf.get(r.assignmentId);
    return [
      r.telecenterId,
      r.telecenterName,
      r.regionCode,
      r.kecamatanName,
      r.surveyorName ?? "",
      t(`surveys.status.${r.status}`),
      r.submittedAt ? formatDateTime(r.submittedAt, locale, zone) : "",
      r.score ?? "",
      r.classification ?? "",
      ...version.sections.map((s) => r.sectionScores?.find((x) => x.sectionId === s.id)?.percent ?? ""),
      ...version.sections.flatMap((s) =>
        s.questions.map((q) => {
          if (q.kind !== "photo") return shown(q, answerOf.get(`${rid}:${q.id}`));
          const list = photosOf.get(`${rid}:${q.id}`) ?? [];
          return photoLinks ? list.map((id) => `${env.APP_URL}/telecenter/survey-photos/${id}`).join("\n") : list.length;
        }),
      ),
    ];
  });
  return spreadsheetCsv([header, ...body], delimiter);
}
