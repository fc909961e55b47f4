import { Link } from "@remix-run/react";
import { ErrorText, Field, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";

/**
 * Under 18 or not (required), and under 18 the consent of a parent or guardian (UU PDP art. 25): on the public
 * registration forms, ahead and at the door; the server checks it (models/privacy/guardian.server.ts).
 */
export function GuardianFieldset({ typed }: { typed: FormFailure | null | undefined }) {
  const t = useT();
  const errors = typed?.errors;
  const minor = valueOf(typed, "minor");
  return (
    <>
      <fieldset aria-describedby={errors?.minor ? "minor-error" : undefined}>
        <legend>{t("events.minor.question")}</legend>
        <div className="checks">
          {(["no", "yes"] as const).map((o) => (
            <label key={o}>
              <input type="radio" name="minor" value={o} defaultChecked={minor === o} /> {t(`privacy.minor.answer.${o}`)}
            </label>
          ))}
        </div>
        <ErrorText id="minor-error" errors={errors?.minor} />
      </fieldset>
      <fieldset aria-describedby="guardian-hint">
        <legend>{t("privacy.minor.guardianTitle")}</legend>
        <p className="hint" id="guardian-hint">
          {t("events.minor.guardianHint")} <Link to="/privasi">{t("privacy.noticeLink")}</Link>
        </p>
        <Field name="guardianName" label={t("privacy.minor.guardianName")} defaultValue={valueOf(typed, "guardianName")} errors={errors?.guardianName} maxLength={120} autoComplete="off" />
        <Field
          name="guardianContact"
          label={t("privacy.minor.guardianContact")}
          hint={t("privacy.minor.guardianContactHint")}
          defaultValue={valueOf(typed, "guardianContact")}
          errors={errors?.guardianContact}
          maxLength={254}
          autoComplete="off"
        />
        <label>
          <input
            type="checkbox"
            name="guardianConsent"
            value="yes"
            defaultChecked={valueOf(typed, "guardianConsent") === "yes"}
            aria-invalid={errors?.guardianConsent ? true : undefined}
            aria-describedby={errors?.guardianConsent ? "guardianConsent-error" : undefined}
          />{" "}
          <span>{t("events.minor.guardianConsent")}</span>
        </label>
        <ErrorText id="guardianConsent-error" errors={errors?.guardianConsent} />
      </fieldset>
    </>
  );
}
