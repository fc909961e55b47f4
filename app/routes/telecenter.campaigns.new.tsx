import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getChapterForPlanning } from "~/models/events/events.server";
import { campaignSchema, createCampaign } from "~/models/telecenters/campaigns.server";
import { getInstrument, listInstruments } from "~/models/telecenters/instruments.server";
import { chapterTelecenters } from "~/models/telecenters/registry.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/telecenter.campaigns.new";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function chapterOf(request: Request) {
  const id = Number(new URL(request.url).searchParams.get("chapter"));
  if (!Number.isInteger(id) || id <= 0) notFound();
  const chapter = await getChapterForPlanning(db, id);
  if (!chapter) notFound();
  return chapter;
}

async function versionOptions(user: ReturnType<typeof requireUser>) {
  const list = await listInstruments(db, user);
  const out: { id: number; label: string }[] = [];
  for (const i of list) {
    const full = await getInstrument(db, i.id);
    for (const v of full?.versions ?? []) out.push({ id: v.id, label: `${i.name} · v${v.number}` });
  }
  return out;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const chapter = await chapterOf(request);
  const user = await requireChapterLead(db, context, request, chapter.id);
  return {
    title: translator(context.locale)("surveys.campaigns.newTitle"),
    chapter: { id: chapter.id, name: chapter.name },
    versions: await versionOptions(user),
    telecenters: (await chapterTelecenters(db, chapter.id)).filter((t) => t.active),
    year: new Date().getUTCFullYear(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const chapter = await chapterOf(request);
  const user = await requireChapterLead(db, context, request, chapter.id);
  const form = await request.formData();
  form.set("chapterId", String(chapter.id));
  const parsed = parseForm(campaignSchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!(await versionOptions(user)).some((v) => v.id === parsed.data.versionId)) return data<FormFailure>({ errors: { versionId: ["errors.invalid"] }, values: formValues(form) }, { status: 400 });
  const r = await createCampaign(db, { ...parsed.data, userId: user.id });
  if (!r.ok) return data<FormFailure>({ errors: { [r.field ?? "_form"]: [r.error] }, values: formValues(form) }, { status: 400 });
  return redirect(`/telecenter/campaigns/${r.campaignId}?created=1`);
}

export default function NewCampaign() {
  const { chapter, versions, telecenters, year } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const e = failure?.errors;
  const chosen = failure ? valuesOf(failure, "telecenterIds") : telecenters.map((x) => String(x.id));
  return (
    <div className="narrow">
      <h1>{t("surveys.campaigns.newTitle")}</h1>
      <p className="muted">{chapter.name}</p>
      <p className="hint">{t("surveys.campaigns.freezeHint")}</p>
      <Form method="post" noValidate>
        <FormError errors={e?._form} />
        <Field name="name" label={t("surveys.campaigns.name")} defaultValue={valueOf(failure, "name", t("surveys.campaigns.defaultName", { year }))} errors={e?.name} required />
        <div className="field">
          <label htmlFor="versionId">{t("surveys.campaigns.instrument")}</label>
          <select id="versionId" name="versionId" defaultValue={valueOf(failure, "versionId", String(versions[0]?.id ?? ""))} aria-describedby={e?.versionId ? "versionId-error" : undefined}>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          <ErrorText id="versionId-error" errors={e?.versionId} />
        </div>
        <Field name="dueOn" type="date" label={t("surveys.campaigns.dueOn")} defaultValue={valueOf(failure, "dueOn")} errors={e?.dueOn} />
        <fieldset className="field" aria-describedby={e?.telecenterIds ? "telecenterIds-error" : undefined}>
          <legend>{t("surveys.campaigns.telecenters")}</legend>
          {telecenters.length === 0 ? <p className="muted">{t("telecenters.manage.none")}</p> : null}
          <div className="checks">
            {telecenters.map((tc) => (
              <label key={tc.id}>
                <input type="checkbox" name="telecenterIds" value={tc.id} defaultChecked={chosen.includes(String(tc.id))} /> {tc.name}
              </label>
            ))}
          </div>
          <ErrorText id="telecenterIds-error" errors={e?.telecenterIds} />
        </fieldset>
        <button type="submit" className="primary">
          {t("surveys.campaigns.launch")}
        </button>
      </Form>
    </div>
  );
}
