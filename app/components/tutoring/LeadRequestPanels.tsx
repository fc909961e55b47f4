import { Form } from "@remix-run/react";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory, type HistoryItem } from "~/components/TutoringHistory";
import { TutoringRequestFacts, type RequestFacts } from "~/components/TutoringRequestFacts";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { CANCEL_REASON_MAX, type MATCH_WEIGHTS } from "~/models/tutoring/tutoring-form";

/** The chapter lead's panels of a tutoring request: contact and facts, tutor, sessions, offers, history, close, candidates. */

type Contact = { label: string; href: string };

export type LeadRequestView = RequestFacts & {
  status: string;
  timeZone: string;
  learnerName: string | null;
  whatsapp: Contact | null;
  email: string | null;
  erased: boolean;
  guardian: { name: string; contact: string } | null;
  history: HistoryItem[];
};

/** The learner's contact (or that it was erased), the guardian of a minor, and what was asked for. */
export function ContactPanel({ r }: { r: LeadRequestView }) {
  const t = useT();
  return (
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
  );
}

/** The matched tutor, their contact and the learner's rating. */
export function TutorPanel({ tutor, rating }: { tutor: { name: string; contact: { whatsapp: Contact | null; email: string | null } | null }; rating: { value: number; comment: string | null } | null }) {
  const t = useT();
  return (
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
  );
}

/** The sessions held, with their total. */
export function SessionsPanel({ sessions }: { sessions: { id: number; heldOn: string; minutes: number; topic: string; notes: string }[] }) {
  const t = useT();
  return (
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
  );
}

/** Mark a request in progress as completed. */
export function CompleteForm() {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="complete" />
      <button type="submit" className="secondary">
        {t("tutoring.lead.complete")}
      </button>
    </Form>
  );
}

/** Offers made for the request, newest first. */
export function OffersPanel({ offers, timeZone }: { offers: { id: number; volunteerName: string; kind: string; status: string; offeredAt: string; expiresAt: string }[]; timeZone: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="offers">
      <h2 id="offers">{t("tutoring.lead.offers")}</h2>
      <ul>
        {offers.map((o) => (
          <li key={o.id}>
            {o.volunteerName} — {t(`tutoring.offer.${o.kind}`)} · {t(`tutoring.offerStatus.${o.status}`)} · {formatDateTime(o.offeredAt, locale, timeZone)}
            {o.status === "pending" ? ` · ${t("tutoring.board.answerBy", { at: formatDateTime(o.expiresAt, locale, timeZone) })}` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The request's status changes. */
export function HistoryPanel({ items, timeZone }: { items: HistoryItem[]; timeZone: string }) {
  const t = useT();
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t("tutoring.lead.history")}</h2>
      <TutoringHistory items={items} timeZone={timeZone} actorLabel={(k) => t(`tutoring.actor.${k === "learner" ? "learnerOther" : k}`)} />
    </section>
  );
}

/** Close the request: nobody suitable ("unmatched", while not yet matched) or cancel, with a note. */
export function ClosePanel({ status, result }: { status: string; result?: FormFailure }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="decide">
      <h2 id="decide" style={{ marginTop: 0 }}>
        {t("tutoring.lead.decideTitle")}
      </h2>
      <Form method="post" noValidate>
        <Field name="note" label={t("tutoring.lead.decideNote")} multiline defaultValue={valueOf(result, "note")} errors={result?.errors?.note} maxLength={CANCEL_REASON_MAX} />
        <div className="actions">
          {status === "new" || status === "offered" ? (
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
  );
}

export type CandidateView = {
  userId: string;
  name: string;
  score: number;
  reasons: {
    skillsMatched: number;
    skillsNeeded: number;
    region: string | null;
    speaksLanguage: boolean;
    slotsShared: number;
    slotsWanted: number;
    openRequests: number;
    averageRating: number | null;
    ratings: number;
    previousOffer: string | null;
  };
};

/** Volunteers ranked for the request, why, and a button to offer it to each. */
export function CandidatesPanel({ candidates, canOffer, weights }: { candidates: CandidateView[]; canOffer: boolean; weights: typeof MATCH_WEIGHTS }) {
  const t = useT();
  return (
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
  );
}
