import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { type FormFailure } from "~/components/forms";
import { TelecenterForm } from "~/components/TelecenterForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { addStaff, getTelecenter, listStaff, removeStaff, saveFacilitiesForm, saveHoursForm, setTelecenterActive, telecenterAccess, telecenterSchema, updateTelecenter } from "~/models/telecenters/registry.server";
import { lazyPart } from "~/components/lazy-part";
import * as panelsOnServer from "~/components/telecenters/TelecenterEditPanels.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/telecenter.$id.edit";

// the panels below the telecenter's own form: rendered with the page, their code loaded apart in the browser
const EditPanels = lazyPart(panelsOnServer.TelecenterEditPanels, async () => (await import("~/components/telecenters/TelecenterEditPanels.lazy")).TelecenterEditPanels);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], idParam: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const tc = await getTelecenter(db, id);
  if (!tc) notFound();
  const access = await telecenterAccess(db, user, tc);
  if (!access.manage) forbidden();
  return { user, tc, lead: access.lead };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { tc, lead } = await load(request, context, params.id);
  return {
    lead,
    active: tc.active,
    title: translator(context.locale)("telecenters.edit.title", { name: tc.name }),
    telecenter: { id: tc.id, name: tc.name, facilities: tc.facilities, hours: tc.hours },
    defaults: {
      name: tc.name,
      address: tc.address,
      latitude: tc.latitude === null ? "" : String(tc.latitude),
      longitude: tc.longitude === null ? "" : String(tc.longitude),
      managingBody: tc.managingBody,
      contactPhone: tc.contactPhone ?? "",
      contactEmail: tc.contactEmail ?? "",
      services: tc.services,
    },
    picker: await regionPickerState(db, tc.regionCode, { root: tc.chapterRegion, maxLevel: 4 }),
    staff: (await listStaff(db, tc.id)).map((s) => ({ role: s.role, userId: s.userId, name: s.name, email: s.email })),
  };
}

type Result = FormFailure & { intent?: string; picker?: Awaited<ReturnType<typeof regionPickerState>>; stepped?: boolean };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { tc, lead } = await load(request, context, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (what: string) => redirect(`/telecenter/${tc.id}/edit?saved=${what}#${what}`);
  if (intent === "basics") {
    const region = regionFromForm(form, "region", tc.chapterRegion);
    const picker = await regionPickerState(db, region, { root: tc.chapterRegion, maxLevel: 4 });
    if (regionStepRequested(form)) return data<Result>({ intent, values: formValues(form), picker, stepped: true });
    form.set("regionCode", region ?? "");
    const parsed = parseForm(telecenterSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: parsed.values, picker }, { status: 400 });
    const r = await updateTelecenter(db, { id: tc.id, chapterId: tc.chapterId, form: parsed.data });
    if (!r.ok) return data<Result>({ intent, errors: r.errors, values: formValues(form), picker }, { status: 400 });
    return back("basics");
  }
  if (intent === "facilities") {
    const r = await saveFacilitiesForm(db, { id: tc.id, form });
    return r.ok ? back("facilities") : data<Result>({ intent, errors: r.errors, values: formValues(form) }, { status: 400 });
  }
  if (intent === "hours") {
    const r = await saveHoursForm(db, { id: tc.id, form });
    return r.ok ? back("hours") : data<Result>({ intent, errors: r.errors, values: formValues(form) }, { status: 400 });
  }
  if (intent === "addStaff") {
    const r = await addStaff(db, { telecenterId: tc.id, role: String(form.get("role") ?? ""), email: String(form.get("email") ?? ""), name: String(form.get("name") ?? "") });
    if (!r.ok) return data<Result>({ intent, errors: { [r.field]: [r.error] }, values: formValues(form) }, { status: 400 });
    return redirect(`/telecenter/${tc.id}/edit?saved=staff${r.invited ? "&invited=1" : ""}#staff`);
  }
  if (intent === "active") {
    if (!lead) forbidden();
    await setTelecenterActive(db, { id: tc.id, chapterId: tc.chapterId, active: form.get("active") === "1" });
    return back("status");
  }
  if (intent === "removeStaff") {
    await removeStaff(db, { telecenterId: tc.id, role: String(form.get("role") ?? ""), userId: String(form.get("userId") ?? "") });
    return back("staff");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function EditTelecenter() {
  const { telecenter: tc, defaults, picker, staff, lead, active } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const [params] = useSearchParams();
  const t = useT();
  const failureFor = (intent: string) => (result?.intent === intent ? result : undefined);
  const saved = params.get("saved");
  return (
    <div className="narrow">
      <p>
        <Link to={`/telecenter/${tc.id}`}>{t("telecenters.edit.view")}</Link>
      </p>
      <h1>{t("telecenters.edit.title", { name: tc.name })}</h1>
      {params.get("created") ? (
        <p className="notice" role="status">
          {t("telecenters.edit.created")}
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          {t("telecenters.edit.saved")}
        </p>
      ) : null}
      <section id="basics" aria-labelledby="h-basics">
        <h2 id="h-basics">{t("telecenters.edit.basics")}</h2>
        <TelecenterForm failure={failureFor("basics")} defaults={defaults} picker={result?.picker ?? picker} stepped={result?.stepped} submitLabel={t("telecenters.edit.save")} />
      </section>
      <EditPanels
        facilities={tc.facilities}
        hours={tc.hours}
        staff={staff}
        failureFor={{ facilities: failureFor("facilities"), hours: failureFor("hours"), addStaff: failureFor("addStaff") }}
        invited={params.get("invited") === "1"}
        lead={lead}
        active={active}
      />
    </div>
  );
}
