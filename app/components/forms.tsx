import type { ReactNode } from "react";
import { useT } from "~/i18n/react";

/** What actions return on bad input: dictionary keys per field, and the values to put back. */
export type FormFailure = { errors?: Record<string, string[] | undefined>; values?: Record<string, string | string[] | undefined> };

export function valueOf(failure: FormFailure | undefined | null, name: string, fallback = ""): string {
  const v = failure?.values?.[name];
  if (v === undefined) return fallback;
  return Array.isArray(v) ? (v[0] ?? "") : v;
}

export function valuesOf(failure: FormFailure | undefined | null, name: string, fallback: string[] = []): string[] {
  const v = failure?.values?.[name];
  if (v === undefined) return fallback;
  return Array.isArray(v) ? v : [v];
}

export function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p className="error" id={id}>
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric" | "search";
  multiline?: boolean;
  children?: ReactNode;
  maxLength?: number;
};

/** Label, optional hint, input and its error, wired with aria-invalid/aria-describedby. */
export function Field({ name, label, type = "text", defaultValue, hint, errors, required, autoComplete, inputMode, multiline, children, maxLength }: FieldProps) {
  const id = `f-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy,
    autoComplete,
    maxLength,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children ?? (multiline ? <textarea {...common} /> : <input type={type} inputMode={inputMode} {...common} />)}
      <ErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function FormError({ errors }: { errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e} style={{ margin: 0 }}>
          {t(e)}
        </p>
      ))}
    </div>
  );
}
