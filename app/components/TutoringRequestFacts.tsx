import { DAY_PARTS, parseSlotKey, WEEKDAYS } from "~/models/accounts/availability";
import { useT } from "~/i18n/react";

export type RequestFacts = {
  place: string | null;
  topics: string[];
  details: string;
  forWhom: string;
  mode: string;
  telecenter: string | null;
  language: string;
  availability: string[];
};

/** What a learner asked for, as <dt>/<dd> pairs inside the caller's <dl> (the lead's and the volunteer's page). */
export function TutoringRequestFacts({ r }: { r: RequestFacts }) {
  const t = useT();
  const slotLabel = (key: string) => {
    const s = parseSlotKey(key);
    return s ? t("tutoring.form.slot", { day: t(`profile.day.${WEEKDAYS[s.weekday]}`), part: t(`profile.part.${DAY_PARTS[s.part]}`) }) : key;
  };
  const mode = t(`tutoring.mode.${r.mode}`);
  return (
    <>
      <dt>{t("tutoring.track.region")}</dt>
      <dd>{r.place}</dd>
      <dt>{t("tutoring.track.topics")}</dt>
      <dd>{r.topics.join(", ") || "—"}</dd>
      {r.details ? (
        <>
          <dt>{t("tutoring.lead.details")}</dt>
          <dd style={{ whiteSpace: "pre-line" }}>{r.details}</dd>
        </>
      ) : null}
      <dt>{t("tutoring.lead.forWhom")}</dt>
      <dd>{t(`tutoring.forWhom.${r.forWhom}`)}</dd>
      <dt>{t("tutoring.lead.mode")}</dt>
      <dd>{r.telecenter ? `${mode}: ${r.telecenter}` : mode}</dd>
      <dt>{t("tutoring.lead.language")}</dt>
      <dd>{r.language}</dd>
      <dt>{t("tutoring.lead.availability")}</dt>
      <dd>{r.availability.map(slotLabel).join(", ") || "—"}</dd>
    </>
  );
}
