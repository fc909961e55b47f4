import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { ErrorText, Field, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory } from "~/components/TutoringHistory";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useLocale, useT } from "~/i18n/react";
import { regionLabel } from "~/models/regions/regions.server";
import { CANCEL_REASON_MAX, NAME_MAX, NOTE_MAX, RATING_COMMENT_MAX } from "~/models/tutoring/tutoring-form";
import { listSessions, tutorForLearner } from "~/models/tutoring/offers.server";
import { addLearnerNote, cancelByToken, getRequestByToken, listTopics, rateByToken } from "~/models/tutoring/requests.server";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import { accessToRequest } from "~/models/privacy/access-log.server";
import { correctRequestByToken, eraseRequestByToken } from "~/models/tutoring/learner-data.server";
import { formatDate, formatDateTime } from "~/i18n/format";

/** The learner's private page: whoever holds the token sees the request; zero JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Simpul" },
  { name: "referrer", content: "same-origin" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context, request: httpRequest }: LoaderFunctionArgs) {
  const request = await getRequestByToken(db, params.token ?? "");
  if (!request) notFound();
  const [topics, place, tutor, sessions, seenBy] = await Promise.all([
    listTopics(db),
    regionLabel(db, request.regionCode),
    tutorForLearner(db, request),
    listSessions(db, request.id),
    accessToRequest(db, request.id),
  ]);
  const names = new Map(topics.map((tp) => [tp.slug, context.locale === "en" ? tp.nameEn : tp.nameId]));
  return {
    title: translator(context.locale)("tutoring.track.title"),
    done: new URL(httpRequest.url).searchParams.get("selesai"),
    request: {
      status: request.status,
      chapterName: request.chapterName,
      learnerName: request.learnerName,
      whatsapp: request.whatsapp ? formatWhatsapp(request.whatsapp) : null,
      email: request.email,
      place,
      topics: request.topics.map((s) => names.get(s) ?? s),
      details: request.details,
      cancelReason: request.cancelReason,
      tutor,
      sessions: sessions.length,
      minutes: sessions.reduce((a, x) => a + x.minutes, 0),
      rating: request.rating ? { value: request.rating, comment: request.ratingComment } : null,
      timeZone: request.timeZone,
      createdAt: request.createdAt.toISOString(),
      isMinor: request.isMinor,
      guardian: request.guardianName ? { name: request.guardianName, contact: request.guardianContact ?? "" } : null,
      consentAt: request.consentAt.toISOString(),
      consentVersion: request.consentVersion,
      erasedAt: request.erasedAt ? request.erasedAt.toISOString() : null,
      rawWhatsapp: request.whatsapp ?? "",
      seenBy: seenBy.map((x) => ({ at: x.at.toISOString(), name: x.actorName ?? "—" })),
      history: request.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
    },
  };
}

const INTENTS = { note: "note", cancel: "reason", rate: "rating" } as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await request.formData();
  const raw = form.get("intent");
  if (raw === "correct" || raw === "erase") {
    const result = raw === "correct" ? await correctRequestByToken(db, token, form) : await eraseRequestByToken(db, token, String(form.get("confirm") ?? ""));
    if (!result.ok) {
      if ("notFound" in result) notFound();
      return data<FormFailure & { intent: string }>({ intent: raw, errors: result.errors, values: raw === "correct" ? { name: String(form.get("name") ?? ""), whatsapp: String(form.get("whatsapp") ?? ""), email: String(form.get("email") ?? "") } : undefined }, { status: 400 });
    }
    return redirect(`/lacak/${token}?selesai=${raw}`);
  }
  const intent = raw === "note" || raw === "rate" ? raw : "cancel";
  const field = INTENTS[intent];
  const value = form.get(field);
  const text = typeof value === "string" ? value : "";
  const comment = typeof form.get("comment") === "string" ? String(form.get("comment")) : "";
  const result =
    intent === "note" ? await addLearnerNote(db, token, text) : intent === "rate" ? await rateByToken(db, token, text, comment) : await cancelByToken(db, token, text);
  if (!result.ok) {
    if ("notFound" in result) notFound();
    return data<FormFailure & { intent: string }>({ intent, errors: result.errors, values: { [field]: text, comment } }, { status: 400 });
  }
  return redirect(`/lacak/${token}?selesai=${intent}`);
}

export default function TrackRequest() {
  const { request: r, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure & { intent: string }>();
  const noteFailure = actionData?.intent === "note" ? actionData : undefined;
  const cancelFailure = actionData?.intent === "cancel" ? actionData : undefined;
  const rateFailure = actionData?.intent === "rate" ? actionData : undefined;
  const correctFailure = actionData?.intent === "correct" ? actionData : undefined;
  const eraseFailure = actionData?.intent === "erase" ? actionData : undefined;
  const t = useT();
  const locale = useLocale();
  const open = !["completed", "cancelled"].includes(r.status);
  return (
    <div className="narrow">
      <h1>{t("tutoring.track.title")}</h1>
      {done === "cancel" || done === "note" || done === "rate" || done === "correct" || done === "erase" ? (
        <p className="notice" role="status">
          {t(
            done === "cancel"
              ? "tutoring.track.cancelled"
              : done === "rate"
                ? "tutoring.rate.thanks"
                : done === "correct"
                  ? "privacy.learner.corrected"
                  : done === "erase"
                    ? "privacy.learner.erased"
                    : "tutoring.track.noteAdded",
          )}
        </p>
      ) : null}
      <p>
        <strong>{t("tutoring.track.status")}:</strong> <span id="tutoring-status">{t(`tutoring.status.${r.status}`)}</span>
      </p>
      <p>
        <strong>{t("tutoring.track.chapter")}:</strong> {r.chapterName}
      </p>
      {r.tutor ? (
        <section className="card" aria-labelledby="your-tutor">
          <h2 id="your-tutor" style={{ marginTop: 0 }}>
            {t("tutoring.track.tutorTitle")}
          </h2>
          <p id="tutor-name">{t(r.status === "completed" ? "tutoring.track.tutorTextDone" : "tutoring.track.tutorText", { name: r.tutor.firstName })}</p>
          {r.tutor.whatsapp ? (
            <p>
              <a className="button" href={r.tutor.whatsapp.href} rel="noreferrer">
                {t("tutoring.track.tutorWhatsapp", { name: r.tutor.firstName, number: r.tutor.whatsapp.label })}
              </a>
            </p>
          ) : r.tutor.email ? (
            <p>
              <a href={`mailto:${r.tutor.email}`}>{r.tutor.email}</a>
            </p>
          ) : null}
          {r.sessions ? <p>{t("tutoring.track.sessions", { n: r.sessions, minutes: r.minutes })}</p> : null}
        </section>
      ) : null}
      {r.status === "completed" ? (
        <section className="card" aria-labelledby="rate">
          <h2 id="rate" style={{ marginTop: 0 }}>
            {t("tutoring.rate.title")}
          </h2>
          {r.rating ? (
            <p id="your-rating">
              {t("tutoring.rate.given", { n: r.rating.value })}
              {r.rating.comment ? ` — “${r.rating.comment}”` : null}
            </p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="rate" />
              <fieldset aria-describedby={rateFailure?.errors?.rating ? "rating-error" : undefined}>
                <legend>{t("tutoring.rate.question")}</legend>
                <div className="checks">
                  {[5, 4, 3, 2, 1].map((n) => (
                    <label key={n}>
                      <input type="radio" name="rating" value={n} defaultChecked={valueOf(rateFailure, "rating") === String(n)} />
                      <span>{t(`tutoring.rate.star${n}`)}</span>
                    </label>
                  ))}
                </div>
                <ErrorText id="rating-error" errors={rateFailure?.errors?.rating} />
              </fieldset>
              <Field name="comment" label={t("tutoring.rate.comment")} multiline maxLength={RATING_COMMENT_MAX} defaultValue={valueOf(rateFailure, "comment")} errors={rateFailure?.errors?.comment} />
              <button type="submit" className="primary">
                {t("tutoring.rate.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="your-data">
        <h2 id="your-data" style={{ marginTop: 0 }}>
          {t("privacy.learner.title")}
        </h2>
        {r.erasedAt ? (
          <p id="erased-notice">{t("privacy.learner.erasedOn", { date: formatDate(r.erasedAt, locale, r.timeZone) })}</p>
        ) : (
          <p>{t("privacy.learner.lead")}</p>
        )}
        <dl>
          {r.learnerName ? (
            <>
              <dt>{t("tutoring.form.name")}</dt>
              <dd id="learner-name">{r.learnerName}</dd>
            </>
          ) : null}
          {r.whatsapp ? (
            <>
              <dt>{t("tutoring.form.whatsapp")}</dt>
              <dd>{r.whatsapp}</dd>
            </>
          ) : null}
          {r.email ? (
            <>
              <dt>{t("tutoring.form.email")}</dt>
              <dd>{r.email}</dd>
            </>
          ) : null}
          <dt>{t("tutoring.track.region")}</dt>
          <dd>{r.place}</dd>
          <dt>{t("tutoring.track.topics")}</dt>
          <dd>{[...r.topics, r.details].filter(Boolean).join(" · ")}</dd>
          {r.isMinor ? (
            <>
              <dt>{t("privacy.learner.minor")}</dt>
              <dd>{r.guardian ? `${t("privacy.learner.guardian")}: ${r.guardian.name} (${r.guardian.contact})` : "—"}</dd>
            </>
          ) : null}
          <dt>{t("privacy.noticeLink")}</dt>
          <dd>{t("privacy.learner.consent", { date: formatDate(r.consentAt, locale, r.timeZone), version: r.consentVersion })}</dd>
        </dl>
        <h3>{t("privacy.learner.seenTitle")}</h3>
        {r.seenBy.length ? (
          <ul id="seen-by">
            {r.seenBy.map((x, i) => (
              <li key={i}>{t("privacy.learner.seenRow", { date: formatDateTime(x.at, locale, r.timeZone), name: x.name })}</li>
            ))}
          </ul>
        ) : (
          <p>{t("privacy.learner.seenNone")}</p>
        )}
        <p>
          <Link to="/privasi">{t("privacy.noticeLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t("tutoring.track.history")}</h2>
        <TutoringHistory items={r.history} timeZone={r.timeZone} actorLabel={(k) => t(`tutoring.actor.${k}`)} />
      </section>
      {open ? (
        <section className="card" aria-labelledby="note">
          <h2 id="note" style={{ marginTop: 0 }}>
            {t("tutoring.track.noteTitle")}
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="note" />
            <Field name="note" label={t("tutoring.track.note")} multiline required defaultValue={valueOf(noteFailure, "note")} errors={noteFailure?.errors?.note} maxLength={NOTE_MAX} />
            <button type="submit" className="secondary">
              {t("tutoring.track.noteSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {open ? (
        <section className="card" aria-labelledby="cancel">
          <h2 id="cancel" style={{ marginTop: 0 }}>
            {t("tutoring.track.cancelTitle")}
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cancel" />
            <Field name="reason" label={t("tutoring.track.cancelReason")} multiline required defaultValue={valueOf(cancelFailure, "reason")} errors={cancelFailure?.errors?.reason} maxLength={CANCEL_REASON_MAX} />
            <button type="submit" className="danger">
              {t("tutoring.track.cancelSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {r.erasedAt ? null : (
        <section className="card" aria-labelledby="correct">
          <h2 id="correct" style={{ marginTop: 0 }}>
            {t("privacy.learner.correctTitle")}
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="correct" />
            <Field name="name" label={t("tutoring.form.name")} required maxLength={NAME_MAX} autoComplete="name" defaultValue={valueOf(correctFailure, "name", r.learnerName)} errors={correctFailure?.errors?.name} />
            <Field name="whatsapp" label={t("tutoring.form.whatsapp")} type="tel" inputMode="tel" maxLength={40} autoComplete="tel" defaultValue={valueOf(correctFailure, "whatsapp", r.rawWhatsapp)} errors={correctFailure?.errors?.whatsapp} />
            <Field name="email" label={t("tutoring.form.email")} type="email" inputMode="email" maxLength={254} autoComplete="email" defaultValue={valueOf(correctFailure, "email", r.email ?? "")} errors={correctFailure?.errors?.email} />
            <button type="submit" className="secondary">
              {t("privacy.learner.correctSubmit")}
            </button>
          </Form>
        </section>
      )}
      {r.erasedAt ? null : (
        <section className="card" aria-labelledby="erase">
          <h2 id="erase" style={{ marginTop: 0 }}>
            {t("privacy.learner.eraseTitle")}
          </h2>
          <p>{t("privacy.learner.eraseText")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="erase" />
            <label>
              <input type="checkbox" name="confirm" value="yes" aria-invalid={eraseFailure?.errors?.confirm ? true : undefined} aria-describedby={eraseFailure?.errors?.confirm ? "confirm-error" : undefined} />{" "}
              <span>{t("privacy.learner.eraseConfirm")}</span>
            </label>
            <ErrorText id="confirm-error" errors={eraseFailure?.errors?.confirm} />
            <div className="actions">
              <button type="submit" className="danger">
                {t("privacy.learner.eraseSubmit")}
              </button>
            </div>
          </Form>
        </section>
      )}
    </div>
  );
}
