import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import type { FormFailure } from "~/components/forms";
import { TelecenterForm } from "~/components/TelecenterForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getChapterForPlanning } from "~/models/events/events.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { createTelecenter, telecenterSchema } from "~/models/telecenters/registry.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/telecenter.new";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function chapterOf(request: Request) {
  const id = Number(new URL(request.url).searchParams.get("chapter"));
  if (!Number.isInteger(id) || id <= 0) notFound();
  const chapter = await getChapterForPlanning(db, id);
  if (!chapter) notFound();
  return chapter;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const chapter = await chapterOf(request);
  await requireChapterLead(db, context, request, chapter.id);
  return {
    title: translator(context.locale)("telecenters.new.title"),
    chapterName: chapter.name,
    picker: await regionPickerState(db, null, { root: chapter.regionCode, maxLevel: 4 }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const chapter = await chapterOf(request);
  const user = await requireChapterLead(db, context, request, chapter.id);
  const form = await request.formData();
  const region = regionFromForm(form, "region", chapter.regionCode);
  const picker = await regionPickerState(db, region, { root: chapter.regionCode, maxLevel: 4 });
  if (regionStepRequested(form)) return data({ values: formValues(form), picker, stepped: true });
  form.set("regionCode", region ?? "");
  const parsed = parseForm(telecenterSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, picker, stepped: false }, { status: 400 });
  const r = await createTelecenter(db, { chapterId: chapter.id, userId: user.id, form: parsed.data });
  if (!r.ok) return data({ errors: r.errors, values: formValues(form), picker, stepped: false, existing: r.existing ?? null }, { status: 400 });
  return redirect(`/telecenter/${r.id}/edit?created=1`);
}

export default function NewTelecenter() {
  const { chapterName, picker } = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure & { picker?: typeof picker; stepped?: boolean; existing?: { id: number; name: string } | null }>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("telecenters.new.title")}</h1>
      <p className="muted">{chapterName}</p>
      {result?.existing ? (
        <p className="form-error" role="alert">
          {t("telecenters.form.duplicateSee")} <Link to={`/telecenter/${result.existing.id}`}>{result.existing.name}</Link>
        </p>
      ) : null}
      <TelecenterForm failure={result} defaults={{}} picker={result?.picker ?? picker} stepped={result?.stepped} submitLabel={t("telecenters.new.submit")} />
    </div>
  );
}
