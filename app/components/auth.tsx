import { useEffect, useRef } from "react";
import { useT } from "~/i18n/react";

/** What the account actions answer on failure: field errors (dictionary keys), typed values, and a form-level message. */
export type AuthFailure = {
  errors?: Record<string, string[] | undefined>;
  values?: Record<string, string | string[] | undefined>;
  formError?: { key: string; params?: Record<string, string | number> };
};

/** A form-level message with parameters (e.g. the minutes left when rate-limited). */
export function AuthFormError({ error }: { error?: AuthFailure["formError"] }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="form-error" role="alert">
      <p style={{ margin: 0 }}>{t(error.key, error.params)}</p>
    </div>
  );
}

/**
 * After a refused submit the page behaves as without JavaScript: password fields are empty again
 * and focus moves to the first field with an error.
 */
export function useAfterFailure(failure: AuthFailure | undefined) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = ref.current;
    if (!failure || !form) return;
    form.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((i) => (i.value = ""));
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failure]);
  return ref;
}
