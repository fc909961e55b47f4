import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { localeTag, numberFormat } from "~/i18n/format";
import { STATUS_CLASS } from "~/models/reports/reports-form";
import { periodLabel, type Period } from "~/models/reports/period";
import { MonthBars, monthNames, ProgressBar } from "./ReportCharts";

export type CardRow = {
  id: number;
  key: string;
  name: string;
  definition: string;
  decimals: number;
  value: number;
  months: number[];
  previous: number;
  target: number | null;
  ratio: number | null;
  expected: number | null;
  status: string;
};

/** One card per indicator: figure (linked to its records when allowed), target, progress, trend, previous period. */
export function IndicatorCards({ rows, months, elapsed, previousPeriod, recordsHref, targetNote }: { rows: CardRow[]; months: string[]; elapsed: number; previousPeriod: Period; recordsHref?: (key: string) => string; targetNote?: (row: CardRow) => string | null }) {
  const t = useT();
  const locale = useLocale();
  const labels = monthNames(months, locale);
  const nf = numberFormat(localeTag(locale)); // one shared formatter for every figure of the page
  const fmt = (n: number, d = 0) => nf.format(Math.round(n * 10 ** d) / 10 ** d);
  const previous = periodLabel(previousPeriod, locale);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <ul className="ind-list">
      {rows.map((r) => (
        <li key={r.key} className="ind" data-indicator={r.key}>
          <h3>{r.name}</h3>
          <p>
            {recordsHref ? (
              <Link to={recordsHref(r.key)} className="figure" data-testid={`value-${r.key}`} aria-label={`${fmt(r.value, r.decimals)} — ${t("reports.records")}`}>
                {fmt(r.value, r.decimals)}
              </Link>
            ) : (
              <span className="figure" data-testid={`value-${r.key}`}>
                {fmt(r.value, r.decimals)}
              </span>
            )}{" "}
            <span className="muted">{r.target === null ? t("reports.noTarget") : t("reports.ofTarget", { value: fmt(r.value, r.decimals), target: fmt(r.target) })}</span>{" "}
            <span className={`status ${STATUS_CLASS[r.status] ?? "none"}`} data-testid={`status-${r.key}`}>
              {t(`reports.status.${r.status}`)}
            </span>
          </p>
          {r.target !== null ? (
            <>
              <ProgressBar ratio={r.ratio} elapsed={elapsed} status={r.status} label={t("reports.progressChart", { value: fmt(r.value, r.decimals), target: fmt(r.target), elapsed: pct(elapsed) })} />
              {r.expected !== null && r.status !== "met" ? <p className="hint">{t("reports.expected", { expected: fmt(r.expected, 1) })}</p> : null}
            </>
          ) : null}
          {targetNote?.(r) ? <p className="hint">{targetNote(r)}</p> : null}
          <p className="hint">{t("reports.vsPrevious", { period: previous, value: fmt(r.previous, r.decimals) })}</p>
          <MonthBars months={months} values={r.months} monthLabels={labels} title={t("reports.trend", { name: r.name })} tableCaption={t("reports.trendTable", { name: r.name })} format={(n) => fmt(n, r.decimals)} />
          <details>
            <summary>{t("reports.definition")}</summary>
            <p>{r.definition}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}
