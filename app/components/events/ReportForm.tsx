import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { lazyPart } from "~/components/lazy-part";
import type { OnlineListPreviewView } from "./OnlineFieldset.lazy";
import * as onlineOnServer from "./OnlineFieldset.server";
import { countKey } from "~/i18n/plural";

const TYPES = ["school", "pesantren", "village", "umkm", "opd", "community", "telecenter", "other"] as const;

// go-online (the list, its preview, the one-by-one rows): the form's lower part, only for events with that outcome,
// so its code is loaded apart (see app/components/lazy-part.tsx)
const OnlineFieldset = lazyPart(onlineOnServer.OnlineFieldset, async () => (await import("./OnlineFieldset.lazy")).OnlineFieldset);

/** A registry entry as the report page lists it. */
export type ReportInstitution = { id: number; name: string; type: string; level?: string | null; regionName: string; npsn?: string | null };
export type { OnlineListPreviewView, OnlineListRowView } from "./OnlineFieldset.lazy";
/** What the report form's action sends back when it does not redirect. */
export type ReportFailure = FormFailure & { found?: ReportInstitution[]; picked?: ReportInstitution[]; online?: OnlineListPreviewView; searched?: string };

type ReportValues = {
  participantsTotal: string;
  participantsFemale: string;
  participantsMale: string;
  notes: string;
  reached: string[];
  onlineCount: number;
  onlineText: string;
};
/** Written by the server: how many go-online rows count as reached, and how many of the kecamatan's UMKM are left to the search. */
type ChecklistNotes = { online: string | null; umkm: string | null };
type FreshValues = { participantsTotal: string; participantsFemale: string; participantsMale: string; reached: string[] };

function InstitutionCheck({ i, checked }: { i: ReportInstitution; checked: boolean }) {
  const t = useT();
  const bits = [t(`events.inst.${i.type}`), i.type === "school" && i.level ? t(`events.level.${i.level}`) : "", i.regionName, i.npsn ? `NPSN ${i.npsn}` : ""].filter(Boolean);
  return (
    <label>
      <input type="checkbox" name="institutionIds" value={i.id} defaultChecked={checked} /> {i.name} <span className="muted">({bits.join(", ")})</span>
    </label>
  );
}

/** The institutions reached: registry search (suggestions as the filer types), the ticked list, a new one. */
function InstitutionsFieldset({
  eventId,
  institutions,
  reached,
  notes,
  failure,
}: {
  eventId: number;
  institutions: ReportInstitution[];
  reached: string[];
  notes: ChecklistNotes;
  failure: ReportFailure | undefined;
}) {
  const t = useT();
  const e = failure?.errors;
  // as the filer types: suggestions from the whole chapter (and its province) fetched without leaving the page
  const suggest = useFetcher<{ suggestions: ReportInstitution[] }>();
  const [q, setQ] = useState(failure?.searched ?? "");
  useEffect(() => {
    if (q.trim().length < 2) return;
    const timer = setTimeout(() => suggest.load(`/events/${eventId}/institutions?q=${encodeURIComponent(q.trim())}`), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, eventId]);
  const found = (q.trim().length >= 2 ? suggest.data?.suggestions : undefined) ?? failure?.found ?? [];
  // search results on top; the rest (the event's kecamatan, what the report names) below, each entry once
  const extra = found;
  const shown = [...institutions, ...(failure?.picked ?? [])].filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i && !found.some((y) => y.id === x.id));
  return (
    <fieldset>
      <legend>{t("events.report.institutions")}</legend>
      <div className="field">
        <label htmlFor="f-q">{t("events.report.search")}</label>
        <p className="hint" id="f-q-hint">
          {t("events.report.searchHint")}
        </p>
        <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
          <input id="f-q" name="q" type="search" maxLength={120} value={q} onChange={(ev) => setQ(ev.target.value)} aria-describedby="f-q-hint" style={{ flex: "1 1 12rem" }} />
          <button type="submit" name="intent" value="search" className="secondary">
            {t("events.report.searchSubmit")}
          </button>
        </div>
      </div>
      {extra.length ? (
        <div className="checks" role="region" aria-live="polite" aria-label={t("events.report.found")}>
          <p className="hint">{t("events.report.found")}</p>
          {extra.map((i) => (
            <InstitutionCheck key={i.id} i={i} checked={reached.includes(String(i.id))} />
          ))}
        </div>
      ) : failure?.searched ? (
        <p className="muted" role="status">
          {t("events.report.notFound")}
        </p>
      ) : null}
      <div className="checks">
        {shown.map((i) => (
          <InstitutionCheck key={i.id} i={i} checked={reached.includes(String(i.id))} />
        ))}
      </div>
      {notes.umkm ? (
        <p className="hint">
          <a href="#f-q">{notes.umkm}</a>
        </p>
      ) : null}
      {notes.online ? (
        <p className="hint">
          <a href="#f-onlineList">{notes.online}</a>
        </p>
      ) : null}
      <p className="hint">{t("events.report.newInstitutionHint")}</p>
      <Field name="newInstitutionName" label={t("events.report.newInstitution")} multiline defaultValue={valueOf(failure, "newInstitutionName")} errors={e?.newInstitutionName} />
      <Field name="newInstitutionType" label={t("events.form.venueType")} errors={e?.newInstitutionType}>
        <select id="f-newInstitutionType" name="newInstitutionType" defaultValue={valueOf(failure, "newInstitutionType")}>
          <option value="">{t("events.form.choose")}</option>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`events.inst.${x}`)}
            </option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}

/** The report form: participants, institutions reached, go-online, photos, notes and (for a lead) approve at once. */
export function ReportForm(props: {
  event: { id: number; outcomes: string[] };
  report: ReportValues | null;
  fresh: FreshValues | null;
  door: { total: number; female: number; male: number };
  institutions: ReportInstitution[];
  notes: ChecklistNotes;
  lead: boolean;
  ended: boolean;
  maxMb: number;
  onlineMax: number;
  formToken: string;
  failure: ReportFailure | undefined;
}) {
  const { event, report, fresh, door, institutions, notes, lead, ended, maxMb, onlineMax, formToken, failure } = props;
  const t = useT();
  const e = failure?.errors;
  const v = (k: "participantsTotal" | "participantsFemale" | "participantsMale" | "notes") => valueOf(failure, k, report?.[k] ?? (k === "notes" ? "" : (fresh?.[k] ?? "")));
  const reached = valuesOf(failure, "institutionIds", report?.reached ?? fresh?.reached ?? []);
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <FormError errors={e?._form} />
      <input type="hidden" name="formToken" value={formToken} />
      {/* a program that records no participants (e.g. a telecenter assessment) files 0 */}
      {event.outcomes.includes("participants") || Number(report?.participantsTotal ?? 0) > 0 ? (
        <fieldset>
          <legend>{t("events.report.participants")}</legend>
          {door.total ? <p className="hint">{t(countKey("events.report.doorCount", door.total), { n: door.total, f: door.female, m: door.male })}</p> : null}
          <Field name="participantsTotal" inputMode="numeric" label={t("events.report.total")} required defaultValue={v("participantsTotal")} errors={e?.participantsTotal} />
          <div className="grid-2">
            <Field name="participantsFemale" inputMode="numeric" label={t("events.report.female")} defaultValue={v("participantsFemale")} errors={e?.participantsFemale} />
            <Field name="participantsMale" inputMode="numeric" label={t("events.report.male")} defaultValue={v("participantsMale")} errors={e?.participantsMale} />
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="participantsTotal" value="0" />
      )}
      <InstitutionsFieldset eventId={event.id} institutions={institutions} reached={reached} notes={notes} failure={failure} />
      {event.outcomes.includes("onboarding") || report?.onlineCount ? <OnlineFieldset report={report} failure={failure} onlineMax={onlineMax} /> : null}
      <div className="field">
        <label htmlFor="f-photos">{t("events.report.photos")}</label>
        <p className="hint" id="f-photos-hint">
          {t("events.report.photosHint", { mb: maxMb })}
        </p>
        <input id="f-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="f-photos-hint" aria-invalid={e?.photos ? true : undefined} />
        <ErrorText id="f-photos-error" errors={e?.photos} />
      </div>
      <Field name="notes" label={t("events.report.notes")} multiline maxLength={5000} defaultValue={v("notes")} errors={e?.notes} />
      {lead && ended ? (
        <div className="checks">
          <label>
            <input type="checkbox" name="approveNow" value="1" defaultChecked={valueOf(failure, "approveNow") === "1"} /> {t("events.report.approveNow")}
          </label>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("events.report.submit")}
        </button>
      </div>
    </Form>
  );
}
