import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { chapterTutoringScreen } from "~/models/tutoring/stats.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.tutoring._index";
import { TableWrap } from "~/components/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

const STATS_DAYS = 90;

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const now = new Date();
  // one statement: the chapter, the lead check, the open requests, per kecamatan, and the period's figures
  const page = await chapterTutoringScreen(db, {
    slug: params.slug ?? "",
    reader: user,
    locale: context.locale,
    from: new Date(now.getTime() - STATS_DAYS * 86400_000),
    to: new Date(now.getTime() + 60_000),
  });
  if (!page) notFound();
  if (!page.isLead) forbidden();
  const { chapter, stats } = page;
  return {
    title: `${translator(context.locale)("tutoring.lead.title", { chapter: chapter.name })} — Simpul`,
    chapter: { slug: chapter.slug, name: chapter.name, timeZone: chapter.timeZone },
    statsDays: STATS_DAYS,
    requests: page.requests.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      ageDays: Math.floor((now.getTime() - r.createdAt.getTime()) / 86400_000),
      kecamatan: r.kecamatan,
      topics: r.topics,
    })),
    byKecamatan: page.byKecamatan.map((k) => ({ kecamatanCode: k.kecamatanCode, kecamatanName: k.kecamatanName, open: k.open, unmatched: k.unmatched, oldest: k.oldest.toISOString() })),
    // what the page shows of the figures
    stats: {
      receivedRequests: stats.receivedRequests,
      completedRequests: stats.completedRequests,
      completionRate: stats.completionRate,
      distinctLearners: stats.distinctLearners,
      averageRating: stats.averageRating,
      ratings: stats.ratings,
      tutoringMinutes: stats.tutoringMinutes,
      minutesByVolunteer: stats.minutesByVolunteer,
    },
  };
}

export default function ChapterTutoring() {
  const { chapter, requests, byKecamatan, stats, statsDays } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h1>{t("tutoring.lead.title", { chapter: chapter.name })}</h1>
      {requests.length === 0 ? (
        <p>{t("tutoring.lead.empty")}</p>
      ) : (
        <TableWrap label={t("tutoring.lead.openCaption")}>
          <table>
            <caption className="sr-only">{t("tutoring.lead.openCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("tutoring.lead.age")}</th>
                <th scope="col">{t("tutoring.lead.kecamatan")}</th>
                <th scope="col">{t("tutoring.lead.topics")}</th>
                <th scope="col">{t("tutoring.lead.status")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/chapters/${chapter.slug}/tutoring/${r.id}`}>{t("tutoring.lead.request", { id: r.id })}</Link>
                  </td>
                  <td>
                    {t(countKey("tutoring.lead.days", r.ageDays), { n: r.ageDays })} <span className="hint">({formatDateTime(r.createdAt, locale, chapter.timeZone)})</span>
                  </td>
                  <td>{r.kecamatan}</td>
                  <td>{r.topics}</td>
                  <td>{t(`tutoring.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {byKecamatan.length ? (
        <section aria-labelledby="by-kecamatan">
          <h2 id="by-kecamatan">{t("tutoring.lead.byKecamatan")}</h2>
          <TableWrap labelledBy="by-kecamatan">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("tutoring.lead.kecamatan")}</th>
                  <th scope="col">{t("tutoring.lead.openCount")}</th>
                  <th scope="col">{t("tutoring.lead.waitingCount")}</th>
                  <th scope="col">{t("tutoring.lead.oldest")}</th>
                </tr>
              </thead>
              <tbody>
                {byKecamatan.map((k) => (
                  <tr key={k.kecamatanCode}>
                    <td>{k.kecamatanName ?? k.kecamatanCode}</td>
                    <td>{k.open}</td>
                    <td>{k.unmatched}</td>
                    <td>{formatDateTime(k.oldest, locale, chapter.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      <section aria-labelledby="stats">
        <h2 id="stats">{t("tutoring.stats.title", { days: statsDays })}</h2>
        <dl>
          <dt>{t("tutoring.stats.received")}</dt>
          <dd>{stats.receivedRequests}</dd>
          <dt>{t("tutoring.stats.completed")}</dt>
          <dd id="stat-completed">{stats.completedRequests}</dd>
          <dt>{t("tutoring.stats.completionRate")}</dt>
          <dd>{stats.completionRate === null ? "—" : `${formatNumber(Math.round(stats.completionRate * 100), locale)}%`}</dd>
          <dt>{t("tutoring.stats.learners")}</dt>
          <dd>{stats.distinctLearners}</dd>
          <dt>{t("tutoring.stats.rating")}</dt>
          <dd>{stats.averageRating === null ? "—" : t(countKey("tutoring.stats.ratingValue", stats.ratings), { avg: formatNumber(stats.averageRating, locale), n: stats.ratings })}</dd>
          <dt>{t("tutoring.stats.hours")}</dt>
          <dd>{formatNumber(Math.round((stats.tutoringMinutes / 60) * 10) / 10, locale)}</dd>
        </dl>
        {stats.minutesByVolunteer.length ? (
          <TableWrap label={t("tutoring.stats.perVolunteer")}>
            <table>
              <caption>{t("tutoring.stats.perVolunteer")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tutoring.stats.volunteer")}</th>
                  <th scope="col">{t("tutoring.stats.sessions")}</th>
                  <th scope="col">{t("tutoring.stats.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.minutesByVolunteer.map((v) => (
                  <tr key={v.userId}>
                    <td>{v.name}</td>
                    <td>{v.sessions}</td>
                    <td>{formatNumber(Math.round((v.minutes / 60) * 10) / 10, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
    </div>
  );
}
