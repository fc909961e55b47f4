import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { RollupView } from "~/components/RollupView";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { periodKey } from "~/models/reports/period";
import { rollupDashboard, scopePeriods } from "~/models/reports/reports.server";
import styles from "~/styles/reports.css";
import "~/i18n/strings/routes/capaian._index";

// A page to read: its links and the period form work as plain HTML, so it ships no JavaScript and no hydration data.
export const handle = { hydrate: false };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const now = new Date();
  const url = new URL(request.url);
  const { period, options } = scopePeriods(url.searchParams.get("period"), null, now);
  const page = Number(url.searchParams.get("page")) || 1;
  const r = await rollupDashboard(db, { provinceCode: null, period, locale: context.locale, viewer: user, now, page });
  return {
    title: translator(context.locale)("reports.rollup.national"),
    period,
    options,
    ...r,
    targetSource: Object.fromEntries(r.targetSource),
    targetsHref: user.isAdmin ? `/capaian/targets?period=${periodKey(period)}` : null,
  };
}

export default function NationalRollup() {
  const d = useLoaderData<typeof loader>();
  return <RollupView d={d} />;
}
