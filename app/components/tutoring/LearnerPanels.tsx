import { Form, Link } from "@remix-run/react";
import { ErrorText, Field, valueOf, type FormFailure } from "~/components/forms";
import { RegionPicker, type PickerState } from "~/components/RegionPicker";
import { formatDateTime } from "~/i18n/format";
import { formatDate } from "~/i18n/format-date";
import { useLocale, useT } from "~/i18n/react";
import { CANCEL_REASON_MAX, NAME_MAX, NOTE_MAX, RATING_COMMENT_MAX } from "~/models/tutoring/tutoring-form";
import { countKey } from "~/i18n/plural";

/** The learner's page panels (/lacak/<token>): plain forms only, the page ships no JavaScript. */

export type LearnerFailure = FormFailure & { intent: string };
type Tutor = { firstName: string; whatsapp: { href: string; label: string } | null; email: string | null };

/** The notice after a form on the page went through (?selesai=…). */
export function DoneNotice({ done }: { done: string | null }) {
  const t = useT();
  if (!(done === "cancel" || done === "note" || done === "rate" || done === "correct" || done === "erase" || done === "place")) return null;
  return (
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
                : done === "place"
                  ? "tutoring.track.placeCorrected"
                  : "tutoring.track.noteAdded",
      )}
    </p>
  );
}

/** The matched tutor: first name, how to reach them, the sessions so far. */
export function TutorCard({ tutor, status, sessions, minutes }: { tutor: Tutor; status: string; sessions: number; minutes: number }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="your-tutor">
      <h2 id="your-tutor" style={{ marginTop: 0 }}>
        {t("tutoring.track.tutorTitle")}
      </h2>
      <p id="tutor-name">{t(status === "completed" ? "tutoring.track.tutorTextDone" : "tutoring.track.tutorText", { name: tutor.firstName })}</p>
      {tutor.whatsapp ? (
        <p>
          <a className="button" href={tutor.whatsapp.href} rel="noreferrer">
            {t("tutoring.track.tutorWhatsapp", { name: tutor.firstName, number: tutor.whatsapp.label })}
          </a>
        </p>
      ) : tutor.email ? (
        <p>
          <a href={`mailto:${tutor.email}`}>{tutor.email}</a>
        </p>
      ) : null}
      {sessions ? <p>{t("tutoring.track.sessions", { n: sessions, minutes })}</p> : null}
    </section>
  );
}

/** Rating a completed request, or the rating already given. */
export function RatePanel({ rating, failure }: { rating: { value: number; comment: string | null } | null; failure: LearnerFailure | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="rate">
      <h2 id="rate" style={{ marginTop: 0 }}>
        {t("tutoring.rate.title")}
      </h2>
      {rating ? (
        <p id="your-rating">
          {t("tutoring.rate.given", { n: rating.value })}
          {rating.comment ? ` — “${rating.comment}”` : null}
        </p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rate" />
          <fieldset aria-describedby={failure?.errors?.rating ? "rating-error" : undefined}>
            <legend>{t("tutoring.rate.question")}</legend>
            <div className="checks">
              {[5, 4, 3, 2, 1].map((n) => (
                <label key={n}>
                  <input type="radio" name="rating" value={n} defaultChecked={valueOf(failure, "rating") === String(n)} />
                  <span>{t(`tutoring.rate.star${n}`)}</span>
                </label>
              ))}
            </div>
            <ErrorText id="rating-error" errors={failure?.errors?.rating} />
          </fieldset>
          <Field name="comment" label={t("tutoring.rate.comment")} multiline maxLength={RATING_COMMENT_MAX} defaultValue={valueOf(failure, "comment")} errors={failure?.errors?.comment} />
          <button type="submit" className="primary">
            {t("tutoring.rate.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

type LearnerData = {
  learnerName: string;
  whatsapp: string | null;
  email: string | null;
  place: string | null;
  topics: string[];
  details: string | null;
  isMinor: boolean;
  guardian: { name: string; contact: string } | null;
  consentAt: string;
  consentVersion: string;
  erasedAt: string | null;
  timeZone: string;
  seenBy: { at: string; name: string }[];
  /** the rest of the request, in words (learner-page.server.ts) */
  held: { forWhom: string; where: string; language: string; availability: string[]; sessions: { day: string; minutes: number; topic: string; notes: string }[] };
};

/** Everything held about the learner (UU PDP), who has looked at it, and the privacy notice. */
export function MyDataPanel({ r }: { r: LearnerData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="your-data">
      <h2 id="your-data" style={{ marginTop: 0 }}>
        {t("privacy.learner.title")}
      </h2>
      {r.erasedAt ? <p id="erased-notice">{t("privacy.learner.erasedOn", { date: formatDate(r.erasedAt, locale, r.timeZone) })}</p> : <p>{t("privacy.learner.lead")}</p>}
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
        <dt>{t("privacy.learner.forWhom")}</dt>
        <dd>{r.held.forWhom}</dd>
        <dt>{t("privacy.learner.where")}</dt>
        <dd>{r.held.where}</dd>
        <dt>{t("privacy.learner.language")}</dt>
        <dd>{r.held.language}</dd>
        <dt>{t("privacy.learner.availability")}</dt>
        <dd>{r.held.availability.length ? r.held.availability.join(", ") : "—"}</dd>
        {r.isMinor ? (
          <>
            <dt>{t("privacy.learner.minor")}</dt>
            <dd>{r.guardian ? `${t("privacy.learner.guardian")}: ${r.guardian.name} (${r.guardian.contact})` : "—"}</dd>
          </>
        ) : null}
        <dt>{t("privacy.noticeLink")}</dt>
        <dd>{t("privacy.learner.consent", { date: formatDate(r.consentAt, locale, r.timeZone), version: r.consentVersion })}</dd>
      </dl>
      {r.held.sessions.length ? (
        <>
          <h3>{t("privacy.learner.sessions")}</h3>
          <ul id="held-sessions">
            {r.held.sessions.map((x, i) => (
              <li key={i}>
                {t(countKey("privacy.learner.sessionRow", x.minutes), { date: x.day, minutes: x.minutes })}
                {[x.topic, x.notes].filter(Boolean).map((s) => ` — ${s}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
  );
}

/** A note to the chapter while the request is open. */
export function NotePanel({ failure }: { failure: LearnerFailure | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="note">
      <h2 id="note" style={{ marginTop: 0 }}>
        {t("tutoring.track.noteTitle")}
      </h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="note" />
        <Field name="note" label={t("tutoring.track.note")} multiline required defaultValue={valueOf(failure, "note")} errors={failure?.errors?.note} maxLength={NOTE_MAX} />
        <button type="submit" className="secondary">
          {t("tutoring.track.noteSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** Cancelling an open request, with a reason. */
export function CancelPanel({ failure }: { failure: LearnerFailure | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="cancel">
      <h2 id="cancel" style={{ marginTop: 0 }}>
        {t("tutoring.track.cancelTitle")}
      </h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="cancel" />
        <Field name="reason" label={t("tutoring.track.cancelReason")} multiline required defaultValue={valueOf(failure, "reason")} errors={failure?.errors?.reason} maxLength={CANCEL_REASON_MAX} />
        <button type="submit" className="danger">
          {t("tutoring.track.cancelSubmit")}
        </button>
      </Form>
    </section>
  );
}

/**
 * Correcting the kecamatan/desa picked on /bantu, with the same picker (its "next" button steps without JavaScript):
 * the form while nobody has been offered or holds the request, else why it is not moved here.
 */
export function PlacePanel({ picker, held, failure }: { picker: PickerState | null; held: boolean; failure: (LearnerFailure & { picker?: PickerState; step?: boolean }) | undefined }) {
  const t = useT();
  if (!picker && !held) return null;
  return (
    <section className="card" aria-labelledby="place">
      <h2 id="place" style={{ marginTop: 0 }}>
        {t("tutoring.track.placeTitle")}
      </h2>
      {picker ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="place" />
          <RegionPicker
            name="region"
            state={failure?.picker ?? picker}
            legend={t("tutoring.track.region")}
            hint={t("tutoring.track.placeHint")}
            errors={failure?.errors?.region}
            requiredLevel={3}
            stepped={failure?.step}
          />
          <button type="submit" className="secondary">
            {t("tutoring.track.placeSubmit")}
          </button>
        </Form>
      ) : (
        <p id="place-held">{t("tutoring.track.placeHeld")}</p>
      )}
    </section>
  );
}

/** Correcting the learner's name and contact. */
export function CorrectPanel({ r, failure }: { r: { learnerName: string; rawWhatsapp: string; email: string | null }; failure: LearnerFailure | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="correct">
      <h2 id="correct" style={{ marginTop: 0 }}>
        {t("privacy.learner.correctTitle")}
      </h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="correct" />
        <Field name="name" label={t("tutoring.form.name")} required maxLength={NAME_MAX} autoComplete="name" defaultValue={valueOf(failure, "name", r.learnerName)} errors={failure?.errors?.name} />
        <Field name="whatsapp" label={t("tutoring.form.whatsapp")} type="tel" inputMode="tel" maxLength={40} autoComplete="tel" defaultValue={valueOf(failure, "whatsapp", r.rawWhatsapp)} errors={failure?.errors?.whatsapp} />
        <Field name="email" label={t("tutoring.form.email")} type="email" inputMode="email" maxLength={254} autoComplete="email" defaultValue={valueOf(failure, "email", r.email ?? "")} errors={failure?.errors?.email} />
        <button type="submit" className="secondary">
          {t("privacy.learner.correctSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** Erasing the learner's personal data, after ticking a confirmation. */
export function ErasePanel({ failure }: { failure: LearnerFailure | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="erase">
      <h2 id="erase" style={{ marginTop: 0 }}>
        {t("privacy.learner.eraseTitle")}
      </h2>
      <p>{t("privacy.learner.eraseText")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="erase" />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={failure?.errors?.confirm ? true : undefined} aria-describedby={failure?.errors?.confirm ? "confirm-error" : undefined} />{" "}
          <span>{t("privacy.learner.eraseConfirm")}</span>
        </label>
        <ErrorText id="confirm-error" errors={failure?.errors?.confirm} />
        <div className="actions">
          <button type="submit" className="danger">
            {t("privacy.learner.eraseSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
