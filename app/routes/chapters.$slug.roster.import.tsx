import {
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { getChapterBySlug } from "~/models/chapters/chapters.server";
import { IMPORT_MAX_BYTES, importRoster, previewImport, type ImportPreview } from "~/models/chapters/roster.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.roster.import";
import { TableWrap } from "~/components/TableWrap";

export const meta: MetaFunction = () => [{ title: "Impor relawan — Simpul" }];

async function leadChapter(slug: string | undefined, context: LoaderFunctionArgs["context"], request: Request) {
  const chapter = await getChapterBySlug(db, slug ?? "");
  if (!chapter) notFound();
  const user = await requireChapterLead(db, context, request, chapter.id);
  return { chapter, user };
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { chapter } = await leadChapter(params.slug, context, request);
  const done = new URL(request.url).searchParams;
  return {
    chapter: { slug: chapter.slug, name: chapter.name },
    done: done.get("processed") !== null ? { processed: Number(done.get("processed")) || 0 } : null,
  };
}

type ActionData = { fileError?: string; preview?: ImportPreview; csv?: string; failed?: boolean };

export async function action({ params, context, request }: ActionFunctionArgs) {
  const { chapter, user } = await leadChapter(params.slug, context, request);
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  let form: FormData;
  try {
    form = multipart
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES }))
      : await request.formData();
  } catch {
    return data<ActionData>({ fileError: "roster.import.tooBig" }, { status: 400 });
  }
  if (form.get("intent") === "confirm") {
    const csv = String(form.get("csv") ?? "");
    const result = await importRoster(db, { chapterId: chapter.id, leadId: user.id, csvText: csv });
    if (!result.ok) return data<ActionData>({ preview: result.preview, csv, failed: true }, { status: 400 });
    return redirect(`/chapters/${chapter.slug}/roster/import?processed=${result.processed}`);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data<ActionData>({ fileError: "roster.import.noFile" }, { status: 400 });
  const csv = await file.text();
  const preview = await previewImport(db, chapter.id, csv);
  if (preview.fileError) return data<ActionData>({ fileError: preview.fileError }, { status: 400 });
  return { preview, csv };
}

export default function RosterImport() {
  const { chapter, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const preview = actionData?.preview;
  return (
    <>
      <h1>{t("roster.import.title", { chapter: chapter.name })}</h1>
      <p>
        <Link to={`/chapters/${chapter.slug}/roster`}>← {t("nav.roster")}</Link>
      </p>
      {done ? (
        <p className="notice" role="status">
          {t(countKey("roster.import.done", done.processed), { count: done.processed })}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <p>{t("roster.import.intro")}</p>
        <div className="field">
          <label htmlFor="file">{t("roster.import.file")}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={actionData?.fileError ? true : undefined}
            aria-describedby={actionData?.fileError ? "file-error" : undefined}
          />
          {actionData?.fileError ? (
            <p className="error" id="file-error">
              {t(actionData.fileError)}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="preview" className="secondary" disabled={busy}>
          {t("roster.import.preview")}
        </button>
      </Form>
      {preview ? (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t("roster.import.previewTitle")}</h2>
          <p role="status">{t("roster.import.summary", { valid: preview.validCount, errors: preview.errorCount })}</p>
          {preview.errorCount > 0 ? <p className="form-error">{t("roster.import.fixFirst")}</p> : null}
          <TableWrap label={t("roster.import.previewTitle")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("roster.import.line")}</th>
                  <th scope="col">{t("roster.col.name")}</th>
                  <th scope="col">{t("roster.col.contact")}</th>
                  <th scope="col">{t("roster.col.kecamatan")}</th>
                  <th scope="col">{t("roster.col.skills")}</th>
                  <th scope="col">{t("roster.import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{r.name}</td>
                    <td>
                      {r.email}
                      {r.whatsapp ? (
                        <>
                          <br />
                          {r.whatsapp}
                        </>
                      ) : null}
                    </td>
                    <td>{r.kecamatanName ?? "—"}</td>
                    <td>{r.skillNames.join(", ") || "—"}</td>
                    <td className={r.errors.length ? "error" : undefined}>{r.errors.length ? r.errors.map((e) => t(e)).join("; ") : t("roster.import.ok")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {preview.errorCount === 0 && !actionData?.failed ? (
            <Form method="post" className="actions">
              <textarea name="csv" defaultValue={actionData?.csv ?? ""} hidden readOnly aria-hidden="true" tabIndex={-1} />
              <button type="submit" name="intent" value="confirm" className="primary" disabled={busy}>
                {t(countKey("roster.import.confirm", preview.validCount), { count: preview.validCount })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
