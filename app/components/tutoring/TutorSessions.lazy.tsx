import { Form } from "@remix-run/react";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { TutoringHistory } from "~/components/TutoringHistory";
import { formatDate } from "~/i18n/format-date";
import { useLocale, useT } from "~/i18n/react";
import { SESSION_MINUTES, SESSION_NOTES_MAX, SESSION_TOPIC_MAX } from "~/models/tutoring/tutoring-form";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/lazy/components/tutoring/TutorSessions.lazy";

// The tutor's part of a tutoring request (sessions logged, the session form, completion, history), loaded apart from
// the page's code (see app/components/lazy-part.tsx): only the volunteer who accepted the request sees it.

type Session = { id: number; heldOn: string; minutes: number; topic: string; notes: string };
type HistoryItem = { at: string; fromStatus: string | null; toStatus: string; note: string | null };

export function TutorSessions({
  r,
  today,
  submissionKey,
  sessionFailure,
  completeFailure,
}: {
  r: { status: string; timeZone: string; sessions: Session[]; history: HistoryItem[] };
  today: string;
  submissionKey: string;
  sessionFailure: FormFailure | undefined;
  completeFailure: FormFailure | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const minutesTotal = r.sessions.reduce((a, s) => a + s.minutes, 0);
  return (
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
                {formatDate(`${s.heldOn}T12:00:00Z`, locale, "UTC")} · {t(countKey("tutoring.session.minutes", s.minutes), { n: s.minutes })} · {s.topic}
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
            <Field name="note" label={t("tutoring.volunteer.completeNote")} multiline maxLength={SESSION_NOTES_MAX} defaultValue={valueOf(completeFailure, "note")} errors={completeFailure?.errors?.note} />
            <button type="submit" className="primary">
              {t("tutoring.volunteer.complete")}
            </button>
          </Form>
        </div>
      ) : null}
      <h2>{t("tutoring.lead.history")}</h2>
      <TutoringHistory items={r.history} timeZone={r.timeZone} />
    </section>
  );
}
