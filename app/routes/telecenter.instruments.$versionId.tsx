import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { addQuestion, addSection, canEditInstrument, deleteQuestion, deleteSection, editQuestionText, getInstrument, getVersion, ledChapters, moveQuestion, newVersion, parseClasses, questionFromForm, questionSchema, questionTextSchema, sectionSchema, setClasses } from "~/models/telecenters/instruments.server";
import { QUESTION_KINDS } from "~/models/telecenters/telecenter-form";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], param: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const version = await getVersion(db, id);
  if (!version) notFound();
  const instrument = await getInstrument(db, version.instrumentId);
  if (!instrument) notFound();
  const led = (await ledChapters(db, user)).map((c) => c.id);
  const visible = user.isAdmin || (led.length > 0 && (instrument.chapterId === null || led.includes(instrument.chapterId)));
  if (!visible) forbidden();
  return { user, version, instrument, editable: await canEditInstrument(db, user, instrument.id) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, instrument, editable } = await load(request, context, params.versionId);
  return {
    title: translator(context.locale)("surveys.editor.title", { name: instrument.name, n: version.number }),
    version: { ...version, frozenAt: version.frozenAt?.toISOString() ?? null },
    versions: instrument.versions.map((v) => ({ id: v.id, number: v.number, frozen: Boolean(v.frozenAt) })),
    instrument: { id: instrument.id, name: instrument.name, description: instrument.description },
    editable,
  };
}

type Result = FormFailure & { intent?: string; sectionId?: string; questionId?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { version, instrument, editable } = await load(request, context, params.versionId);
  if (!editable) forbidden();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const done = (r: { ok: true } | { ok: false; error: string }, extra: Partial<Result> = {}) =>
    r.ok ? redirect(`/telecenter/instruments/${version.id}?saved=1`) : data<Result>({ intent, errors: { _form: [r.error] }, ...extra }, { status: 409 });
  if (intent === "newVersion") return redirect(`/telecenter/instruments/${await newVersion(db, instrument.id)}?copied=1`);
  if (intent === "addSection") {
    const parsed = parseForm(sectionSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    return done(await addSection(db, { versionId: version.id, ...parsed.data }));
  }
  if (intent === "deleteSection") return done(await deleteSection(db, { versionId: version.id, sectionId: Number(form.get("sectionId")) }));
  if (intent === "deleteQuestion") return done(await deleteQuestion(db, { versionId: version.id, questionId: Number(form.get("questionId")) }));
  if (intent === "moveQuestion") {
    const direction = form.get("direction") === "up" ? "up" : "down";
    return done(await moveQuestion(db, { versionId: version.id, questionId: Number(form.get("questionId")), direction }));
  }
  if (intent === "editQuestion") {
    const questionId = String(form.get("questionId") ?? "");
    const parsed = parseForm(questionTextSchema, form);
    if (!parsed.ok) return data<Result>({ intent, questionId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { prompt, help, required } = parsed.data;
    return done(await editQuestionText(db, { versionId: version.id, questionId: parsed.data.questionId, prompt, help, required: required === "on" }), { questionId });
  }
  if (intent === "addQuestion") {
    const sectionId = String(form.get("sectionId") ?? "");
    const parsed = parseForm(questionSchema, form);
    if (!parsed.ok) return data<Result>({ intent, sectionId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const q = questionFromForm(parsed.data);
    const r = await addQuestion(db, { versionId: version.id, sectionId: parsed.data.sectionId, ...q, prompt: parsed.data.prompt, help: parsed.data.help, required: parsed.data.required === "on" });
    return done(r, { sectionId });
  }
  if (intent === "classes") {
    const classes = parseClasses(String(form.get("classes") ?? ""));
    if (!classes) return data<Result>({ intent, errors: { classes: ["surveys.editor.classesInvalid"] }, values: { classes: String(form.get("classes") ?? "") } }, { status: 400 });
    return done(await setClasses(db, { versionId: version.id, classes }));
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function Editor() {
  const { version, versions, instrument, editable } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const t = useT();
  const canEdit = editable && !version.frozenAt;
  const classesText = version.classes.map((c) => `${c.name} = ${c.min}`).join("\n");
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/instruments">{t("surveys.instruments.title")}</Link>
      </p>
      <h1>{t("surveys.editor.title", { name: instrument.name, n: version.number })}</h1>
      {instrument.description ? <p>{instrument.description}</p> : null}
      <p>
        {t("surveys.editor.versions")}{" "}
        {versions.map((v) => (
          <span key={v.id}>
            {v.id === version.id ? <strong>v{v.number}</strong> : <Link to={`/telecenter/instruments/${v.id}`}>v{v.number}</Link>}
            {v.frozen ? ` (${t("surveys.editor.frozenShort")})` : ""}{" "}
          </span>
        ))}
      </p>
      <FormError errors={result?.errors?._form} />
      {version.frozenAt ? (
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
      ) : null}
      <section aria-labelledby="classes">
        <h2 id="classes">{t("surveys.editor.classes")}</h2>
        <ul>
          {version.classes.map((c) => (
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
      {version.sections.map((s) => (
        <section key={s.id} aria-labelledby={`s-${s.id}`} className="card">
          <h2 id={`s-${s.id}`} style={{ marginTop: 0 }}>
            {s.position}. {s.title}
          </h2>
          <p className="muted">{t("surveys.editor.weight", { n: s.weight })}</p>
          <ol>
            {s.questions.map((q, i) => (
              <li key={q.id}>
                {q.prompt} <span className="muted">· {t(`surveys.kind.${q.kind}`)} · {t("surveys.editor.points", { n: q.maxPoints })}</span>
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
      ))}
      {canEdit ? (
        <Form method="post" noValidate className="card">
          <input type="hidden" name="intent" value="addSection" />
          <h2 style={{ marginTop: 0 }}>{t("surveys.editor.addSection")}</h2>
          <Field name="title" label={t("surveys.editor.sectionTitle")} defaultValue={result?.intent === "addSection" ? valueOf(result, "title") : ""} errors={result?.intent === "addSection" ? result.errors?.title : undefined} />
          <Field name="weight" label={t("surveys.editor.sectionWeight")} hint={t("surveys.editor.sectionWeightHint")} inputMode="numeric" defaultValue={result?.intent === "addSection" ? valueOf(result, "weight", "1") : "1"} errors={result?.intent === "addSection" ? result.errors?.weight : undefined} />
          <button type="submit" className="secondary">
            {t("surveys.editor.addSection")}
          </button>
        </Form>
      ) : null}
    </div>
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
