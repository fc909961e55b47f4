import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAdmin } from "~/auth/guards.server";
import type { FormFailure } from "~/components/forms";
import { PeriodPicker } from "~/components/PeriodPicker";
import { TargetsForm } from "~/components/TargetsForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { listIndicators } from "~/models/reports/indicators.server";
import { parsePeriod, periodKey, periodLabel } from "~/models/reports/period";
import { provinceName, scopePeriods } from "~/models/reports/reports.server";
import { chapterTargets, getTargets, parseTargetForm, saveTargets, type TargetOwner } from "~/models/reports/targets.server";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/capaian.targets";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

/** National (no `province`) or provincial targets: admins only. */
async function ownerOf(url: URL): Promise<{ owner: TargetOwner; name: string | null; province: string | null }> {
  const code = url.searchParams.get("province");
  if (!code) return { owner: { scope: "national" }, name: null, province: null };
  const name = /^\d{2}$/.test(code) ? await provinceName(db, code) : null;
  if (!name) notFound();
  return { owner: { scope: "province", provinceCode: code }, name, province: code };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const url = new URL(request.url);
  const { owner, name, province } = await ownerOf(url);
  const now = new Date();
  const { period, options } = scopePeriods(url.searchParams.get("period"), province, now);
  const t = translator(context.locale);
  const [defs, tg, perChapter] = await Promise.all([listIndicators(db, context.locale), getTargets(db, owner, period), chapterTargets(db, period, province)]);
  const sums: Record<number, string> = {};
  for (const d of defs) {
    let s = 0;
    let any = false;
    for (const m of perChapter.values()) {
      const v = m.get(d.id);
      if (v !== undefined) {
        s += v;
        any = true;
      }
    }
    if (any) sums[d.id] = t("reports.targets.chaptersSum", { n: s });
  }
  return {
    title: t("reports.targets.title", { owner: name ?? t("reports.targets.national") }),
    period,
    province,
    options,
    saved: url.searchParams.get("saved") === "1",
    sums,
    indicators: defs.map((d) => ({ id: d.id, name: d.name, definition: d.definition, target: tg.get(d.id) ?? null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAdmin(context, request);
  const url = new URL(request.url);
  const { owner, province } = await ownerOf(url);
  const form = await request.formData();
  const period = parsePeriod(String(form.get("period") ?? ""));
  if (!period) return data<FormFailure>({ errors: { _form: ["reports.targets.notNumber"] } }, { status: 400 });
  const defs = await listIndicators(db, context.locale);
  const parsed = parseTargetForm(
    form,
    defs.map((d) => d.id),
  );
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveTargets(db, { owner, period, values: parsed.values, userId: user.id });
  return redirect(`/capaian/targets?${province ? `province=${province}&` : ""}period=${periodKey(period)}&saved=1`);
}

export default function RollupTargets() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  const back = d.province ? `/capaian/provinsi/${d.province}?period=${periodKey(d.period)}` : `/capaian?period=${periodKey(d.period)}`;
  return (
    <div className="wide">
      <h1 id="targets-title">{d.title}</h1>
      <p className="muted">{periodLabel(d.period, locale)}</p>
      <PeriodPicker options={d.options} current={d.period} extra={d.province ? { province: d.province } : undefined} />
      {d.saved ? (
        <p className="notice" role="status">
          {t("reports.targets.saved")}
        </p>
      ) : null}
      <TargetsForm period={periodKey(d.period)} indicators={d.indicators} failure={failure} hints={d.sums} />
      <p>
        <Link to={back}>{t("reports.records.back")}</Link>
      </p>
    </div>
  );
}
