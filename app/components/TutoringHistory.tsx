import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";

export type HistoryItem = { at: string; fromStatus: string | null; toStatus: string; actorKind?: string; note: string | null };

/**
 * A tutoring request's history, oldest first. System notes are dictionary keys (tutoring.history.*); a row that
 * keeps the status is a note (the learner's, or the system's own words); `actorLabel` names who did it, if shown.
 */
export function TutoringHistory({ items, timeZone, actorLabel }: { items: HistoryItem[]; timeZone: string; actorLabel?: (kind: string) => string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol>
      {items.map((h, i) => {
        const systemNote = h.note?.startsWith("tutoring.history.") ? t(h.note) : null;
        const what = h.fromStatus === h.toStatus ? (systemNote ?? t("tutoring.track.noteTitle")) : t(`tutoring.status.${h.toStatus}`);
        const note = h.fromStatus === h.toStatus && systemNote ? null : (systemNote ?? h.note);
        return (
          <li key={i}>
            {formatDateTime(h.at, locale, timeZone)} — {what}
            {actorLabel && h.actorKind ? ` (${actorLabel(h.actorKind)})` : null}
            {note ? `: ${note}` : null}
          </li>
        );
      })}
    </ol>
  );
}
