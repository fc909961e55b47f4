import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { regionLabel } from "~/models/regions.server";
import { addLearnerNote, CANCEL_REASON_MAX, cancelByToken, getRequestByToken, listTopics, NOTE_MAX } from "~/models/tutoring.server";
import { formatWhatsapp } from "~/models/whatsapp";

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
  const [topics, place] = await Promise.all([listTopics(db), regionLabel(db, request.regionCode)]);
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
      timeZone: request.timeZone,
      createdAt: request.createdAt.toISOString(),
      history: request.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
    },
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await request.formData();
  const intent = form.get("intent") === "note" ? "note" : "cancel";
  const field = intent === "note" ? "note" : "reason";
  const raw = form.get(field);
  const text = typeof raw === "string" ? raw : "";
  const result = intent === "note" ? await addLearnerNote(db, token, text) : await cancelByToken(db, token, text);
  if (!result.ok) {
    if ("notFound" in result) notFound();
    return data<FormFailure & { intent: string }>({ intent, errors: result.errors, values: { [field]: text } }, { status: 400 });
  }
  return redirect(`/lacak/${token}?selesai=${intent}`);
}

export default function TrackRequest() {
  const { request: r, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure & { intent: string }>();
  const noteFailure = actionData?.intent === "note" ? actionData : undefined;
  const cancelFailure = actionData?.intent === "cancel" ? actionData : undefined;
  const t = useT();
  const locale = useLocale();
  const open = !["completed", "cancelled"].includes(r.status);
  const fmtHistory = (h: (typeof r.history)[number]) =>
    h.fromStatus === h.toStatus ? t("tutoring.track.noteTitle") : t(`tutoring.status.${h.toStatus}`);
  return (
    <div className="narrow">
      <h1>{t("tutoring.track.title")}</h1>
      {done === "cancel" || done === "note" ? (
        <p className="notice" role="status">
          {t(done === "cancel" ? "tutoring.track.cancelled" : "tutoring.track.noteAdded")}
        </p>
      ) : null}
      <p>
        <strong>{t("tutoring.track.status")}:</strong> <span id="tutoring-status">{t(`tutoring.status.${r.status}`)}</span>
      </p>
      <p>
        <strong>{t("tutoring.track.chapter")}:</strong> {r.chapterName}
      </p>
      <section className="card" aria-labelledby="your-data">
        <h2 id="your-data" style={{ marginTop: 0 }}>
          {t("tutoring.track.yourData")}
        </h2>
        <dl>
          <dt>{t("tutoring.form.name")}</dt>
          <dd>{r.learnerName}</dd>
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
        </dl>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t("tutoring.track.history")}</h2>
        <ol>
          {r.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at, locale, r.timeZone)} — {fmtHistory(h)} ({t(`tutoring.actor.${h.actorKind}`)})
              {h.note ? `: ${h.note}` : null}
            </li>
          ))}
        </ol>
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
    </div>
  );
}
