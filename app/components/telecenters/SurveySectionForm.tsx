import { Form } from "@remix-run/react";
import { ErrorText, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { answerField } from "~/models/telecenters/telecenter-form";

export type SurveyQuestionView = { id: number; kind: string; prompt: string; help: string; required: boolean; config: { options?: { value: string; label: string }[]; min?: number; max?: number } };
export type SurveySectionView = { id: number; index: number; title: string; description: string; questions: SurveyQuestionView[] };
export type SurveyPhotoView = { id: number; questionId: number; width: number; height: number };

/** One section of the field form: plain HTML (no JavaScript), saved to the server section by section. */
export function SurveySectionForm({
  section,
  total,
  answers,
  photos,
  result,
  open,
  maxMb,
  maxPhotos,
}: {
  section: SurveySectionView & { loaded: string };
  total: number;
  answers: Record<string, string>;
  photos: SurveyPhotoView[];
  result: FormFailure | undefined;
  open: boolean;
  maxMb: number;
  maxPhotos: number;
}) {
  const t = useT();
  const e = result?.errors;
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <input type="hidden" name="sectionId" value={section.id} />
      <input type="hidden" name="loaded" value={section.loaded} />
      <h2>{t("surveys.fill.sectionOf", { n: section.index, total: total, title: section.title })}</h2>
      {section.description ? <p>{section.description}</p> : null}
      {!open ? <p className="form-error">{t("surveys.fill.closed")}</p> : null}
      {section.questions.map((q) => {
        const name = answerField(q.id);
        const err = e?.[name];
        const errId = `${name}-error`;
        const current = valueOf(result, name, answers[q.id] ?? "");
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
          const mine = photos.filter((p) => p.questionId === q.id);
          return (
            <div className="field" key={q.id}>
              <label htmlFor={name}>{label}</label>
              <p className="hint" id={`${name}-hint`}>
                {q.help ? `${q.help} ` : ""}
                {t("surveys.fill.photoHint", { mb: maxMb, n: maxPhotos })}
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
          {section.index === total ? t("surveys.fill.saveReview") : t("surveys.fill.saveNext")}
        </button>
        <button type="submit" name="go" value="stay" className="secondary">
          {t("surveys.fill.save")}
        </button>
        {section.index > 1 ? (
          <button type="submit" name="go" value="prev" className="secondary">
            {t("surveys.fill.savePrev")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
