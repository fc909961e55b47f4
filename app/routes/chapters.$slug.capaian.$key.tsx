import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDay, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { indicatorRecords, listIndicators } from "~/models/reports/indicators.server";
import { currentPeriod, parsePeriod, periodKey, periodLabel } from "~/models/reports/period";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/chapters.$slug.capaian.$key";
import { TableWrap } from "~/components/TableWrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

/** The records behind one figure: only the chapter's leads (and admins) see them, as they name people. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const indicator = (await listIndicators(db, context.locale)).find((i) => i.key === params.key);
  if (!indicator) notFound();
  const period = parsePeriod(new URL(request.url).searchParams.get("period")) ?? currentPeriod(new Date(), chapter.timeZone);
  // days written here, in the reader's language (the page ships no date formatting)
  const records = (await indicatorRecords(db, { chapterId: chapter.id, key: indicator.key, period })).map((r) => ({
    ...r,
    firstAt: formatDay(r.firstAt, context.locale),
    events: r.events.map((e) => ({ ...e, date: formatDay(e.date, context.locale) })),
  }));
  return {
    title: translator(context.locale)("reports.records.title", { indicator: indicator.name, chapter: chapter.name, period: periodLabel(period, context.locale) }),
    chapter: { slug: chapter.slug },
    indicator,
    period,
    records,
    total: Math.round(records.reduce((s, r) => s + r.value, 0) * 10) / 10,
  };
}

export default function IndicatorRecords() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const fmt = (n: number) => formatNumber(n, locale);
  return (
    <div className="wide">
      <h1 id="records-title">{d.title}</h1>
      <p>{d.indicator.definition}</p>
      <p>
        <strong data-testid="records-total">{t("reports.records.total", { value: fmt(d.total) })}</strong>
      </p>
      {d.records.length === 0 ? (
        <p>{t("reports.records.none")}</p>
      ) : (
        <TableWrap labelledBy="records-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reports.col.item")}</th>
                <th scope="col">{t("reports.col.firstAt")}</th>
                <th scope="col" className="num">
                  {t("reports.col.count")}
                </th>
                <th scope="col">{t("reports.col.sources")}</th>
              </tr>
            </thead>
            <tbody>
              {d.records.map((r) => (
                <tr key={r.item}>
                  <td>{r.label || (r.requestIds[0] ? t("reports.records.request", { id: r.requestIds[0] }) : r.item)}</td>
                  <td>{r.firstAt}</td>
                  <td className="num">{fmt(r.value)}</td>
                  <td>
                    {r.events.map((e, i) => (
                      <span key={e.id}>
                        {i ? ", " : ""}
                        <Link to={`/events/${e.id}/report`}>
                          {e.title} ({e.date})
                        </Link>
                      </span>
                    ))}
                    {r.requestIds.map((id, i) => (
                      <span key={id}>
                        {i || r.events.length ? ", " : ""}
                        <Link to={`/chapters/${d.chapter.slug}/tutoring/${id}`}>{t("reports.records.request", { id })}</Link>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p>
        <Link to={`/chapters/${d.chapter.slug}/capaian?period=${periodKey(d.period)}`}>{t("reports.records.back")}</Link>
      </p>
    </div>
  );
}
