import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { listSkills } from "~/models/accounts/profiles.server";
import { listTopicsWithCounts, parseTopicForm, saveTopic, setTopicActive } from "~/models/tutoring/requests.server";
import { postedId } from "~/utils/forms.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/admin.tutoring-topics";

type ActionData = FormFailure & { intent: "add" | "edit" };

const NOTICES = new Set(["added", "saved", "deactivated", "activated"]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The managed list of what learners can ask for on /bantu, and which volunteer skills each topic needs. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const q = new URL(request.url).searchParams;
  const [topics, allSkills] = await Promise.all([listTopicsWithCounts(db), listSkills(db)]);
  const editId = Number(q.get("edit"));
  const done = q.get("done");
  return {
    title: `${translator(context.locale)("tutoring.admin.title")} — Simpul`,
    topics,
    skills: allSkills.map((s) => ({ slug: s.slug, nameId: s.nameId, nameEn: s.nameEn })),
    editing: topics.find((tp) => tp.id === editId) ?? null,
    notice: done && NOTICES.has(done) ? `tutoring.admin.${done}` : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "add" || intent === "edit") {
    const parsed = parseTopicForm(form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await saveTopic(db, intent === "add" ? null : postedId(form), parsed.data);
    if (!r.ok) {
      if ("notFound" in r) throw new Response("Not Found", { status: 404 });
      return data<ActionData>({ intent, errors: r.errors, values: { nameId: parsed.data.nameId, nameEn: parsed.data.nameEn, skills: parsed.data.skills } }, { status: 400 });
    }
    return redirect(`/admin/tutoring-topics?done=${intent === "add" ? "added" : "saved"}`);
  }
  if (intent === "deactivate" || intent === "activate") {
    if (!(await setTopicActive(db, postedId(form), intent === "activate"))) throw new Response("Not Found", { status: 404 });
    return redirect(`/admin/tutoring-topics?done=${intent}d`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AdminTutoringTopics() {
  const { topics, skills, editing, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const failure = actionData?.intent === (editing ? "edit" : "add") ? actionData : null;
  const skillName = new Map(skills.map((s) => [s.slug, locale === "en" ? s.nameEn : s.nameId]));
  const chosen = new Set(failure ? valuesOf(failure, "skills") : (editing?.skills ?? []));
  return (
    <div>
      <h1>{t("tutoring.admin.title")}</h1>
      <p className="muted">{t("tutoring.admin.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {topics.map((tp) => (
          <li key={tp.id} className="card">
            <h2 style={{ margin: 0, fontSize: "1.1rem" }}>
              {tp.nameId} <span className="badge">{tp.active ? t("profile.admin.skills.active") : t("profile.admin.skills.inactive")}</span>
            </h2>
            <p className="muted" style={{ margin: "4px 0" }}>
              <span lang="en">{tp.nameEn}</span> · <code>{tp.slug}</code> · {t(countKey("tutoring.admin.requests", tp.requests), { n: formatNumber(tp.requests, locale) })}
            </p>
            <p style={{ margin: "4px 0" }}>
              {t("tutoring.admin.skills")}: {tp.skills.map((s) => skillName.get(s) ?? s).join(", ") || "—"}
            </p>
            <div className="actions">
              <Link to={`/admin/tutoring-topics?edit=${tp.id}`} aria-label={t("tutoring.admin.editLegend", { name: tp.nameId })}>
                {t("profile.admin.skills.edit")}
              </Link>
              <Form method="post">
                <input type="hidden" name="intent" value={tp.active ? "deactivate" : "activate"} />
                <input type="hidden" name="id" value={tp.id} />
                <button type="submit" className="secondary" aria-label={`${tp.active ? t("profile.admin.skills.deactivate") : t("profile.admin.skills.activate")}: ${tp.nameId}`}>
                  {tp.active ? t("profile.admin.skills.deactivate") : t("profile.admin.skills.activate")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>

      {/* one form with name fields at a time: their ids must stay unique on the page */}
      <section className="card" aria-labelledby="topic-form" style={{ marginTop: 16 }}>
        <h2 id="topic-form" style={{ marginTop: 0 }}>
          {editing ? t("tutoring.admin.editLegend", { name: editing.nameId }) : t("tutoring.admin.add")}
        </h2>
        <Form method="post" action={editing ? `/admin/tutoring-topics?edit=${editing.id}` : "/admin/tutoring-topics"} noValidate key={editing?.id ?? `new-${topics.length}`}>
          <input type="hidden" name="intent" value={editing ? "edit" : "add"} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <FormError errors={failure?.errors?._form} />
          <Field name="nameId" label={t("profile.admin.skills.nameId")} defaultValue={valueOf(failure, "nameId", editing?.nameId ?? "")} errors={failure?.errors?.nameId} required maxLength={80} />
          <Field name="nameEn" label={t("profile.admin.skills.nameEn")} defaultValue={valueOf(failure, "nameEn", editing?.nameEn ?? "")} errors={failure?.errors?.nameEn} required maxLength={80} />
          <fieldset aria-describedby={failure?.errors?.skills ? "skills-error" : undefined}>
            <legend>{t("tutoring.admin.skills")}</legend>
            <div className="checks">
              {skills.map((s) => (
                <label key={s.slug}>
                  <input type="checkbox" name="skills" value={s.slug} defaultChecked={chosen.has(s.slug)} />
                  <span>{locale === "en" ? s.nameEn : s.nameId}</span>
                </label>
              ))}
            </div>
            <ErrorText id="skills-error" errors={failure?.errors?.skills} />
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary">
              {editing ? t("tutoring.admin.save") : t("tutoring.admin.addSubmit")}
            </button>
            {editing ? <Link to="/admin/tutoring-topics">{t("form.cancel")}</Link> : null}
          </div>
        </Form>
      </section>
    </div>
  );
}
