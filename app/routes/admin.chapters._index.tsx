import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { RegionPicker, type PickerState } from "~/components/RegionPicker";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { countKey } from "~/i18n/plural";
import { chapterSchema, createChapter, listChaptersForAdmin } from "~/models/chapters/chapters.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { formValues, parseForm } from "~/utils/forms.server";
import { searchTextOf } from "~/utils/search";
import "~/i18n/strings/routes/admin.chapters._index";
import { TableWrap } from "~/components/TableWrap";

const REGION = "region";

type ActionData = FormFailure & { picker?: PickerState; step?: boolean };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const params = new URL(request.url).searchParams;
  const done = params.get("done");
  const filters = { q: searchTextOf(params.get("q")), leadless: params.get("leadless") === "1" };
  return {
    title: `${translator(context.locale)("chapters.admin.chaptersTitle")} — Simpul`,
    filters,
    list: await listChaptersForAdmin(db, { ...filters, page: Number(params.get("page") ?? 1) }),
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
  if (!parsed.ok) {
    // every missing field at once, the kabupaten/kota too (checked with the chapter otherwise)
    const errors = (region?.split(".").length ?? 0) >= 2 ? parsed.errors : { ...parsed.errors, region: ["chapters.admin.regionRequired"] };
    return data<ActionData>({ errors, values: parsed.values, picker: await picker() }, { status: 400 });
  }
  const r = await createChapter(db, { ...parsed.data, regionCode: region, actorId: admin.id });
  if (!r.ok) return data<ActionData>({ errors: r.errors, values: formValues(form), picker: await picker() }, { status: 400 });
  // the list opens on the new chapter (among hundreds, it would rarely be on the first page)
  return redirect(`/admin/chapters?${new URLSearchParams({ done: "created", q: parsed.data.slug })}`);
}

/** The list's address with these filters and this page. */
function listHref(filters: { q: string; leadless: boolean }, page: number): string {
  const p = new URLSearchParams();
  if (filters.q) p.set("q", filters.q);
  if (filters.leadless) p.set("leadless", "1");
  if (page > 1) p.set("page", String(page));
  const qs = p.toString();
  return qs ? `?${qs}` : "?";
}

export default function AdminChapters() {
  const { list, filters, picker, notice } = useLoaderData<typeof loader>();
  const create = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const filtered = !!filters.q || filters.leadless;
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

      {/* above the list: with hundreds of chapters, a form below it (and its errors) was out of sight */}
      <details className="card" open={!!create} id="create">
        <summary>{t("chapters.admin.createNew")}</summary>
        <h2 id="create-title" className="sr-only">
          {t("chapters.admin.create")}
        </h2>
        <Form method="post" noValidate aria-labelledby="create-title">
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
      </details>

      <Form method="get" className="card" aria-label={t("chapters.admin.filters")}>
        <div className="field">
          <label htmlFor="q">{t("chapters.admin.q")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="leadless" value="1" defaultChecked={filters.leadless} /> {t("chapters.admin.leadlessOnly", { count: list.leadless })}
          </label>
        </div>
        <button type="submit" className="button secondary">
          {t("chapters.admin.apply")}
        </button>
      </Form>

      <p role="status">
        {filtered
          ? t(countKey("chapters.admin.countMatching", list.matching), { matching: list.matching, total: list.total })
          : t(countKey("chapters.admin.count", list.total), { total: list.total })}
        {filtered ? (
          <>
            {" "}
            <Link to="?">{t("chapters.admin.showAll")}</Link>
          </>
        ) : null}
      </p>
      {list.rows.length ? (
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
              {list.rows.map((c) => (
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
      ) : null}
      {list.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("pagination.label")}>
          {list.page > 1 ? <Link to={listHref(filters, list.page - 1)}>{t("pagination.prev")}</Link> : null}
          <span>{t("pagination.page", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? <Link to={listHref(filters, list.page + 1)}>{t("pagination.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
