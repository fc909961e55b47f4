import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { lazyPart } from "~/components/lazy-part";
import type { PickerState } from "~/components/RegionPicker";
import * as pickerOnServer from "~/components/RegionPicker.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { DAY_PARTS, WEEKDAYS, keysOfMask, slotKey, type DayPart, type Weekday } from "~/models/accounts/availability";
import { BIO_MAX, NAME_MAX, REGION_FIELD } from "~/models/accounts/profile-form";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import { getProfilePage, parseProfileForm, saveProfile } from "~/models/accounts/profiles.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";
import { formValues } from "~/utils/forms.server";
import "~/i18n/strings/routes/profile";
import { TableWrap } from "~/components/TableWrap";

// The region picker sits below the contact details: its code loads after the page's (its "next" button works
// until then), which keeps the page's first-load JavaScript under 90 KB gzip.
const RegionPicker = lazyPart(pickerOnServer.RegionPicker, async () => (await import("~/components/RegionPicker.lazy")).RegionPicker);

type ActionData = FormFailure & { step?: boolean; picker: PickerState };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  // one statement; option names come in the reader's language, only what the page shows is sent to the browser
  const page = await getProfilePage(db, user.id, context.locale);
  if (!page) throw redirect("/login");
  return {
    title: translator(context.locale)("profile.metaTitle"),
    saved: new URL(request.url).searchParams.get("saved") === "1",
    profile: {
      name: page.name,
      email: page.email,
      // as people write it ("+62 812-3456-7890"); saving it again reads the same number
      whatsapp: page.whatsapp ? formatWhatsapp(page.whatsapp) : "",
      bio: page.bio ?? "",
      availability: page.availability,
      skills: page.heldSkills.map(String),
      languages: page.heldLanguages,
      version: page.updatedAt ? page.updatedAt.getTime() : 0,
    },
    skills: page.skills,
    languages: page.languages,
    picker: page.picker,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const typedRegion = regionFromForm(form, REGION_FIELD);
  const picker = () => regionPickerState(db, typedRegion, { maxLevel: 4 });
  if (regionStepRequested(form)) {
    // the no-JavaScript "next" button: show the next list, keep everything typed, save nothing
    return data<ActionData>({ step: true, values: formValues(form), picker: await picker() });
  }
  const parsed = parseProfileForm(form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: parsed.values, picker: await picker() }, { status: 400 });
  const result = await saveProfile(db, user.id, parsed.data);
  if (!result.ok) return data<ActionData>({ errors: result.errors, values: formValues(form), picker: await picker() }, { status: 400 });
  return redirect("/profile?saved=1");
}

function deepest(state: PickerState): string | null {
  return [...state.levels].reverse().find((l) => l.selected)?.selected ?? null;
}

export default function ProfilePage() {
  const { profile, skills, languages, picker, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const errors = actionData?.errors;
  const typed = actionData?.values ? actionData : null;
  const state = actionData?.picker ?? picker;
  const [regionCode, setRegionCode] = useState<string | null>(deepest(state));
  useEffect(() => setRegionCode(deepest(state)), [state]);
  const zone = regionCode ? t(`tz.${timeZoneOfRegionCode(regionCode)}`) : null;

  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [actionData]);

  // a submitted page shows what was sent (an unticked box is simply absent), otherwise the saved profile
  const checked = (name: string, saved: string[]) => new Set(typed ? valuesOf(typed, name, []) : saved);
  const chosenSkills = checked("skills", profile.skills);
  const chosenLanguages = checked("languages", profile.languages);
  const chosenSlots = checked("availability", keysOfMask(profile.availability));
  const hasErrors = Boolean(errors && Object.keys(errors).length);
  // the grid names each of its 21 boxes: the day and part names are looked up once
  const dayNames = WEEKDAYS.map((d) => t(`profile.day.${d}`));
  const partNames = DAY_PARTS.map((p) => t(`profile.part.${p}`));

  return (
    <div className="narrow">
      <h1>{t("profile.title")}</h1>
      <p className="muted">{t("profile.lead")}</p>
      {saved && !actionData ? (
        <p className="notice" role="status">
          {t("profile.saved")}
        </p>
      ) : null}
      {hasErrors ? <FormError errors={["form.errorSummary"]} /> : null}

      <Form method="post" noValidate ref={formRef} key={profile.version}>
        <section className="card" aria-labelledby="profile-contact">
          <h2 id="profile-contact" style={{ marginTop: 0 }}>
            {t("profile.section.contact")}
          </h2>
          <Field
            name="name"
            label={t("profile.name")}
            defaultValue={valueOf(typed, "name", profile.name)}
            errors={errors?.name}
            required
            autoComplete="name"
            maxLength={NAME_MAX}
          />
          <Field name="email" label={t("profile.email")} hint={t("profile.emailHint")}>
            <input id="f-email" type="email" value={profile.email} readOnly aria-describedby="f-email-hint" style={{ background: "#eef1f4" }} />
          </Field>
          <Field
            name="whatsapp"
            label={t("profile.whatsapp")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            hint={t("profile.whatsappHint")}
            defaultValue={valueOf(typed, "whatsapp", profile.whatsapp)}
            errors={errors?.whatsapp}
            maxLength={40}
          />
          <Field
            name="bio"
            label={t("profile.bio")}
            multiline
            hint={t("profile.bioHint")}
            defaultValue={valueOf(typed, "bio", profile.bio)}
            errors={errors?.bio}
            maxLength={BIO_MAX}
          />
        </section>

        <section className="card" aria-labelledby="profile-region">
          <h2 id="profile-region" style={{ marginTop: 0 }}>
            {t("profile.section.region")}
          </h2>
          <RegionPicker
            name={REGION_FIELD}
            state={state}
            legend={t("profile.region")}
            hint={t("profile.regionHint")}
            errors={errors?.[REGION_FIELD]}
            requiredLevel={3}
            stepped={actionData?.step}
            onChange={setRegionCode}
          />
          <p className="hint" id="profile-timezone" aria-live="polite">
            {zone ? t("profile.timeZone", { zone }) : t("profile.timeZoneUnknown")}
          </p>
        </section>

        <section className="card" aria-labelledby="profile-skills">
          <h2 id="profile-skills" style={{ marginTop: 0 }}>
            {t("profile.section.skills")}
          </h2>
          <fieldset aria-describedby={["skills-hint", errors?.skills ? "skills-error" : ""].filter(Boolean).join(" ")}>
            <legend>{t("profile.skills")}</legend>
            <p className="hint" id="skills-hint">
              {t("profile.skillsHint")}
            </p>
            <div className="checks">
              {skills.map((s) => (
                <label key={s.id}>
                  <input type="checkbox" name="skills" value={String(s.id)} defaultChecked={chosenSkills.has(String(s.id))} />
                  <span>
                    {s.name}
                    {s.active ? null : <span className="muted"> {t("profile.skillInactive")}</span>}
                  </span>
                </label>
              ))}
            </div>
            <ErrorText id="skills-error" errors={errors?.skills} />
          </fieldset>
          <fieldset aria-describedby={errors?.languages ? "languages-error" : undefined}>
            <legend>{t("profile.languages")}</legend>
            <div className="checks">
              {languages.map((l) => (
                <label key={l.code}>
                  <input type="checkbox" name="languages" value={l.code} defaultChecked={chosenLanguages.has(l.code)} />
                  <span>{l.name}</span>
                </label>
              ))}
            </div>
            <ErrorText id="languages-error" errors={errors?.languages} />
          </fieldset>
        </section>

        <section className="card" aria-labelledby="profile-availability">
          <h2 id="profile-availability" style={{ marginTop: 0 }}>
            {t("profile.section.availability")}
          </h2>
          <fieldset aria-describedby={["availability-hint", errors?.availability ? "availability-error" : ""].filter(Boolean).join(" ")}>
            <legend id="availability-legend">{t("profile.availability")}</legend>
            <p className="hint" id="availability-hint">
              {t("profile.availabilityHint")}
            </p>
            <TableWrap labelledBy="availability-legend">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("profile.availabilityDay")}</th>
                    {DAY_PARTS.map((p, i) => (
                      <th scope="col" key={p} className="slot">
                        {partNames[i]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((d, w) => (
                    <tr key={d}>
                      <th scope="row">{dayNames[w]}</th>
                      {DAY_PARTS.map((p, i) => {
                        const key = slotKey(w as Weekday, i as DayPart);
                        return (
                          <td key={p} className="slot">
                            <label>
                              <input type="checkbox" name="availability" value={key} defaultChecked={chosenSlots.has(key)} />
                              <span className="sr-only">{t("profile.slotLabel", { day: dayNames[w] ?? d, part: partNames[i] ?? p })}</span>
                            </label>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <ErrorText id="availability-error" errors={errors?.availability} />
          </fieldset>
        </section>

        <div className="actions">
          <button type="submit" className="primary">
            {t("profile.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
