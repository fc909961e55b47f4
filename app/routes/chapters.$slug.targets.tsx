import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { TargetsForm } from "~/components/TargetsForm";
import { PeriodPicker } from "~/components/PeriodPicker";
import type { FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { listIndicators } from "~/models/reports/indicators.server";
import { currentPeriod, parsePeriod, periodKey, periodLabel, periodOptions } from "~/models/reports/period";
import { getTargets, parseTargetForm, saveTargets } from "~/models/reports/targets.server";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/chapters.$slug.targets";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const now = new Date();
  const url = new URL(request.url);
  const period = parsePeriod(url.searchParams.get("period")) ?? currentPeriod(now, chapter.timeZone);
  const [defs, tg] = await Promise.all([listIndicators(db, context.locale), getTargets(db, { scope: "chapter", chapterId: chapter.id }, period)]);
  return {
    title: translator(context.locale)("reports.targets.title", { owner: chapter.name }),
    chapter: { slug: chapter.slug, name: chapter.name },
    period,
    options: periodOptions(now, chapter.timeZone),
    saved: url.searchParams.get("saved") === "1",
    indicators: defs.map((d) => ({ id: d.id, name: d.name, definition: d.definition, target: tg.get(d.id) ?? null })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { chapter, user } = await requireLeadOfChapter(context, request, params.slug);
  const form = await request.formData();
  const period = parsePeriod(String(form.get("period") ?? ""));
  if (!period) return data<FormFailure>({ errors: { _form: ["reports.targets.notNumber"] } }, { status: 400 });
  const defs = await listIndicators(db, context.locale);
  const parsed = parseTargetForm(
    form,
    defs.map((d) => d.id),
  );
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveTargets(db, { owner: { scope: "chapter", chapterId: chapter.id }, period, values: parsed.values, userId: user.id });
  return redirect(`/chapters/${chapter.slug}/targets?period=${periodKey(period)}&saved=1`);
}

export default function ChapterTargets() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="wide">
      <h1 id="targets-title">{d.title}</h1>
      <p className="muted">{periodLabel(d.period, locale)}</p>
      <PeriodPicker options={d.options} current={d.period} />
      {d.saved ? (
        <p className="notice" role="status">
          {t("reports.targets.saved")}
        </p>
      ) : null}
      <TargetsForm period={periodKey(d.period)} indicators={d.indicators} failure={failure} />
      <p>
        <Link to={`/chapters/${d.chapter.slug}/capaian?period=${periodKey(d.period)}`}>{t("reports.records.back")}</Link>
      </p>
    </div>
  );
}
