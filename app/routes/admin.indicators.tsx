import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { indicatorTextSchema, listIndicatorsForAdmin, updateIndicator } from "~/models/reports/indicators.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/admin.indicators";
import { TableWrap } from "~/components/TableWrap";

type ActionData = FormFailure & { id: number };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return {
    title: translator(context.locale)("reports.admin.title"),
    saved: new URL(request.url).searchParams.get("saved") === "1",
    editId: Number(new URL(request.url).searchParams.get("edit")) || null,
    indicators: await listIndicatorsForAdmin(db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const form = await request.formData();
  const id = Number(form.get("id"));
  if (form.get("intent") !== "save" || !Number.isSafeInteger(id) || id <= 0) throw new Response("Bad Request", { status: 400 });
  const parsed = parseForm(indicatorTextSchema, form);
  if (!parsed.ok) return data<ActionData>({ id, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await updateIndicator(db, id, parsed.data);
  if (!r) throw new Response("Not Found", { status: 404 });
  if (!r.ok) return data<ActionData>({ id, errors: r.errors, values: formValues(form) }, { status: 400 });
  return redirect("/admin/indicators?saved=1");
}

export default function AdminIndicators() {
  const { indicators, saved, editId } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionData>();
  const t = useT();
  const editing = indicators.find((i) => i.id === (failure?.id ?? editId)) ?? null;
  const f = failure;
  const v = (k: "nameId" | "nameEn" | "definitionId" | "definitionEn") => valueOf(f, k, editing?.[k] ?? "");
  return (
    <div className="narrow">
      <h1 id="indicators-title">{t("reports.admin.title")}</h1>
      <p className="muted">{t("reports.admin.lead")}</p>
      <p>
        <Link to="/capaian">{t("reports.links.national")}</Link>
      </p>
      {saved ? (
        <p className="notice" role="status">
          {t("reports.admin.saved")}
        </p>
      ) : null}
      {editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">
            {editing.nameId} <code>{editing.key}</code>
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="id" value={editing.id} />
            <Field name="nameId" label={t("reports.admin.nameId")} defaultValue={v("nameId")} errors={f?.errors?.nameId} maxLength={120} />
            <Field name="nameEn" label={t("reports.admin.nameEn")} defaultValue={v("nameEn")} errors={f?.errors?.nameEn} maxLength={120} />
            <Field name="definitionId" label={t("reports.admin.definitionId")} multiline defaultValue={v("definitionId")} errors={f?.errors?.definitionId} maxLength={1000} />
            <Field name="definitionEn" label={t("reports.admin.definitionEn")} multiline defaultValue={v("definitionEn")} errors={f?.errors?.definitionEn} maxLength={1000} />
            <Field name="position" inputMode="numeric" label={t("reports.admin.position")} defaultValue={valueOf(f, "position", String(editing.position))} errors={f?.errors?.position} />
            <label>
              <input type="checkbox" name="active" value="1" defaultChecked={editing.active} /> {t("reports.admin.active")}
            </label>
            <div className="actions">
              <button type="submit" className="primary">
                {t("reports.admin.save")}
              </button>
              <Link to="/admin/indicators">{t("reports.admin.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : null}
      <TableWrap labelledBy="indicators-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reports.col.indicator")}</th>
              <th scope="col">{t("reports.col.definition")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/admin/indicators?edit=${i.id}`} aria-label={`${t("reports.admin.edit")}: ${i.nameId}`}>
                    {i.nameId}
                  </Link>
                  <br />
                  <code>{i.key}</code> {i.active ? null : <span className="badge">{t("reports.admin.inactive")}</span>}
                  {i.implemented ? null : <span className="badge">{t("reports.admin.noImplementation")}</span>}
                </td>
                <td>{i.definitionId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
