import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { formatNumber } from "~/i18n/format";
import { addSkill, listSkillsWithCounts, renameSkill, setSkillActive, skillNamesSchema } from "~/models/accounts/profiles.server";
import { parseForm, postedId } from "~/utils/forms.server";
import "~/i18n/strings/routes/admin.skills";

type ActionData = FormFailure & { intent: "add" | "rename" };

const NOTICES = new Set(["added", "renamed", "deactivated", "activated"]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const q = new URL(request.url).searchParams;
  const skills = await listSkillsWithCounts(db);
  const editId = Number(q.get("edit"));
  const done = q.get("done");
  return {
    title: translator(context.locale)("profile.admin.skills.metaTitle"),
    skills,
    editing: skills.find((s) => s.id === editId) ?? null,
    notice: done && NOTICES.has(done) ? `profile.admin.skills.${done}` : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "add" || intent === "rename") {
    const parsed = parseForm(skillNamesSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (intent === "add") {
      const r = await addSkill(db, parsed.data);
      if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: { nameId: parsed.data.nameId, nameEn: parsed.data.nameEn } }, { status: 400 });
      return redirect("/admin/skills?done=added");
    }
    const id = postedId(form);
    const r = await renameSkill(db, id, parsed.data);
    if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: { nameId: parsed.data.nameId, nameEn: parsed.data.nameEn } }, { status: 400 });
    return redirect("/admin/skills?done=renamed");
  }
  if (intent === "deactivate" || intent === "activate") {
    if (!(await setSkillActive(db, postedId(form), intent === "activate"))) throw new Response("Not Found", { status: 404 });
    return redirect(`/admin/skills?done=${intent}d`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AdminSkills() {
  const { skills, editing, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const addFailure = actionData?.intent === "add" ? actionData : null;
  const renameFailure = actionData?.intent === "rename" ? actionData : null;
  return (
    <div>
      <h1>{t("profile.admin.skills.title")}</h1>
      <p className="muted">{t("profile.admin.skills.lead")}</p>
      <p>
        <Link to="/admin/languages">{t("profile.admin.languages.link")}</Link>
      </p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}

      {editing ? (
        <section className="card" aria-labelledby="skill-rename">
          <h2 id="skill-rename" style={{ marginTop: 0 }}>
            {t("profile.admin.skills.renameLegend", { name: editing.nameId })}
          </h2>
          <Form method="post" action="/admin/skills" noValidate>
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="id" value={editing.id} />
            <FormError errors={renameFailure?.errors?._form} />
            <Field
              name="nameId"
              label={t("profile.admin.skills.nameId")}
              defaultValue={valueOf(renameFailure, "nameId", editing.nameId)}
              errors={renameFailure?.errors?.nameId}
              required
              maxLength={80}
            />
            <Field
              name="nameEn"
              label={t("profile.admin.skills.nameEn")}
              defaultValue={valueOf(renameFailure, "nameEn", editing.nameEn)}
              errors={renameFailure?.errors?.nameEn}
              required
              maxLength={80}
            />
            <div className="actions">
              <button type="submit" className="primary">
                {t("profile.admin.skills.rename")}
              </button>
              <Link to="/admin/skills">{t("form.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : null}

      {/* cards rather than a table: six columns do not fit a phone */}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {skills.map((s) => (
          <li key={s.id} className="card">
            <h2 style={{ margin: 0, fontSize: "1.1rem" }}>
              {s.nameId}{" "}
              <span className="badge">{s.active ? t("profile.admin.skills.active") : t("profile.admin.skills.inactive")}</span>
            </h2>
            <p className="muted" style={{ margin: "4px 0" }}>
              <span lang="en">{s.nameEn}</span> · {t("profile.admin.skills.slug")} <code>{s.slug}</code> · {t("profile.admin.skills.members")}:{" "}
              {formatNumber(s.holders, locale)}
            </p>
            <div className="actions">
              <Link to={`/admin/skills?edit=${s.id}`} aria-label={t("profile.admin.skills.renameLegend", { name: s.nameId })}>
                {t("profile.admin.skills.edit")}
              </Link>
              <Form method="post" action="/admin/skills">
                <input type="hidden" name="intent" value={s.active ? "deactivate" : "activate"} />
                <input type="hidden" name="id" value={s.id} />
                <button
                  type="submit"
                  className="secondary"
                  aria-label={`${s.active ? t("profile.admin.skills.deactivate") : t("profile.admin.skills.activate")}: ${s.nameId}`}
                >
                  {s.active ? t("profile.admin.skills.deactivate") : t("profile.admin.skills.activate")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>

      {/* one form with nameId/nameEn fields at a time: their ids must stay unique on the page */}
      {editing ? null : (
      <section className="card" aria-labelledby="skill-add" style={{ marginTop: 16 }}>
        <h2 id="skill-add" style={{ marginTop: 0 }}>
          {t("profile.admin.skills.add")}
        </h2>
        <Form method="post" action="/admin/skills" noValidate key={skills.length}>
          <input type="hidden" name="intent" value="add" />
          <Field
            name="nameId"
            label={t("profile.admin.skills.nameId")}
            defaultValue={valueOf(addFailure, "nameId")}
            errors={addFailure?.errors?.nameId}
            required
            maxLength={80}
          />
          <Field
            name="nameEn"
            label={t("profile.admin.skills.nameEn")}
            defaultValue={valueOf(addFailure, "nameEn")}
            errors={addFailure?.errors?.nameEn}
            required
            maxLength={80}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("profile.admin.skills.addSubmit")}
            </button>
          </div>
        </Form>
      </section>
      )}
    </div>
  );
}
