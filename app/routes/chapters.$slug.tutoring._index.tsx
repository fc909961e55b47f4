import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { getChapterBySlug } from "~/models/chapters.server";
import { listOpenRequests, listTopics } from "~/models/tutoring.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  await requireChapterLead(db, context, request, chapter.id);
  const [rows, topics] = await Promise.all([listOpenRequests(db, chapter.id), listTopics(db)]);
  const names = new Map(topics.map((tp) => [tp.slug, context.locale === "en" ? tp.nameEn : tp.nameId]));
  return {
    title: `${translator(context.locale)("tutoring.lead.title", { chapter: chapter.name })} — Simpul`,
    chapter: { slug: chapter.slug, name: chapter.name, timeZone: chapter.timeZone },
    requests: rows.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      kecamatan: r.kecamatanName ?? r.kecamatanCode,
      topics: r.topics.map((s) => names.get(s) ?? s).join(", "),
    })),
  };
}

export default function ChapterTutoring() {
  const { chapter, requests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h1>{t("tutoring.lead.title", { chapter: chapter.name })}</h1>
      {requests.length === 0 ? (
        <p>{t("tutoring.lead.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("tutoring.lead.age")}</th>
                <th scope="col">{t("tutoring.lead.kecamatan")}</th>
                <th scope="col">{t("tutoring.lead.topics")}</th>
                <th scope="col">{t("tutoring.lead.status")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/chapters/${chapter.slug}/tutoring/${r.id}`}>{t("tutoring.lead.request", { id: r.id })}</Link>
                  </td>
                  <td>{formatDateTime(r.createdAt, locale, chapter.timeZone)}</td>
                  <td>{r.kecamatan}</td>
                  <td>{r.topics}</td>
                  <td>{t(`tutoring.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
