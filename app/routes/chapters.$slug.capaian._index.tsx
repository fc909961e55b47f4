import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { IndicatorCards } from "~/components/IndicatorCards";
import { PeriodPicker } from "~/components/PeriodPicker";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { currentPeriod, parsePeriod, periodKey, periodLabel, periodOptions } from "~/models/reports/period";
import { chapterDashboard } from "~/models/reports/reports.server";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/chapters.$slug.capaian._index";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const now = new Date();
  const period = parsePeriod(new URL(request.url).searchParams.get("period")) ?? currentPeriod(now, chapter.timeZone);
  const dash = await chapterDashboard(db, { chapter, period, locale: context.locale, now });
  return {
    title: translator(context.locale)("reports.title", { chapter: chapter.name }),
    chapter: { slug: chapter.slug, name: chapter.name, provinceCode: chapter.provinceCode, provinceName: chapter.provinceName },
    period,
    options: periodOptions(now, chapter.timeZone),
    ...dash,
  };
}

export default function ChapterDashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pk = periodKey(d.period);
  return (
    <div className="wide">
      <h1>{d.title}</h1>
      <p className="muted">
        {periodLabel(d.period, locale)} · {t("reports.elapsed", { pct: `${Math.round(d.elapsed * 100)}%` })}
      </p>
      <PeriodPicker options={d.options} current={d.period} />
      <p className="actions no-print">
        <Link className="button" to={`/chapters/${d.chapter.slug}/targets?period=${pk}`}>
          {t("reports.links.targets")}
        </Link>
        <Link className="button secondary" to={`/chapters/${d.chapter.slug}/capaian/laporan?period=${pk}`}>
          {t("reports.links.report")}
        </Link>
        <Link className="button secondary" to={`/chapters/${d.chapter.slug}/capaian/sertifikat`}>
          {t("reports.links.certificates")}
        </Link>
      </p>
      <p className="no-print">
        <Link to={`/capaian/provinsi/${d.chapter.provinceCode}?period=${pk}`}>{t("reports.links.province", { province: d.chapter.provinceName })}</Link> ·{" "}
        <Link to={`/capaian?period=${pk}`}>{t("reports.links.national")}</Link>
      </p>
      <IndicatorCards rows={d.rows} months={d.months} elapsed={d.elapsed} previousPeriod={d.previousPeriod} recordsHref={(key) => `/chapters/${d.chapter.slug}/capaian/${key}?period=${pk}`} />
    </div>
  );
}
