import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { Contact } from "./LeadRequestPanels";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/lazy/components/tutoring/LeadRequestProgress.lazy";

// A matched request's progress on the lead's tutoring request page (the tutor, the sessions held, completing it),
// loaded apart from the page's code (see app/components/lazy-part.tsx): the server renders it with the page, its form
// is a plain form. New and offered requests, the most a lead opens, have none of it.

export type LeadRequestProgressProps = {
  tutor: { name: string; contact: { whatsapp: Contact | null; email: string | null } | null } | null;
  rating: { value: number; comment: string | null } | null;
  sessions: { id: number; heldOn: string; minutes: number; topic: string; notes: string }[];
  inProgress: boolean;
};

export function LeadRequestProgress({ tutor, rating, sessions, inProgress }: LeadRequestProgressProps) {
  return (
    <>
      {tutor ? <TutorPanel tutor={tutor} rating={rating} /> : null}
      {sessions.length ? <SessionsPanel sessions={sessions} /> : null}
      {inProgress ? <CompleteForm /> : null}
    </>
  );
}

/** The matched tutor, their contact and the learner's rating. */
function TutorPanel({ tutor, rating }: { tutor: { name: string; contact: { whatsapp: Contact | null; email: string | null } | null }; rating: { value: number; comment: string | null } | null }) {
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
function SessionsPanel({ sessions }: { sessions: { id: number; heldOn: string; minutes: number; topic: string; notes: string }[] }) {
  const t = useT();
  return (
    <section aria-labelledby="sessions">
      <h2 id="sessions">{t("tutoring.session.title")}</h2>
      <p>{t("tutoring.session.total", { n: sessions.length, minutes: sessions.reduce((a, s) => a + s.minutes, 0) })}</p>
      <ul>
        {sessions.map((s) => (
          <li key={s.id}>
            {s.heldOn} · {t(countKey("tutoring.session.minutes", s.minutes), { n: s.minutes })} · {s.topic}
            {s.notes ? ` — ${s.notes}` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Mark a request in progress as completed. */
function CompleteForm() {
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

