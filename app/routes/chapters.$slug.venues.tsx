import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getChapterForPlanning, listKecamatan, mergeInstitutions, searchInstitutions } from "~/models/events/events.server";
import { venueSchema, addVenue } from "~/models/events/venues.server";
import { getChapterBySlug } from "~/models/chapters/chapters.server";
import { formValues, parseForm } from "~/utils/forms.server";
import { INSTITUTION_TYPE_LIST } from "~/models/events/outcome-form";
import { safeRedirect } from "~/utils/redirect";
import { possibleDuplicates } from "~/models/events/institutions.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.venues";
import { TableWrap } from "~/components/TableWrap";

type ActionData = FormFailure & { intent: "add" | "merge" };
const NOTICES = new Set(["added", "existed", "merged"]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function chapterOf(params: { slug?: string }) {
  const summary = await getChapterBySlug(db, params.slug ?? "");
  if (!summary) notFound();
  const chapter = await getChapterForPlanning(db, summary.id);
  if (!chapter) notFound();
  return chapter;
}

function typeOf(v: string | null) {
  return INSTITUTION_TYPE_LIST.find((x) => x === v);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const chapter = await chapterOf(params);
  await requireChapterLead(db, context, request, chapter.id);
  const q = new URL(request.url).searchParams;
  const type = typeOf(q.get("type"));
  const filter = { q: (q.get("q") ?? "").slice(0, 80), type: type ?? "" };
  const [list, kecamatan, duplicates] = await Promise.all([
    searchInstitutions(db, { regionPrefix: chapter.regionCode, q: filter.q, type }),
    listKecamatan(db, chapter.regionCode),
    possibleDuplicates(db, { regionPrefix: chapter.regionCode }),
  ]);
  const done = q.get("done");
  return {
    title: translator(context.locale)("events.venues.title"),
    chapter: { id: chapter.id, name: chapter.name, slug: chapter.slug },
    filter,
    list,
    kecamatan,
    duplicates,
    notice: done && NOTICES.has(done) ? `events.venues.${done}` : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const chapter = await chapterOf(params);
  const user = await requireChapterLead(db, context, request, chapter.id);
  const form = await request.formData();
  const intent = form.get("intent");
  const back = new URL(request.url);
  if (intent === "add") {
    const parsed = parseForm(venueSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await addVenue(db, { regionPrefix: chapter.regionCode, userId: user.id, form: parsed.data });
    if (!r.ok) return data<ActionData>({ intent, errors: { regionCode: ["events.venues.outsideArea"] }, values: formValues(form) }, { status: 400 });
    back.searchParams.set("done", r.created ? "added" : "existed");
    back.searchParams.set("q", r.name);
    return redirect(safeRedirect(`${back.pathname}${back.search}`));
  }
  if (intent === "merge") {
    const fromId = Number(form.get("fromId"));
    const intoId = Number(form.get("intoId"));
    if (!Number.isSafeInteger(fromId) || !Number.isSafeInteger(intoId) || fromId <= 0 || intoId <= 0)
      return data<ActionData>({ intent, errors: { fromId: ["errors.required"] } }, { status: 400 });
    const r = await mergeInstitutions(db, { fromId, intoId, regionPrefix: chapter.regionCode });
    if (!r.ok) return data<ActionData>({ intent, errors: { _form: [`events.venues.merge.${r.reason}`] } }, { status: 400 });
    back.searchParams.set("done", "merged");
    return redirect(safeRedirect(`${back.pathname}${back.search}`));
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function Venues() {
  const { chapter, filter, list, kecamatan, notice, duplicates } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const add = actionData?.intent === "add" ? actionData : null;
  const merge = actionData?.intent === "merge" ? actionData : null;
  return (
    <div className="narrow">
      <h1>{t("events.venues.title")}</h1>
      <p className="muted">
        <Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
      </p>
      <p className="hint">{t("events.venues.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <Form method="get" className="card">
        <div className="grid-2">
          <div className="field">
            <label htmlFor="q">{t("events.venues.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={80} />
          </div>
          <div className="field">
            <label htmlFor="type">{t("events.venues.filterType")}</label>
            <select id="type" name="type" defaultValue={filter.type}>
              <option value="">{t("events.venues.allTypes")}</option>
              {INSTITUTION_TYPE_LIST.map((x) => (
                <option key={x} value={x}>
                  {t(`events.inst.${x}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="secondary">
          {t("events.list.filter")}
        </button>
      </Form>
      {list.length === 0 ? <p className="muted">{t("events.venues.empty")}</p> : null}
      {list.length ? (
        <TableWrap label={t("events.venues.title")}>
          <table>
            <caption>{t(countKey("events.venues.caption", list.length), { n: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("events.venues.name")}</th>
                <th scope="col">{t("events.form.venueType")}</th>
                <th scope="col">{t("events.venues.region")}</th>
                <th scope="col">{t("events.venues.used")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.id}>
                  <td>{v.name}</td>
                  <td>{t(`events.inst.${v.type}`)}</td>
                  <td>{v.regionName}</td>
                  <td>{t("events.venues.usedText", { e: v.events, r: v.reports })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <section className="card" aria-labelledby="dup-h">
        <h2 id="dup-h" style={{ marginTop: 0 }}>
          {t("events.venues.dup.title")}
        </h2>
        <p className="hint">{t("events.venues.dup.hint")}</p>
        {merge?.errors?._form && !list.length ? <FormError errors={merge.errors._form} /> : null}
        {duplicates.length === 0 ? <p className="muted">{t("events.venues.dup.none")}</p> : null}
        {duplicates.map((d) => (
          <Form method="post" key={`${d.a.id}-${d.b.id}`} className="dup-pair" aria-label={`${d.a.name} / ${d.b.name}`}>
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="intoId" value={d.a.id} />
            <input type="hidden" name="fromId" value={d.b.id} />
            <p style={{ margin: "0.25rem 0" }}>
              {t(`events.inst.${d.type}`)}: {t("events.venues.dup.keep", { name: d.a.name + (d.a.npsn ? ` · NPSN ${d.a.npsn}` : ""), region: d.a.regionName, n: d.a.uses })}
              <br />
              {t("events.venues.dup.drop", { name: d.b.name + (d.b.npsn ? ` · NPSN ${d.b.npsn}` : ""), region: d.b.regionName, n: d.b.uses })}
            </p>
            <button type="submit" className="secondary">
              {t("events.venues.dup.merge")}
            </button>
          </Form>
        ))}
      </section>
      {list.length > 1 ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="merge" />
          <h2 style={{ marginTop: 0 }}>{t("events.venues.merge.title")}</h2>
          <p className="hint">{t("events.venues.merge.hint")}</p>
          <FormError errors={merge?.errors?._form} />
          <Field name="fromId" label={t("events.venues.merge.from")} errors={merge?.errors?.fromId}>
            <select id="f-fromId" name="fromId" defaultValue="">
              <option value="">{t("events.form.choose")}</option>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} — {v.regionName} (#{v.id})
                </option>
              ))}
            </select>
          </Field>
          <Field name="intoId" label={t("events.venues.merge.into")}>
            <select id="f-intoId" name="intoId" defaultValue="">
              <option value="">{t("events.form.choose")}</option>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} — {v.regionName} (#{v.id})
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="secondary danger">
            {t("events.venues.merge.submit")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="add" />
        <h2 style={{ marginTop: 0 }}>{t("events.venues.add")}</h2>
        <FormError errors={add?.errors?._form} />
        <Field name="name" label={t("events.venues.name")} required maxLength={160} defaultValue={valueOf(add, "name")} errors={add?.errors?.name} />
        <Field name="type" label={t("events.form.venueType")} errors={add?.errors?.type}>
          <select id="f-type" name="type" defaultValue={valueOf(add, "type")}>
            <option value="">{t("events.form.choose")}</option>
            {INSTITUTION_TYPE_LIST.map((x) => (
              <option key={x} value={x}>
                {t(`events.inst.${x}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="regionCode" label={t("events.form.venueRegion")} errors={add?.errors?.regionCode}>
          <select id="f-regionCode" name="regionCode" defaultValue={valueOf(add, "regionCode")}>
            <option value="">{t("events.form.choose")}</option>
            {kecamatan.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="npsn" label={t("events.venues.npsn")} inputMode="numeric" maxLength={8} defaultValue={valueOf(add, "npsn")} errors={add?.errors?.npsn} />
        <Field name="address" label={t("events.venues.address")} maxLength={300} defaultValue={valueOf(add, "address")} errors={add?.errors?.address} />
        <button type="submit" className="primary">
          {t("events.venues.addSubmit")}
        </button>
      </Form>
    </div>
  );
}
