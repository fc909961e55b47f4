import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/forms";
import { AddSectionForm, ClassesPanel, FrozenNotice, SectionPanel, VersionLinks, type EditorResult } from "~/components/telecenters/InstrumentEditor";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import {
  editorAddQuestion,
  editorAddSection,
  editorDeleteQuestion,
  editorDeleteSection,
  editorEditQuestion,
  editorMoveQuestion,
  editorSetClasses,
  instrumentEditorData,
  newVersion,
  type EditorFailure,
  type EditorOutcome,
} from "~/models/telecenters/instruments.server";
import "~/i18n/strings/routes/telecenter.instruments.$versionId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], param: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const page = await instrumentEditorData(db, user, id);
  if (!page) notFound();
  if (page === "forbidden") forbidden();
  return page;
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

const intents = {
  addSection: editorAddSection,
  deleteSection: editorDeleteSection,
  deleteQuestion: editorDeleteQuestion,
  moveQuestion: editorMoveQuestion,
  editQuestion: editorEditQuestion,
  addQuestion: editorAddQuestion,
  classes: editorSetClasses,
} as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { version, instrument, editable } = await load(request, context, params.versionId);
  if (!editable) forbidden();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "newVersion") return redirect(`/telecenter/instruments/${await newVersion(db, instrument.id)}?copied=1`);
  if (!Object.hasOwn(intents, intent)) throw new Response("Bad Request", { status: 400 });
  const r: EditorOutcome = await intents[intent as keyof typeof intents](db, { versionId: version.id }, form);
  return r.ok ? redirect(`/telecenter/instruments/${version.id}?saved=1`) : data<EditorFailure>(r.failure, { status: r.status });
}

export default function Editor() {
  const { version, versions, instrument, editable } = useLoaderData<typeof loader>();
  const result = useActionData<EditorResult>();
  const t = useT();
  const canEdit = editable && !version.frozenAt;
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/instruments">{t("surveys.instruments.title")}</Link>
      </p>
      <h1>{t("surveys.editor.title", { name: instrument.name, n: version.number })}</h1>
      {instrument.description ? <p>{instrument.description}</p> : null}
      <VersionLinks versions={versions} currentId={version.id} />
      <FormError errors={result?.errors?._form} />
      {version.frozenAt ? <FrozenNotice editable={editable} /> : null}
      <ClassesPanel classes={version.classes} canEdit={canEdit} result={result} />
      {version.sections.map((s) => (
        <SectionPanel key={s.id} s={s} canEdit={canEdit} result={result} />
      ))}
      {canEdit ? <AddSectionForm result={result} /> : null}
    </div>
  );
}
