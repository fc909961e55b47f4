import type { HistoryItem } from "~/components/TutoringHistory";
import { TutoringRequestFacts, type RequestFacts } from "~/components/TutoringRequestFacts";
import { useT } from "~/i18n/react";

/** The chapter lead's panels of a tutoring request: contact and facts (tutor, sessions and completing:
 * LeadRequestProgress.lazy.tsx; offers, history, closing and candidates: LeadRequestLower.lazy.tsx; both loaded apart). */

export type Contact = { label: string; href: string };

export type LeadRequestView = RequestFacts & {
  status: string;
  timeZone: string;
  learnerName: string | null;
  whatsapp: Contact | null;
  email: string | null;
  erased: boolean;
  guardian: { name: string; contact: string } | null;
  history: HistoryItem[];
  /** the chapter's other requests from the same WhatsApp or email */
  sameContact: { id: number; status: string; createdText: string }[];
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
      {r.sameContact.length ? (
        <div className="notice" id="same-contact">
          {t("tutoring.lead.sameContact")}
          <ul>
            {r.sameContact.map((x) => (
              <li key={x.id}>
                {/* relative to this request's page: the other request of the same chapter */}
                <a href={String(x.id)}>{t("tutoring.lead.request", { id: x.id })}</a> · {t(`tutoring.status.${x.status}`)} · {x.createdText}
              </li>
            ))}
          </ul>
        </div>
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
            <dt>{t("privacy.learner.guardian")}</dt>
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
