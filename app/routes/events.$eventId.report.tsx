import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
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
  fileReport,
  storePhotos,
} from "~/models/events/outcomes.server";
import { BLANK_ONBOARDING_ROWS, ONBOARDING_TYPES } from "~/models/events/outcome-form";
import { institutionsByIds, suggestInstitutions, type InstitutionHit } from "~/models/events/institutions.server";
import { ONLINE_LIST_MAX_ROWS, onlineListText, previewOnlineList, type OnlineListPreview } from "~/models/events/online-list.server";
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

type ActionData = FormFailure & { found?: InstitutionHit[]; picked?: InstitutionHit[]; online?: OnlineListPreview; searched?: string };

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
      ...(await institutionsByIds(db, { chapterRegion: event.chapterRegion, ids: (report?.reached ?? []).map((r) => r.id) })),
      ...(await listInstitutions(db, event.regionCode.split(".").slice(0, 3).join("."))),
    ].filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i),
    report: report
      ? {
          status: report.status,
          participantsTotal: String(report.participantsTotal),
          participantsFemale: report.participantsFemale === null ? "" : String(report.participantsFemale),
          participantsMale: report.participantsMale === null ? "" : String(report.participantsMale),
          notes: report.notes,
          reached: report.reached.map((r) => String(r.id)),
          onlineCount: report.online.length,
          onlineText: onlineListText(report.online, event.chapterRegion),
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
    if (!r.ok && r.reason === "notEnded") return data<ActionData>({ errors: { approve: ["events.report.notEnded"] } }, { status: 409 });
    return redirect(`/events/${event.id}/report?${r.ok ? "approved=1" : ""}`);
  }
  const values = formValues(form);
  const selected = form.getAll("institutionIds").map(Number);
  const picked = () => institutionsByIds(db, { chapterRegion: event.chapterRegion, ids: selected });
  if (form.get("intent") === "search") {
    const q = String(form.get("q") ?? "");
    return data<ActionData>({ errors: {}, values, searched: q, found: await suggestInstitutions(db, { chapterRegion: event.chapterRegion, q }), picked: await picked() });
  }
  const csvFile = form.get("onlineCsv");
  const csvText = csvFile instanceof File && csvFile.size > 0 ? await csvFile.text() : "";
  const online = await previewOnlineList(db, { chapterRegion: event.chapterRegion, eventRegion: event.regionCode, list: String(form.get("onlineList") ?? ""), file: csvText });
  if (form.get("intent") === "preview") return data<ActionData>({ errors: {}, values, online, picked: await picked() });
  const parsed = parseForm(reportSchema, form);
  const onboarding = onboardingRowsFromForm(form);
  const onlineErrors: Record<string, string[]> = online.fileError ? { onlineList: [online.fileError] } : online.errorCount ? { onlineList: ["events.report.onlineList.fixRows"] } : {};
  if (!parsed.ok || Object.keys(onboarding.errors).length || Object.keys(onlineErrors).length)
    return data<ActionData>(
      { errors: { ...(parsed.ok ? {} : parsed.errors), ...onboarding.errors, ...onlineErrors }, values, online: online.errorCount ? online : undefined, picked: await picked() },
      { status: 400 },
    );
  const files = form.getAll("photos").filter((f): f is File => typeof f !== "string");
  const checked = checkPhotos(files);
  if (!checked.ok) return data<ActionData>({ errors: { photos: [checked.error] }, values, picked: await picked() }, { status: 400 });
  const stored = await storePhotos(checked.files);
  if (!stored.ok) return data<ActionData>({ errors: { photos: [stored.error] }, values, picked: await picked() }, { status: 400 });
  const filed = await fileReport(db, {
    eventId: event.id,
    chapterRegion: event.chapterRegion,
    eventRegion: event.regionCode,
    userId: user.id,
    form: parsed.data,
    onboarded: onboarding.rows,
    photos: stored.stored,
    lead,
    list: String(form.get("onlineList") ?? ""),
    file: csvText,
  });
  if (!filed.ok && filed.reason === "notStarted") return data<ActionData>({ errors: { _form: ["events.report.notStarted"] }, values, picked: await picked() }, { status: 409 });
  if (!filed.ok)
    return data<ActionData>({ errors: { onlineList: ["events.report.onlineList.fixRows"] }, values, online: filed.online, picked: await picked() }, { status: 400 });
  return redirect(`/events/${event.id}/report?saved=1`);
}

function InstitutionCheck({ i, checked }: { i: InstitutionHit | { id: number; name: string; type: string; level?: string | null; regionName: string; npsn?: string | null }; checked: boolean }) {
  const t = useT();
  const bits = [t(`events.inst.${i.type}`), i.type === "school" && i.level ? t(`events.level.${i.level}`) : "", i.regionName, i.npsn ? `NPSN ${i.npsn}` : ""].filter(Boolean);
  return (
    <label>
      <input type="checkbox" name="institutionIds" value={i.id} defaultChecked={checked} /> {i.name} <span className="muted">({bits.join(", ")})</span>
    </label>
  );
}

export default function Report() {
  const { event, lead, institutions, report, maxMb, door, fresh, started, ended } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  const v = (k: "participantsTotal" | "participantsFemale" | "participantsMale" | "notes") => valueOf(failure, k, report?.[k] ?? (k === "notes" ? "" : (fresh?.[k] ?? "")));
  const reached = valuesOf(failure, "institutionIds", report?.reached ?? fresh?.reached ?? []);
  const rowCount = failure
    ? Math.max(BLANK_ONBOARDING_ROWS, ...Object.keys(failure.values ?? {}).map((k) => Number(/^onb\.(\d+)\./.exec(k)?.[1] ?? -1) + 1))
    : BLANK_ONBOARDING_ROWS;
  const row = (i: number) => ({
    name: valueOf(failure, `onb.${i}.name`, ""),
    type: valueOf(failure, `onb.${i}.type`, "umkm"),
    kinds: valuesOf(failure, `onb.${i}.kinds`, []),
  });
  // as the filer types: suggestions from the whole chapter (and its province) fetched without leaving the page
  const suggest = useFetcher<{ suggestions: InstitutionHit[] }>();
  const [q, setQ] = useState(failure?.searched ?? "");
  useEffect(() => {
    if (q.trim().length < 2) return;
    const timer = setTimeout(() => suggest.load(`/events/${event.id}/institutions?q=${encodeURIComponent(q.trim())}`), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, event.id]);
  const found = (q.trim().length >= 2 ? suggest.data?.suggestions : undefined) ?? failure?.found ?? [];
  // search results on top; the rest (the event's kecamatan, what the report names) below, each entry once
  const extra = found;
  const shown = [...institutions, ...(failure?.picked ?? [])].filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i && !found.some((y) => y.id === x.id));
  const preview = failure?.online;
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
        {event.outcomes.includes("onboarding") || report?.onlineCount ? (
          <fieldset>
            <legend>{t("events.report.online")}</legend>
            <p className="hint">{t("events.report.onlineHint")}</p>
            {report?.onlineCount ? <p className="hint">{t("events.report.onlineList.filed", { n: report.onlineCount })}</p> : null}
            <Field
              name="onlineList"
              label={t("events.report.onlineList.label")}
              hint={t("events.report.onlineList.hint", { max: ONLINE_LIST_MAX_ROWS })}
              multiline
              defaultValue={valueOf(failure, "onlineList", report?.onlineText ?? "")}
              errors={e?.onlineList}
            />
            <div className="field">
              <label htmlFor="f-onlineCsv">{t("events.report.onlineList.file")}</label>
              <input id="f-onlineCsv" name="onlineCsv" type="file" accept=".csv,text/csv,text/plain" />
            </div>
            <button type="submit" name="intent" value="preview" className="secondary">
              {t("events.report.onlineList.preview")}
            </button>
            {preview ? (
              <section aria-labelledby="online-preview-h">
                <h2 id="online-preview-h">{t("events.report.onlineList.previewTitle")}</h2>
                <p role="status">{t("events.report.onlineList.summary", { valid: preview.rows.length - preview.errorCount, errors: preview.errorCount })}</p>
                {preview.fileError ? <p className="form-error">{t(preview.fileError, { max: ONLINE_LIST_MAX_ROWS })}</p> : null}
                {preview.rows.length ? (
                  <div className="table-wrap" tabIndex={0} role="region" aria-label={t("events.report.onlineList.previewTitle")}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t("events.report.onlineList.line")}</th>
                          <th scope="col">{t("events.report.onlineName")}</th>
                          <th scope="col">{t("events.form.venueType")}</th>
                          <th scope="col">{t("events.report.onlineList.region")}</th>
                          <th scope="col">{t("events.report.onlineKinds")}</th>
                          <th scope="col">{t("events.report.onlineList.problems")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {preview.rows.map((r) => (
                          <tr key={`${r.source}-${r.line}`}>
                            <td>{t(`events.report.onlineList.source.${r.source}`, { n: r.line })}</td>
                            <td>{r.name}</td>
                            <td>{r.type ? t(`events.inst.${r.type}`) : "—"}</td>
                            <td>{r.regionName ?? "—"}</td>
                            <td>{r.kinds.map((k) => t(`events.online.${k}`)).join(", ") || "—"}</td>
                            <td className={r.errors.length ? "error" : undefined}>{r.errors.length ? r.errors.map((x) => t(x)).join("; ") : "OK"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </section>
            ) : null}
            <p className="hint">{t("events.report.onlineOneByOne")}</p>
            <div>
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
            </div>
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
    </div>
  );
}
