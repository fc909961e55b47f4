import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { listChapterAccess } from "~/models/privacy/access-log.server";
import "~/i18n/strings/routes/chapters.$slug.akses-data";
import { TableWrap } from "~/components/TableWrap";

/** Accountability: who opened or exported personal data of the chapter — its leads and admins only. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const rows = await listChapterAccess(db, chapter.id);
  return {
    title: translator(context.locale)("privacy.access.metaTitle"),
    chapter: { name: chapter.name, timeZone: chapter.timeZone },
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}

export default function ChapterDataAccess() {
  const { chapter, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h1>{t("privacy.access.title")}</h1>
      <p>{t("privacy.access.lead", { chapter: chapter.name })}</p>
      {rows.length ? (
        <TableWrap label={t("privacy.access.title")}>
          <table id="access-log">
            <thead>
              <tr>
                <th scope="col">{t("privacy.access.when")}</th>
                <th scope="col">{t("privacy.access.who")}</th>
                <th scope="col">{t("privacy.access.what")}</th>
                <th scope="col">{t("privacy.access.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{formatDateTime(r.at, locale, chapter.timeZone)}</td>
                  <td>{r.actorName ?? "—"}</td>
                  <td>{t(`privacy.access.kind.${r.kind}`)}</td>
                  <td>{r.subjectName ?? (r.subjectRequestId ? t("privacy.access.request", { id: r.subjectRequestId }) : (r.detail ?? "—"))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t("privacy.access.none")}</p>
      )}
    </div>
  );
}
