import { Form } from "@remix-run/react";
import type { HistoryItem } from "~/components/TutoringHistory";
import { TutoringRequestFacts, type RequestFacts } from "~/components/TutoringRequestFacts";
import { useT } from "~/i18n/react";

/** The chapter lead's panels of a tutoring request: contact and facts, tutor, sessions, offers (history, closing and
 * candidates: LeadRequestLower.lazy.tsx, loaded apart). */

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

