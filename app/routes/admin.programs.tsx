import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { addProgram, listAllPrograms, OUTCOME_KINDS, programSchema, setProgramActive, updateProgram } from "~/models/events/programs.server";
import { parseForm, postedId } from "~/utils/forms.server";
import "~/i18n/strings/routes/admin.programs";
import { TableWrap } from "~/components/TableWrap";

type ActionData = FormFailure & { intent: "add" | "edit" };
const NOTICES = new Set(["added", "saved", "deactivated", "activated"]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const q = new URL(request.url).searchParams;
  const list = await listAllPrograms(db);
  const done = q.get("done");
  return {
    title: translator(context.locale)("events.programs.title"),
    programs: list,
    outcomeKinds: [...OUTCOME_KINDS],
    editing: list.find((p) => p.id === Number(q.get("edit"))) ?? null,
    notice: done && NOTICES.has(done) ? `events.programs.${done}` : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "add" || intent === "edit") {
    const parsed = parseForm(programSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (intent === "add") {
      const r = await addProgram(db, parsed.data);
      if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: { nameId: parsed.data.nameId, nameEn: parsed.data.nameEn, outcomes: parsed.data.outcomes } }, { status: 400 });
      return redirect("/admin/programs?done=added");
    }
    const r = await updateProgram(db, postedId(form), parsed.data);
    if (!r) throw new Response("Not Found", { status: 404 });
    if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: { nameId: parsed.data.nameId, nameEn: parsed.data.nameEn, outcomes: parsed.data.outcomes } }, { status: 400 });
    return redirect("/admin/programs?done=saved");
  }
  if (intent === "activate" || intent === "deactivate") {
    if (!(await setProgramActive(db, postedId(form), intent === "activate"))) throw new Response("Not Found", { status: 404 });
    return redirect(`/admin/programs?done=${intent}d`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function ProgramFields({ failure, defaults, outcomeKinds, prefix }: { failure: FormFailure | null; defaults: { nameId: string; nameEn: string; outcomes: string[] }; outcomeKinds: string[]; prefix: string }) {
  const t = useT();
  const e = failure?.errors;
  const chosen = valuesOf(failure, "outcomes", defaults.outcomes);
  return (
    <>
      <FormError errors={e?._form} />
      <Field name="nameId" label={t("events.programs.nameId")} required maxLength={80} defaultValue={valueOf(failure, "nameId", defaults.nameId)} errors={e?.nameId} />
      <Field name="nameEn" label={t("events.programs.nameEn")} required maxLength={80} defaultValue={valueOf(failure, "nameEn", defaults.nameEn)} errors={e?.nameEn} />
      <fieldset aria-describedby={e?.outcomes ? `${prefix}-outcomes-error` : undefined}>
        <legend>{t("events.programs.outcomes")}</legend>
        <div className="checks">
          {outcomeKinds.map((k) => (
            <label key={k}>
              <input type="checkbox" name="outcomes" value={k} defaultChecked={chosen.includes(k)} /> {t(`events.programs.outcome.${k}`)}
            </label>
          ))}
        </div>
        <ErrorText id={`${prefix}-outcomes-error`} errors={e?.outcomes} />
      </fieldset>
    </>
  );
}

export default function AdminPrograms() {
  const { programs, editing, notice, outcomeKinds } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h1>{t("events.programs.title")}</h1>
      <p className="muted">{t("events.programs.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <TableWrap label={t("events.programs.caption")}>
        <table>
          <caption>{t("events.programs.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("events.form.program")}</th>
              <th scope="col">{t("events.programs.outcomes")}</th>
              <th scope="col">{t("events.programs.events")}</th>
              <th scope="col">{t("events.programs.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr key={p.id}>
                <td>
                  {locale === "id" ? p.nameId : p.nameEn}
                  {p.active ? null : <span className="badge"> {t("events.programs.inactive")}</span>}
                </td>
                <td>{p.outcomes.map((o) => t(`events.programs.outcome.${o}`)).join(", ")}</td>
                <td>{p.events}</td>
                <td>
                  <Link to={`/admin/programs?edit=${p.id}#edit`} aria-label={`${t("events.programs.edit")}: ${p.nameId}`}>
                    {t("events.programs.edit")}
                  </Link>{" "}
                  <Form method="post" style={{ display: "inline" }}>
                    <input type="hidden" name="id" value={p.id} />
                    <button type="submit" name="intent" value={p.active ? "deactivate" : "activate"} className="link-button" aria-label={`${p.active ? t("events.programs.deactivate") : t("events.programs.activate")}: ${p.nameId}`}>
                      {p.active ? t("events.programs.deactivate") : t("events.programs.activate")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {editing ? (
        <Form method="post" className="card narrow" id="edit" noValidate>
          <h2 style={{ marginTop: 0 }}>{t("events.programs.editTitle", { name: editing.nameId })}</h2>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="id" value={editing.id} />
          <ProgramFields prefix="edit" failure={actionData?.intent === "edit" ? actionData : null} defaults={{ nameId: editing.nameId, nameEn: editing.nameEn, outcomes: editing.outcomes }} outcomeKinds={outcomeKinds} />
          <div className="actions">
            <button type="submit" className="primary">
              {t("form.save")}
            </button>
            <Link to="/admin/programs">{t("events.programs.cancelEdit")}</Link>
          </div>
        </Form>
      ) : (
      <Form method="post" className="card narrow" noValidate>
        <h2 style={{ marginTop: 0 }}>{t("events.programs.add")}</h2>
        <input type="hidden" name="intent" value="add" />
        <ProgramFields prefix="add" failure={actionData?.intent === "add" ? actionData : null} defaults={{ nameId: "", nameEn: "", outcomes: ["participants", "institutions"] }} outcomeKinds={outcomeKinds} />
        <button type="submit" className="primary">
          {t("events.programs.addSubmit")}
        </button>
      </Form>
      )}
    </div>
  );
}
