import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAdmin } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { RegionPicker, type PickerState } from "~/components/RegionPicker";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { appointLead, chapterSchema, getChapterForAdmin, removeLead, updateChapter } from "~/models/chapters/chapters.server";
import { withdrawLeadInvitation } from "~/models/chapters/lead-invitations.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { formValues, parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/admin.chapters.$chapterId";

const REGION = "region";
const NOTICES = new Map([
  ["updated", "chapters.admin.updated"],
  ["appointed", "chapters.admin.appointed"],
  ["removed", "chapters.admin.leadRemoved"],
  ["invited", "chapters.admin.invited"],
  ["withdrawn", "chapters.admin.invitationWithdrawn"],
]);

type ActionData = FormFailure & { intent: "update" | "appoint" | "remove" | "withdraw"; picker?: PickerState; step?: boolean };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

function chapterIdOf(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const chapter = await getChapterForAdmin(db, chapterIdOf(params.chapterId));
  if (!chapter) notFound();
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: `${translator(context.locale)("chapters.admin.editTitle", { name: chapter.name })} — Simpul`,
    chapter,
    picker: await regionPickerState(db, chapter.regionCode, { maxLevel: 2 }),
    notice: (done && NOTICES.get(done)) || null,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const chapterId = chapterIdOf(params.chapterId);
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: "updated" | "appointed" | "removed" | "invited" | "withdrawn") => redirect(`/admin/chapters/${chapterId}?done=${done}`);
  if (intent === "update") {
    const region = regionFromForm(form, REGION);
    const picker = () => regionPickerState(db, region, { maxLevel: 2 });
    if (regionStepRequested(form)) return data<ActionData>({ intent, step: true, values: formValues(form), picker: await picker() });
    const parsed = parseForm(chapterSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values, picker: await picker() }, { status: 400 });
    const r = await updateChapter(db, { chapterId, ...parsed.data, regionCode: region, actorId: admin.id });
    if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: formValues(form), picker: await picker() }, { status: 400 });
    return back("updated");
  }
  if (intent === "appoint") {
    const email = String(form.get("email") ?? "").trim();
    if (!email) return data<ActionData>({ intent, errors: { email: ["errors.required"] }, values: { email } }, { status: 400 });
    const r = await appointLead(db, { chapterId, email, actorId: admin.id });
    if (!r.ok) return data<ActionData>({ intent, errors: { email: [r.error] }, values: { email } }, { status: 400 });
    return back(r.invited ? "invited" : "appointed");
  }
  if (intent === "remove") {
    const r = await removeLead(db, { chapterId, userId: String(form.get("userId") ?? ""), actorId: admin.id });
    if (!r.ok) return data<ActionData>({ intent, errors: { form: [r.error] } }, { status: 409 });
    return back("removed");
  }
  if (intent === "withdraw") {
    // withdrawn already (another admin, a second press): the list shows what is left, nothing to report
    await withdrawLeadInvitation(db, { chapterId, invitationId: Number(form.get("invitationId")) || 0, actorId: admin.id });
    return back("withdrawn");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AdminChapterEdit() {
  const { chapter, picker, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const update = actionData?.intent === "update" ? actionData : null;
  const appoint = actionData?.intent === "appoint" ? actionData : null;
  const remove = actionData?.intent === "remove" ? actionData : null;
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/chapters">{t("chapters.admin.back")}</Link>
      </p>
      <h1>{t("chapters.admin.editTitle", { name: chapter.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="leads-title">
        <h2 id="leads-title" style={{ marginTop: 0 }}>
          {t("chapters.admin.leads")}
        </h2>
        <FormError errors={remove?.errors?.form} />
        {chapter.leads.length === 0 ? (
          <p className="muted">
            {t("chapters.admin.noLeads")}. {t("chapters.admin.noLeadsMail")}
          </p>
        ) : null}
        <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
          {chapter.leads.map((l) => (
            <li key={l.userId}>
              <Form method="post" className="actions">
                <span>
                  {l.name} ({l.email})
                </span>
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={l.userId} />
                <button type="submit" className="button danger" aria-label={t("chapters.admin.removeLeadName", { name: l.name })}>
                  {t("chapters.admin.removeLead")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {chapter.invitations.length ? (
          <>
            <h3 id="invitations-title">{t("chapters.admin.invitations")}</h3>
            <ul aria-labelledby="invitations-title" style={{ listStyle: "none", padding: 0 }}>
              {chapter.invitations.map((i) => (
                <li key={i.id}>
                  <Form method="post" className="actions">
                    <span>{i.email}</span>
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button secondary" aria-label={t("chapters.admin.withdrawFor", { email: i.email })}>
                      {t("chapters.admin.withdraw")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <Form method="post" noValidate aria-label={t("chapters.admin.appointFor", { name: chapter.name })}>
          <input type="hidden" name="intent" value="appoint" />
          <Field
            name="email"
            type="email"
            label={t("chapters.admin.leadEmail")}
            hint={t("chapters.admin.leadHint")}
            autoComplete="off"
            defaultValue={valueOf(appoint, "email")}
            errors={appoint?.errors?.email}
          />
          <button type="submit" className="button secondary">
            {t("chapters.admin.appoint")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="edit-title">
        <h2 id="edit-title" style={{ marginTop: 0 }}>
          {t("chapters.admin.edit")}
        </h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <FormError errors={update?.errors?.form} />
          <Field name="name" label={t("chapters.admin.name")} defaultValue={valueOf(update, "name", chapter.name)} errors={update?.errors?.name} required />
          <Field
            name="slug"
            label={t("chapters.admin.slug")}
            hint={t("chapters.admin.slugHint")}
            defaultValue={valueOf(update, "slug", chapter.slug)}
            errors={update?.errors?.slug}
            required
          />
          <RegionPicker
            name={REGION}
            state={update?.picker ?? picker}
            legend={t("chapters.admin.region")}
            errors={update?.errors?.region}
            requiredLevel={2}
            stepped={update?.step}
          />
          <button type="submit" className="button primary">
            {t("chapters.admin.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
