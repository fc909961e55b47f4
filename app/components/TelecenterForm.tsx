import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { SERVICES, isSocialService } from "~/models/telecenters/telecenter-form";
import { Field, FormError, valueOf, valuesOf, type FormFailure } from "./forms";
import { lazyPart } from "./lazy-part";
import type { PickerState } from "./RegionPicker";
import * as pickerOnServer from "./RegionPicker.server";

// The region picker's code loads after the page's (its "next" button works until then), as on the profile: it keeps
// the telecenter pages' first-load JavaScript under 90 KB gzip.
const RegionPicker = lazyPart(pickerOnServer.RegionPicker, async () => (await import("./RegionPicker.lazy")).RegionPicker);

/** Name, place, contact and services of a telecenter (create and edit). */
export function TelecenterForm({
  failure,
  defaults,
  picker,
  stepped,
  submitLabel,
}: {
  failure?: FormFailure | null;
  defaults: Record<string, string | string[]>;
  picker: PickerState;
  stepped?: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const e = failure?.errors;
  const v = (name: string) => valueOf(failure, name, typeof defaults[name] === "string" ? (defaults[name] as string) : "");
  const services = valuesOf(failure, "services", Array.isArray(defaults.services) ? defaults.services : []);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="basics" />
      <FormError errors={e?._form} />
      <Field name="name" label={t("telecenters.form.name")} defaultValue={v("name")} errors={e?.name} required maxLength={160} />
      <RegionPicker name="region" state={picker} legend={t("telecenters.form.region")} hint={t("telecenters.form.regionHint")} errors={e?.regionCode} requiredLevel={3} stepped={stepped} />
      <Field name="address" label={t("telecenters.form.address")} defaultValue={v("address")} errors={e?.address} multiline maxLength={500} />
      <div className="field">
        <p className="label" id="coords-label" style={{ fontWeight: 600, margin: "0 0 4px" }}>
          {t("telecenters.form.coordinates")}
        </p>
        <p className="hint">{t("telecenters.form.coordinatesHint")}</p>
      </div>
      <Field name="latitude" label={t("telecenters.form.latitude")} defaultValue={v("latitude")} errors={e?.latitude} inputMode="text" />
      <Field name="longitude" label={t("telecenters.form.longitude")} defaultValue={v("longitude")} errors={e?.longitude} inputMode="text" />
      <Field name="managingBody" label={t("telecenters.form.managingBody")} hint={t("telecenters.form.managingBodyHint")} defaultValue={v("managingBody")} errors={e?.managingBody} maxLength={200} />
      <Field name="contactPhone" label={t("telecenters.form.phone")} hint={t("telecenters.form.contactHint")} defaultValue={v("contactPhone")} errors={e?.contactPhone} inputMode="tel" />
      <Field name="contactEmail" label={t("telecenters.form.email")} defaultValue={v("contactEmail")} errors={e?.contactEmail} type="email" />
      {(["social", "commercial"] as const).map((group) => (
        <fieldset key={group} className="field">
          <legend>{t(`telecenters.page.${group}`)}</legend>
          <div className="checks">
            {SERVICES.filter((s) => isSocialService(s) === (group === "social")).map((s) => (
              <label key={s}>
                <input type="checkbox" name="services" value={s} defaultChecked={services.includes(s)} /> {t(`telecenters.service.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
