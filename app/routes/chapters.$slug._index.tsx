import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, notFound, requireUser } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { MOTIVATION_MAX } from "~/models/chapters/chapter-form";
import { applySchema, applyToChapter, getChapterBySlug, reapplyFrom } from "~/models/chapters/chapters.server";
import { chapterPage, contactChapter, contactSchema, newContactKey } from "~/models/chapters/public-page.server";
import { ShareLinks } from "~/components/ShareLinks";
import { VerifyEmailNotice } from "~/components/VerifyEmailNotice";
import { formatDateTime, formatDay, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/react";
import { parseForm } from "~/utils/forms.server";
import { countKey } from "~/i18n/plural";
import { shareMeta } from "~/utils/share-meta";
import "~/i18n/strings/routes/chapters.$slug._index";

/** Public, opened from WhatsApp and search engines: no JavaScript (every form works without it). */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.chapter.name} — Simpul` },
        ...shareMeta({
          title: data.chapter.name,
          description: data.pub.achievements?.sentence || `${data.chapter.name} · Relawan TIK Indonesia`,
          url: data.pub.url,
          image: `${data.pub.url}/og.png`,
          locale: data.locale,
        }),
        { tagName: "link", rel: "alternate", type: "text/calendar", title: data.chapter.name, href: `/chapters/${data.chapter.slug}/calendar.ics` },
      ]
    : [{ title: "Simpul" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = getUser(context);
  const page = await chapterPage(db, { slug: params.slug ?? "", userId: user?.id ?? null, locale: context.locale });
  if (!page) notFound();
  const { chapter } = page;
  const q = new URL(request.url).searchParams;
  const applied = q.get("applied") === "1";
  // declined a few days ago: when the form comes back (sooner once the profile is updated)
  const wait = user && chapter.myStatus === "declined" ? await reapplyFrom(db, user.id, chapter.id) : null;
  return {
    locale: context.locale,
    pub: {
      url: page.url,
      shareUrl: page.shareUrl,
      achievements: { year: page.achievements.year, sentence: page.achievements.sentence, rows: page.achievements.rows, activities: page.achievements.activities.map((a) => ({ ...a, date: formatDay(a.date, context.locale) })) },
      upcoming: page.upcoming.map((e) => ({ id: e.id, title: e.title, status: e.status, startsAt: e.startsAt.toISOString(), timeZone: e.timeZone, place: [e.venueName, e.regionName].filter(Boolean).join(", ") })),
    },
    contactSent: q.get("terkirim") === "1",
    // the contact form's one-time key: the same form sent twice is one message (DECISIONS 118)
    contactKey: newContactKey(),
    chapter,
    leads: page.leads,
    signedIn: !!user,
    verifyEmail: user && !page.emailVerified ? user.email : null,
    declinedReason: chapter.myStatus === "declined" ? page.myDecisionReason : null,
    reapplyFrom: wait ? formatDateTime(wait, context.locale, chapter.timeZone) : null,
    applied,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "contact") {
    const parsed = parseForm(contactSchema, form);
    if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await contactChapter(db, { slug: params.slug ?? "", form: parsed.data, ip: context.clientIp });
    if (!r.ok) {
      if (r.reason === "notFound") notFound();
      return data<FormFailure>({ errors: { contact: [r.reason === "tooMany" ? "public.tooMany" : "public.chapter.contactNoLead"] }, values: parsed.data }, { status: r.reason === "tooMany" ? 429 : 409 });
    }
    return redirect(`/chapters/${params.slug}?terkirim=1#contact`);
  }
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "", user.id);
  if (!chapter) notFound();
  const parsed = parseForm(applySchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await applyToChapter(db, { userId: user.id, chapterId: chapter.id, motivation: parsed.data.motivation });
  if (!r.ok) return data<FormFailure>({ errors: { form: [r.error] }, values: { motivation: parsed.data.motivation ?? "" } }, { status: 409 });
  return redirect(`/chapters/${chapter.slug}?applied=1`);
}

export default function ChapterPage() {
  const { chapter, leads, signedIn, declinedReason, reapplyFrom: waitUntil, applied, verifyEmail, pub, contactSent, contactKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  const ach = pub.achievements;
  const canApply = !chapter.iLead && !waitUntil && (!chapter.myStatus || chapter.myStatus === "declined" || chapter.myStatus === "inactive");
  return (
    <div className="narrow">
      <h1>{chapter.name}</h1>
      <p className="muted">
        {t("chapters.region", { region: `${chapter.regionName}, ${chapter.provinceName}` })} · {t(countKey("chapters.members", chapter.activeMembers), { count: chapter.activeMembers })}
      </p>
      <p data-testid="chapter-leads">{leads.length ? t("chapters.leadsBy", { names: leads.join(", ") }) : t("chapters.noLeadYet")}</p>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t("public.chapter.upcoming")}</h2>
        {pub.upcoming.length === 0 ? <p>{t("public.chapter.noUpcoming")}</p> : null}
        <ul>
          {pub.upcoming.map((e) => (
            <li key={e.id}>
              <Link to={`/e/${e.id}`}>{e.title}</Link> — {formatDateTime(e.startsAt, locale, e.timeZone)} · {e.place}
              {e.status === "cancelled" ? <span className="badge"> {t("events.status.cancelled")}</span> : null}
            </li>
          ))}
        </ul>
        <p>
          <a href={`/chapters/${chapter.slug}/calendar.ics`}>{t("public.chapter.feed")}</a>
        </p>
      </section>
      {ach ? (
        <section aria-labelledby="achievements">
          <h2 id="achievements">{t("public.chapter.achievements", { year: ach.year })}</h2>
          {ach.sentence ? <p data-testid="achievement-sentence">{ach.sentence}.</p> : null}
          {ach.activities.length === 0 ? <p>{t("public.chapter.noAchievements")}</p> : null}
          <dl className="figures" data-testid="achievements">
            {ach.rows
              .filter((r) => r.value > 0)
              .map((r) => (
                <div key={r.key} data-key={r.key}>
                  <dt>{r.name}</dt>
                  <dd>{formatNumber(Math.round(r.value * 10 ** r.decimals) / 10 ** r.decimals, locale)}</dd>
                </div>
              ))}
          </dl>
          {ach.activities.length ? (
            <details>
              <summary>{t("public.chapter.behind")}</summary>
              <ul>
                {ach.activities.map((a) => (
                  <li key={a.eventId}>
                    <Link to={`/e/${a.eventId}`}>{a.title}</Link> · {a.date} · {a.program}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
      <ShareLinks whatsappUrl={pub.shareUrl} url={pub.url} />
      <h2>{t("public.chapter.join")}</h2>
      <p>{t("public.chapter.joinText")}</p>
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
      {waitUntil ? (
        <p className="notice" role="status" data-testid="reapply-wait">
          {t("chapters.reapplyWait", { date: waitUntil })} <Link to="/profile">{t("nav.profile")}</Link>
        </p>
      ) : null}
      {!signedIn ? (
        <p className="actions">
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/chapters/${chapter.slug}`)}`}>
            {t("chapters.loginToApply")}
          </Link>
        </p>
      ) : canApply && verifyEmail ? (
        <VerifyEmailNotice email={verifyEmail} id="apply" titleId="apply-title" variant="card" t={t} />
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
      <section aria-labelledby="contact-title" id="contact" className="card">
        <h2 id="contact-title" style={{ marginTop: 0 }}>
          {t("public.chapter.contact")}
        </h2>
        <p className="hint">{t("public.chapter.contactHint")}</p>
        {contactSent ? (
          <p className="notice" role="status">
            {t("public.chapter.contactSent")}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="contact" />
          <input type="hidden" name="contactKey" value={contactKey} />
          <FormError errors={actionData?.errors?.contact} />
          <Field name="name" label={t("public.chapter.contactName")} required autoComplete="name" maxLength={120} defaultValue={valueOf(actionData, "name")} errors={actionData?.errors?.name} />
          <Field name="reply" label={t("public.chapter.contactReply")} required maxLength={160} defaultValue={valueOf(actionData, "reply")} errors={actionData?.errors?.reply} />
          <Field name="message" label={t("public.chapter.contactMessage")} required multiline maxLength={2000} defaultValue={valueOf(actionData, "message")} errors={actionData?.errors?.message} />
          <div aria-hidden="true" style={{ position: "absolute", left: "-10000px" }}>
            <label htmlFor="f-website">Website</label>
            <input id="f-website" name="website" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" className="secondary">
            {t("public.chapter.contactSend")}
          </button>
        </Form>
      </section>
    </div>
  );
}
