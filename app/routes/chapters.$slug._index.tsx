import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, notFound, requireUser } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { MOTIVATION_MAX } from "~/models/chapters/chapter-form";
import { isEmailVerified } from "~/models/accounts/accounts.server";
import { applySchema, applyToChapter, getChapterBySlug, leadFirstNames, myMemberships } from "~/models/chapters/chapters.server";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.chapter.name} — Simpul` : "Simpul" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = getUser(context);
  const chapter = await getChapterBySlug(db, params.slug ?? "", user?.id ?? null);
  if (!chapter) notFound();
  const mine = user ? (await myMemberships(db, user.id)).find((m) => m.chapterId === chapter.id && m.role === "volunteer") : undefined;
  const applied = new URL(request.url).searchParams.get("applied") === "1";
  return {
    chapter,
    leads: await leadFirstNames(db, chapter.id),
    signedIn: !!user,
    verifyEmail: user && !(await isEmailVerified(db, user.id)) ? user.email : null,
    declinedReason: mine?.status === "declined" ? mine.decisionReason : null,
    applied,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "", user.id);
  if (!chapter) notFound();
  const form = await request.formData();
  const parsed = parseForm(applySchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await applyToChapter(db, { userId: user.id, chapterId: chapter.id, motivation: parsed.data.motivation });
  if (!r.ok) return data<FormFailure>({ errors: { form: [r.error] }, values: { motivation: parsed.data.motivation ?? "" } }, { status: 409 });
  return redirect(`/chapters/${chapter.slug}?applied=1`);
}

export default function ChapterPage() {
  const { chapter, leads, signedIn, declinedReason, applied, verifyEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const t = useT();
  const canApply = !chapter.iLead && (!chapter.myStatus || chapter.myStatus === "declined" || chapter.myStatus === "inactive");
  return (
    <div className="narrow">
      <h1>{chapter.name}</h1>
      <p className="muted">
        {t("chapters.region", { region: `${chapter.regionName}, ${chapter.provinceName}` })} · {t("chapters.members", { count: chapter.activeMembers })}
      </p>
      <p data-testid="chapter-leads">{leads.length ? t("chapters.leadsBy", { names: leads.join(", ") }) : t("chapters.noLeadYet")}</p>
      {applied ? (
        <p className="notice" role="status">
          {t("chapters.applied")}
        </p>
      ) : null}
      {chapter.iLead ? (
        <div className="card">
          <p>{t("chapters.youLead")}</p>
          <p className="actions">
            <Link className="button" to={`/chapters/${chapter.slug}/applications`}>
              {t("chapters.applications")}
            </Link>
            <Link className="button secondary" to={`/chapters/${chapter.slug}/roster`}>
              {t("chapters.roster")}
            </Link>
            <Link className="button secondary" to={`/chapters/${chapter.slug}/capaian`}>
              {t("reports.nav")}
            </Link>
            <Link className="button secondary" to={`/chapters/${chapter.slug}/akses-data`}>
              {t("privacy.access.link")}
            </Link>
          </p>
        </div>
      ) : null}
      {chapter.myStatus ? (
        <p>
          <span className="badge" data-testid="my-status" data-status={chapter.myStatus}>
            {t("chapters.myStatus", { status: t(`chapters.status.${chapter.myStatus}`) })}
          </span>
        </p>
      ) : null}
      {chapter.myStatus === "pending" && !applied ? (
        <p className="notice" role="status" data-testid="pending-notice">
          {t("chapters.pendingNotice")}
        </p>
      ) : null}
      {declinedReason ? <p>{t("chapters.declinedReason", { reason: declinedReason })}</p> : null}
      {!signedIn ? (
        <p className="actions">
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/chapters/${chapter.slug}`)}`}>
            {t("chapters.loginToApply")}
          </Link>
        </p>
      ) : canApply && verifyEmail ? (
        <section id="apply" aria-labelledby="apply-title" className="card">
          <h2 id="apply-title">{t("auth.verify.title")}</h2>
          <p>{t("auth.verify.needed", { email: verifyEmail })}</p>
          <Form method="post" action="/verifikasi-email" reloadDocument>
            <button type="submit" className="button secondary">
              {t("auth.verify.resend")}
            </button>
          </Form>
        </section>
      ) : canApply ? (
        <section id="apply" aria-labelledby="apply-title" className="card">
          <h2 id="apply-title">{chapter.myStatus ? t("chapters.reapply") : t("chapters.apply")}</h2>
          <p className="hint">
            {t("chapters.completeProfile")} <Link to="/profile">{t("nav.profile")}</Link>
          </p>
          <Form method="post" noValidate>
            <FormError errors={actionData?.errors?.form} />
            <Field
              name="motivation"
              label={t("chapters.motivation")}
              hint={t("chapters.motivationHint")}
              multiline
              maxLength={MOTIVATION_MAX}
              defaultValue={valueOf(actionData, "motivation")}
              errors={actionData?.errors?.motivation}
            />
            <button type="submit" className="button primary">
              {t("chapters.applyTo", { name: chapter.name })}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
