import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { ErrorText, FormError, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { REASON_MAX } from "~/models/chapters/chapter-form";
import { decideApplication, decideSchema, getChapterBySlug, listPendingApplications } from "~/models/chapters/chapters.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/chapters.$slug.applications";

/** `decided`: another lead decided this application first (two leads on the list at once). */
type ActionData = FormFailure & { membershipId?: number; decided?: { applicant: string; outcome: "approved" | "declined"; by: string | null } };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function chapterFor(slug: string | undefined) {
  const chapter = await getChapterBySlug(db, slug ?? "");
  if (!chapter) notFound();
  return chapter;
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const chapter = await chapterFor(params.slug);
  await requireChapterLead(db, context, request, chapter.id);
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: `${translator(context.locale)("chapters.applicationsTitle", { name: chapter.name })} — Simpul`,
    chapter: { slug: chapter.slug, name: chapter.name, timeZone: chapter.timeZone },
    applications: await listPendingApplications(db, chapter.id),
    // the two keys written out: a template `chapters.${done}` made the page ship every "chapters." string
    notice: done === "approved" ? "chapters.approved" : done === "declined" ? "chapters.declined" : null,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const chapter = await chapterFor(params.slug);
  const user = await requireChapterLead(db, context, request, chapter.id);
  const form = await request.formData();
  const parsed = parseForm(decideSchema, form);
  const membershipId = Number(form.get("membershipId")) || undefined;
  if (!parsed.ok) {
    // a blank reason gets the message that says why a reason is needed
    const reason = parsed.errors.reason?.map((e) => (e === "errors.required" ? "chapters.reasonRequired" : e));
    return data<ActionData>({ membershipId, errors: { ...parsed.errors, reason }, values: parsed.values }, { status: 400 });
  }
  const r = await decideApplication(db, {
    chapterId: chapter.id,
    membershipId: parsed.data.membershipId,
    actorId: user.id,
    decision: parsed.data.intent,
    reason: parsed.data.intent === "decline" ? parsed.data.reason : null,
  });
  if (!r.ok && r.error === "chapters.decidedMeanwhile") return data<ActionData>({ decided: { applicant: r.applicant, outcome: r.outcome, by: r.by } }, { status: 409 });
  // an application no longer on the list has no card to show its message in: it goes above the list
  if (!r.ok) return data<ActionData>({ membershipId: r.error === "chapters.notPending" ? undefined : membershipId, errors: { form: [r.error] } }, { status: 409 });
  return redirect(`/chapters/${chapter.slug}/applications?done=${parsed.data.intent === "approve" ? "approved" : "declined"}`);
}

export default function Applications() {
  const { chapter, applications, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <p className="actions">
        <Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
        <Link to={`/chapters/${chapter.slug}/roster`}>{t("chapters.roster")}</Link>
      </p>
      <h1>{t("chapters.applicationsTitle", { name: chapter.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {actionData && !actionData.membershipId ? <FormError errors={actionData.errors?.form} /> : null}
      {actionData?.decided ? (
        <div className="form-error" role="alert">
          <p style={{ margin: 0 }}>
            {t(`chapters.decidedMeanwhile.${actionData.decided.outcome}`, {
              name: actionData.decided.applicant,
              by: actionData.decided.by ?? t("chapters.decidedMeanwhile.someone"),
            })}
          </p>
        </div>
      ) : null}
      {applications.length === 0 ? <p>{t("chapters.applicationsEmpty")}</p> : null}
      <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
        {applications.map((a) => {
          const mine = actionData?.membershipId === a.membershipId ? actionData : null;
          const reasonId = `reason-${a.membershipId}`;
          return (
            <li key={a.membershipId} className="card" aria-labelledby={`applicant-${a.membershipId}`}>
              <h2 id={`applicant-${a.membershipId}`} style={{ marginTop: 0 }}>
                <Link to={`/chapters/${chapter.slug}/members/${a.userId}?dari=pendaftaran`}>{a.name}</Link>
              </h2>
              <p className="muted">
                {a.email} · {t("chapters.appliedAt", { date: formatDateTime(a.appliedAt, locale, chapter.timeZone) })}
              </p>
              <dl>
                <dt>{t("chapters.kecamatan")}</dt>
                <dd>{a.kecamatan ?? t("chapters.noKecamatan")}</dd>
                <dt>{t("chapters.skills")}</dt>
                <dd>{a.skills.length ? a.skills.map((s) => (locale === "id" ? s.nameId : s.nameEn)).join(", ") : t("chapters.noSkills")}</dd>
                {a.motivation ? (
                  <>
                    <dt>{t("chapters.member.motivation")}</dt>
                    <dd style={{ whiteSpace: "pre-line" }}>{a.motivation}</dd>
                  </>
                ) : null}
              </dl>
              <FormError errors={mine?.errors?.form} />
              <Form method="post">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="membershipId" value={a.membershipId} />
                <button type="submit" className="button primary" aria-label={t("chapters.approveName", { name: a.name })}>
                  {t("chapters.approve")}
                </button>
              </Form>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="decline" />
                <input type="hidden" name="membershipId" value={a.membershipId} />
                <div className="field">
                  <label htmlFor={reasonId}>{t("chapters.declineReason")}</label>
                  <p className="hint" id={`${reasonId}-hint`}>
                    {t("chapters.declineReasonHint")}
                  </p>
                  <textarea
                    id={reasonId}
                    name="reason"
                    required
                    maxLength={REASON_MAX}
                    defaultValue={typeof mine?.values?.reason === "string" ? mine.values.reason : ""}
                    aria-invalid={mine?.errors?.reason?.length ? true : undefined}
                    aria-describedby={`${reasonId}-hint${mine?.errors?.reason?.length ? ` ${reasonId}-error` : ""}`}
                  />
                  <ErrorText id={`${reasonId}-error`} errors={mine?.errors?.reason} />
                </div>
                <button type="submit" className="button danger" aria-label={t("chapters.declineName", { name: a.name })}>
                  {t("chapters.decline")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
