import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { ErrorText, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { PHOTO_MAX_BYTES } from "~/models/events/outcomes.server";
import { getVersion } from "~/models/telecenters/instruments.server";
import { discardPhotos, getMyAssignment, missingRequired, responseAnswers, saveSection, storeSurveyPhotos, submitResponse, SURVEY_PHOTO_MAX, type Missing } from "~/models/telecenters/responses.server";
import { answerField } from "~/models/telecenters/telecenter-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.telecenter.name} · Simpul` : "Simpul" }];
/** The field form is for phones on weak connections: plain HTML forms, no JavaScript to download. */
export const handle = { hydrate: false };

async function load(request: Request, context: LoaderFunctionArgs["context"], param: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  // scope: only the surveyor the telecenter is assigned to gets anything but a 404
  const a = await getMyAssignment(db, { assignmentId: id, userId: user.id });
  if (!a) notFound();
  const version = await getVersion(db, a.versionId);
  if (!version) notFound();
  return { user, a, version };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { a, version } = await load(request, context, params.assignmentId);
  const step = new URL(request.url).searchParams.get("s");
  const { answers, photos } = await responseAnswers(db, a.responseId);
  const review = step === "review" || a.status === "submitted";
  // coming back without a section in the link resumes at the first section not saved yet
  const firstUnsaved = version.sections.findIndex((s) => !(a.sectionsSaved ?? []).includes(s.id)) + 1;
  const position = review ? null : Math.min(Math.max(Number(step) || firstUnsaved || 1, 1), version.sections.length);
  const section = position === null ? null : (version.sections[position - 1] ?? null);
  return {
    assignment: { id: a.id, status: a.status ?? "not_started", open: a.campaignStatus === "open", campaignName: a.campaignName, score: a.score, classification: a.classification },
    telecenter: { name: a.telecenterName, address: a.telecenterAddress },
    sections: version.sections.map((s) => ({ id: s.id, position: s.position, title: s.title, saved: (a.sectionsSaved ?? []).includes(s.id) })),
    section: section ? { ...section, index: position ?? 1 } : null,
    answers: Object.fromEntries(answers),
    photos,
    missing: review ? missingRequired(version, answers, photos) : [],
    maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
    maxPhotos: SURVEY_PHOTO_MAX,
  };
}

type Result = FormFailure & { missing?: Missing[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, a, version } = await load(request, context, params.assignmentId);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > SURVEY_PHOTO_MAX * 2 * PHOTO_MAX_BYTES) return data<Result>({ errors: { _form: ["surveys.fill.photoSize"] } }, { status: 413 });
  const form = await request.formData();
  const base = `/telecenter/survey/${a.id}`;
  if (form.get("intent") === "submit") {
    const r = await submitResponse(db, { assignmentId: a.id, userId: user.id });
    if (!r.ok) return data<Result>({ errors: { _form: [r.error] }, missing: r.missing }, { status: 400 });
    return redirect(`${base}?s=review&submitted=1`);
  }
  const sectionId = Number(form.get("sectionId"));
  const section = version.sections.find((s) => s.id === sectionId);
  if (!section) notFound();
  const values: Record<string, string> = {};
  const files: { questionId: number; file: File }[] = [];
  for (const q of section.questions) {
    const name = answerField(q.id);
    if (q.kind === "photo") {
      for (const f of form.getAll(name)) if (typeof f !== "string" && f.size > 0) files.push({ questionId: q.id, file: f });
    } else values[name] = String(form.get(name) ?? "");
  }
  const typed = { ...values };
  const stored = await storeSurveyPhotos(files);
  if (!stored.ok) return data<Result>({ errors: { [stored.field ?? "_form"]: [stored.error] }, values: typed }, { status: 400 });
  const deletePhotoIds = form.getAll("deletePhoto").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const r = await saveSection(db, { assignmentId: a.id, userId: user.id, sectionId, values, photos: stored.stored, deletePhotoIds });
  if (!r.ok) {
    await discardPhotos(stored.stored);
    return data<Result>({ errors: r.errors, values: typed }, { status: 400 });
  }
  const go = String(form.get("go") ?? "stay");
  const index = version.sections.findIndex((s) => s.id === sectionId) + 1;
  const target = go === "next" ? index + 1 : go === "prev" ? index - 1 : index;
  if (target > version.sections.length) return redirect(`${base}?s=review&saved=1`);
  return redirect(`${base}?s=${Math.max(target, 1)}&saved=1`);
}

export default function FieldForm() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const t = useT();
  const e = result?.errors;
  const submitted = d.assignment.status === "submitted";
  const missing = result?.missing ?? d.missing;
  const saved = d.sections.filter((s) => s.saved).length;
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/survey">{t("surveys.mine.title")}</Link>
      </p>
      <h1>{d.telecenter.name}</h1>
      <p className="muted">
        {d.assignment.campaignName}
        {d.telecenter.address ? ` · ${d.telecenter.address}` : ""}
      </p>
      <nav aria-label={t("surveys.fill.sections")}>
        <p style={{ margin: "0 0 4px" }}>{t("surveys.mine.sections", { saved, total: d.sections.length })}</p>
        <ol>
          {d.sections.map((s, i) => (
            <li key={s.id}>
              {d.section?.id === s.id ? (
                <strong aria-current="step">{s.title}</strong>
              ) : submitted ? (
                s.title
              ) : (
                <Link to={`?s=${i + 1}`}>{s.title}</Link>
              )}
              {s.saved ? ` ✓ ${t("surveys.fill.savedMark")}` : ""}
            </li>
          ))}
          <li>{d.section ? <Link to="?s=review">{t("surveys.fill.review")}</Link> : <strong aria-current="step">{t("surveys.fill.review")}</strong>}</li>
        </ol>
      </nav>
      <FormError errors={e?._form} />
      {d.section ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="sectionId" value={d.section.id} />
          <h2>{t("surveys.fill.sectionOf", { n: d.section.index, total: d.sections.length, title: d.section.title })}</h2>
          {d.section.description ? <p>{d.section.description}</p> : null}
          {!d.assignment.open ? <p className="form-error">{t("surveys.fill.closed")}</p> : null}
          {d.section.questions.map((q) => {
            const name = answerField(q.id);
            const err = e?.[name];
            const errId = `${name}-error`;
            const current = valueOf(result, name, d.answers[q.id] ?? "");
            const label = (
              <>
                {q.prompt}
                {q.required ? <span aria-hidden="true"> *</span> : null}
                {q.required ? <span className="sr-only"> ({t("surveys.fill.required")})</span> : null}
              </>
            );
            const radios = (opts: { value: string; label: string }[]) => (
              <fieldset className="field" role="radiogroup" aria-describedby={err ? errId : undefined} aria-required={q.required || undefined}>
                <legend>{label}</legend>
                {q.help ? <p className="hint">{q.help}</p> : null}
                <div className="checks">
                  {opts.map((o) => (
                    <label key={o.value}>
                      <input type="radio" name={name} value={o.value} defaultChecked={current === o.value} /> {o.label}
                    </label>
                  ))}
                </div>
                <ErrorText id={errId} errors={err} />
              </fieldset>
            );
            if (q.kind === "yesno") return <div key={q.id}>{radios([{ value: "yes", label: t("surveys.fill.yes") }, { value: "no", label: t("surveys.fill.no") }])}</div>;
            if (q.kind === "choice") return <div key={q.id}>{radios(q.config.options ?? [])}</div>;
            if (q.kind === "scale") {
              const lo = q.config.min ?? 1;
              const hi = q.config.max ?? 5;
              return <div key={q.id}>{radios(Array.from({ length: hi - lo + 1 }, (_, i) => ({ value: String(lo + i), label: String(lo + i) })))}</div>;
            }
            if (q.kind === "photo") {
              const mine = d.photos.filter((p) => p.questionId === q.id);
              return (
                <div className="field" key={q.id}>
                  <label htmlFor={name}>{label}</label>
                  <p className="hint" id={`${name}-hint`}>
                    {q.help ? `${q.help} ` : ""}
                    {t("surveys.fill.photoHint", { mb: d.maxMb, n: d.maxPhotos })}
                  </p>
                  {mine.length ? (
                    <ul style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: 8 }}>
                      {mine.map((p, i) => (
                        <li key={p.id}>
                          <img src={`/telecenter/survey-photos/${p.id}`} alt={t("surveys.fill.photoAlt", { n: i + 1, prompt: q.prompt })} width={120} height={Math.round((120 * p.height) / p.width)} loading="lazy" />
                          <br />
                          <label>
                            <input type="checkbox" name="deletePhoto" value={p.id} /> {t("surveys.fill.deletePhoto", { n: i + 1 })}
                          </label>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <input
                    id={name}
                    name={name}
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    multiple
                    aria-invalid={err ? true : undefined}
                    aria-describedby={[`${name}-hint`, err ? errId : ""].filter(Boolean).join(" ")}
                  />
                  <ErrorText id={errId} errors={err} />
                </div>
              );
            }
            return (
              <div className="field" key={q.id}>
                <label htmlFor={name}>{label}</label>
                {q.help ? (
                  <p className="hint" id={`${name}-hint`}>
                    {q.help}
                  </p>
                ) : null}
                {q.kind === "text" ? (
                  <textarea id={name} name={name} defaultValue={current} maxLength={2000} aria-invalid={err ? true : undefined} aria-describedby={err ? errId : q.help ? `${name}-hint` : undefined} />
                ) : (
                  <input id={name} name={name} inputMode="decimal" defaultValue={current} aria-invalid={err ? true : undefined} aria-describedby={err ? errId : q.help ? `${name}-hint` : undefined} />
                )}
                <ErrorText id={errId} errors={err} />
              </div>
            );
          })}
          <p className="hint">{t("surveys.fill.saveHint")}</p>
          <div className="actions">
            <button type="submit" name="go" value="next" className="primary">
              {d.section.index === d.sections.length ? t("surveys.fill.saveReview") : t("surveys.fill.saveNext")}
            </button>
            <button type="submit" name="go" value="stay" className="secondary">
              {t("surveys.fill.save")}
            </button>
            {d.section.index > 1 ? (
              <button type="submit" name="go" value="prev" className="secondary">
                {t("surveys.fill.savePrev")}
              </button>
            ) : null}
          </div>
        </Form>
      ) : (
        <section aria-labelledby="review">
          <h2 id="review">{t("surveys.fill.review")}</h2>
          {submitted ? (
            <div className="notice" role="status">
              <p style={{ margin: 0 }}>{t("surveys.fill.submitted")}</p>
              {d.assignment.classification ? <p style={{ margin: 0 }}>{t("surveys.fill.result", { score: d.assignment.score ?? "–", classification: d.assignment.classification })}</p> : null}
            </div>
          ) : missing.length ? (
            <>
              <p>{t("surveys.fill.missingIntro", { n: missing.length })}</p>
              <ul>
                {missing.map((m) => (
                  <li key={m.questionId}>
                    <Link to={`?s=${d.sections.findIndex((s) => s.id === m.sectionId) + 1}`}>{m.prompt}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("surveys.fill.ready")}</p>
          )}
          {!submitted ? (
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="primary">
                {t("surveys.fill.submit")}
              </button>
            </Form>
          ) : null}
        </section>
      )}
    </div>
  );
}
