import { Link } from "@remix-run/react";
import { ErrorText, valueOf, type FormFailure } from "~/components/forms";
import { GuardianConsentFields } from "~/components/GuardianConsentFields";
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
      <GuardianConsentFields
        typed={typed}
        hint={
          <>
            {t("events.minor.guardianHint")} <Link to="/privasi">{t("privacy.noticeLink")}</Link>
          </>
        }
        consent={t("events.minor.guardianConsent")}
        nameMaxLength={120}
      />
    </>
  );
}
