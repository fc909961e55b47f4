import { Form } from "@remix-run/react";
import { ErrorText, Field } from "~/components/forms";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import "~/i18n/strings/lazy/components/events/ReportReview.lazy";

// The lead's review of a filed report and the report's photos, loaded apart from the page's code (see
// app/components/lazy-part.tsx): most who open the page come to fill in the report's form.

export type Errors = Record<string, string[] | undefined> | undefined;
export type ReportEvent = { id: number; timeZone: string; startsAt: string; endsAt: string };
export type Photo = { id: number; width: number; height: number };

/** The lead's approve and return-with-a-note forms for a filed report; a cancelled event's report is never approved, so no approve form. */
export function ReportReview({ event, status, ended, errors, cancelled }: { event: ReportEvent; status: string; ended: boolean; errors: Errors; cancelled: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {status === "submitted" && !cancelled ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="approve" />
          <p>{ended ? t("events.report.approveHint") : t("events.report.approveAfter", { when: formatDateTime(event.endsAt, locale, event.timeZone) })}</p>
          <ErrorText id="approve-error" errors={errors?.approve} />
          <button type="submit" className="primary">
            {t("events.report.approve")}
          </button>
        </Form>
      ) : (
        // an approval pressed on a page loaded before the cancellation is refused: the refusal shows without the form
        <ErrorText id="approve-error" errors={errors?.approve} />
      )}
      {status !== "returned" ? (
        <details className="card">
          <summary>{t("events.report.return")}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="return" />
            <Field name="note" label={t("events.report.returnNote")} multiline maxLength={1000} errors={errors?.note} />
            <button type="submit" className="secondary">
              {t("events.report.returnSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

/** The report's photos, each with its own delete form. */
export function ReportPhotos({ eventId, photos }: { eventId: number; photos: Photo[] }) {
  const t = useT();
  if (!photos.length) return null;
  return (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      {photos.map((p, i) => (
        <figure key={p.id} style={{ margin: 0 }}>
          <img src={`/events/${eventId}/photos/${p.id}`} width={160} height={Math.round((160 * p.height) / p.width)} alt={t("events.report.photoAlt", { n: i + 1 })} loading="lazy" />
          <Form method="post">
            <input type="hidden" name="intent" value="deletePhoto" />
            <input type="hidden" name="photoId" value={p.id} />
            <button type="submit" className="link-button" aria-label={`${t("events.report.photoDelete")}: ${t("events.report.photoAlt", { n: i + 1 })}`}>
              {t("events.report.photoDelete")}
            </button>
          </Form>
        </figure>
      ))}
    </div>
  );
}

/** The lead's review (a filed report) and the report's photos. */
export function ReportLower({ event, status, ended, errors, photos, lead, cancelled }: { event: ReportEvent; status: string | null; ended: boolean; errors: Errors; photos: Photo[]; lead: boolean; cancelled: boolean }) {
  return (
    <>
      {status && lead ? <ReportReview event={event} status={status} ended={ended} errors={errors} cancelled={cancelled} /> : null}
      {status ? <ReportPhotos eventId={event.id} photos={photos} /> : null}
    </>
  );
}
