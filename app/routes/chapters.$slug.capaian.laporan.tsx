import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { PeriodPicker } from "~/components/PeriodPicker";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDay, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { STATUS_CLASS } from "~/models/reports/reports-form";
import { currentPeriod, parsePeriod, periodKey, periodLabel, periodOptions } from "~/models/reports/period";
import { chapterReport, signatureLines, signerName } from "~/models/reports/reports.server";
import styles from "~/styles/reports.css";
import { SemicolonCsvLink } from "~/components/CsvLinks";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.capaian.laporan";
import { TableWrap } from "~/components/TableWrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter, user } = await requireLeadOfChapter(context, request, params.slug);
  const now = new Date();
  const period = parsePeriod(new URL(request.url).searchParams.get("period")) ?? currentPeriod(now, chapter.timeZone);
  const [raw, signer] = await Promise.all([chapterReport(db, { chapter, period, locale: context.locale, now }), signerName(db, chapter.id, user.id)]);
  // days written here, in the reader's language (the CSV keeps them as 2026-02-07)
  const report = { ...raw, activities: raw.activities.map((a) => ({ ...a, date: formatDay(a.date, context.locale) })) };
  const t = translator(context.locale);
  return {
    title: `${t("reports.report.title")} — ${chapter.name} — ${periodLabel(period, context.locale)}`,
    chapter: { slug: chapter.slug, name: chapter.name, regionName: chapter.regionName, provinceName: chapter.provinceName },
    period,
    options: periodOptions(now, chapter.timeZone),
    report,
    // printed from the browser, the page ends with the PDF's signature block
    signature: signatureLines({ chapter, locale: context.locale, signer, at: now }),
  };
}

export default function ReportPage() {
  const { chapter, period, options, report, signature } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pk = periodKey(period);
  const fmt = (n: number, d = 0) => formatNumber(Math.round(n * 10 ** d) / 10 ** d, locale);
  const base = `/chapters/${chapter.slug}/capaian`;
  return (
    <article className="wide report">
      <h1>{t("reports.report.title")}</h1>
      <p>
        <strong>
          {chapter.name} — {periodLabel(period, locale)}
        </strong>
        <br />
        <span className="muted">
          {chapter.regionName}, {chapter.provinceName}
        </span>
      </p>
      <PeriodPicker options={options} current={period} />
      <div className="card no-print">
        <p>
          <strong>{t("reports.report.download")}:</strong>{" "}
          <a href={`${base}/laporan.pdf?period=${pk}&lang=id`} download>
            {t("reports.report.pdf")}
          </a>{" "}
          ·{" "}
          <a href={`${base}/laporan.csv?period=${pk}&lang=id`} download>
            {t("reports.report.csv")}
          </a>{" "}
          · <SemicolonCsvLink href={`${base}/laporan.csv?period=${pk}&lang=id`} />{" "}
          · {t("reports.report.english")}:{" "}
          <a href={`${base}/laporan.pdf?period=${pk}&lang=en`} download hrefLang="en">
            PDF
          </a>{" "}
          ·{" "}
          <a href={`${base}/laporan.csv?period=${pk}&lang=en`} download hrefLang="en">
            CSV
          </a>
        </p>
        <p className="hint">{t("reports.report.print")}</p>
      </div>

      <h2>{t("reports.report.summary")}</h2>
      <p data-testid="report-summary">{report.summary}</p>

      <h2 id="indicators">{t("reports.report.indicators")}</h2>
      <TableWrap labelledBy="indicators">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reports.col.indicator")}</th>
              <th scope="col" className="num">
                {t("reports.col.value")}
              </th>
              <th scope="col" className="num">
                {t("reports.col.target")}
              </th>
              <th scope="col" className="num">
                {t("reports.col.progress")}
              </th>
              <th scope="col">{t("reports.col.status")}</th>
              <th scope="col" className="num">
                {t("reports.col.previous")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.name}
                  <br />
                  <span className="hint">{r.definition}</span>
                </th>
                <td className="num">
                  <Link to={`${base}/${r.key}?period=${pk}`} data-testid={`report-value-${r.key}`}>
                    {fmt(r.value, r.decimals)}
                  </Link>
                </td>
                <td className="num">{r.target === null ? "—" : fmt(r.target)}</td>
                <td className="num">{r.percent === null ? "—" : `${r.percent}%`}</td>
                <td>
                  <span className={`status ${STATUS_CLASS[r.status] ?? "none"}`}>{t(`reports.status.${r.status}`)}</span>
                </td>
                <td className="num">{fmt(r.previous, r.decimals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="hint">{t("reports.report.traceHint")}</p>
      {report.schoolLevels.length ? (
        <p data-testid="school-levels">
          {t("reports.report.schoolLevels", { list: report.schoolLevels.map((l) => `${fmt(l.n)} ${t(`events.level.${l.level}`)}`).join(", ") })}
        </p>
      ) : null}

      {report.perProgram.length ? (
        <>
          <h2 id="per-program">{t("reports.report.perProgram")}</h2>
          <TableWrap labelledBy="per-program">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reports.col.program")}</th>
                  <th scope="col" className="num">
                    {t("reports.col.events")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.perProgram.map((p) => (
                  <tr key={p.slug}>
                    <td>{p.name}</td>
                    <td className="num">
                      <Link to={`${base}/events_held?period=${pk}`}>{fmt(p.n)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}

      <h2 id="activities">{t("reports.report.activities")}</h2>
      {report.activities.length === 0 ? (
        <p>{t("reports.report.noActivities")}</p>
      ) : (
        <TableWrap labelledBy="activities">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reports.col.date")}</th>
                <th scope="col">{t("reports.col.activity")}</th>
                <th scope="col">{t("reports.col.place")}</th>
                <th scope="col" className="num">
                  {t("reports.col.participants")}
                </th>
                <th scope="col">{t("reports.col.photo")}</th>
              </tr>
            </thead>
            <tbody>
              {report.activities.map((a) => (
                <tr key={a.eventId}>
                  <td>{a.date}</td>
                  <td>
                    <Link to={`/events/${a.eventId}/report`}>{a.title}</Link>
                    <br />
                    <span className="hint">{a.program}</span>
                  </td>
                  <td>{[a.venue, a.region].filter(Boolean).join(", ")}</td>
                  <td className="num">
                    <Link to={`/events/${a.eventId}/report`}>{fmt(a.participants)}</Link>
                  </td>
                  <td>{a.photoId ? <img className="report-photo" src={`/events/${a.eventId}/photos/${a.photoId}`} alt={t("reports.report.photoAlt", { title: a.title })} loading="lazy" /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2>{t("reports.report.tutoring")}</h2>
      <p>
        {t(countKey("reports.report.tutoringText", Math.round(report.tutoring.hours * 10) / 10), {
          received: fmt(report.tutoring.received),
          completed: fmt(report.tutoring.completed),
          closedOther: fmt(report.tutoring.closedOther),
          open: fmt(report.tutoring.openNow),
          sessions: fmt(report.tutoring.sessions),
          hours: fmt(report.tutoring.hours, 1),
        })}{" "}
        {report.tutoring.rating !== null ? t("reports.report.tutoringRating", { rating: fmt(report.tutoring.rating, 1) }) : null}{" "}
        <Link to={`${base}/tutoring_completed?period=${pk}`}>{t("reports.records")}</Link>
      </p>

      <h2 id="honour">{t("reports.report.honour")}</h2>
      {report.honour.length === 0 ? (
        <p>{t("reports.report.noHonour")}</p>
      ) : (
        <TableWrap labelledBy="honour">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reports.col.volunteer")}</th>
                <th scope="col" className="num">
                  {t("reports.col.hours")}
                </th>
                <th scope="col" className="num">
                  {t("reports.col.events")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.honour.map((h) => (
                <tr key={h.userId}>
                  <td>{h.name}</td>
                  <td className="num">
                    <Link to={`${base}/volunteer_hours?period=${pk}`}>{fmt(h.hours, 1)}</Link>
                  </td>
                  <td className="num">{fmt(h.events)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div className="sign print-only">
        <p>
          {signature.place}
          <br />
          {signature.role}
        </p>
        <p className="sign-name">{signature.name ?? "(..............................)"}</p>
      </div>
    </article>
  );
}
