import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { RegionPicker, type PickerState } from "~/components/RegionPicker";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { chapterSchema, createChapter, listChaptersForAdmin } from "~/models/chapters/chapters.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/admin.chapters._index";
import { TableWrap } from "~/components/TableWrap";

const REGION = "region";

type ActionData = FormFailure & { picker?: PickerState; step?: boolean };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: `${translator(context.locale)("chapters.admin.chaptersTitle")} — Simpul`,
    chapters: await listChaptersForAdmin(db),
    picker: await regionPickerState(db, null, { maxLevel: 2 }),
    notice: done === "created" ? "chapters.admin.created" : null,
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const form = await request.formData();
  if (form.get("intent") !== "create") throw new Response("Bad Request", { status: 400 });
  const region = regionFromForm(form, REGION);
  const picker = () => regionPickerState(db, region, { maxLevel: 2 });
  if (regionStepRequested(form)) return data<ActionData>({ step: true, values: formValues(form), picker: await picker() });
  const parsed = parseForm(chapterSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: parsed.values, picker: await picker() }, { status: 400 });
  const r = await createChapter(db, { ...parsed.data, regionCode: region, actorId: admin.id });
  if (!r.ok) return data<ActionData>({ errors: r.errors, values: formValues(form), picker: await picker() }, { status: 400 });
  return redirect("/admin/chapters?done=created");
}

export default function AdminChapters() {
  const { chapters, picker, notice } = useLoaderData<typeof loader>();
  const create = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <p>
        <Link to="/admin">{t("chapters.admin.title")}</Link>
      </p>
      <h1 id="chapters-title">{t("chapters.admin.chaptersTitle")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <TableWrap labelledBy="chapters-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("chapters.admin.table.chapter")}</th>
              <th scope="col">{t("chapters.admin.table.region")}</th>
              <th scope="col">{t("chapters.admin.table.members")}</th>
              <th scope="col">{t("chapters.admin.leads")}</th>
              <th scope="col">{t("chapters.admin.table.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {chapters.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/chapters/${c.slug}`}>{c.name}</Link>
                </td>
                <td>
                  {c.regionName}, {c.provinceName}
                </td>
                <td>{formatNumber(c.activeMembers, locale)}</td>
                <td>
                  {c.leads.length ? c.leads.map((l) => `${l.name} (${l.email})`).join(", ") : <span className="muted">{t("chapters.admin.noLeads")}</span>}
                </td>
                <td>
                  <Link to={`/admin/chapters/${c.id}`} aria-label={t("chapters.admin.editName", { name: c.name })}>
                    {t("chapters.admin.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title" style={{ marginTop: 0 }}>
          {t("chapters.admin.create")}
        </h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormError errors={create?.errors?.form} />
          <Field name="name" label={t("chapters.admin.name")} hint={t("chapters.admin.nameHint")} defaultValue={valueOf(create, "name")} errors={create?.errors?.name} required />
          <Field name="slug" label={t("chapters.admin.slug")} hint={t("chapters.admin.slugHint")} defaultValue={valueOf(create, "slug")} errors={create?.errors?.slug} required />
          <RegionPicker
            name={REGION}
            state={create?.picker ?? picker}
            legend={t("chapters.admin.region")}
            errors={create?.errors?.region}
            requiredLevel={2}
            stepped={create?.step}
          />
          <button type="submit" className="button primary">
            {t("chapters.admin.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
