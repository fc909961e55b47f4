import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { GuardianConsentFields } from "~/components/GuardianConsentFields";
import { RegionPicker, type PickerState } from "~/components/RegionPicker";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { DAY_PARTS, WEEKDAYS, slotKey, type DayPart, type Weekday } from "~/models/accounts/availability";
import { listLanguages } from "~/models/accounts/profiles.server";
import { checkRegion, regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { DETAILS_MAX, HONEYPOT_FIELD, NAME_MAX, REGION_FIELD, TUTORING_FOR_WHOM, TUTORING_MODES } from "~/models/tutoring/tutoring-form";
import { telecentersForTutoring } from "~/models/telecenters/registry.server";
import { createTutoringRequest, listTopics, newTrackingToken, parseTutoringForm } from "~/models/tutoring/requests.server";
import { formValues } from "~/utils/forms.server";
import { retentionPeriods } from "~/models/privacy/retention.server";
import { countKey } from "~/i18n/plural";
import { SITE_CARD, shareMeta } from "~/utils/share-meta";
import "~/i18n/strings/routes/bantu._index";

/** Opened from WhatsApp on cheap phones over 3G: no JavaScript, no account. */
export const handle = { hydrate: false };

const FOR_WHOM = TUTORING_FOR_WHOM;
const MODES = TUTORING_MODES;

type Telecenter = { id: number; name: string; address: string };
type ActionData = FormFailure & { step?: boolean; picker: PickerState; refused?: string; telecenters: Telecenter[] };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.title} — Simpul` },
        ...shareMeta({ title: data.title, description: data.share.description, url: `${data.share.site}/bantu`, image: `${data.share.site}${SITE_CARD}`, locale: data.share.locale }),
      ]
    : [{ title: "Simpul" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const [topics, languages, picker] = await Promise.all([listTopics(db), listLanguages(db), regionPickerState(db, null, { maxLevel: 4 })]);
  const t = translator(context.locale);
  return {
    title: t("tutoring.form.title"),
    // the form is shared in WhatsApp groups and on posters: its preview says what it is for
    share: { site: env.APP_URL, description: t("tutoring.form.lead"), locale: context.locale },
    topics,
    languages,
    picker,
    telecenters: [] as Telecenter[],
    retentionMonths: retentionPeriods().learnerContactMonths,
    // this page's tracking token: the same form sent twice finds the request it made instead of making another
    requestKey: newTrackingToken(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const region = regionFromForm(form, REGION_FIELD);
  // the telecenters of the chosen kab/kota come with every answer, so the list appears once the region is known
  const telecenters = await telecentersForTutoring(db, region);
  const picker = () => regionPickerState(db, region, { maxLevel: 4 });
  if (regionStepRequested(form)) return data<ActionData>({ step: true, values: formValues(form), picker: await picker(), telecenters });
  const parsed = parseTutoringForm(form, region);
  if (!parsed.ok) {
    // the place is checked with the rest, so one refusal names every problem
    const regionError = await checkRegion(db, region, 3);
    const errors = regionError ? { ...parsed.errors, [REGION_FIELD]: [regionError] } : parsed.errors;
    return data<ActionData>({ errors, values: parsed.values, picker: await picker(), telecenters }, { status: 400 });
  }
  const key = form.get("requestKey");
  const result = await createTutoringRequest(db, parsed.data, { ip: context.clientIp, locale: context.locale, token: typeof key === "string" ? key : null });
  if (!result.ok) {
    if ("refused" in result) {
      const key = result.refused === "rateLimited" ? "tutoring.rateLimited" : "tutoring.spam";
      return data<ActionData>(
        { errors: { _form: [key] }, values: formValues(form), picker: await picker(), refused: result.refused, telecenters },
        { status: result.refused === "rateLimited" ? 429 : 400 },
      );
    }
    return data<ActionData>({ errors: result.errors, values: formValues(form), picker: await picker(), telecenters }, { status: 400 });
  }
  return redirect(`/bantu/terkirim/${result.token}`);
}

export default function TutoringRequestForm() {
  const { topics, languages, picker, telecenters: noTelecenters, retentionMonths, requestKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const errors = actionData?.errors;
  const typed = actionData?.values ? actionData : null;
  const state = actionData?.picker ?? picker;
  const telecenters = actionData?.telecenters ?? noTelecenters;
  const chosenTopics = new Set(valuesOf(typed, "topics", []));
  const chosenSlots = new Set(valuesOf(typed, "availability", []));
  const hasErrors = Boolean(errors && Object.keys(errors).length);
  const radio = (name: string, options: readonly string[], fallback: string, labelPrefix: string, legend: string) => {
    const current = valueOf(typed, name, fallback);
    const errId = `${name}-error`;
    return (
      <fieldset aria-describedby={errors?.[name] ? errId : undefined}>
        <legend>{legend}</legend>
        <div className="checks">
          {options.map((o) => (
            <label key={o}>
              <input type="radio" name={name} value={o} defaultChecked={current === o} />
              <span>{t(`${labelPrefix}.${o}`)}</span>
            </label>
          ))}
        </div>
        <ErrorText id={errId} errors={errors?.[name]} />
      </fieldset>
    );
  };

  return (
    <div className="narrow">
      <h1>{t("tutoring.form.title")}</h1>
      <p>{t("tutoring.form.lead")}</p>
      {errors?._form ? <FormError errors={errors._form} /> : hasErrors ? <FormError errors={["form.errorSummary"]} /> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="requestKey" value={valueOf(typed, "requestKey", requestKey)} />
        <Field name="name" label={t("tutoring.form.name")} defaultValue={valueOf(typed, "name")} errors={errors?.name} required autoComplete="name" maxLength={NAME_MAX} />
        <fieldset aria-describedby="contact-hint">
          <legend>{t("tutoring.form.contact")}</legend>
          <p className="hint" id="contact-hint">
            {t("tutoring.form.contactHint")}
          </p>
          <Field name="whatsapp" label={t("tutoring.form.whatsapp")} type="tel" inputMode="tel" autoComplete="tel" defaultValue={valueOf(typed, "whatsapp")} errors={errors?.whatsapp} maxLength={40} />
          <Field name="email" label={t("tutoring.form.email")} type="email" inputMode="email" autoComplete="email" defaultValue={valueOf(typed, "email")} errors={errors?.email} maxLength={254} />
        </fieldset>
        <RegionPicker
          name={REGION_FIELD}
          state={state}
          legend={t("tutoring.form.region")}
          hint={t("tutoring.form.regionHint")}
          errors={errors?.[REGION_FIELD]}
          requiredLevel={3}
          stepped={actionData?.step}
        />
        <fieldset aria-describedby={errors?.topics ? "topics-error" : undefined}>
          <legend>{t("tutoring.form.topics")}</legend>
          <div className="checks">
            {topics.map((tp) => (
              <label key={tp.slug}>
                <input type="checkbox" name="topics" value={tp.slug} defaultChecked={chosenTopics.has(tp.slug)} />
                <span>{locale === "en" ? tp.nameEn : tp.nameId}</span>
              </label>
            ))}
          </div>
          <ErrorText id="topics-error" errors={errors?.topics} />
        </fieldset>
        <Field name="details" label={t("tutoring.form.details")} hint={t("tutoring.form.detailsHint")} multiline defaultValue={valueOf(typed, "details")} errors={errors?.details} maxLength={DETAILS_MAX} />
        {radio("forWhom", FOR_WHOM, "self", "tutoring.forWhom", t("tutoring.form.forWhom"))}
        <Field name="language" label={t("tutoring.form.language")} errors={errors?.language}>
          <select id="f-language" name="language" defaultValue={valueOf(typed, "language", "id")} aria-invalid={errors?.language ? true : undefined} aria-describedby={errors?.language ? "f-language-error" : undefined}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {locale === "en" ? l.nameEn : l.nameId}
              </option>
            ))}
          </select>
        </Field>
        {radio("mode", MODES, "home", "tutoring.mode", t("tutoring.form.mode"))}
        {telecenters.length ? (
          <Field name="telecenterId" label={t("tutoring.form.telecenter")} hint={t("tutoring.form.telecenterHint")} errors={errors?.telecenterId}>
            <select
              id="f-telecenterId"
              name="telecenterId"
              defaultValue={valueOf(typed, "telecenterId", "")}
              aria-invalid={errors?.telecenterId ? true : undefined}
              aria-describedby={["f-telecenterId-hint", errors?.telecenterId ? "f-telecenterId-error" : ""].filter(Boolean).join(" ")}
            >
              <option value="">{t("tutoring.form.telecenterAny")}</option>
              {telecenters.map((tc) => (
                <option key={tc.id} value={String(tc.id)}>
                  {tc.address ? `${tc.name}, ${tc.address}` : tc.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <fieldset>
          <legend>{t("tutoring.form.availability")}</legend>
          {WEEKDAYS.map((d, w) => (
            <div key={d} className="checks" role="group" aria-label={t(`profile.day.${d}`)}>
              {DAY_PARTS.map((p, i) => {
                const key = slotKey(w as Weekday, i as DayPart);
                return (
                  <label key={p}>
                    <input type="checkbox" name="availability" value={key} defaultChecked={chosenSlots.has(key)} />
                    <span>{t("tutoring.form.slot", { day: t(`profile.day.${d}`), part: t(`profile.part.${p}`) })}</span>
                  </label>
                );
              })}
            </div>
          ))}
        </fieldset>
        <div className="sr-only" aria-hidden="true">
          <label htmlFor={`f-${HONEYPOT_FIELD}`}>{t("tutoring.form.honeypot")}</label>
          <input id={`f-${HONEYPOT_FIELD}`} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        {radio("minor", ["no", "yes"], "", "privacy.minor.answer", t("privacy.minor.question"))}
        <GuardianConsentFields typed={typed} hint={t("privacy.minor.guardianHint")} consent={t("privacy.minor.guardianConsent")} nameMaxLength={NAME_MAX} />
        <fieldset aria-describedby={["consent-text", errors?.consent ? "consent-error" : ""].filter(Boolean).join(" ")}>
          <legend>{t("tutoring.form.consentTitle")}</legend>
          <p id="consent-text">
            {t(countKey("tutoring.form.consentText", retentionMonths), { months: retentionMonths })} <Link to="/privasi">{t("privacy.noticeLink")}</Link>
          </p>
          <label>
            <input type="checkbox" name="consent" value="yes" defaultChecked={valueOf(typed, "consent") === "yes"} aria-invalid={errors?.consent ? true : undefined} />{" "}
            <span>{t("tutoring.form.consent")}</span>
          </label>
          <ErrorText id="consent-error" errors={errors?.consent} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">
            {t("tutoring.form.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
