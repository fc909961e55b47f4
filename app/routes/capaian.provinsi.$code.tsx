import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { RollupView } from "~/components/RollupView";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { periodKey } from "~/models/reports/period";
import { rollupDashboard, scopePeriods } from "~/models/reports/reports.server";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/capaian.provinsi.$code";

// A page to read: its links and the period form work as plain HTML, so it ships no JavaScript and no hydration data.
export const handle = { hydrate: false };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const code = params.code ?? "";
  if (!/^\d{2}$/.test(code)) notFound();
  const now = new Date();
  const url = new URL(request.url);
  const { period, options } = scopePeriods(url.searchParams.get("period"), code, now);
  const page = Number(url.searchParams.get("page")) || 1;
  const { provinceName, ...r } = await rollupDashboard(db, { provinceCode: code, period, locale: context.locale, viewer: user, now, page });
  if (!provinceName) notFound();
  return {
    title: translator(context.locale)("reports.rollup.province", { province: provinceName }),
    period,
    options,
    ...r,
    provinces: undefined,
    targetSource: Object.fromEntries(r.targetSource),
    targetsHref: user.isAdmin ? `/capaian/targets?province=${code}&period=${periodKey(period)}` : null,
  };
}

export default function ProvinceRollup() {
  const d = useLoaderData<typeof loader>();
  return <RollupView d={d} />;
}
