import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";

type ReportEvent = { id: number; timeZone: string; startsAt: string };

/** The report's status and, before the event has started, when the report opens. */
export function ReportStatus({ event, status, started }: { event: ReportEvent; status: string | null; started: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {status ? (
        <p className="notice" role="status">
          {t(`events.report.status.${status}`)}
        </p>
      ) : null}
      {!started ? (
        <p className="notice" role="note">
          {t("events.report.opensAt", { when: formatDateTime(event.startsAt, locale, event.timeZone) })}
        </p>
      ) : null}
    </>
  );
}
