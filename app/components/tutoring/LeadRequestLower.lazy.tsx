import { Form } from "@remix-run/react";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory, type HistoryItem } from "~/components/TutoringHistory";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { CANCEL_REASON_MAX, type MATCH_WEIGHTS } from "~/models/tutoring/tutoring-form";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/lazy/components/tutoring/LeadRequestLower.lazy";

// The lower half of the lead's tutoring request page (offers made, history, closing, ranked candidates), loaded apart from the
// page's code (see app/components/lazy-part.tsx): the server renders it with the page, its forms are plain forms.

type Offer = { id: number; volunteerName: string; kind: string; status: string; offeredAt: string; expiresAt: string };

export type LeadRequestLowerProps = {
  offers: Offer[];
  history: HistoryItem[];
  timeZone: string;
  closable: boolean;
  status: string;
  result?: FormFailure;
  candidates: CandidateView[];
  canOffer: boolean;
  weights: typeof MATCH_WEIGHTS;
};

export function LeadRequestLower({ offers, history, timeZone, closable, status, result, candidates, canOffer, weights }: LeadRequestLowerProps) {
  return (
    <>
      {offers.length ? <OffersPanel offers={offers} timeZone={timeZone} /> : null}
      <HistoryPanel items={history} timeZone={timeZone} />
      {closable ? <ClosePanel status={status} result={result} /> : null}
      <CandidatesPanel candidates={candidates} canOffer={canOffer} weights={weights} />
    </>
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
                  t(countKey("tutoring.reason.load", c.reasons.openRequests), { n: c.reasons.openRequests }),
                  c.reasons.averageRating === null ? t("tutoring.reason.noRating") : t(countKey("tutoring.reason.rating", c.reasons.ratings), { avg: c.reasons.averageRating, n: c.reasons.ratings }),
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

/** Offers made for the request, newest first. */
export function OffersPanel({ offers, timeZone }: { offers: Offer[]; timeZone: string }) {
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
