import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { listLanguages } from "~/models/accounts/profiles.server";
import "~/i18n/strings/routes/admin.languages";
import { TableWrap } from "~/components/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return { title: translator(context.locale)("profile.admin.languages.metaTitle"), languages: await listLanguages(db) };
}

export default function AdminLanguages() {
  const { languages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 id="languages-title">{t("profile.admin.languages.title")}</h1>
      <p className="muted">{t("profile.admin.languages.lead")}</p>
      <p>
        <Link to="/admin/skills">{t("profile.admin.skills.title")}</Link>
      </p>
      <TableWrap labelledBy="languages-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("profile.admin.languages.code")}</th>
              <th scope="col">{t("profile.admin.skills.nameId")}</th>
              <th scope="col">{t("profile.admin.skills.nameEn")}</th>
            </tr>
          </thead>
          <tbody>
            {languages.map((l) => (
              <tr key={l.code}>
                <td>
                  <code>{l.code}</code>
                </td>
                <th scope="row">{l.nameId}</th>
                <td>{l.nameEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
