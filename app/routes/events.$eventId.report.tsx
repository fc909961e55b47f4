import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, isChapterLead, notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { getEvent, listInstitutions } from "~/models/events/events.server";
import {
  approveReport,
  canFileReport,
  returnReport,
  checkPhotos,
  deletePhoto,
  getReport,
  onboardingRowsFromForm,
  PHOTO_MAX_BYTES,
  reportSchema,
  reportTiming,
  saveReport,
  storePhotos,
} from "~/models/events/outcomes.server";
import { BLANK_ONBOARDING_ROWS, ONBOARDING_TYPES } from "~/models/events/outcome-form";
import { participantCounts } from "~/models/events/participants.server";
import { formValues, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

const ONLINE_KINDS = ["marketplace", "gbp", "website", "social", "qris"] as const;
const TYPES = ["school", "pesantren", "village", "umkm", "opd", "community", "telecenter", "other"] as const;

async function load(params: { eventId?: string }) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event || event.status === "draft") notFound();
  return event;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const lead = await isChapterLead(db, user, event.chapterId);
  if (!(await canFileReport(db, event.id, user.id, lead))) forbidden();
  const report = await getReport(db, event.id);
  const door = await participantCounts(db, event.id);
  const timing = await reportTiming(db, event.id);
  return {
    title: translator(context.locale)("events.report.title"),
    event: { id: event.id, title: event.title, outcomes: event.programOutcomes, timeZone: event.timeZone, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() },
    started: timing?.started ?? false,
    ended: timing?.ended ?? false,
    lead,
    door,
    // a first report starts from the door count and the venue
    fresh: report
      ? null
      : {
          participantsTotal: door.total ? String(door.total) : "",
          participantsFemale: door.female ? String(door.female) : "",
          participantsMale: door.male ? String(door.male) : "",
          reached: event.venueId ? [String(event.venueId)] : [],
        },
    // the event's kecamatan (a chapter's whole registry can run to hundreds), plus whatever the report already names
    institutions: [
      ...(await listInstitutions(db, event.regionCode.split(".").slice(0, 3).join("."))),
      ...(report?.reached ?? []).map((r) => ({ ...r, regionCode: "", regionName: "" })),
    ].filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i),
    report: report
      ? {
          status: report.status,
          participantsTotal: String(report.participantsTotal),
          participantsFemale: report.participantsFemale === null ? "" : String(report.participantsFemale),
          participantsMale: report.participantsMale === null ? "" : String(report.participantsMale),
          notes: report.notes,
          reached: report.reached.map((r) => String(r.id)),
          online: report.online.map((o) => ({ name: o.name, type: o.type, kinds: o.kinds })),
          photos: report.photos,
        }
      : null,
    maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const lead = await isChapterLead(db, user, event.chapterId);
  if (!(await canFileReport(db, event.id, user.id, lead))) forbidden();
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > 12 * PHOTO_MAX_BYTES) return data<FormFailure>({ errors: { photos: ["events.report.photoSize"] } }, { status: 413 });
  const form = await request.formData();
  if (form.get("intent") === "deletePhoto") {
    await deletePhoto(db, { eventId: event.id, photoId: Number(form.get("photoId")) });
    return redirect(`/events/${event.id}/report`);
  }
  if (form.get("intent") === "return") {
    await requireChapterLead(db, context, request, event.chapterId);
    const note = String(form.get("note") ?? "").trim().slice(0, 1000);
    if (!note) return data<FormFailure>({ errors: { note: ["errors.required"] } }, { status: 400 });
    await returnReport(db, { eventId: event.id, chapterId: event.chapterId, userId: user.id, note });
    return redirect(`/events/${event.id}/report?returned=1`);
  }
  if (form.get("intent") === "approve") {
    await requireChapterLead(db, context, request, event.chapterId);
    const r = await approveReport(db, { eventId: event.id, chapterId: event.chapterId, userId: user.id });
    if (!r.ok && r.reason === "notEnded") return data<FormFailure>({ errors: { approve: ["events.report.notEnded"] } }, { status: 409 });
    return redirect(`/events/${event.id}/report?${r.ok ? "approved=1" : ""}`);
  }
  const parsed = parseForm(reportSchema, form);
  const onboarding = onboardingRowsFromForm(form);
  if (!parsed.ok || Object.keys(onboarding.errors).length)
    return data<FormFailure>({ errors: { ...(parsed.ok ? {} : parsed.errors), ...onboarding.errors }, values: formValues(form) }, { status: 400 });
  const files = form.getAll("photos").filter((f): f is File => typeof f !== "string");
  const checked = checkPhotos(files);
  if (!checked.ok) return data<FormFailure>({ errors: { photos: [checked.error] }, values: formValues(form) }, { status: 400 });
  const stored = await storePhotos(checked.files);
  if (!stored.ok) return data<FormFailure>({ errors: { photos: [stored.error] }, values: formValues(form) }, { status: 400 });
  const saved = await saveReport(db, {
    eventId: event.id,
    chapterRegion: event.chapterRegion,
    eventRegion: event.regionCode,
    userId: user.id,
    form: parsed.data,
    onboarded: onboarding.rows,
    photos: stored.stored,
  });
  if (!saved.ok) return data<FormFailure>({ errors: { _form: ["events.report.notStarted"] }, values: formValues(form) }, { status: 409 });
  return redirect(`/events/${event.id}/report?saved=1`);
}

export default function Report() {
  const { event, lead, institutions, report, maxMb, door, fresh, started, ended } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  const v = (k: "participantsTotal" | "participantsFemale" | "participantsMale" | "notes") => valueOf(failure, k, report?.[k] ?? (k === "notes" ? "" : (fresh?.[k] ?? "")));
  const reached = valuesOf(failure, "institutionIds", report?.reached ?? fresh?.reached ?? []);
  const filed = report?.online ?? [];
  const rowCount = failure
    ? Math.max(filed.length + BLANK_ONBOARDING_ROWS, ...Object.keys(failure.values ?? {}).map((k) => Number(/^onb\.(\d+)\./.exec(k)?.[1] ?? -1) + 1))
    : filed.length + BLANK_ONBOARDING_ROWS;
  const row = (i: number) => ({
    name: valueOf(failure, `onb.${i}.name`, filed[i]?.name ?? ""),
    type: valueOf(failure, `onb.${i}.type`, filed[i]?.type ?? "umkm"),
    kinds: valuesOf(failure, `onb.${i}.kinds`, failure ? [] : (filed[i]?.kinds ?? [])),
  });
  return (
    <div className="narrow">
      <h1>{t("events.report.title")}</h1>
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      {report ? (
        <p className="notice" role="status">
          {t(`events.report.status.${report.status}`)}
        </p>
      ) : null}
      {!started ? (
        <p className="notice" role="note">
          {t("events.report.opensAt", { when: formatDateTime(event.startsAt, locale, event.timeZone) })}
        </p>
      ) : null}
      {report && lead && report.status === "submitted" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="approve" />
          <p>{ended ? t("events.report.approveHint") : t("events.report.approveAfter", { when: formatDateTime(event.endsAt, locale, event.timeZone) })}</p>
          <ErrorText id="approve-error" errors={e?.approve} />
          <button type="submit" className="primary">
            {t("events.report.approve")}
          </button>
        </Form>
      ) : null}
      {report && lead && report.status !== "returned" ? (
        <details className="card">
          <summary>{t("events.report.return")}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="return" />
            <Field name="note" label={t("events.report.returnNote")} multiline maxLength={1000} errors={e?.note} />
            <button type="submit" className="secondary">
              {t("events.report.returnSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
      {report?.photos.length ? (
        <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
          {report.photos.map((p, i) => (
            <figure key={p.id} style={{ margin: 0 }}>
              <img src={`/events/${event.id}/photos/${p.id}`} width={160} height={Math.round((160 * p.height) / p.width)} alt={t("events.report.photoAlt", { n: i + 1 })} loading="lazy" />
              <Form method="post">
                <input type="hidden" name="intent" value="deletePhoto" />
                <input type="hidden" name="photoId" value={p.id} />
                <button type="submit" className="link-button" aria-label={`${t("events.report.photoDelete")}: ${t("events.report.photoAlt", { n: i + 1 })}`}>
                  {t("events.report.photoDelete")}
                </button>
              </Form>
            </figure>
          ))}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <FormError errors={e?._form} />
        {/* a program that records no participants (e.g. a telecenter assessment) files 0 */}
        {event.outcomes.includes("participants") || Number(report?.participantsTotal ?? 0) > 0 ? (
          <fieldset>
            <legend>{t("events.report.participants")}</legend>
            {door.total ? <p className="hint">{t("events.report.doorCount", { n: door.total, f: door.female, m: door.male })}</p> : null}
            <Field name="participantsTotal" type="number" inputMode="numeric" label={t("events.report.total")} required defaultValue={v("participantsTotal")} errors={e?.participantsTotal} />
            <div className="grid-2">
              <Field name="participantsFemale" type="number" inputMode="numeric" label={t("events.report.female")} defaultValue={v("participantsFemale")} errors={e?.participantsFemale} />
              <Field name="participantsMale" type="number" inputMode="numeric" label={t("events.report.male")} defaultValue={v("participantsMale")} errors={e?.participantsMale} />
            </div>
          </fieldset>
        ) : (
          <input type="hidden" name="participantsTotal" value="0" />
        )}
        <fieldset>
          <legend>{t("events.report.institutions")}</legend>
          <div className="checks">
            {institutions.map((i) => (
              <label key={i.id}>
                <input type="checkbox" name="institutionIds" value={i.id} defaultChecked={reached.includes(String(i.id))} /> {i.name} <span className="muted">({[t(`events.inst.${i.type}`), i.regionName].filter(Boolean).join(", ")})</span>
              </label>
            ))}
          </div>
          <p className="hint">{t("events.report.newInstitutionHint")}</p>
          <Field name="newInstitutionName" label={t("events.report.newInstitution")} multiline maxLength={4000} defaultValue={valueOf(failure, "newInstitutionName")} errors={e?.newInstitutionName} />
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
        {event.outcomes.includes("onboarding") || filed.length ? (
          <fieldset>
            <legend>{t("events.report.online")}</legend>
            <p className="hint">{t("events.report.onlineHint")}</p>
            {Array.from({ length: rowCount }, (_, i) => {
              const r = row(i);
              return (
                <div key={i} className="card" role="group" aria-label={t("events.report.onlineRow", { n: i + 1 })}>
                  <Field name={`onb.${i}.name`} label={t("events.report.onlineName")} maxLength={160} defaultValue={r.name} errors={e?.[`onb.${i}.name`]} />
                  <Field name={`onb.${i}.type`} label={t("events.form.venueType")} errors={e?.[`onb.${i}.type`]}>
                    <select id={`f-onb.${i}.type`} name={`onb.${i}.type`} defaultValue={r.type}>
                      {ONBOARDING_TYPES.map((x) => (
                        <option key={x} value={x}>
                          {t(`events.inst.${x}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <fieldset aria-describedby={e?.[`onb.${i}.kinds`] ? `f-onb.${i}.kinds-error` : undefined}>
                    <legend>{t("events.report.onlineKinds")}</legend>
                    <div className="checks">
                      {ONLINE_KINDS.map((k) => (
                        <label key={k}>
                          <input type="checkbox" name={`onb.${i}.kinds`} value={k} defaultChecked={r.kinds.includes(k)} /> {t(`events.online.${k}`)}
                        </label>
                      ))}
                    </div>
                    <ErrorText id={`f-onb.${i}.kinds-error`} errors={e?.[`onb.${i}.kinds`]} />
                  </fieldset>
                </div>
              );
            })}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor="f-photos">{t("events.report.photos")}</label>
          <p className="hint" id="f-photos-hint">
            {t("events.report.photosHint", { mb: maxMb })}
          </p>
          <input id="f-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="f-photos-hint" aria-invalid={e?.photos ? true : undefined} />
          <ErrorText id="f-photos-error" errors={e?.photos} />
        </div>
        <Field name="notes" label={t("events.report.notes")} multiline maxLength={5000} defaultValue={v("notes")} errors={e?.notes} />
        <div className="actions">
          <button type="submit" className="primary">
            {t("events.report.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
