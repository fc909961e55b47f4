import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory } from "~/components/TutoringHistory";
import { TutoringRequestFacts } from "~/components/TutoringRequestFacts";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { keysOfMask } from "~/models/accounts/availability";
import { listLanguages } from "~/models/accounts/profiles.server";
import { regionLabel } from "~/models/regions/regions.server";
import { SESSION_MINUTES, SESSION_NOTES_MAX, SESSION_TOPIC_MAX, OFFER_RESPONSE_HOURS } from "~/models/tutoring/tutoring-form";
import { claimRequest, completeRequest, getRequestForVolunteer, logSession, parseSessionForm, respondToOffer, type Outcome } from "~/models/tutoring/offers.server";
import { listTopics } from "~/models/tutoring/requests.server";
import { formatWhatsapp, whatsappLink } from "~/models/accounts/whatsapp";
import { formValues } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

function requestId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

/** A request as the volunteer sees it; the learner's contact only once they are its tutor. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const r = await getRequestForVolunteer(db, user, requestId(params.requestId));
  if (!r) notFound();
  const [topics, langs, place] = await Promise.all([listTopics(db), listLanguages(db), regionLabel(db, r.learner ? r.regionCode : r.regionCode.split(".").slice(0, 3).join("."))]);
  const en = context.locale === "en";
  const names = new Map(topics.map((tp) => [tp.slug, en ? tp.nameEn : tp.nameId]));
  const lang = langs.find((l) => l.code === r.language);
  return {
    title: `${translator(context.locale)("tutoring.lead.request", { id: r.id })} — Simpul`,
    // a new key per page: the same form pressed twice logs one session
    submissionKey: randomUUID(),
    done: DONE.find((d) => d === new URL(request.url).searchParams.get("selesai")) ?? null,
    // the default session date is today where the learner lives (en-CA formats as YYYY-MM-DD)
    today: new Intl.DateTimeFormat("en-CA", { timeZone: r.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()),
    request: {
      id: r.id,
      status: r.status,
      chapterName: r.chapterName,
      createdAt: r.createdAt.toISOString(),
      timeZone: r.timeZone,
      place,
      topics: r.topics.map((s) => names.get(s) ?? s),
      details: r.details,
      forWhom: r.forWhom,
      mode: r.mode,
      telecenter: r.telecenter,
      language: lang ? (en ? lang.nameEn : lang.nameId) : r.language,
      availability: keysOfMask(r.availability),
      isTutor: r.isTutor,
      canClaim: r.canClaim,
      offerExpiresAt: r.offer ? r.offer.expiresAt.toISOString() : null,
      learner: r.learner
        ? {
            name: r.learner.name,
            whatsapp: r.learner.whatsapp ? { label: formatWhatsapp(r.learner.whatsapp), href: whatsappLink(r.learner.whatsapp) } : null,
            email: r.learner.email,
          }
        : null,
      sessions: r.sessions,
      history: r.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note })),
    },
  };
}

type ActionData = FormFailure & { intent: string };

const DONE = ["accept", "claim", "session", "complete"] as const;

export async function action({ params, context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = requestId(params.requestId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  let result: Outcome;
  if (intent === "accept" || intent === "decline") result = await respondToOffer(db, user, id, intent);
  else if (intent === "claim") result = await claimRequest(db, user, id);
  else if (intent === "session") {
    const parsed = parseSessionForm(form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    result = await logSession(db, user, id, parsed.data);
  } else if (intent === "complete") {
    const note = form.get("note");
    result = await completeRequest(db, user, id, typeof note === "string" ? note : "");
  } else throw new Response("Bad Request", { status: 400 });
  if (!result.ok) {
    if ("errors" in result) return data<ActionData>({ intent, errors: result.errors, values: formValues(form) }, { status: 400 });
    if (result.reason === "conflict") return data<ActionData>({ intent, errors: { _form: ["tutoring.volunteer.conflict"] } }, { status: 409 });
    notFound();
  }
  if (intent === "decline") return redirect("/tutoring?selesai=decline");
  return redirect(`/tutoring/${id}?selesai=${intent}`);
}

export default function VolunteerRequest() {
  const { request: r, done, today, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const failure = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const sessionFailure = failure("session");
  const minutesTotal = r.sessions.reduce((a, s) => a + s.minutes, 0);
  return (
    <div className="narrow">
      <p>
        <Link to="/tutoring">{t("tutoring.volunteer.back")}</Link>
      </p>
      <h1>{t("tutoring.lead.request", { id: r.id })}</h1>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`tutoring.volunteer.done.${done}`)}
        </p>
      ) : null}
      {actionData?.errors?._form ? <FormError errors={actionData.errors._form} /> : null}
      <p>
        <strong>{t("tutoring.track.status")}:</strong> <span id="tutoring-status">{t(`tutoring.status.${r.status}`)}</span> · {r.chapterName}
      </p>

      {r.offerExpiresAt ? (
        <section className="card" aria-labelledby="offer">
          <h2 id="offer" style={{ marginTop: 0 }}>
            {t("tutoring.volunteer.offerTitle")}
          </h2>
          <p>{t("tutoring.volunteer.offerText", { at: formatDateTime(r.offerExpiresAt, locale, r.timeZone), hours: OFFER_RESPONSE_HOURS })}</p>
          <p className="hint">{t("tutoring.volunteer.shareNotice")}</p>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <button type="submit" className="primary">
                {t("tutoring.volunteer.accept")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <button type="submit" className="secondary">
                {t("tutoring.volunteer.decline")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}

      {r.canClaim ? (
        <section className="card" aria-labelledby="claim">
          <h2 id="claim" style={{ marginTop: 0 }}>
            {t("tutoring.volunteer.claimTitle")}
          </h2>
          <p className="hint">{t("tutoring.volunteer.shareNotice")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="claim" />
            <button type="submit" className="primary">
              {t("tutoring.volunteer.claim")}
            </button>
          </Form>
        </section>
      ) : null}

      {r.learner ? (
        <section className="card" aria-labelledby="contact">
          <h2 id="contact" style={{ marginTop: 0 }}>
            {t("tutoring.lead.contact")}
          </h2>
          <dl>
            <dt>{t("tutoring.lead.learnerName")}</dt>
            <dd>{r.learner.name}</dd>
            {r.learner.whatsapp ? (
              <>
                <dt>{t("tutoring.form.whatsapp")}</dt>
                <dd>
                  <a href={r.learner.whatsapp.href}>{r.learner.whatsapp.label}</a>
                </dd>
              </>
            ) : null}
            {r.learner.email ? (
              <>
                <dt>{t("tutoring.form.email")}</dt>
                <dd>
                  <a href={`mailto:${r.learner.email}`}>{r.learner.email}</a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="what">
        <h2 id="what">{t("tutoring.volunteer.what")}</h2>
        <dl>
          <TutoringRequestFacts r={r} />
          <dt>{t("tutoring.lead.age")}</dt>
          <dd>{formatDateTime(r.createdAt, locale, r.timeZone)}</dd>
        </dl>
      </section>

      {r.isTutor ? (
        <section aria-labelledby="sessions">
          <h2 id="sessions">{t("tutoring.session.title")}</h2>
          {r.sessions.length === 0 ? (
            <p>{t("tutoring.session.none")}</p>
          ) : (
            <>
              <p>{t("tutoring.session.total", { n: r.sessions.length, minutes: minutesTotal })}</p>
              <ul>
                {r.sessions.map((s) => (
                  <li key={s.id}>
                    {formatDate(`${s.heldOn}T12:00:00Z`, locale, "UTC")} · {t("tutoring.session.minutes", { n: s.minutes })} · {s.topic}
                    {s.notes ? ` — ${s.notes}` : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.status === "matched" || r.status === "in_progress" ? (
            <div className="card">
              <h3 style={{ marginTop: 0 }}>{t("tutoring.session.add")}</h3>
              {/* keyed by the one-time key: after a save the form starts empty again */}
              <Form method="post" noValidate key={submissionKey}>
                <input type="hidden" name="intent" value="session" />
                <input type="hidden" name="submissionKey" value={submissionKey} />
                <Field name="heldOn" type="date" label={t("tutoring.session.date")} required defaultValue={valueOf(sessionFailure, "heldOn", today)} errors={sessionFailure?.errors?.heldOn} />
                <Field
                  name="minutes"
                  inputMode="numeric"
                  label={t("tutoring.session.duration")}
                  hint={t("tutoring.session.durationHint", { min: SESSION_MINUTES.min, max: SESSION_MINUTES.max })}
                  required
                  defaultValue={valueOf(sessionFailure, "minutes", "60")}
                  errors={sessionFailure?.errors?.minutes}
                />
                <Field name="topic" label={t("tutoring.session.topic")} required maxLength={SESSION_TOPIC_MAX} defaultValue={valueOf(sessionFailure, "topic")} errors={sessionFailure?.errors?.topic} />
                <Field name="notes" label={t("tutoring.session.notes")} multiline maxLength={SESSION_NOTES_MAX} defaultValue={valueOf(sessionFailure, "notes")} errors={sessionFailure?.errors?.notes} />
                <button type="submit" className="primary">
                  {t("tutoring.session.submit")}
                </button>
              </Form>
            </div>
          ) : null}
          {r.status === "in_progress" ? (
            <div className="card">
              <h3 style={{ marginTop: 0 }}>{t("tutoring.volunteer.completeTitle")}</h3>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="complete" />
                <Field name="note" label={t("tutoring.volunteer.completeNote")} multiline maxLength={SESSION_NOTES_MAX} defaultValue={valueOf(failure("complete"), "note")} errors={failure("complete")?.errors?.note} />
                <button type="submit" className="primary">
                  {t("tutoring.volunteer.complete")}
                </button>
              </Form>
            </div>
          ) : null}
          <h2>{t("tutoring.lead.history")}</h2>
          <TutoringHistory items={r.history} timeZone={r.timeZone} />
        </section>
      ) : null}
    </div>
  );
}
