import { useT } from "~/i18n/react";

/**
 * The report's status and, before the event has started, when the report opens (`opensAt`, written by the server in
 * the reader's language and the event's zone: the page ships no date formatting code).
 */
export function ReportStatus({ status, opensAt }: { status: string | null; opensAt: string | null }) {
  const t = useT();
  return (
    <>
      {status ? (
        <p className="notice" role="status">
          {t(`events.report.status.${status}`)}
        </p>
      ) : null}
      {opensAt ? (
        <p className="notice" role="note">
          {t("events.report.opensAt", { when: opensAt })}
        </p>
      ) : null}
    </>
  );
}
