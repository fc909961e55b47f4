import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { QrImage } from "./LeadPanels";
import { PostForm } from "./PostForm";
import { countKey } from "~/i18n/plural";

type Participant = { id: number; name: string; institutionName: string | null; gender: string | null };

/** The door registration QR for participants, the count so far and the list the lead can tidy. */
export function DoorPanel({ eventId, url, participants }: { eventId: number; url: string; participants: Participant[] }) {
  const t = useT();
  return (
    <div className="card">
      <h3 style={{ marginTop: 0 }}>{t("events.door.leadTitle")}</h3>
      <p className="hint">{t("events.door.leadHint")}</p>
      <QrImage eventId={eventId} kind="door" label={t("events.door.qrLabel")} />
      <p>
        <a href={url}>{url}</a>
      </p>
      <p role="status">{t(countKey("events.door.count", participants.length), { n: participants.length })}</p>
      <p>
        <Link className="button secondary" to={`/events/${eventId}/participants`}>
          {t("public.lead.open")}
        </Link>
      </p>
      {participants.length ? (
        <details>
          <summary>{t("events.door.list")}</summary>
          <ul>
            {participants.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.institutionName ? ` · ${p.institutionName}` : ""}
                {p.gender ? ` · ${t(`events.door.gender.${p.gender}`)}` : ""}{" "}
                <PostForm style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="removeParticipant" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <button type="submit" className="link-button" aria-label={`${t("events.lead.remove")}: ${p.name}`}>
                    {t("events.lead.remove")}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
