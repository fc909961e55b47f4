import type { ReactNode } from "react";
import { ErrorText, Field, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";

/**
 * The consent of a parent or guardian for someone under 18 (UU PDP art. 25): their name, their contact and the
 * ticked consent, as the public forms ask it (a tutoring request, an event's registration ahead and at the door). The
 * server checks it (models/privacy/guardian.server.ts); each form says in its own words what the consent covers.
 */
export function GuardianConsentFields({ typed, hint, consent, nameMaxLength }: { typed: FormFailure | null | undefined; hint: ReactNode; consent: string; nameMaxLength: number }) {
  const t = useT();
  const errors = typed?.errors;
  return (
    <fieldset aria-describedby="guardian-hint">
      <legend>{t("privacy.minor.guardianTitle")}</legend>
      <p className="hint" id="guardian-hint">
        {hint}
      </p>
      <Field name="guardianName" label={t("privacy.minor.guardianName")} defaultValue={valueOf(typed, "guardianName")} errors={errors?.guardianName} maxLength={nameMaxLength} autoComplete="off" />
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
        <span>{consent}</span>
      </label>
      <ErrorText id="guardianConsent-error" errors={errors?.guardianConsent} />
    </fieldset>
  );
}
