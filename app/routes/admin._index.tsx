import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import "~/i18n/strings/routes/admin._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return { title: translator(context.locale)("chapters.admin.metaTitle") };
}

export default function AdminIndex() {
  useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("chapters.admin.title")}</h1>
      <ul>
        <li>
          <Link to="/admin/chapters">{t("chapters.admin.chapters")}</Link>
        </li>
        <li>
          <Link to="/admin/skills">{t("chapters.admin.skills")}</Link>
        </li>
        <li>
          <Link to="/admin/programs">{t("events.programs.link")}</Link>
        </li>
        <li>
          <Link to="/admin/languages">{t("chapters.admin.languages")}</Link>
        </li>
        <li>
          <Link to="/admin/tutoring-topics">{t("tutoring.admin.link")}</Link>
        </li>
        <li>
          <Link to="/admin/outbox">{t("chapters.admin.outbox")}</Link>
        </li>
        <li>
          <Link to="/admin/indicators">{t("reports.admin.title")}</Link>
        </li>
        <li>
          <Link to="/capaian/targets">{t("reports.admin.nationalTargets")}</Link>
        </li>
      </ul>
    </div>
  );
}
