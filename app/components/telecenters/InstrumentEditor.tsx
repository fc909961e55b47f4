import { Form, Link } from "@remix-run/react";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { QUESTION_KINDS } from "~/models/telecenters/telecenter-form";
import { countKey } from "~/i18n/plural";

/** A failed editor form as the action returns it: which intent (and section or question) it belongs to. */
export type EditorResult = FormFailure & { intent?: string; sectionId?: string; questionId?: string };
type Result = EditorResult;

export type EditorQuestionView = {
  id: number;
  position: number;
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  maxPoints: number;
  config: { options?: { label: string; points: number }[]; bands?: { min: number; points: number }[] };
};
export type EditorSectionView = { id: number; position: number; title: string; weight: number; questions: EditorQuestionView[] };

/** The instrument's versions, the current one in bold, frozen ones marked. */
export function VersionLinks({ versions, currentId }: { versions: { id: number; number: number; frozen: boolean }[]; currentId: number }) {
  const t = useT();
  return (
    <p>
      {t("surveys.editor.versions")}{" "}
      {versions.map((v) => (
        <span key={v.id}>
          {v.id === currentId ? <strong>v{v.number}</strong> : <Link to={`/telecenter/instruments/${v.id}`}>v{v.number}</Link>}
          {v.frozen ? ` (${t("surveys.editor.frozenShort")})` : ""}{" "}
        </span>
      ))}
    </p>
  );
}

/** A frozen version cannot change; an editor may copy it into a new draft version. */
export function FrozenNotice({ editable }: { editable: boolean }) {
  const t = useT();
  return (
    <div className="card" role="note">
      <p style={{ marginTop: 0 }}>{t("surveys.editor.frozenNotice")}</p>
      {editable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="newVersion" />
          <button type="submit" className="primary">
            {t("surveys.editor.newVersion")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** The result classes (name = minimum score) and, while editable, the form that replaces them. */
export function ClassesPanel({ classes, canEdit, result }: { classes: { name: string; min: number }[]; canEdit: boolean; result?: Result }) {
  const t = useT();
  const classesText = classes.map((c) => `${c.name} = ${c.min}`).join("\n");
  return (
    <section aria-labelledby="classes">
      <h2 id="classes">{t("surveys.editor.classes")}</h2>
      <ul>
        {classes.map((c) => (
          <li key={c.name}>{t("surveys.editor.classLine", { name: c.name, min: c.min })}</li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="classes" />
          <Field name="classes" label={t("surveys.editor.classesField")} hint={t("surveys.editor.classesHint")} multiline defaultValue={result?.intent === "classes" ? valueOf(result, "classes") : classesText} errors={result?.intent === "classes" ? result.errors?.classes : undefined} />
          <button type="submit" className="secondary">
            {t("surveys.editor.saveClasses")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** One section: its questions (with move, edit and delete tools while editable), the add-question form and delete. */
export function SectionPanel({ s, canEdit, result }: { s: EditorSectionView; canEdit: boolean; result?: Result }) {
  const t = useT();
  return (
    <section aria-labelledby={`s-${s.id}`} className="card">
      <h2 id={`s-${s.id}`} style={{ marginTop: 0 }}>
        {s.position}. {s.title}
      </h2>
      <p className="muted">{t("surveys.editor.weight", { n: s.weight })}</p>
      <ol>
        {s.questions.map((q, i) => (
          <li key={q.id}>
            {q.prompt} <span className="muted">· {t(`surveys.kind.${q.kind}`)} · {t(countKey("surveys.editor.points", q.maxPoints), { n: q.maxPoints })}</span>
            {q.required ? <span className="badge"> {t("surveys.editor.required")}</span> : null}
            {q.config.options ? <div className="muted">{q.config.options.map((o) => `${o.label} (${o.points})`).join(" · ")}</div> : null}
            {q.config.bands ? <div className="muted">{q.config.bands.map((b) => `≥${b.min} → ${b.points}`).join(" · ")}</div> : null}
            {canEdit ? (
              <QuestionTools
                q={q}
                first={i === 0}
                last={i === s.questions.length - 1}
                result={result?.intent === "editQuestion" && result.questionId === String(q.id) ? result : undefined}
              />
            ) : null}
            {canEdit ? (
              <Form method="post" style={{ display: "inline" }}>
                <input type="hidden" name="intent" value="deleteQuestion" />
                <input type="hidden" name="questionId" value={q.id} />
                <button type="submit" className="link-button">
                  {t("surveys.editor.deleteQuestion", { n: q.position })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? <QuestionForm sectionId={s.id} result={result?.intent === "addQuestion" && result.sectionId === String(s.id) ? result : undefined} /> : null}
      {canEdit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="deleteSection" />
          <input type="hidden" name="sectionId" value={s.id} />
          <button type="submit" className="link-button">
            {t("surveys.editor.deleteSection", { title: s.title })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** Add a section (title and weight). */
export function AddSectionForm({ result }: { result?: Result }) {
  const t = useT();
  return (
    <Form method="post" noValidate className="card">
      <input type="hidden" name="intent" value="addSection" />
      <h2 style={{ marginTop: 0 }}>{t("surveys.editor.addSection")}</h2>
      <Field name="title" label={t("surveys.editor.sectionTitle")} defaultValue={result?.intent === "addSection" ? valueOf(result, "title") : ""} errors={result?.intent === "addSection" ? result.errors?.title : undefined} />
      <Field name="weight" label={t("surveys.editor.sectionWeight")} hint={t("surveys.editor.sectionWeightHint")} inputMode="numeric" defaultValue={result?.intent === "addSection" ? valueOf(result, "weight", "1") : "1"} errors={result?.intent === "addSection" ? result.errors?.weight : undefined} />
      <button type="submit" className="secondary">
        {t("surveys.editor.addSection")}
      </button>
    </Form>
  );
}

function QuestionForm({ sectionId, result }: { sectionId: number; result?: Result }) {
  const t = useT();
  const e = result?.errors;
  const id = (n: string) => `${n}-${sectionId}`;
  const v = (n: string, d = "") => valueOf(result, n, d);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="addQuestion" />
      <input type="hidden" name="sectionId" value={sectionId} />
      <fieldset>
        <legend>{t("surveys.editor.addQuestion")}</legend>
        <div className="field">
          <label htmlFor={id("kind")}>{t("surveys.editor.kind")}</label>
          <select id={id("kind")} name="kind" defaultValue={v("kind", "yesno")}>
            {QUESTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`surveys.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("prompt")}>{t("surveys.editor.prompt")}</label>
          <input id={id("prompt")} name="prompt" defaultValue={v("prompt")} aria-invalid={e?.prompt ? true : undefined} aria-describedby={e?.prompt ? `${id("prompt")}-error` : undefined} />
          <ErrorText id={`${id("prompt")}-error`} errors={e?.prompt} />
        </div>
        <div className="field">
          <label htmlFor={id("help")}>{t("surveys.editor.help")}</label>
          <input id={id("help")} name="help" defaultValue={v("help")} />
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="required" defaultChecked={v("required") === "on"} /> {t("surveys.editor.requiredField")}
          </label>
        </div>
        <div className="field">
          <label htmlFor={id("maxPoints")}>{t("surveys.editor.maxPoints")}</label>
          <p className="hint" id={`${id("maxPoints")}-hint`}>
            {t("surveys.editor.maxPointsHint")}
          </p>
          <input id={id("maxPoints")} name="maxPoints" inputMode="numeric" defaultValue={v("maxPoints", "1")} aria-describedby={`${id("maxPoints")}-hint`} />
          <ErrorText id={`${id("maxPoints")}-error`} errors={e?.maxPoints} />
        </div>
        <div className="field">
          <label htmlFor={id("options")}>{t("surveys.editor.options")}</label>
          <p className="hint" id={`${id("options")}-hint`}>
            {t("surveys.editor.optionsHint")}
          </p>
          <textarea id={id("options")} name="options" defaultValue={v("options")} aria-describedby={`${id("options")}-hint`} aria-invalid={e?.options ? true : undefined} />
          <ErrorText id={`${id("options")}-error`} errors={e?.options} />
        </div>
        <div className="field">
          <label htmlFor={id("bands")}>{t("surveys.editor.bands")}</label>
          <p className="hint" id={`${id("bands")}-hint`}>
            {t("surveys.editor.bandsHint")}
          </p>
          <textarea id={id("bands")} name="bands" defaultValue={v("bands")} aria-describedby={`${id("bands")}-hint`} aria-invalid={e?.bands ? true : undefined} />
          <ErrorText id={`${id("bands")}-error`} errors={e?.bands} />
        </div>
        <div className="actions">
          <label htmlFor={id("scaleMin")}>{t("surveys.editor.scaleMin")}</label>
          <input id={id("scaleMin")} name="scaleMin" inputMode="numeric" size={3} defaultValue={v("scaleMin", "1")} />
          <label htmlFor={id("scaleMax")}>{t("surveys.editor.scaleMax")}</label>
          <input id={id("scaleMax")} name="scaleMax" inputMode="numeric" size={3} defaultValue={v("scaleMax", "5")} />
        </div>
        <ErrorText id={`${id("scaleMax")}-error`} errors={e?.scaleMax} />
        <button type="submit" className="secondary">
          {t("surveys.editor.addQuestion")}
        </button>
      </fieldset>
    </Form>
  );
}

/** Move a question up or down, and correct its wording, hint or "required" (kind and scoring stay). No JS needed. */
function QuestionTools({ q, first, last, result }: { q: { id: number; position: number; prompt: string; help: string; required: boolean }; first: boolean; last: boolean; result?: Result }) {
  const t = useT();
  const id = `q${q.id}`;
  const v = (name: string, fallback: string) => (result ? valueOf(result, name) : fallback);
  return (
    <>
      {first && last ? null : (
        <div className="actions">
          {first ? null : <MoveButton questionId={q.id} direction="up" label={t("surveys.editor.moveUp", { n: q.position })} text={`↑ ${t("surveys.editor.up")}`} />}
          {last ? null : <MoveButton questionId={q.id} direction="down" label={t("surveys.editor.moveDown", { n: q.position })} text={`↓ ${t("surveys.editor.down")}`} />}
        </div>
      )}
      <details open={result ? true : undefined}>
        <summary>{t("surveys.editor.editQuestion", { n: q.position })}</summary>
        <Form method="post">
          <FormError errors={result?.errors?._form} />
          <input type="hidden" name="intent" value="editQuestion" />
          <input type="hidden" name="questionId" value={q.id} />
          <div className="field">
            <label htmlFor={`${id}-prompt`}>{t("surveys.editor.promptOf", { n: q.position })}</label>
            <textarea
              id={`${id}-prompt`}
              name="prompt"
              rows={2}
              maxLength={500}
              required
              defaultValue={v("prompt", q.prompt)}
              aria-invalid={result?.errors?.prompt ? true : undefined}
              aria-describedby={result?.errors?.prompt ? `${id}-prompt-error` : undefined}
            />
            <ErrorText id={`${id}-prompt-error`} errors={result?.errors?.prompt} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-help`}>{t("surveys.editor.helpOf", { n: q.position })}</label>
            <input id={`${id}-help`} name="help" maxLength={500} defaultValue={v("help", q.help)} />
          </div>
          <label>
            <input type="checkbox" name="required" defaultChecked={result ? valueOf(result, "required") === "on" : q.required} /> {t("surveys.editor.requiredField")}
          </label>
          <p>
            <button type="submit" className="secondary">
              {t("surveys.editor.saveQuestion")}
            </button>
          </p>
        </Form>
      </details>
    </>
  );
}

function MoveButton({ questionId, direction, label, text }: { questionId: number; direction: "up" | "down"; label: string; text: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="moveQuestion" />
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="secondary" aria-label={label}>
        {text}
      </button>
    </Form>
  );
}
