import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory } from "~/components/TutoringHistory";
import { TutoringRequestFacts } from "~/components/TutoringRequestFacts";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { keysOfMask } from "~/models/accounts/availability";
import { getChapterBySlug } from "~/models/chapters/chapters.server";
import { MATCH_WEIGHTS, rankCandidates } from "~/models/tutoring/matching.server";
import { listLanguages } from "~/models/accounts/profiles.server";
import { regionLabel } from "~/models/regions/regions.server";
import { CANCEL_REASON_MAX } from "~/models/tutoring/tutoring-form";
import { completeRequest, listOffers, listSessions, offerRequest, tutorForLearner } from "~/models/tutoring/offers.server";
import { getRequestForLead, leadDecide, listTopics } from "~/models/tutoring/requests.server";
import { formatWhatsapp, whatsappLink } from "~/models/accounts/whatsapp";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const id = Number(params.requestId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const found = await getRequestForLead(db, user, chapter.id, id);
  if (!found.ok) return found.reason === "forbidden" ? forbidden() : notFound();
  const r = found.request;
  const open = ["new", "offered", "unmatched"].includes(r.status);
  const [candidates, topics, langs, place, offers, sessions, tutor] = await Promise.all([
    open ? rankCandidates(db, r.id) : Promise.resolve([]),
    listTopics(db),
    listLanguages(db),
    regionLabel(db, r.regionCode),
    listOffers(db, r.id),
    listSessions(db, r.id),
    tutorForLearner(db, r),
  ]);
  const en = context.locale === "en";
  const names = new Map(topics.map((tp) => [tp.slug, en ? tp.nameEn : tp.nameId]));
  const lang = langs.find((l) => l.code === r.language);
  return {
    title: `${translator(context.locale)("tutoring.lead.request", { id: r.id })} — Simpul`,
    chapter: { slug: chapter.slug, name: chapter.name },
    request: {
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      timeZone: r.timeZone,
      learnerName: r.learnerName,
      whatsapp: r.whatsapp ? { label: formatWhatsapp(r.whatsapp), href: whatsappLink(r.whatsapp) } : null,
      email: r.email,
      erased: r.erasedAt !== null,
      guardian: r.isMinor && r.guardianName ? { name: r.guardianName, contact: r.guardianContact ?? "" } : null,
      place,
      topics: r.topics.map((s) => names.get(s) ?? s),
      details: r.details,
      forWhom: r.forWhom,
      mode: r.mode,
      telecenter: r.telecenter,
      language: lang ? (en ? lang.nameEn : lang.nameId) : r.language,
      availability: keysOfMask(r.availability),
      history: r.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
    },
    candidates,
    canOffer: open,
    offers: offers.map((o) => ({ ...o, offeredAt: o.offeredAt.toISOString(), expiresAt: o.expiresAt.toISOString(), respondedAt: o.respondedAt?.toISOString() ?? null })),
    sessions,
    tutor: r.tutorId ? { name: offers.find((o) => o.volunteerId === r.tutorId)?.volunteerName ?? tutor?.firstName ?? "", contact: tutor } : null,
    rating: r.rating ? { value: r.rating, comment: r.ratingComment } : null,
    weights: MATCH_WEIGHTS,
    decided: new URL(request.url).searchParams.get("decided"),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const id = Number(params.requestId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "offer" || intent === "complete") {
    const volunteerId = form.get("volunteerId");
    const note = form.get("note");
    const result =
      intent === "offer"
        ? await offerRequest(db, user, chapter.id, id, typeof volunteerId === "string" ? volunteerId : "")
        : await completeRequest(db, user, id, typeof note === "string" ? note : "");
    if (!result.ok) {
      if ("errors" in result) return data<FormFailure>({ errors: result.errors, values: { note: typeof note === "string" ? note : "" } }, { status: 400 });
      if (result.reason === "forbidden") forbidden();
      if (result.reason === "conflict") return data<FormFailure>({ errors: { _form: ["tutoring.volunteer.conflict"] } }, { status: 409 });
      notFound();
    }
    return redirect(`/chapters/${chapter.slug}/tutoring/${id}?decided=${intent}`);
  }
  const decision = intent === "unmatched" ? "unmatched" : "cancel";
  const note = form.get("note");
  const text = typeof note === "string" ? note : "";
  const result = await leadDecide(db, user, chapter.id, id, decision, text);
  if (!result.ok) {
    if ("reason" in result) return result.reason === "forbidden" ? forbidden() : notFound();
    return data<FormFailure>({ errors: result.errors, values: { note: text } }, { status: 400 });
  }
  return redirect(`/chapters/${chapter.slug}/tutoring/${id}?decided=1`);
}

export default function TutoringRequestDetail() {
  const { chapter, request: r, candidates, canOffer, offers, sessions, tutor, rating, weights, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const closable = ["new", "offered", "matched", "in_progress", "unmatched"].includes(r.status);
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <p>
        <Link to={`/chapters/${chapter.slug}/tutoring`}>{t("tutoring.lead.back")}</Link>
      </p>
      <h1>{t("tutoring.lead.request", { id: r.id })}</h1>
      {decided && !actionData ? (
        <p className="notice" role="status">
          {t(decided === "offer" ? "tutoring.lead.offered" : decided === "complete" ? "tutoring.volunteer.done.complete" : "tutoring.lead.decided")}
        </p>
      ) : null}
      {actionData?.errors?._form ? <FormError errors={actionData.errors._form} /> : null}
      <p>
        {t(`tutoring.status.${r.status}`)} · {formatDateTime(r.createdAt, locale, r.timeZone)}
      </p>
      <section className="card" aria-labelledby="contact">
        <h2 id="contact" style={{ marginTop: 0 }}>
          {t("tutoring.lead.contact")}
        </h2>
        {r.erased ? (
          <p id="learner-erased">{t("privacy.lead.erased")}</p>
        ) : null}
        <dl>
          {r.learnerName ? (
            <>
              <dt>{t("tutoring.lead.learnerName")}</dt>
              <dd id="learner-name">{r.learnerName}</dd>
            </>
          ) : null}
          {r.guardian ? (
            <>
              <dt>{t("privacy.learner.minor")}</dt>
              <dd>{t("privacy.minor.recorded", { name: r.guardian.name, contact: r.guardian.contact })}</dd>
            </>
          ) : null}
          {r.whatsapp ? (
            <>
              <dt>{t("tutoring.form.whatsapp")}</dt>
              <dd>
                <a href={r.whatsapp.href}>{r.whatsapp.label}</a>
              </dd>
            </>
          ) : null}
          {r.email ? (
            <>
              <dt>{t("tutoring.form.email")}</dt>
              <dd>
                <a href={`mailto:${r.email}`}>{r.email}</a>
              </dd>
            </>
          ) : null}
          <TutoringRequestFacts r={r} />
        </dl>
      </section>
      {tutor ? (
        <section className="card" aria-labelledby="tutor">
          <h2 id="tutor" style={{ marginTop: 0 }}>
            {t("tutoring.lead.tutor")}
          </h2>
          <p>
            {tutor.name}
            {tutor.contact?.whatsapp ? (
              <>
                {" · "}
                <a href={tutor.contact.whatsapp.href}>{tutor.contact.whatsapp.label}</a>
              </>
            ) : tutor.contact?.email ? (
              ` · ${tutor.contact.email}`
            ) : null}
          </p>
          {rating ? (
            <p>
              {t("tutoring.lead.rating", { n: rating.value })}
              {rating.comment ? ` — “${rating.comment}”` : null}
            </p>
          ) : null}
        </section>
      ) : null}
      {sessions.length ? (
        <section aria-labelledby="sessions">
          <h2 id="sessions">{t("tutoring.session.title")}</h2>
          <p>{t("tutoring.session.total", { n: sessions.length, minutes: sessions.reduce((a, s) => a + s.minutes, 0) })}</p>
          <ul>
            {sessions.map((s) => (
              <li key={s.id}>
                {s.heldOn} · {t("tutoring.session.minutes", { n: s.minutes })} · {s.topic}
                {s.notes ? ` — ${s.notes}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.status === "in_progress" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="complete" />
          <button type="submit" className="secondary">
            {t("tutoring.lead.complete")}
          </button>
        </Form>
      ) : null}
      {offers.length ? (
        <section aria-labelledby="offers">
          <h2 id="offers">{t("tutoring.lead.offers")}</h2>
          <ul>
            {offers.map((o) => (
              <li key={o.id}>
                {o.volunteerName} — {t(`tutoring.offer.${o.kind}`)} · {t(`tutoring.offerStatus.${o.status}`)} · {formatDateTime(o.offeredAt, locale, r.timeZone)}
                {o.status === "pending" ? ` · ${t("tutoring.board.answerBy", { at: formatDateTime(o.expiresAt, locale, r.timeZone) })}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="history">
        <h2 id="history">{t("tutoring.lead.history")}</h2>
        <TutoringHistory items={r.history} timeZone={r.timeZone} actorLabel={(k) => t(`tutoring.actor.${k === "learner" ? "learnerOther" : k}`)} />
      </section>
      {closable ? (
        <section className="card" aria-labelledby="decide">
          <h2 id="decide" style={{ marginTop: 0 }}>
            {t("tutoring.lead.decideTitle")}
          </h2>
          <Form method="post" noValidate>
            <Field name="note" label={t("tutoring.lead.decideNote")} multiline defaultValue={valueOf(actionData, "note")} errors={actionData?.errors?.note} maxLength={CANCEL_REASON_MAX} />
            <div className="actions">
              {r.status === "new" || r.status === "offered" ? (
                <button type="submit" name="intent" value="unmatched" className="secondary">
                  {t("tutoring.lead.unmatched")}
                </button>
              ) : null}
              <button type="submit" name="intent" value="cancel" className="danger">
                {t("tutoring.lead.cancel")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="candidates">
        <h2 id="candidates">{t("tutoring.lead.candidates")}</h2>
        <p className="hint">
          {t("tutoring.lead.weights", {
            skill: weights.skill,
            desa: weights.region.desa,
            kecamatan: weights.region.kecamatan,
            kabupaten: weights.region.kabupaten,
            language: weights.language,
            availability: weights.availability,
            load: weights.load.perOpenRequest,
            loadMax: weights.load.max,
            rating: weights.rating.perStar,
          })}
        </p>
        {!canOffer ? (
          <p>{t("tutoring.lead.noRanking")}</p>
        ) : candidates.length === 0 ? (
          <p>{t("tutoring.lead.noCandidates")}</p>
        ) : (
          <ol className="plain-list" style={{ listStyle: "none", padding: 0 }}>
            {candidates.map((c, i) => (
              <li key={c.userId} className="card">
                <p style={{ margin: 0 }}>
                  <strong>
                    {i + 1}. {c.name}
                  </strong>{" "}
                  · {t("tutoring.lead.score")} {c.score}
                </p>
                <p className="hint" style={{ margin: "4px 0" }}>
                  {[
                    c.reasons.skillsNeeded ? t("tutoring.reason.skills", { n: c.reasons.skillsMatched, of: c.reasons.skillsNeeded }) : t("tutoring.reason.noSkills"),
                    t(`tutoring.reason.region.${c.reasons.region ?? "none"}`),
                    c.reasons.speaksLanguage ? t("tutoring.reason.language") : t("tutoring.reason.noLanguage"),
                    t("tutoring.reason.slots", { n: c.reasons.slotsShared, of: c.reasons.slotsWanted }),
                    t("tutoring.reason.load", { n: c.reasons.openRequests }),
                    c.reasons.averageRating === null ? t("tutoring.reason.noRating") : t("tutoring.reason.rating", { avg: c.reasons.averageRating, n: c.reasons.ratings }),
                    ...(c.reasons.previousOffer ? [t(`tutoring.reason.previous.${c.reasons.previousOffer}`)] : []),
                  ].join(" · ")}
                </p>
                {c.reasons.previousOffer === "pending" ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="offer" />
                    <input type="hidden" name="volunteerId" value={c.userId} />
                    <button type="submit" className="secondary" aria-label={t("tutoring.lead.offerTo", { name: c.name })}>
                      {t("tutoring.lead.offer")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
