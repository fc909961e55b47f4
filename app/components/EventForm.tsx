import { Form } from "@remix-run/react";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { useLocale, useT } from "~/i18n/react";
import { countKey } from "~/i18n/plural";

/** The venue picker's list (venueChoices in institutions.server.ts). */
export type VenueChoicesView = { list: { id: number; name: string; regionName: string }[]; search: string; used: boolean; matched: number; more: boolean; suggested?: boolean };
export type EventFormOptions = {
  programs: { id: number; nameId: string; nameEn: string }[];
  venues: VenueChoicesView;
  kecamatan: { code: string; name: string }[];
  institutionTypes: readonly string[];
};
/** What the form's action answers besides a redirect: a refused save or a venue search, each with the venue list. */
export type EventFormAnswer = FormFailure & { venues?: VenueChoicesView };

/** A refused form comes back with every role row typed (numbered from 0), however many the form first showed. */
function rowsTyped(failure: FormFailure | null | undefined): number {
  const rows = new Set<string>();
  for (const k of Object.keys(failure?.values ?? {})) {
    const m = /^role\.(\d+)\./.exec(k);
    if (m?.[1]) rows.add(m[1]);
  }
  return rows.size;
}

/** Create and edit share this form; it works without JavaScript (roles are numbered rows). */
export function EventForm({
  options,
  failure,
  defaults,
  roleRows,
  submitLabel,
  showRoles,
}: {
  options: EventFormOptions;
  failure?: EventFormAnswer | null;
  defaults: Record<string, string>;
  roleRows: number;
  submitLabel: string;
  showRoles: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  const v = (name: string) => valueOf(failure, name, defaults[name] ?? "");
  const venues = failure?.venues ?? options.venues;
  const q = venues.search;
  // one match of a search is chosen for the lead, unless a venue is chosen or a new one typed already
  const venueDefault = v("venueId") || (q && venues.matched === 1 && venues.list.length === 1 && !v("venueName") ? String(venues.list[0]?.id ?? "") : "");
  return (
    <Form method="post" noValidate>
      {venues.used || q ? (
        // Enter in a field presses a form's first button: this one saves (the venue search's button comes first on screen)
        <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
          {submitLabel}
        </button>
      ) : null}
      <FormError errors={e?._form} />
      {defaults.loaded ? <input type="hidden" name="loaded" value={v("loaded")} /> : null}
      <Field name="title" label={t("events.form.title")} required maxLength={160} defaultValue={v("title")} errors={e?.title} />
      <Field name="programId" label={t("events.form.program")} errors={e?.programId}>
        <select id="f-programId" name="programId" defaultValue={v("programId")} aria-invalid={e?.programId ? true : undefined}>
          <option value="">{t("events.form.choose")}</option>
          {options.programs.map((p) => (
            <option key={p.id} value={p.id}>
              {locale === "id" ? p.nameId : p.nameEn}
            </option>
          ))}
        </select>
      </Field>
      <Field name="description" label={t("events.form.description")} multiline maxLength={5000} defaultValue={v("description")} errors={e?.description} />

      <fieldset>
        <legend>{t("events.form.venue")}</legend>
        {venues.used || q ? (
          <div className="field" role="search">
            <label htmlFor="f-venueQ">{t("events.form.venueSearch")}</label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <input key={q} id="f-venueQ" name="venueQ" type="search" defaultValue={q} maxLength={80} aria-describedby="f-venueQ-status" style={{ flex: "1 1 12rem" }} />
              <button type="submit" name="intent" value="venueSearch" className="secondary">
                {t("events.form.venueSearchSubmit")}
              </button>
            </div>
            {/* the search the list answers: a different one typed and sent with Enter or the save button is run first */}
            <input type="hidden" name="venueShown" value={q} />
            <p className="hint" id="f-venueQ-status" role="status">
              {!q
                ? t("events.form.venueUsed")
                : venues.matched === 0
                  ? t(venues.suggested ? "events.form.venueSuggested" : "events.form.venueNone", { q })
                  : venues.more
                    ? t("events.form.venueFoundMore", { n: venues.matched, q })
                    : t(countKey("events.form.venueFound", venues.matched), { n: venues.matched, q })}
            </p>
          </div>
        ) : null}
        <Field name="venueId" label={t("events.form.venueExisting")} errors={e?.venueId}>
          <select key={q} id="f-venueId" name="venueId" defaultValue={venueDefault} aria-invalid={e?.venueId ? true : undefined}>
            <option value="">{t("events.form.venueNew")}</option>
            {venues.list.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} — {x.regionName}
              </option>
            ))}
          </select>
        </Field>
        <p className="hint">{t("events.form.venueNewHint")}</p>
        <Field name="venueName" label={t("events.form.venueName")} maxLength={160} defaultValue={v("venueName")} errors={e?.venueName} />
        <Field name="venueType" label={t("events.form.venueType")} errors={e?.venueType}>
          <select id="f-venueType" name="venueType" defaultValue={v("venueType")}>
            <option value="">{t("events.form.choose")}</option>
            {options.institutionTypes.map((x) => (
              <option key={x} value={x}>
                {t(`events.inst.${x}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="venueRegion" label={t("events.form.venueRegion")} errors={e?.venueRegion}>
          <select id="f-venueRegion" name="venueRegion" defaultValue={v("venueRegion")}>
            <option value="">{t("events.form.choose")}</option>
            {options.kecamatan.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t("events.form.when")}</legend>
        <p className="hint">{t("events.form.whenHint")}</p>
        <Field name="date" type="date" label={t("events.form.date")} required defaultValue={v("date")} errors={e?.date} />
        <div className="grid-2">
          <Field name="startTime" type="time" label={t("events.form.startTime")} required defaultValue={v("startTime")} errors={e?.startTime} />
          <Field name="endTime" type="time" label={t("events.form.endTime")} required defaultValue={v("endTime")} errors={e?.endTime} />
        </div>
        <div className="grid-2">
          <Field name="days" inputMode="numeric" label={t("events.form.days")} hint={t("events.form.daysHint")} defaultValue={v("days") || "1"} errors={e?.days} />
          <Field name="cutoffHours" inputMode="numeric" label={t("events.form.cutoff")} hint={t("events.form.cutoffHint")} defaultValue={v("cutoffHours") || "12"} errors={e?.cutoffHours} />
        </div>
        <Field name="sessionLabels" label={t("events.form.sessionLabels")} hint={t("events.form.sessionLabelsHint")} multiline maxLength={2000} defaultValue={v("sessionLabels")} errors={e?.sessionLabels} />
      </fieldset>

      {showRoles ? (
        <fieldset>
          <legend>{t("events.form.roles")}</legend>
          <p className="hint">{t("events.form.rolesHint")}</p>
          <ErrorText id="f-roles-error" errors={e?.roles} />
          {Array.from({ length: Math.max(roleRows, rowsTyped(failure)) }, (_, i) => (
            <div key={i} className="card" role="group" aria-label={t("events.form.roleN", { n: i + 1 })}>
              <Field name={`role.${i}.name`} label={t("events.form.roleName")} maxLength={80} defaultValue={v(`role.${i}.name`)} errors={e?.[`role.${i}.name`]} />
              <div className="grid-2">
                <Field name={`role.${i}.capacity`} inputMode="numeric" label={t("events.form.capacity")} defaultValue={v(`role.${i}.capacity`)} errors={e?.[`role.${i}.capacity`]} />
                <Field name={`role.${i}.hours`} inputMode="numeric" label={t("events.form.hours")} hint={t("events.form.hoursHint")} defaultValue={v(`role.${i}.hours`)} errors={e?.[`role.${i}.hours`]} />
              </div>
              <Field name={`role.${i}.skills`} label={t("events.form.skills")} hint={t("events.form.skillsHint")} maxLength={200} defaultValue={v(`role.${i}.skills`)} errors={e?.[`role.${i}.skills`]} />
            </div>
          ))}
        </fieldset>
      ) : null}

      <div className="checks">
        <label>
          <input type="checkbox" name="draft" value="1" defaultChecked={v("draft") === "1"} /> {t("events.form.draft")}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
