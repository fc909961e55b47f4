import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { TelecenterForm } from "~/components/TelecenterForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { FACILITY_CONDITIONS, FACILITY_KINDS, FACILITY_ROWS, STAFF_ROLES, WEEKDAYS } from "~/models/telecenters/telecenter-form";
import { addStaff, facilitiesFromForm, getTelecenter, hoursFromForm, listStaff, removeStaff, setFacilities, setHours, setTelecenterActive, telecenterAccess, telecenterSchema, updateTelecenter } from "~/models/telecenters/registry.server";
import { formValues, parseForm } from "~/utils/forms.server";

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
    const r = facilitiesFromForm(form);
    if (!r.ok) return data<Result>({ intent, errors: r.errors, values: formValues(form) }, { status: 400 });
    await setFacilities(db, { id: tc.id, rows: r.rows });
    return back("facilities");
  }
  if (intent === "hours") {
    const r = hoursFromForm(form);
    if (!r.ok) return data<Result>({ intent, errors: r.errors, values: formValues(form) }, { status: 400 });
    await setHours(db, { id: tc.id, rows: r.rows });
    return back("hours");
  }
  if (intent === "addStaff") {
    const r = await addStaff(db, { telecenterId: tc.id, role: String(form.get("role") ?? ""), email: String(form.get("email") ?? "") });
    if (!r.ok) return data<Result>({ intent, errors: { [r.field]: [r.error] }, values: formValues(form) }, { status: 400 });
    return back("staff");
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
  const fac = failureFor("facilities");
  const hrs = failureFor("hours");
  const st = failureFor("addStaff");
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
      <section id="facilities" aria-labelledby="h-fac">
        <h2 id="h-fac">{t("telecenters.page.facilities")}</h2>
        <p className="hint">{t("telecenters.facilities.hint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="facilities" />
          {Array.from({ length: FACILITY_ROWS }, (_, i) => {
            const f = tc.facilities[i];
            const name = (k: string) => `fac_${i}_${k}`;
            return (
              <fieldset key={i} className="card">
                <legend>{t("telecenters.facilities.row", { n: i + 1 })}</legend>
                <div className="field">
                  <label htmlFor={name("kind")}>{t("telecenters.facilities.kind")}</label>
                  <select id={name("kind")} name={name("kind")} defaultValue={valueOf(fac, name("kind"), f?.kind ?? "")}>
                    <option value="">{t("telecenters.facilities.empty")}</option>
                    {FACILITY_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`telecenters.facility.${k}`)}
                      </option>
                    ))}
                  </select>
                  <ErrorText id={`${name("kind")}-error`} errors={fac?.errors?.[name("kind")]} />
                </div>
                <Field name={name("quantity")} label={t("telecenters.facilities.quantity")} inputMode="numeric" defaultValue={valueOf(fac, name("quantity"), f ? String(f.quantity) : "1")} errors={fac?.errors?.[name("quantity")]} />
                <div className="field">
                  <label htmlFor={name("condition")}>{t("telecenters.facilities.condition")}</label>
                  <select id={name("condition")} name={name("condition")} defaultValue={valueOf(fac, name("condition"), f?.condition ?? "good")}>
                    {FACILITY_CONDITIONS.map((c) => (
                      <option key={c} value={c}>
                        {t(`telecenters.condition.${c}`)}
                      </option>
                    ))}
                  </select>
                  <ErrorText id={`${name("condition")}-error`} errors={fac?.errors?.[name("condition")]} />
                </div>
                <Field name={name("note")} label={t("telecenters.facilities.note")} defaultValue={valueOf(fac, name("note"), f?.note ?? "")} maxLength={200} />
              </fieldset>
            );
          })}
          <button type="submit" className="primary">
            {t("telecenters.facilities.save")}
          </button>
        </Form>
      </section>
      <section id="hours" aria-labelledby="h-hours">
        <h2 id="h-hours">{t("telecenters.page.hours")}</h2>
        <p className="hint">{t("telecenters.hours.hint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="hours" />
          {WEEKDAYS.map((d) => {
            const h = tc.hours.find((x) => x.weekday === d);
            const err = hrs?.errors?.[`open_${d}`];
            return (
              <fieldset key={d} className="field" aria-describedby={err?.length ? `open_${d}-error` : undefined}>
                <legend>{t(`telecenters.weekday.${d}`)}</legend>
                <div className="actions">
                  <label htmlFor={`open_${d}`}>{t("telecenters.hours.opens")}</label>
                  <input id={`open_${d}`} name={`open_${d}`} type="time" defaultValue={valueOf(hrs, `open_${d}`, h?.opensAt ?? "")} aria-invalid={err?.length ? true : undefined} />
                  <label htmlFor={`close_${d}`}>{t("telecenters.hours.closes")}</label>
                  <input id={`close_${d}`} name={`close_${d}`} type="time" defaultValue={valueOf(hrs, `close_${d}`, h?.closesAt ?? "")} />
                </div>
                <ErrorText id={`open_${d}-error`} errors={err} />
              </fieldset>
            );
          })}
          <button type="submit" className="primary">
            {t("telecenters.hours.save")}
          </button>
        </Form>
      </section>
      <section id="staff" aria-labelledby="h-staff">
        <h2 id="h-staff">{t("telecenters.page.staff")}</h2>
        <p className="hint">{t("telecenters.staff.hint")}</p>
        {staff.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
        <ul>
          {staff.map((s) => (
            <li key={`${s.role}-${s.userId}`}>
              {t(`telecenters.role.${s.role}`)}: {s.name} ({s.email}){" "}
              <Form method="post" style={{ display: "inline" }}>
                <input type="hidden" name="intent" value="removeStaff" />
                <input type="hidden" name="role" value={s.role} />
                <input type="hidden" name="userId" value={s.userId} />
                <button type="submit" className="link-button">
                  {t("telecenters.staff.remove", { name: s.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="card">
          <input type="hidden" name="intent" value="addStaff" />
          <FormError errors={st?.errors?._form} />
          <div className="field">
            <label htmlFor="role">{t("telecenters.staff.role")}</label>
            <select id="role" name="role" defaultValue={valueOf(st, "role", "manager")}>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`telecenters.role.${r}`)}
                </option>
              ))}
            </select>
            <ErrorText id="role-error" errors={st?.errors?.role} />
          </div>
          <Field name="email" type="email" label={t("telecenters.staff.email")} hint={t("telecenters.staff.emailHint")} defaultValue={valueOf(st, "email")} errors={st?.errors?.email} />
          <button type="submit" className="secondary">
            {t("telecenters.staff.add")}
          </button>
        </Form>
      </section>
      {lead ? (
        <section id="status" aria-labelledby="h-status">
          <h2 id="h-status">{t("telecenters.edit.status")}</h2>
          <p>{active ? t("telecenters.edit.activeNow") : t("telecenters.edit.inactiveNow")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="active" />
            <input type="hidden" name="active" value={active ? "0" : "1"} />
            <button type="submit" className="secondary">
              {active ? t("telecenters.edit.deactivate") : t("telecenters.edit.activate")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
