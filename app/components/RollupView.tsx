import { localeTag, numberFormat } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { periodKey, progressPercent, type Period } from "~/models/reports/period";
import { IndicatorCards, type CardRow } from "./IndicatorCards";
import { PeriodPicker } from "./PeriodPicker";
import { TableWrap } from "~/components/TableWrap";

export type RollupData = {
  title: string;
  period: Period;
  options: Period[];
  rows: CardRow[];
  months: string[];
  elapsed: number;
  previousPeriod: Period;
  chapterCount: number;
  targetSource: Record<number, "own" | "chapters" | "none">;
  /** one page of the ranking: the page never carries all chapters */
  ranking: { id: number; rank: number; slug: string; name: string; provinceCode: string; provinceName: string; progress: number | null; withTargets: number; atRisk: number; events: number; participants: number; canOpen: boolean }[];
  rankingPage: { page: number; pageCount: number; from: number; to: number };
  provinces?: { code: string; name: string }[];
  targetsHref: string | null;
};

/**
 * National or provincial roll-up: aggregates only; a chapter links to its detail only for its leads.
 * The pages ship no JavaScript (handle.hydrate false), so links are plain anchors: a router Link resolves its path
 * on every render, a cost paid for each of the ranking's hundred links.
 */
export function RollupView({ d }: { d: RollupData }) {
  const t = useT();
  const locale = useLocale();
  const pk = periodKey(d.period);
  const nf = numberFormat(localeTag(locale));
  const fmt = (n: number) => nf.format(n);
  return (
    <div className="wide">
      <h1>{d.title}</h1>
      <p className="muted">
        {t("reports.rollup.chapters", { n: d.chapterCount })} · {t("reports.elapsed", { pct: `${Math.round(d.elapsed * 100)}%` })}
      </p>
      <p className="hint">{t("reports.rollup.aggregateOnly")}</p>
      <PeriodPicker options={d.options} current={d.period} />
      {d.targetsHref ? (
        <p className="no-print">
          <a className="button" href={d.targetsHref}>
            {t("reports.rollup.setTargets")}
          </a>
        </p>
      ) : null}
      <IndicatorCards
        rows={d.rows}
        months={d.months}
        elapsed={d.elapsed}
        previousPeriod={d.previousPeriod}
        targetNote={(r) => (d.targetSource[r.id] === "chapters" ? t("reports.targets.fromChapters") : null)}
      />
      <h2 id="ranking">{t("reports.rollup.ranking")}</h2>
      <p className="hint">{t("reports.rollup.rankingHint")}</p>
      {/* a long chapter name makes the table wider than a phone: its frame scrolls, so it must take the keyboard's focus */}
      <TableWrap labelledBy="ranking">
        <table aria-labelledby="ranking" data-testid="ranking">
          <thead>
            <tr>
              <th scope="col">{t("reports.col.rank")}</th>
              <th scope="col">{t("reports.col.chapter")}</th>
              <th scope="col" className="num">
                {t("reports.col.progress")}
              </th>
              <th scope="col" className="num">
                {t("reports.col.atRisk")}
              </th>
              <th scope="col" className="num">
                {t("reports.col.events")}
              </th>
              <th scope="col" className="num">
                {t("reports.col.participants")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.ranking.map((c) => (
              <tr key={c.id}>
                <td>{c.rank}</td>
                <td>
                  {c.canOpen ? <a href={`/chapters/${c.slug}/capaian?period=${pk}`}>{c.name}</a> : c.name}
                  {d.provinces ? (
                    <>
                      <br />
                      <a className="hint" href={`/capaian/provinsi/${c.provinceCode}?period=${pk}`}>
                        {c.provinceName}
                      </a>
                    </>
                  ) : null}
                </td>
                <td className="num">{c.progress === null ? t("reports.rollup.noProgress") : `${progressPercent(c.progress, 1)}%`}</td>
                <td className="num">{c.withTargets ? fmt(c.atRisk) : "—"}</td>
                <td className="num">{fmt(c.events)}</td>
                <td className="num">{fmt(c.participants)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {d.rankingPage.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("pagination.page", { page: d.rankingPage.page, pages: d.rankingPage.pageCount })}>
          {d.rankingPage.page > 1 ? <a href={`?period=${pk}&page=${d.rankingPage.page - 1}#ranking`}>{t("pagination.prev")}</a> : null}
          <span>{t("pagination.page", { page: d.rankingPage.page, pages: d.rankingPage.pageCount })}</span>
          {d.rankingPage.page < d.rankingPage.pageCount ? <a href={`?period=${pk}&page=${d.rankingPage.page + 1}#ranking`}>{t("pagination.next")}</a> : null}
        </nav>
      ) : null}
      {d.provinces?.length ? (
        <>
          <h2>{t("reports.rollup.provinces")}</h2>
          <ul className="checks">
            {d.provinces.map((p) => (
              <li key={p.code}>
                <a href={`/capaian/provinsi/${p.code}?period=${pk}`}>{p.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
